import base64
import io
from datetime import date, timedelta

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestReportExport(XtoolsContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        contract = cls._contract(cls.customer_a1, amount=40000.0, sign_date=date(2025, 3, 5))
        cls._contract(cls.customer_a2, amount=20000.0, sign_date=date(2025, 3, 12))
        cls._contract(cls.customer_b1, amount=90000.0, sign_date=date(2025, 3, 20))
        cls._contract(cls.customer_a1, amount=5000.0, sign_date=date(2025, 4, 2), name="四月")
        cls._pay(contract, 10000.0, date=date(2025, 3, 25))
        for user, amount in ((cls.sales_a1, 80000.0), (cls.sales_a2, 40000.0)):
            cls.env["xtools.sales.target"].create({"user_id": user.id, "year": 2025, "month": "3", "amount": amount})

    def _export(self, user, lang="zh_CN", **values):
        wizard = self.env["xtools.report.export.wizard"].with_user(user).with_context(lang=lang).create(values)
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/xtools.report.export.wizard/{wizard.id}/file_data/", action["url"])
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)), data_only=True), wizard

    @staticmethod
    def _rows(sheet):
        return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]

    def test_monthly_sales_report_workbook(self):
        book, wizard = self._export(self.boss, date_from=date(2025, 3, 1), date_to=date(2025, 3, 31),
                                    team_ids=[(6, 0, (self.team_a | self.team_b).ids)])
        self.assertEqual(book.sheetnames, ["汇总", "Team A", "Team B"])
        self.assertTrue(wizard.file_name.startswith("销售月报"))
        team_a = book["Team A"]
        rows = self._rows(team_a)
        self.assertEqual(rows[0], ["销售员", "合同数", "合同金额", "合同目标", "合同完成率", "回款金额", "回款目标",
                                   "回款完成率", "新增客户", "行动记录"])
        self.assertEqual(team_a.freeze_panes, "B4", "header row and name column frozen")
        self.assertTrue(team_a["A3"].font.bold)
        body = {row[0]: row for row in rows[1:-1]}
        self.assertEqual(body["销售A1"][1:8], [1, 40000.0, 80000.0, 0.5, 10000.0, 0.0, 0.0])
        self.assertEqual(body["销售A2"][1:5], [1, 20000.0, 40000.0, 0.5])
        self.assertEqual(rows[-1][:5], ["合计", 2, 60000.0, 120000.0, 0.5])
        self.assertEqual(team_a.cell(row=5, column=3).number_format, "#,##0.00")
        self.assertEqual(team_a.cell(row=5, column=5).number_format, "0.0%")
        self.assertEqual(team_a.cell(row=6, column=3).value, 60000.0)
        summary = self._rows(book["汇总"])
        self.assertEqual(summary[0][0], "销售团队")
        self.assertEqual([row[:3] for row in summary[1:]], [["Team A", 2, 60000.0], ["Team B", 1, 90000.0],
                                                            ["合计", 3, 150000.0]])

    def test_export_obeys_the_rules(self):
        book, _wizard = self._export(self.manager_a, date_from=date(2025, 3, 1), date_to=date(2025, 3, 31),
                                     team_ids=[(6, 0, (self.team_a | self.team_b).ids)])
        self.assertEqual(self._rows(book["Team B"])[-1][:3], ["合计", 0, 0], "another team's contracts stay hidden")
        # By default, the teams the user leads or belongs to.
        book, _wizard = self._export(self.manager_a, date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
        self.assertEqual(book.sheetnames, ["汇总", "Team A"])

    def test_receivables_workbook(self):
        today = self.env["xtools.daily.report"]._company_today(self.company)
        customer = self.env["xtools.customer"].create({"name": "丁账龄有限公司", "short_name": "丁账龄",
                                                       "user_id": self.sales_a2.id})
        self._contract(customer, amount=30000.0, sign_date=today - timedelta(days=100), plans=[
            (today - timedelta(days=95), 10000.0), (today - timedelta(days=40), 10000.0),
            (today + timedelta(days=10), 10000.0)], name="账龄")
        book, wizard = self._export(self.boss, report_type="receivable", team_ids=[(6, 0, self.team_a.ids)])
        self.assertTrue(wizard.file_name.startswith("应收账龄"))
        self.assertEqual(book.sheetnames, ["汇总", "Team A"])
        rows = self._rows(book["Team A"])
        self.assertEqual(rows[0], ["客户", "销售员", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "逾期合计",
                                   "应收合计"])
        line = next(row for row in rows if row[0] == customer.display_name)
        self.assertEqual(line[1:], ["销售A2", 10000.0, 0.0, 10000.0, 0.0, 10000.0, 20000.0, 30000.0])
        self.assertEqual(rows[-1][0], "合计")
        self.assertEqual(book["Team A"].freeze_panes, "B4")
        summary = self._rows(book["汇总"])
        self.assertEqual(summary[1][:2], ["Team A", "经理A"])

    def test_bad_period(self):
        with self.assertRaises(UserError):
            self.env["xtools.report.export.wizard"].create({"date_from": date(2025, 3, 31),
                                                           "date_to": date(2025, 3, 1)})
