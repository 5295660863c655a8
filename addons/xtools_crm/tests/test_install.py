import importlib.util
import pathlib

from odoo.tests import tagged
from odoo.tools import convert_file

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestInstall(XtoolsCrmCase):
    def test_module_installed(self):
        """Installed at the manifest's version (``make test`` installs, then upgrades, the module before the tests and
        fails on any error of either step)."""
        module = self.env["ir.module.module"].search([("name", "=", "xtools_crm")])
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "18.0.1.3.0")
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

    def _migration(self, version, script):
        path = pathlib.Path(__file__).parent.parent / "migrations" / version / script
        spec = importlib.util.spec_from_file_location(f"xtools_crm_migration_{version.replace('.', '_')}", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        return migration

    def test_upgrade_from_18_0_1_0_0_removes_the_per_group_document_rules(self):
        """The migration to 18.0.1.1.0: the former per-group rules of the documents lived in a ``noupdate`` file, so
        an upgrade alone would keep them beside the new global rule; the migration removes them, and only them."""
        migration = self._migration("18.0.1.1.0", "post-migrate.py")
        # A database of 18.0.1.0.0 had such rules.
        Rule = self.env["ir.rule"]
        old = Rule.create(
            {
                "name": "XTools payment: of own or shared customers",
                "model_id": self.env["ir.model"]._get_id("xtools.payment"),
                "groups": [(4, self.env.ref("xtools_crm.group_sales").id)],
                "domain_force": "['|', ('customer_id.user_id', '=', user.id), "
                "('customer_id.shared_user_ids', 'in', user.id)]",
            }
        )
        self.env["ir.model.data"].create({
            "module": "xtools_crm", "name": "xtools_payment_rule_sales", "model": "ir.rule", "res_id": old.id,
            "noupdate": True,
        })
        current = self.env.ref("xtools_crm.xtools_payment_rule_customer")
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(old.exists())
        self.assertFalse(self.env.ref("xtools_crm.xtools_payment_rule_sales", raise_if_not_found=False))
        self.assertTrue(current.exists())
        self.assertTrue(self.env.ref("xtools_crm.xtools_customer_rule_sales").exists(), "the customer's own rules stay")

    def test_upgrade_from_18_0_1_1_0_renews_the_customer_rules(self):
        """The migration to 18.0.1.2.0: the customer's sales and manager rules (``noupdate``) read
        ``access_user_ids`` now. The migration removes the former ones, and loading the rules file, as the upgrade
        does next, creates them again with the new domains; the customers' access users are the owner and shares."""
        migration = self._migration("18.0.1.2.0", "pre-migrate.py")
        sales_rule = self.env.ref("xtools_crm.xtools_customer_rule_sales")
        sales_rule.domain_force = "['|', ('user_id', '=', user.id), ('shared_user_ids', 'in', user.id)]"
        pool_rule = self.env.ref("xtools_crm.xtools_customer_rule_pool")
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertFalse(sales_rule.exists())
        self.assertFalse(self.env.ref("xtools_crm.xtools_customer_rule_manager", raise_if_not_found=False))
        self.assertTrue(pool_rule.exists(), "the other rules stay")
        convert_file(self.env, "xtools_crm", "security/ir_rules.xml", {}, mode="update", noupdate=True)
        self.assertEqual(self.env.ref("xtools_crm.xtools_customer_rule_sales").domain_force,
                         "[('access_user_ids', 'in', user.id)]")
        self.assertTrue(self.env.ref("xtools_crm.xtools_customer_rule_manager").exists())
        customer = self.customer_a1
        customer.shared_user_ids = self.sales_b1
        self.assertEqual(customer.access_user_ids, self.sales_a1 | self.sales_b1)
        customer.user_id = self.sales_a2
        self.assertEqual(customer.access_user_ids, self.sales_a2 | self.sales_b1)

    def test_upgrade_from_18_0_1_2_0_renews_the_managers_rule(self):
        """The migration to 18.0.1.3.0: a manager's customer rule (``noupdate``) reads ``team_access_user_ids``
        now, not ``access_user_ids`` OR the owner's team leaders. The migration removes the former rule, loading the
        rules file creates it again with the new domain, and the salesperson's rule stays as it was."""
        migration = self._migration("18.0.1.3.0", "pre-migrate.py")
        manager_rule = self.env.ref("xtools_crm.xtools_customer_rule_manager")
        manager_rule.domain_force = (
            "['|', ('access_user_ids', 'in', user.id), ('user_id.crm_team_ids.user_id', '=', user.id)]"
        )
        sales_rule = self.env.ref("xtools_crm.xtools_customer_rule_sales")
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertFalse(manager_rule.exists())
        self.assertTrue(sales_rule.exists(), "the salesperson's rule stays")
        convert_file(self.env, "xtools_crm", "security/ir_rules.xml", {}, mode="update", noupdate=True)
        manager_rule = self.env.ref("xtools_crm.xtools_customer_rule_manager")
        self.assertEqual(manager_rule.domain_force, "[('team_access_user_ids', 'in', user.id)]")
        self.assertEqual(manager_rule.groups, self.env.ref("xtools_crm.group_manager"))
        self.assertEqual(sales_rule.domain_force, "[('access_user_ids', 'in', user.id)]")
        # The relation of the existing customers: the owner, the shares and the leader of the owner's team.
        self.customer_a1.shared_user_ids = self.sales_b1
        self.assertEqual(self.customer_a1.team_access_user_ids, self.sales_a1 | self.sales_b1 | self.manager_a)
        self.assertEqual(self.customer_b1.team_access_user_ids, self.sales_b1 | self.manager_b)
