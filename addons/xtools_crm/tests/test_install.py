from odoo.tests import tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestInstall(XtoolsCrmCase):
    def test_module_installed_and_upgradable(self):
        module = self.env["ir.module.module"].search([("name", "=", "xtools_crm")])
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "18.0.1.1.0")
        self.assertTrue(module.application)
        for dependency in ("mail", "calendar", "calendar_sms", "sms", "sales_team", "product",
                           "phone_validation", "base_import", "web"):
            self.assertIn(dependency, module.dependencies_id.mapped("name"))

    def test_group_chain(self):
        sales = self.env.ref("xtools_crm.group_sales")
        manager = self.env.ref("xtools_crm.group_manager")
        boss = self.env.ref("xtools_crm.group_boss")
        self.assertIn(sales, manager.implied_ids)
        self.assertIn(manager, boss.implied_ids)
        self.assertIn(self.env.ref("base.group_partner_manager"), sales.implied_ids)
        self.assertTrue(self.env.ref("base.user_admin").has_group("xtools_crm.group_boss"))
        # A salesperson is not a manager; a manager is a salesperson.
        self.assertFalse(self.sales_a1.has_group("xtools_crm.group_manager"))
        self.assertTrue(self.manager_a.has_group("xtools_crm.group_sales"))
        self.assertTrue(self.boss.has_group("xtools_crm.group_manager"))
        self.assertEqual(
            sales.category_id, self.env.ref("xtools_crm.module_category_xtools_crm"),
            "the three roles show as one selection on the user form",
        )

    def test_seeded_customer_groups_in_chinese(self):
        names = {
            "xtools_crm.customer_group_regular": "普通客户",
            "xtools_crm.customer_group_potential": "潜在客户",
            "xtools_crm.customer_group_partner": "合作伙伴",
            "xtools_crm.customer_group_vip": "VIP客户",
        }
        for xmlid, chinese in names.items():
            self.assertEqual(self.env.ref(xmlid).with_context(lang="zh_CN").name, chinese)

    def test_app_menu_in_chinese(self):
        menu = self.env.ref("xtools_crm.menu_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "销售管理")
        self.assertEqual(self.env.ref("xtools_crm.xtools_customer_menu").with_context(lang="zh_CN").name, "客户管理")

    def test_demo_company(self):
        self.assertTrue(self.env["ir.module.module"].search([("name", "=", "xtools_crm")]).demo)
        customers = self.env["xtools.customer"].search([("id", "in", self._demo_ids("xtools.customer"))])
        self.assertGreaterEqual(len(customers), 20)
        self.assertEqual(set(customers.mapped("customer_type")), {"company", "individual"})
        self.assertGreaterEqual(len(customers.user_id), 4)
        self.assertGreaterEqual(len(customers.group_ids), 4)
        manager = self.env.ref("xtools_crm.user_manager")
        team = self.env.ref("xtools_crm.team_east")
        self.assertEqual(team.user_id, manager)
        self.assertEqual(len(team.member_ids.filtered(lambda u: u.has_group("xtools_crm.group_sales"))
                             - manager), 2)
        self.assertEqual(self.env.ref("xtools_crm.user_sales1").lang, "zh_CN")

    def _demo_ids(self, model):
        return self.env["ir.model.data"].search([("module", "=", "xtools_crm"), ("model", "=", model)]).mapped("res_id")
