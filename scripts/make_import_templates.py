"""Write the two customer import templates (enterprise, individual) offered by xtools.customer.

Headers are the Chinese field labels a zh_CN user sees, so Odoo's import maps every column without manual
matching (tests/test_import.py checks it). Run: .venv/bin/python scripts/make_import_templates.py
"""
import os

import xlsxwriter

OUT = os.path.join(os.path.dirname(__file__), "..", "addons", "xtools_crm", "static", "xls")

CONTACT_COLUMNS = ["联系人/名称", "联系人/工作职位", "联系人/手机", "联系人/邮箱"]
TEMPLATES = {
    "xtools_customer_enterprise.xlsx": (
        ["名称", "助记名称", "客户类型", "客户级别", "客户分组", "客户来源", "行业", "电话", "邮箱", "网站链接", "省份",
         "城市", "街道"]
        + CONTACT_COLUMNS,
        [
            ["苏州示例精密仪器有限公司", "示例精密", "企业客户", "A 重点客户", "VIP客户", "客户介绍", "", "0512-6666 8888",
             "info@shili-jingmi.example.cn", "https://www.shili-jingmi.example.cn", "江苏省", "苏州", "工业园区星湖街1号",
             "赵六", "总经理", "13801010091", "zhaoliu@shili-jingmi.example.cn"],
            ["", "", "", "", "", "", "", "", "", "", "", "", "", "钱七", "采购经理", "13801010092",
             "qianqi@shili-jingmi.example.cn"],
            ["青岛示例海洋科技有限公司", "示例海洋", "企业客户", "B 普通客户", "潜在客户", "展会", "", "0532-8888 6666", "", "",
             "山东省", "青岛", "崂山区海尔路1号", "孙八", "IT总监", "13901020093", ""],
        ],
    ),
    "xtools_customer_individual.xlsx": (
        ["名称", "客户类型", "客户级别", "客户分组", "客户来源", "手机", "电话", "邮箱", "省份", "城市", "街道"],
        [
            ["周示例", "个人客户", "B 普通客户", "普通客户", "客户介绍", "13812340001", "", "zhoushili@example.cn", "浙江省",
             "杭州", ""],
            ["吴示例", "个人客户", "C 非优先客户", "潜在客户", "网站", "13923450002", "", "", "上海市", "上海", ""],
        ],
    ),
}

for filename, (headers, rows) in TEMPLATES.items():
    workbook = xlsxwriter.Workbook(os.path.join(OUT, filename))
    sheet = workbook.add_worksheet("客户")
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2"})
    text = workbook.add_format({"num_format": "@"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, max(12, len(header) * 2 + 4), text)
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value:
                sheet.write_string(row, col, value)
    sheet.freeze_panes(1, 0)
    workbook.close()
    print("wrote", filename)
