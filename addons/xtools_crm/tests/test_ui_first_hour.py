from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFirstHourTours(HttpCase):
    """The screen flows of a sales team's first hour (issue 15), replayed in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        cls.user = new_test_user(
            cls.env, login="t_tour_first_hour", groups="xtools_crm.group_sales", name="首小时销售"
        )
        cls.customer = cls.env["xtools.customer"].with_user(cls.user).create(
            {"name": "杭州沃力森巡游有限公司", "short_name": "沃力森巡游", "phone": "0571 8123 4567"}
        )
        cls.contract = cls.env["xtools.contract"].with_user(cls.user).create({
            "name": "巡游签约合同",
            "customer_id": cls.customer.id,
            "amount": 10000,
            "plan_ids": [Command.create({"due_date": date.today(), "amount": 10000})],
        })
        cls.contract.action_sign()
        cls.env["xtools.opportunity"].with_user(cls.user).create(
            {"name": "巡游漏斗机会", "customer_id": cls.customer.id, "expected_amount": 220000}
        )

    def test_pick_customer_in_every_new_form(self):
        self.env.ref("base.group_user").implied_ids |= self.env.ref("xtools_crm.group_use_opportunity")
        self.start_tour("/odoo/xtools-customers", "xtools_pick_customer_from_menus", login="t_tour_first_hour")
        contract = self.env["xtools.contract"].search([("name", "=", "巡游菜单合同")])
        self.assertEqual(contract.customer_id, self.customer)
        self.assertEqual(contract.company_id, self.user.company_id)
        self.assertRegex(contract.display_name, r"^\[HT\d+\] 巡游菜单合同$")
        opportunity = self.env["xtools.opportunity"].search([("name", "=", "巡游菜单机会")])
        self.assertEqual(opportunity.customer_id, self.customer)

    def test_second_payment_on_the_same_day(self):
        self.env["xtools.payment"].with_user(self.user).create(
            {"contract_id": self.contract.id, "amount": 1000, "date": date.today()}
        )
        self.start_tour(
            f"/odoo/xtools-contracts/{self.contract.id}", "xtools_two_payments_same_day", login="t_tour_first_hour"
        )
        self.assertEqual(sorted(self.contract.payment_ids.mapped("amount")), [500, 1000, 2000])
        self.assertEqual(self.contract.plan_ids.paid_amount, 3500)
        self.assertEqual(self.contract.plan_ids.state, "partial")

    def test_schedule_from_the_menu_has_its_customer(self):
        contact = self.env["res.partner"].with_user(self.user).create(
            {"name": "巡游联系人", "parent_id": self.customer.partner_id.id}
        )
        self.start_tour("/odoo/xtools-schedules", "xtools_schedule_from_menu", login="t_tour_first_hour")
        event = self.env["calendar.event"].search([("name", "=", "菜单新建的拜访")])
        self.assertEqual(event.xtools_customer_id, self.customer)
        self.assertEqual(event.xtools_contact_id, contact)
        self.assertIn(contact, event.partner_ids)
        # It waits in My Tasks as well.
        self.assertEqual(event.activity_ids.res_id, self.customer.id)
        self.assertEqual(event.activity_ids.user_id, self.user)

    def test_plan_task_from_customer_offers_sms_reminder(self):
        self.start_tour(f"/odoo/xtools-customers/{self.customer.id}", "xtools_plan_task_with_sms",
                        login="t_tour_first_hour")
        task = self.customer.activity_ids.filtered(lambda a: a.summary == "带短信提醒的任务")
        self.assertTrue(task.xtools_sms_reminder)
        self.assertTrue(task.xtools_sms_remind_at)
        self.assertEqual(task.xtools_sms_state, "pending")


    def test_print_without_pdf_tells_it_in_words(self):
        opportunity = self.env["xtools.opportunity"].search([("name", "=", "巡游漏斗机会")])
        quote = self.env["xtools.quote"].with_user(self.user).create({"opportunity_id": opportunity.id})
        # As on a server without wkhtmltopdf (the PDF itself is another issue's): Odoo's own notification then
        # showed "<br><br><a href=...>" as text.
        with patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state", return_value="install"):
            self.start_tour(f"/odoo/action-xtools_crm.xtools_quote_action/{quote.id}",
                            "xtools_print_quote_without_pdf", login="t_tour_first_hour")

@tagged("post_install", "-at_install")
class TestPhoneWidthTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_salesperson_day_at_phone_width(self):
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        user = new_test_user(self.env, login="t_tour_phone", groups="xtools_crm.group_sales", name="手机销售")
        customer = self.env["xtools.customer"].with_user(user).create(
            {"name": "杭州沃力森巡游有限公司", "short_name": "沃力森巡游", "phone": "021 6666 1234"}
        )
        contract = self.env["xtools.contract"].with_user(user).create({
            "name": "巡游签约合同", "customer_id": customer.id, "amount": 5000,
            "plan_ids": [Command.create({"due_date": date.today(), "amount": 5000})],
        })
        contract.action_sign()
        self.start_tour("/odoo", "xtools_phone_width_day", login="t_tour_phone")
        self.assertEqual(customer.action_ids.subject, "手机上记录的行动")
        self.assertEqual(contract.payment_ids.amount, 1200)
        self.assertEqual(customer.payment_amount_total, 1200)
