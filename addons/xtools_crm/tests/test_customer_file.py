from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestContacts(XtoolsCrmCase):
    def _add_contact(self, customer, name, **vals):
        return self.env["res.partner"].create({"name": name, "parent_id": customer.partner_id.id, **vals})

    def test_first_contact_becomes_main_and_one_main_is_kept(self):
        customer = self.customer_a1
        self.assertFalse(customer.main_contact_id)
        first = self._add_contact(customer, "陈一")
        second = self._add_contact(customer, "陈二")
        self.assertEqual(customer.main_contact_id, first)
        self.assertTrue(first.xtools_is_main_contact)
        # Choosing another main contact: exactly one stays main.
        second.xtools_is_main_contact = True
        self.assertEqual(customer.main_contact_id, second)
        self.assertFalse(first.xtools_is_main_contact)
        self.assertEqual(self.env["res.partner"].search(
            [("xtools_is_main_contact", "=", True), ("parent_id", "=", customer.partner_id.id)]), second)
        # The main contact leaves: the next one takes over.
        second.action_archive()
        self.assertEqual(customer.main_contact_id, first)
        first.unlink()
        self.assertFalse(customer.main_contact_id)

    def test_contact_linked_to_customer(self):
        contact = self._add_contact(self.customer_a1, "林一", function="采购经理", xtools_department="采购部")
        self.assertEqual(contact.xtools_customer_id, self.customer_a1)
        self.assertEqual(self.customer_a1.contact_count, 1)
        # From the Contacts menu: choosing the customer files the contact under it.
        other = self.env["res.partner"].create({"name": "林二", "xtools_customer_id": self.customer_a2.id})
        self.assertEqual(other.parent_id, self.customer_a2.partner_id)

    def test_phones_stored_normalised_and_validated(self):
        contact = self._add_contact(self.customer_a1, "王五", mobile="138 0013 8000", phone="0571-8888 6666")
        self.assertEqual(contact.mobile, "+8613800138000")
        self.assertEqual(contact.phone, "+8657188886666")
        contact.mobile = "008613900139000"
        self.assertEqual(contact.mobile, "+8613900139000")
        with self.assertRaises(ValidationError) as error:
            contact.mobile = "12345"
        self.assertIn("12345", str(error.exception))
        customer = self.env["xtools.customer"].create(
            {"name": "归一化有限公司", "short_name": "归一化", "phone": "+86 10-6666-1234"}
        )
        self.assertEqual(customer.phone, "+861066661234")
        # Partners outside XTools CRM are left as they are.
        vendor = self.env["res.partner"].create({"name": "Vendor", "phone": "555-0100"})
        self.assertEqual(vendor.phone, "555-0100")

    def test_duplicates_refused(self):
        self.env["xtools.customer"].create({"name": "唯一有限公司", "short_name": "唯一", "mobile": "13800138000"})
        with self.assertRaises(ValidationError):
            self.env["xtools.customer"].create({"name": "唯一有限公司", "short_name": "唯一二"})
        with self.assertRaises(ValidationError):
            self.env["xtools.customer"].create(
                {"name": "张三", "customer_type": "individual", "phone": "+86 138 0013 8000"}
            )
        # Two people may share a name.
        self.env["xtools.customer"].create({"name": "王伟", "customer_type": "individual"})
        self.env["xtools.customer"].create({"name": "王伟", "customer_type": "individual"})

    def test_contacts_follow_customer_visibility(self):
        contact = self._add_contact(self.customer_a2, "隐藏联系人")
        Partner = self.env["res.partner"].with_user(self.sales_a1)
        self.assertFalse(Partner.search([("id", "=", contact.id)]))
        self.assertFalse(Partner.search([("id", "=", self.customer_a2.partner_id.id)]))
        self.assertNotIn(contact.id, [r[0] for r in Partner.name_search("隐藏联系人")])
        with self.assertRaises(AccessError):
            contact.with_user(self.sales_a1).read(["name"])
        self.customer_a2._share_with(self.sales_a1)
        self.assertEqual(Partner.search([("id", "=", contact.id)]), contact)
        # Partners of no customer (users, vendors) stay visible.
        self.assertTrue(Partner.search([("id", "=", self.sales_a2.partner_id.id)]))
        self.assertTrue(self.env["res.partner"].with_user(self.manager_a).search([("id", "=", contact.id)]))
        self.assertFalse(self.env["res.partner"].with_user(self.manager_b).search([("id", "=", contact.id)]))

    @users("t_sales_a1")
    def test_contact_created_from_customer_view(self):
        customer = self.customer_a1.with_user(self.env.user)
        with Form(customer) as form:
            with form.child_ids.new() as line:
                line.name = "表单联系人"
                line.mobile = "13700137000"
        self.assertEqual(customer.contact_ids.name, "表单联系人")
        self.assertEqual(customer.main_contact_id, customer.contact_ids)
        self.assertEqual(customer.contact_ids.mobile, "+8613700137000")


@tagged("post_install", "-at_install")
class TestLifecycleAndBatch(XtoolsCrmCase):
    def test_mark_lost_with_reason_and_reactivate(self):
        action = self.customer_a1.action_mark_lost()
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({"lost_reason": " "})
        with self.assertRaises(UserError):
            wizard.action_mark_lost()
        wizard.lost_reason = "转向竞争对手"
        wizard.action_mark_lost()
        self.assertEqual(self.customer_a1.lifecycle, "lost")
        self.assertEqual(self.customer_a1.lost_reason, "转向竞争对手")
        self.customer_a1.action_reactivate()
        self.assertEqual(self.customer_a1.lifecycle, "potential")

    def test_transfer_carries_open_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        activity = self.customer_a1.activity_schedule(activity_type_id=todo.id, user_id=self.sales_a1.id)
        kept = self.customer_a1.activity_schedule(activity_type_id=todo.id, user_id=self.manager_a.id)
        wizard = self.env["xtools.customer.batch.wizard"].with_user(self.sales_a1).create({
            "customer_ids": [Command.set(self.customer_a1.ids)], "operation": "transfer",
            "new_user_id": self.sales_a2.id, "carry_activities": True,
        })
        wizard.action_apply()
        self.assertEqual(activity.user_id, self.sales_a2, "the old owner's open task moves")
        self.assertEqual(kept.user_id, self.manager_a, "someone else's task stays")
        self.assertIn("×", self.customer_a1.message_ids[0].body)

    def test_transfer_without_carry_keeps_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        activity = self.customer_a1.activity_schedule(activity_type_id=todo.id, user_id=self.sales_a1.id)
        self.env["xtools.customer.batch.wizard"].create({
            "customer_ids": [Command.set(self.customer_a1.ids)], "operation": "transfer",
            "new_user_id": self.sales_a2.id, "carry_activities": False,
        }).action_apply()
        self.assertEqual(activity.user_id, self.sales_a1)

    def test_manager_batch_on_team_only(self):
        wizard = self.env["xtools.customer.batch.wizard"].with_user(self.manager_a).create({
            "customer_ids": [Command.set((self.customer_a1 | self.customer_a2).ids)], "operation": "share",
            "user_ids": [Command.set(self.sales_b1.ids)],
        })
        wizard.action_apply()
        self.assertEqual(self.customer_a1.shared_user_ids | self.customer_a2.shared_user_ids, self.sales_b1)
        self.customer_boss._share_with(self.manager_a)
        wizard = self.env["xtools.customer.batch.wizard"].with_user(self.manager_a).create({
            "customer_ids": [Command.set((self.customer_a1 | self.customer_boss).ids)], "operation": "transfer",
            "new_user_id": self.sales_a2.id,
        })
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertEqual(self.customer_a1.user_id, self.sales_a1, "nothing half-done")


@tagged("post_install", "-at_install")
class TestMassMessaging(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.main_a1 = Partner.create({"name": "主联系人", "parent_id": cls.customer_a1.partner_id.id,
                                      "email": "main@a1.example.cn", "mobile": "13800000001"})
        cls.other_a1 = Partner.create({"name": "无邮箱联系人", "parent_id": cls.customer_a1.partner_id.id,
                                       "mobile": "13800000002"})
        cls.vip = cls.env["xtools.customer.group"].create({"name": "群发测试组"})
        (cls.customer_a1 | cls.customer_a2).group_ids = cls.vip
        cls.customer_a2.email = "info@a2.example.cn"

    def _wizard(self, user=None, **vals):
        return self.env["xtools.customer.message.wizard"].with_user(user or self.sales_a1).with_context(
            active_model="xtools.customer.group", active_ids=self.vip.ids
        ).create(vals)

    def test_recipients_and_missing_are_listed(self):
        wizard = self._wizard(recipients="all")
        self.assertEqual(wizard.recipient_partner_ids, self.main_a1, "the salesperson only reaches their customers")
        self.assertEqual(wizard.missing_count, 1)
        self.assertIn("无邮箱联系人", wizard.missing_html)
        wizard.recipients = "main"
        self.assertEqual(wizard.recipient_partner_ids, self.main_a1)
        self.assertEqual(wizard.missing_count, 0)
        # SMS: both contacts have a mobile.
        wizard.write({"channel": "sms", "recipients": "all"})
        self.assertEqual(wizard.recipient_partner_ids, self.main_a1 | self.other_a1)
        # The boss reaches both customers; customer A2 has no contact: its own address is used.
        boss_wizard = self._wizard(user=self.boss, recipients="all")
        self.assertEqual(boss_wizard.recipient_partner_ids, self.main_a1 | self.customer_a2.partner_id)

    def test_mass_email_logged_on_customers(self):
        wizard = self._wizard(recipients="main")
        action = wizard.action_compose()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["context"]["default_composition_mode"], "mass_mail")
        composer = (
            self.env["mail.compose.message"].with_user(self.sales_a1).with_context(**action["context"]).create({})
        )
        self.assertEqual(composer.template_id, self.env.ref("xtools_crm.mail_template_customer_greeting"))
        composer._action_send_mail()
        self.assertTrue(self.env["mail.mail"].sudo().search([("recipient_ids", "in", self.main_a1.ids)]))
        note = self.customer_a1.message_ids[0]
        self.assertIn("主联系人", note.body)

    def test_mass_sms_logged_on_customers(self):
        wizard = self._wizard(channel="sms", recipients="all")
        action = wizard.action_compose()
        self.assertEqual(action["res_model"], "sms.composer")
        composer = self.env["sms.composer"].with_user(self.sales_a1).with_context(**action["context"]).create(
            {"body": "春节快乐，感谢您一年来的支持！"}
        )
        composer._action_send_sms()
        sms = self.env["sms.sms"].sudo().search([("partner_id", "in", (self.main_a1 | self.other_a1).ids)])
        self.assertEqual(len(sms), 2)
        self.assertIn("春节快乐", self.customer_a1.message_ids[0].body)

    def test_nobody_to_write_to(self):
        wizard = self.env["xtools.customer.message.wizard"].with_user(self.sales_b1).create(
            {"customer_ids": [Command.set(self.customer_b1.ids)]}
        )
        with self.assertRaises(UserError):
            wizard.action_compose()
