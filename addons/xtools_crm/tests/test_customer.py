from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestCustomer(XtoolsCrmCase):
    def test_enterprise_customer_needs_short_name(self):
        with self.assertRaises(ValidationError) as error:
            self.env["xtools.customer"].create({"name": "无简称有限公司", "customer_type": "company"})
        self.assertIn("无简称有限公司", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["xtools.customer"].create({"name": "空白简称有限公司", "short_name": "  "})
        # Turning an individual into an enterprise also needs one.
        person = self.env["xtools.customer"].create({"name": "王小明", "customer_type": "individual"})
        with self.assertRaises(ValidationError):
            person.customer_type = "company"

    def test_nothing_half_written_on_error(self):
        partners_before = self.env["res.partner"].search_count([])
        with self.assertRaises(ValidationError):
            self.env["xtools.customer"].create([
                {"name": "好客户有限公司", "short_name": "好客户"},
                {"name": "坏客户有限公司"},
            ])
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(self.env["xtools.customer"].search([("name", "=", "好客户有限公司")]))

    def test_customer_type_in_step_with_is_company(self):
        person = self.env["xtools.customer"].create({"name": "李四", "customer_type": "individual"})
        self.assertFalse(person.partner_id.is_company)
        company = self.env["xtools.customer"].create({"name": "四海有限公司", "short_name": "四海"})
        self.assertEqual(company.customer_type, "company", "enterprise is the default type")
        self.assertTrue(company.partner_id.is_company)

        person.write({"customer_type": "company", "short_name": "李四工作室"})
        self.assertTrue(person.partner_id.is_company)
        # The other way round: a change made on the partner shows on the customer.
        company.partner_id.is_company = False
        self.assertEqual(company.customer_type, "individual")
        individual = self.env["xtools.customer"].with_context(default_customer_type="individual").create(
            {"name": "赵六"}
        )
        self.assertEqual(individual.customer_type, "individual")
        self.assertFalse(individual.partner_id.is_company)

    def test_code_from_sequence(self):
        first = self.env["xtools.customer"].create({"name": "编号一有限公司", "short_name": "编号一"})
        second = self.env["xtools.customer"].create({"name": "编号二有限公司", "short_name": "编号二"})
        self.assertTrue(first.code.startswith(f"KH{date.today().year}"))
        self.assertNotEqual(first.code, second.code)
        self.assertFalse(first.copy({"name": "编号一副本"}).code == first.code)

    def test_batch_codes_and_chatters(self):
        """A batch of customers (an import) takes consecutive codes from the one sequence; each customer's chatter
        logs its creation and has its creator as follower, its delegated partner keeps no second history, and the
        contacts created with it are contacts of its partner with their own chatter."""
        customers = self.env["xtools.customer"].with_user(self.sales_a1).create([
            {"name": f"批量{i}有限公司", "short_name": f"批量{i}",
             "child_ids": [Command.create({"name": f"联系人{i}", "mobile": f"1391000000{i}"})]}
            for i in range(3)
        ])
        numbers = [int(code[-5:]) for code in customers.mapped("code")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        for customer in customers:
            self.assertTrue(customer.message_ids, "the customer's creation is logged")
            self.assertIn(self.sales_a1.partner_id, customer.message_partner_ids)
            self.assertFalse(customer.partner_id.message_ids, "no second history on its partner")
            contact = customer.child_ids
            self.assertEqual(len(contact), 1)
            self.assertEqual(customer.main_contact_id, contact)
            self.assertEqual(contact.mobile[:3], "+86", "the contact's mobile is normalised")
            self.assertTrue(contact.message_ids, "the contact's creation is logged on its own chatter")

    def test_partner_kept_in_step(self):
        customer = self.customer_a1
        self.assertEqual(customer.partner_id.user_id, self.sales_a1)
        self.assertEqual(customer.partner_id.company_id, self.company)
        customer.action_archive()
        self.assertFalse(customer.partner_id.active)
        customer.action_unarchive()
        self.assertTrue(customer.partner_id.active)

    def test_lost_needs_reason(self):
        with self.assertRaises(ValidationError):
            self.customer_a1.lifecycle = "lost"
        self.customer_a1.write({"lifecycle": "lost", "lost_reason": "预算取消"})
        self.assertEqual(self.customer_a1.lifecycle, "lost")
        self.customer_a1.lifecycle = "potential"
        self.assertFalse(self.customer_a1.lost_reason)

    def test_name_search_by_short_name_and_code(self):
        Customer = self.env["xtools.customer"]
        self.assertIn(self.customer_a1.id, [r[0] for r in Customer.name_search("甲一")])
        self.assertIn(self.customer_a1.id, [r[0] for r in Customer.name_search(self.customer_a1.code)])

    @users("t_sales_a1")
    def test_form_creates_enterprise_customer(self):
        form = Form(self.env["xtools.customer"])
        self.assertEqual(form.customer_type, "company")
        self.assertEqual(form.user_id, self.sales_a1)
        form.name = "表单创建有限公司"
        form.short_name = "表单创建"
        form.phone = "+86 571 8888 6666"
        customer = form.save()
        self.assertEqual(customer.user_id, self.sales_a1)
        self.assertTrue(customer.partner_id.is_company)
        self.assertEqual(customer.lifecycle, "potential")

    @users("t_sales_a1")
    def test_share_and_transfer_logged_in_chatter(self):
        customer = self.customer_a1.with_user(self.env.user)
        wizard = self.env["xtools.customer.batch.wizard"].with_context(
            active_model="xtools.customer", active_ids=customer.ids
        ).create({"operation": "share", "user_ids": [(6, 0, self.sales_a2.ids)]})
        wizard.action_apply()
        self.assertEqual(customer.shared_user_ids, self.sales_a2)
        self.assertIn("销售A2", customer.message_ids[0].body)

        wizard = self.env["xtools.customer.batch.wizard"].create(
            {"customer_ids": [(6, 0, customer.ids)], "operation": "transfer", "new_user_id": self.sales_a2.id}
        )
        wizard.action_apply()
        self.assertEqual(self.customer_a1.user_id, self.sales_a2)
        self.assertFalse(self.customer_a1.shared_user_ids, "the new owner no longer needs the share")
        body = self.customer_a1.message_ids[0].body
        self.assertIn("销售A1", body)
        self.assertIn("销售A2", body)

    def test_wizard_refuses_incomplete_input(self):
        wizard = self.env["xtools.customer.batch.wizard"].create(
            {"customer_ids": [(6, 0, self.customer_a1.ids)], "operation": "transfer"}
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        wizard.operation = "share"
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)

    def test_customer_group_counts(self):
        vip = self.env.ref("xtools_crm.customer_group_vip")
        self.customer_a1.group_ids = vip
        self.customer_a2.group_ids = vip
        self.assertEqual(vip.with_user(self.sales_a1).customer_count, 1, "counted under the user's rules")
        self.assertGreaterEqual(vip.with_user(self.boss).customer_count, 2)

    def test_level_in_list_kanban_and_search(self):
        """The level 客户级别 is a column, a badge on the card, and a filter and group-by of the search."""
        self.customer_a1.level = "a"
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        views = Customer.get_views([(False, "list"), (False, "kanban"), (False, "search")])["views"]
        for view_type in ("list", "kanban"):
            arch = etree.fromstring(views[view_type]["arch"])
            self.assertTrue(arch.xpath("//field[@name='level']"), view_type)
        search = etree.fromstring(views["search"]["arch"])
        self.assertEqual(search.xpath("//filter[@name='level_a']/@domain"), ["[('level', '=', 'a')]"])
        self.assertTrue(search.xpath("//filter[@name='groupby_level']"))
        self.assertEqual(Customer.search([("level", "=", "a")]), self.customer_a1)
        groups = Customer.read_group([], ["level"], ["level"])
        self.assertIn(("a", 1), [(g["level"], g["level_count"]) for g in groups])
