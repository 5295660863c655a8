from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from ..tools.period import period_label
from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestFirstHour(XtoolsContractCase):
    """What a sales team meets in its first hour (issue 15): defaults, labels, states and checks."""

    @contextmanager
    def assertRefused(self, pattern):
        """A ``ValidationError`` whose message matches ``pattern``; what the refused call wrote is rolled back."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def test_new_documents_have_the_users_company_before_a_customer(self):
        for model in ("xtools.contract", "xtools.payment.plan", "xtools.payment", "xtools.invoice",
                      "xtools.delivery", "xtools.action", "xtools.opportunity"):
            record = self.env[model].with_user(self.sales_a1).new({})
            self.assertEqual(record.company_id, self.company, model)
            # The customer field's domain (check_company) now finds the user's customers.
            domain = [("company_id", "in", [record.company_id.id, False])]
            found = self.env["xtools.customer"].with_user(self.sales_a1).name_search("甲一", domain)
            self.assertEqual([r[0] for r in found], self.customer_a1.ids, model)

    def test_new_contract_title_is_clean(self):
        new = self.env["xtools.contract"].with_user(self.sales_a1).new({"customer_id": self.customer_a1.id})
        self.assertEqual(new.display_name, "")
        self.assertEqual(new.with_context(lang="zh_CN").code, "新建")
        new.name = "首小时合同"
        self.assertEqual(new.display_name, "首小时合同")
        contract = self.env["xtools.contract"].with_user(self.sales_a1).create(
            {"customer_id": self.customer_a1.id, "name": "首小时合同", "amount": 100}
        )
        self.assertRegex(contract.display_name, r"^\[HT\d+\] 首小时合同$")

    def test_new_plan_row_is_planned_not_paid(self):
        contract = self._contract(self.customer_a1, amount=1000, sign=False)
        with Form(contract.with_user(self.sales_a1)) as form:
            with form.plan_ids.new() as plan:
                self.assertEqual(plan.state, "planned")
            form.plan_ids.remove(1)

    def test_signed_contract_plans_must_add_up(self):
        contract = self._contract(self.customer_a1, amount=50000, plans=[(date.today(), 20000), (date.today(), 30000)])
        Plan = self.env["xtools.payment.plan"].with_user(self.manager_a)
        # A plan without a name and ¥100 added from the plans' menu.
        with self.assertRefused("50,100.00"):
            Plan.create({"contract_id": contract.id, "amount": 100})
        with self.assertRefused("add up to"):
            contract.plan_ids[0].with_user(self.manager_a).amount = 20100
        with self.assertRefused("add up to"):
            contract.plan_ids[0].with_user(self.manager_a).unlink()
        with self.assertRefused("add up to"):
            contract.with_user(self.manager_a).amount = 60000
        self.assertEqual(contract.plan_amount_difference, 0)
        # The amount and the plans changed together, in one save of the contract, are fine.
        first, second = contract.plan_ids
        contract.with_user(self.manager_a).write({
            "amount": 60000,
            "plan_ids": [Command.update(first.id, {"amount": 25000}), Command.update(second.id, {"amount": 25000}),
                         Command.create({"due_date": date.today(), "amount": 10000})],
        })
        self.assertEqual(sorted(contract.plan_ids.mapped("amount")), [10000, 25000, 25000])
        # The form shows the difference before saving.
        with Form(contract.with_user(self.manager_a)) as form:
            with form.plan_ids.new() as plan:
                plan.amount = 100
            self.assertEqual(form.plan_amount_difference, -100)
            with self.assertRefused("difference"):
                form.save()
            form.plan_ids.remove(3)

    def test_draft_contract_plans_may_differ(self):
        contract = self._contract(self.customer_a1, amount=1000, plans=[(date.today(), 400)], sign=False)
        self.assertEqual(contract.plan_amount_difference, 600)
        self.env["xtools.payment.plan"].with_user(self.sales_a1).create({"contract_id": contract.id, "amount": 100})
        self.assertEqual(contract.plan_amount_difference, 500)

    def test_customer_email_is_checked(self):
        with self.assertRefused("not-an-email.*Email.*甲一科技"):
            self.customer_a1.with_user(self.sales_a1).email = "not-an-email"
        with self.assertRefused("not-an-email"):
            self.env["xtools.customer"].with_user(self.sales_a1).create(
                {"name": "邮箱客户有限公司", "short_name": "邮箱", "email": "not-an-email"}
            )
        with self.assertRefused("wrong@.*Email.*王五"):
            self.env["res.partner"].with_user(self.sales_a1).create(
                {"name": "王五", "parent_id": self.customer_a1.partner_id.id, "email": "wrong@"}
            )
        self.customer_a1.with_user(self.sales_a1).email = "Info <info@jiayi.example.cn>"
        self.assertEqual(self.customer_a1.email, "Info <info@jiayi.example.cn>")

    def test_phone_errors_name_the_field_and_the_record(self):
        with self.assertRefused("abc123.*Phone.*甲一科技"):
            self.customer_a1.with_user(self.sales_a1).phone = "abc123"
        with self.assertRefused("12345.*Mobile.*王五"):
            self.env["res.partner"].with_user(self.sales_a1).create(
                {"name": "王五", "parent_id": self.customer_a1.partner_id.id, "mobile": "12345"}
            )

    def test_quick_call_number_is_checked(self):
        Call = self.env["xtools.call"].with_user(self.sales_a1)
        with self.assertRefused("abc123.*Phone"):
            Call.create({"phone": "abc123", "caller_name": "张先生"})
        call = Call.create({"phone": "138 0013 8000"})
        self.assertEqual(call.phone_normalized, "+8613800138000")
        with self.assertRefused("12"):
            call.phone = "12"

    def test_action_with_a_schedule_also_creates_a_task(self):
        action = self.env["xtools.action"].with_user(self.sales_a1).create({
            "customer_id": self.customer_a1.id,
            "subject": "电话约拜访",
            "next_step": "event",
            "next_summary": "上门演示",
        })
        event = action.next_event_id
        self.assertEqual(event.xtools_customer_id, self.customer_a1)
        task = action.next_activity_id
        self.assertEqual(
            (task.res_model, task.res_id, task.user_id), ("xtools.customer", self.customer_a1.id, self.sales_a1)
        )
        self.assertEqual(task.calendar_event_id, event)
        self.assertEqual(task.summary, "上门演示")
        self.assertIn(task, self.env["mail.activity"].with_user(self.sales_a1).search(
            self.env["mail.activity"].action_xtools_my_tasks()["domain"]))
        # Saving the action again plans nothing more.
        action.with_user(self.sales_a1).description = "客户希望下午"
        self.assertEqual(len(self.customer_a1.activity_ids), 1)

    def test_schedule_from_menu_links_only_a_visible_customer(self):
        Event = self.env["calendar.event"].with_user(self.sales_a1)
        vals = {"name": "拜访", "start": "2026-12-02 08:00:00", "stop": "2026-12-02 09:00:00"}
        event = Event.create(dict(vals, xtools_customer_id=self.customer_a1.id))
        self.assertEqual((event.res_model, event.res_id), ("xtools.customer", self.customer_a1.id))
        self.assertEqual(event.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_meeting"))
        with self.assertRaises(AccessError):
            Event.create(dict(vals, xtools_customer_id=self.customer_a2.id))
        with self.assertRaises(AccessError):
            event.xtools_customer_id = self.customer_b1
        other_contact = self.env["res.partner"].create(
            {"name": "乙一联系人", "parent_id": self.customer_b1.partner_id.id}
        )
        with self.assertRefused("does not belong to the customer"):
            Event.create(dict(vals, xtools_customer_id=self.customer_a1.id, xtools_contact_id=other_contact.id))

    def test_plan_task_from_customer_opens_the_task_form_with_sms(self):
        action = self.customer_a1.with_user(self.sales_a1).action_plan_task()
        self.assertEqual(action["res_model"], "mail.activity")
        arch = self.env["mail.activity"].with_user(self.sales_a1).get_views(action["views"])["views"]["form"]["arch"]
        self.assertIn('name="xtools_sms_reminder"', arch)
        self.assertIn('name="xtools_sms_remind_at"', arch)
        task = self.env["mail.activity"].with_user(self.sales_a1).with_context(**action["context"]).create({
            "activity_type_id": self.env.ref("xtools_crm.mail_activity_type_call").id,
            "summary": "回访", "xtools_sms_reminder": True, "xtools_sms_remind_at": "2026-12-02 01:00:00",
        })
        self.assertEqual((task.res_model, task.res_id), ("xtools.customer", self.customer_a1.id))

    def test_boss_saves_the_crm_settings_without_being_administrator(self):
        self.assertFalse(self.boss.has_group("base.group_system"))
        Settings = self.env["xtools.crm.settings"].with_user(self.boss)
        settings = Settings.create({})
        self.assertEqual(settings.xtools_contract_prefix, "HT%(year)s")
        settings.write({
            "group_xtools_use_opportunity": False,
            "xtools_contract_text_required": True,
            "xtools_sms_provider": "http",
            "xtools_sms_http_url": "https://sms.example.cn/api/send",
            "xtools_contract_prefix": "XS%(year)s-",
            "xtools_contract_padding": 4,
            "xtools_receivable_reminder_days": 15,
            "xtools_contract_expiry_days": 60,
        })
        self.assertEqual(settings.xtools_contract_code_example[:2], "XS")
        self.assertEqual(settings.execute()["tag"], "reload")
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("xtools_crm.sms_provider"), "http")
        self.assertEqual(params.get_param("xtools_crm.receivable_reminder_days"), "15")
        self.assertFalse(self.sales_a1.has_group("xtools_crm.group_use_opportunity"))
        contract = self._contract(self.customer_a1, sign=False)
        self.assertRegex(contract.code, rf"^XS{date.today().year}-\d{{4}}$")
        # The page reads back what was saved.
        again = Settings.create({})
        self.assertEqual(
            (again.xtools_contract_padding, again.xtools_contract_expiry_days, again.group_xtools_use_opportunity),
            (4, 60, False),
        )
        self.assertRegex(self.env["xtools.crm.settings"].with_user(self.boss).get_views(
            [(self.env.ref("xtools_crm.xtools_crm_settings_view_form").id, "form")])["views"]["form"]["arch"],
            "xtools_sms_provider")

    def test_crm_settings_give_no_other_setting(self):
        # The page only has XTools CRM's fields: nothing else of the database can be written through it.
        self.assertFalse(
            [f for f in self.env["xtools.crm.settings"]._fields if f.startswith(("module_", "auth_", "mail_"))]
        )
        with self.assertRaises(ValueError):
            self.env["xtools.crm.settings"].with_user(self.boss).create({"company_id": self.company.id})
        # Odoo's own settings stay the administrators'.
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.boss).create({})
        for user in (self.manager_a, self.sales_a1):
            with self.assertRaises(AccessError):
                self.env["xtools.crm.settings"].with_user(user).create({})
            with self.assertRaises(AccessError):
                self.env["xtools.crm.settings"].with_user(self.boss).create({}).with_user(user).execute()
        with self.assertRefused("between 1 and 12"):
            self.env["xtools.crm.settings"].with_user(self.boss).create({"xtools_contract_padding": 20})
        with self.assertRefused("not valid"):
            self.env["xtools.crm.settings"].with_user(self.boss).create(
                {"xtools_contract_prefix": "HT%(foo)s"}
            ).execute()

    def test_reminder_days_set_what_is_due_soon_and_expiring(self):
        today = date.today()
        contract = self._contract(self.customer_a1, amount=3000, plans=[
            (today - timedelta(days=3), 1000), (today + timedelta(days=10), 1000), (today + timedelta(days=20), 1000),
        ], end_date=today + timedelta(days=20))
        Plan = self.env["xtools.payment.plan"].with_user(self.sales_a1)
        Contract = self.env["xtools.contract"].with_user(self.sales_a1)
        overdue, soon, later = contract.plan_ids.sorted("due_date")
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.receivable_reminder_days", 15)
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.contract_expiry_days", 15)
        self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("is_due_soon", "=", True)]), overdue | soon)
        self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("is_due_soon", "=", False)]), later)
        self.assertFalse(Contract.search([("id", "=", contract.id), ("is_expiring", "=", True)]))
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.receivable_reminder_days", 30)
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.contract_expiry_days", 30)
        self.env.invalidate_all()
        self.assertEqual(
            Plan.search([("contract_id", "=", contract.id), ("is_due_soon", "=", True)]), contract.plan_ids
        )
        self.assertEqual(Contract.search([("id", "=", contract.id), ("is_expiring", "=", True)]), contract)
        self.assertTrue(contract.is_expiring)
        self._pay(contract, 1000)
        self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("is_due_soon", "=", True)]), soon | later)

    def test_dates_and_months_read_chinese(self):
        lang = self.env.ref("base.lang_zh_CN")
        self.assertEqual((lang.date_format, lang.time_format), ("%Y年%m月%d日", "%H:%M"))
        contract = self._contract(self.customer_a1, amount=1000, plans=[(date(2026, 12, 3), 1000)])
        self._pay(contract, 1000, date=date(2026, 12, 3))
        Payment = self.env["xtools.payment"].with_user(self.sales_a1).with_context(lang="zh_CN")
        domain = [("contract_id", "=", contract.id)]
        self.assertEqual([g["date:month"] for g in Payment.read_group(domain, ["amount:sum"], ["date:month"])],
                         ["2026年12月"])
        self.assertEqual([g["date:quarter"] for g in Payment.read_group(domain, ["amount:sum"], ["date:quarter"])],
                         ["2026年第4季度"])
        self.assertEqual([g["date:day"] for g in Payment.read_group(domain, ["amount:sum"], ["date:day", "user_id"],
                                                                     lazy=False)], ["2026年12月3日"])
        # Other languages keep Odoo's labels.
        self.assertIsNone(period_label(date(2026, 12, 3), "month", "en_US"))
        self.assertIsNone(period_label(date(2026, 12, 3), "week", "zh_CN"))

    def test_quote_prints_the_company_and_customer_in_chinese(self):
        opportunity = self.env["xtools.opportunity"].create({"name": "打印机会", "customer_id": self.customer_a1.id})
        self.customer_a1.phone = "010 8765 4321"
        quote = self.env["xtools.quote"].create({"opportunity_id": opportunity.id})
        self.assertEqual(quote.customer_phone_display, "010-8765 4321")
        html = self.env["ir.actions.report"]._render_qweb_html("xtools_crm.report_xtools_quote", quote.ids)[0].decode()
        self.assertIn("010-8765 4321", html)
        self.assertNotIn("+861087654321", html)
        company = quote.company_id
        if company == self.env.ref("base.main_company"):  # the demo company
            self.assertIn("杭州", html)
            self.assertNotIn("California", html)
            self.assertIn(company.logo.decode()[:60], html)  # the demo company's own logo

    def test_labels_read_what_they_are(self):
        Contract = self.env["xtools.contract"].with_context(lang="zh_CN")
        self.assertEqual(Contract.fields_get(["invoiced_amount"])["invoiced_amount"]["string"], "已开票金额")
        arch = Contract.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("已开票金额", arch)
        self.assertNotIn("是否开票", arch)
        Activity = self.env["mail.activity"].with_context(lang="zh_CN")
        views = [
            (self.env.ref(f"xtools_crm.mail_activity_view_{kind}_xtools_tasks").id, kind) for kind in ("list", "kanban")
        ]
        for kind, view in Activity.get_views(views)["views"].items():
            # A button that marks the task done, not a column that reads like a state.
            self.assertRegex(view["arch"], r'<button name="action_done"[^>]*string="标记完成"', kind)
            self.assertNotIn("已完成", view["arch"], kind)
