import io

import openpyxl

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import XtoolsCrmCase
from .import_common import XlsxImportMixin


@tagged("post_install", "-at_install")
class TestCustomerImport(XlsxImportMixin, XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.env.user.lang = "zh_CN"

    def _template_rows(self, filename):
        with file_open(f"xtools_crm/static/xls/{filename}", "rb") as f:
            sheet = openpyxl.load_workbook(io.BytesIO(f.read())).active
        return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]

    def test_templates_offered(self):
        templates = self.env["xtools.customer"].get_import_templates()
        self.assertEqual(
            [t["template"] for t in templates],
            ["/xtools_crm/static/xls/xtools_customer_enterprise.xlsx",
             "/xtools_crm/static/xls/xtools_customer_individual.xlsx"],
        )

    def test_enterprise_template_maps_and_imports(self):
        rows = self._template_rows("xtools_customer_enterprise.xlsx")
        fields, result = self._import(self._xlsx(rows))
        self.assertNotIn(False, fields, "every Chinese column header maps to a field without manual matching")
        self.assertFalse(result["messages"], result["messages"])
        customer = self.env["xtools.customer"].search([("short_name", "=", "示例精密"), ("id", "in", result["ids"])])
        self.assertEqual(len(result["ids"]), 2)
        self.assertEqual(customer.customer_type, "company")
        self.assertEqual(customer.phone, "+8651266668888", "phones are stored in E.164")
        self.assertEqual(customer.state_id, self.env.ref("base.state_cn_JS"))
        self.assertEqual(customer.contact_ids.mapped("name"), ["赵六", "钱七"], "contacts imported with the customer")
        self.assertEqual(customer.main_contact_id.name, "赵六")
        self.assertEqual(customer.contact_ids[0].mobile, "+8613801010091")
        self.assertEqual(customer.group_ids, self.env.ref("xtools_crm.customer_group_vip"))
        self.assertEqual(customer.level, "a", "the customer level by its Chinese label")
        self.assertEqual(customer.user_id, self.env.user, "the importer owns what they import")

    def test_individual_template_maps_and_imports(self):
        rows = self._template_rows("xtools_customer_individual.xlsx")
        fields, result = self._import(self._xlsx(rows))
        self.assertNotIn(False, fields)
        self.assertFalse(result["messages"], result["messages"])
        people = self.env["xtools.customer"].browse(result["ids"])
        self.assertEqual(set(people.mapped("customer_type")), {"individual"})
        self.assertEqual(set(people.mapped("mobile")), {"+8613812340001", "+8613923450002"})
        self.assertEqual(set(people.mapped("level")), {"b", "c"})

    def test_bad_rows_import_nothing_and_are_all_reported(self):
        self.env["xtools.customer"].create(
            {"name": "已存在有限公司", "short_name": "已存在", "phone": "0571-88886666"}
        )
        header = ["名称", "助记名称", "客户类型", "电话"]
        rows = [
            header,
            ["好客户有限公司", "好客户", "企业客户", "0571-81112222"],   # line 2: fine
            ["已存在有限公司", "重名", "企业客户", "0571-83334444"],     # line 3: same name
            ["撞号有限公司", "撞号", "企业客户", "+86 571 8888 6666"],    # line 4: same normalised phone
            ["坏号有限公司", "坏号", "企业客户", "12345"],               # line 5: not a phone number
            ["无简称有限公司", "", "企业客户", "0571-85556666"],          # line 6: no short name
        ]
        before = self.env["xtools.customer"].search_count([])
        fields, result = self._import(self._xlsx(rows), dryrun=True)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(sorted(m["rows"]["from"] + 2 for m in errors), [3, 4, 5, 6],
                         "every bad row is reported with its line (header is line 1)")
        text = " ".join(m["message"] for m in errors)
        self.assertIn("已存在有限公司", text)
        self.assertIn("0571-8888 6666", text)  # the duplicate number, as the user reads it
        self.assertIn("12345", text)
        _fields, result = self._import(self._xlsx(rows))
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["xtools.customer"].search_count([]), before, "nothing imported")
        self.assertFalse(self.env["xtools.customer"].search([("name", "=", "好客户有限公司")]))

    def test_sales_user_imports_their_own(self):
        rows = [["名称", "助记名称", "电话"], ["销售导入有限公司", "销售导入", "0571-87778888"]]
        _fields, result = self._import(self._xlsx(rows), user=self.sales_a1)
        self.assertFalse(result["messages"], result["messages"])
        customer = self.env["xtools.customer"].browse(result["ids"])
        self.assertEqual(customer.user_id, self.sales_a1)

    def test_many_rows_in_one_go(self):
        rows = [["名称", "助记名称", "手机"]] + [
            [f"批量客户{i:04d}有限公司", f"批量{i:04d}", f"1390000{i:04d}"] for i in range(300)
        ]
        _fields, result = self._import(self._xlsx(rows))
        self.assertFalse(result["messages"], result["messages"][:3])
        self.assertEqual(len(result["ids"]), 300)
