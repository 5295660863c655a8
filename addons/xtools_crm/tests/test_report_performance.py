from datetime import date, timedelta

from lxml import etree

from odoo.tests import tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestReportQueryCounts(XtoolsCrmCase):
    """The daily report and target lists cost the same number of queries whatever the number of rows."""

    def _count_queries(self, model, user, domain):
        Model = self.env[model].with_user(user)
        arch = Model.get_views([(False, "list")])["views"]["list"]["arch"]
        names = {node.get("name") for node in etree.fromstring(arch).iter("field")}
        spec = {
            name: ({"fields": {"display_name": {}}} if Model._fields[name].relational else {})
            for name in names if name in Model._fields
        }
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        records = Model.web_search_read(domain, spec, limit=80)
        self.assertTrue(records["records"])
        return self.env.cr.sql_log_count - before

    def _warm_count(self, *args):
        self._count_queries(*args)
        return self._count_queries(*args)

    def test_daily_report_list(self):
        Report = self.env["xtools.daily.report"]
        start = date(2024, 1, 1)
        Report._generate(self.sales_a1, start)
        domain = [("date", ">=", start), ("date", "<", start + timedelta(days=40))]
        small = self._warm_count("xtools.daily.report", self.manager_a, domain)
        for offset in range(1, 30):
            Report._generate(self.sales_a1 | self.sales_a2, start + timedelta(days=offset))
        large = self._warm_count("xtools.daily.report", self.manager_a, domain)
        self.assertEqual(small, large, "queries for 1 report vs 59 reports")

    def test_target_list_with_achievement(self):
        Target = self.env["xtools.sales.target"]
        Target.create([{"user_id": user.id, "year": 2024, "month": "1", "amount": 100.0, "target_type": target_type}
                       for user in (self.sales_a1, self.sales_a2) for target_type in ("contract", "payment")]
                      + [{"team_id": self.team_a.id, "year": 2024, "month": "1", "amount": 500.0}])
        small = self._warm_count("xtools.sales.target", self.manager_a, [("year", "=", 2024)])
        Target.create([
            {"user_id": user.id, "year": 2024, "month": str(month), "amount": 100.0, "target_type": target_type}
            for user in (self.sales_a1, self.sales_a2) for month in range(2, 13)
            for target_type in ("contract", "payment")
        ] + [{"team_id": self.team_a.id, "year": 2024, "month": str(month), "amount": 500.0} for month in range(2, 13)])
        large = self._warm_count("xtools.sales.target", self.manager_a, [("year", "=", 2024)])
        self.assertEqual(small, large, "queries for 5 targets vs 60 targets")
