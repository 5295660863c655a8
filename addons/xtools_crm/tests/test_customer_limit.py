

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .import_common import XlsxImportMixin
from .pool_common import XtoolsPoolCase


@tagged("post_install", "-at_install")
class TestOwnedCustomerLimit(XlsxImportMixin, XtoolsPoolCase):
    """``xtools_crm.max_customers_per_user`` on every path that gives a customer an owner."""

    def _limit(self, limit, counts_signed=False):
        params = self.env["ir.config_parameter"]
        params.set_param("xtools_crm.max_customers_per_user", limit)
        params.set_param("xtools_crm.limit_counts_signed", counts_signed)

    def assertLimitError(self, error, user, count, limit):
        message = str(error.exception)
        self.assertIn(user.name, message)
        self.assertIn(f"would own {count} customers", message)
        self.assertIn(f"the limit is {limit} customers", message)

    def test_boss_sets_the_limit_on_the_settings_page(self):
        """Settings → 公海规则: the boss sets the customers per salesperson and whether signed ones count; the
        section opens the pools."""
        Settings = self.env["xtools.crm.settings"].with_user(self.boss)
        arch = Settings.get_views([(self.env.ref("xtools_crm.xtools_crm_settings_view_form").id, "form")])[
            "views"]["form"]["arch"]
        for fragment in ('name="xtools_customer_pool"', "xtools_max_customers_per_user", "xtools_limit_counts_signed",
                         f'name="{self.env.ref("xtools_crm.xtools_customer_pool_action").id}"'):
            self.assertIn(fragment, arch)
        Settings.create({"xtools_max_customers_per_user": 2, "xtools_limit_counts_signed": True}).execute()
        self.assertEqual(self.env["xtools.customer"]._get_customer_limit(), (2, True))
        self.assertEqual(Settings.create({}).xtools_max_customers_per_user, 2, "the page reads back what was saved")
        with self.assertRaises(ValidationError) as error:
            Settings.create({"xtools_max_customers_per_user": -1})
        self.assertIn("-1", str(error.exception))

    def test_no_limit_by_default(self):
        self.assertEqual(self.env["xtools.customer"]._get_customer_limit(), (0, False))
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        Customer.create([{"name": f"无限客户{i}有限公司", "short_name": f"无限{i}"} for i in range(5)])

    def test_create(self):
        self._limit(2)
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        Customer.create({"name": "第二个有限公司", "short_name": "第二个"})
        with self.assertRaises(UserError) as error:
            Customer.create({"name": "第三个有限公司", "short_name": "第三个"})
        self.assertLimitError(error, self.sales_a1, 3, 2)
        self.assertIn("signed customers not counted", str(error.exception))
        self.assertFalse(self.env["xtools.customer"].search([("name", "=", "第三个有限公司")]), "nothing half-written")
        # A manager creating for a member of their team hits the member's limit.
        with self.assertRaises(UserError):
            self.env["xtools.customer"].with_user(self.manager_a).create(
                {"name": "代建有限公司", "short_name": "代建", "user_id": self.sales_a1.id})

    def test_signed_customers_counted_or_not(self):
        self._limit(1)
        self.customer_a1.lifecycle = "customer"
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        Customer.create({"name": "潜在一有限公司", "short_name": "潜在一"})
        self.env["ir.config_parameter"].set_param("xtools_crm.limit_counts_signed", True)
        with self.assertRaises(UserError) as error:
            Customer.create({"name": "潜在二有限公司", "short_name": "潜在二"})
        self.assertLimitError(error, self.sales_a1, 3, 1)
        self.assertNotIn("not counted", str(error.exception))

    def test_import(self):
        self._limit(2)
        rows = [["名称", "助记名称"], ["导入一有限公司", "导入一"], ["导入二有限公司", "导入二"],
                ["导入三有限公司", "导入三"]]
        _fields, result = self._import(self._xlsx(rows), dryrun=True, user=self.sales_a1, messages_lang="en_US")
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(sorted(m["rows"]["from"] + 2 for m in errors), [3, 4],
                         "the rows beyond the limit are reported on their lines")
        self.assertIn("the limit is 2 customers", errors[0]["message"])

    def test_claim(self):
        self._limit(1)
        self._release(self.customer_a1)
        with self.assertRaises(UserError) as error:
            self.customer_a1.with_user(self.sales_a2).action_claim()
        self.assertLimitError(error, self.sales_a2, 2, 1)
        self.assertEqual(self.customer_a1.pool_id, self.pool, "still in the pool")
        self.assertFalse(self.env["xtools.customer.pool.log"].search(
            [("customer_id", "=", self.customer_a1.id), ("operation", "=", "claim")]))

    def test_assignment(self):
        self._limit(2)
        extra = self._customer("甲外一公司", self.sales_a2)
        self._release(self.customer_a2 | extra, user=self.sales_a2)
        wizard = self.env["xtools.customer.pool.assign.wizard"].with_user(self.manager_a).create({
            "customer_ids": [Command.set((self.customer_a2 | extra).ids)], "user_id": self.sales_a1.id})
        with self.assertRaises(UserError) as error:
            wizard.action_assign()
        self.assertLimitError(error, self.sales_a1, 3, 2)
        self.assertEqual((self.customer_a2 | extra).pool_id, self.pool, "nothing assigned")

    def test_transfer(self):
        self._limit(1)
        wizard = self.env["xtools.customer.batch.wizard"].with_user(self.sales_a2).create({
            "customer_ids": [Command.set(self.customer_a2.ids)], "operation": "transfer",
            "new_user_id": self.sales_a1.id,
        })
        with self.assertRaises(UserError) as error:
            wizard.action_apply()
        self.assertLimitError(error, self.sales_a1, 2, 1)
        self.assertEqual(self.customer_a2.user_id, self.sales_a2)
        with self.assertRaises(UserError):
            self.customer_a2.with_user(self.manager_a)._transfer_to(self.sales_a1)
        self.customer_a2.with_user(self.manager_a)._transfer_to(self.manager_a)
        self.assertEqual(self.customer_a2.user_id, self.manager_a)
