from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestCustomerQueryCounts(XtoolsCrmCase):
    """The customer list and kanban cost the same number of queries whatever the number of customers."""

    def _make_customers(self, count, prefix):
        groups = self.env["xtools.customer.group"].search([], limit=2)
        customers = self.env["xtools.customer"].create([
            {
                "name": f"{prefix}查询客户{i:04d}有限公司",
                "short_name": f"{prefix}查询{i:04d}",
                "user_id": self.sales_a1.id,
                "group_ids": [Command.set(groups.ids)],
                "shared_user_ids": [Command.set(self.sales_a2.ids)],
                "child_ids": [Command.create({"name": f"联系人{i}", "mobile": f"1370000{i:04d}"})],
            }
            for i in range(count)
        ])
        self.env.invalidate_all()
        return customers

    def _count_queries(self, view_type, domain):
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        arch = Customer.get_views([(False, view_type)])["views"][view_type]["arch"]
        names = {node.get("name") for node in etree.fromstring(arch).iter("field")}
        spec = {
            name: ({"fields": {"display_name": {}}} if Customer._fields[name].relational else {})
            for name in names if name in Customer._fields
        }
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        records = Customer.web_search_read(domain, spec, limit=80)
        self.assertTrue(records["records"])
        return self.env.cr.sql_log_count - before

    def _warm_count(self, view_type, domain):
        self._count_queries(view_type, domain)  # warm the caches (rules, views, translations)
        return self._count_queries(view_type, domain)

    def test_list_and_kanban_queries_do_not_grow(self):
        self._make_customers(5, "甲")
        small = {vt: self._warm_count(vt, [("name", "like", "甲查询")]) for vt in ("list", "kanban")}
        self._make_customers(60, "乙")
        large = {vt: self._warm_count(vt, [("name", "like", "查询客户")]) for vt in ("list", "kanban")}
        self.assertEqual(small, large, "queries for 5 customers vs 65 customers")
