from ast import literal_eval
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestFollowUp(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_a1 = cls.env["res.partner"].create(
            {"name": "王经理", "parent_id": cls.customer_a1.partner_id.id, "email": "wang@jiayi.example.cn",
             "mobile": "+8613800138000"}
        )
        cls.customer_a1.main_contact_id = cls.contact_a1
        cls.type_call = cls.env.ref("xtools_crm.mail_activity_type_call")

    def _log(self, user, **vals):
        return self.env["xtools.action"].with_user(user).create(
            {"customer_id": self.customer_a1.id, "subject": "电话沟通报价", **vals}
        )

    def test_log_action_and_plan_task_in_one_save(self):
        """The salesperson's routine: note the call, plan the next contact; the task waits in My Tasks."""
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        with Form(self.env["xtools.action"].with_user(self.sales_a1).with_context(
                default_customer_id=self.customer_a1.id)) as form:
            form.subject = "电话沟通报价"
            form.contact_id = self.contact_a1
            form.next_step = "activity"
            form.next_activity_type_id = self.type_call
            form.next_date = tomorrow
            form.next_summary = "下周再联系"
        action = form.record
        self.assertEqual(action.user_id, self.sales_a1)
        self.assertEqual(action.company_id, self.customer_a1.company_id)
        task = action.next_activity_id
        self.assertEqual((task.res_model, task.res_id), ("xtools.customer", self.customer_a1.id))
        self.assertEqual(task.summary, "下周再联系")
        self.assertEqual(task.user_id, self.sales_a1)
        self.assertEqual(task.date_deadline, tomorrow.date())
        self.assertIn(task, self.customer_a1.activity_ids)
        # Saving again does not plan a second task.
        action.with_user(self.sales_a1).write({"description": "补充", "next_summary": "下周再联系"})
        self.assertEqual(self.customer_a1.activity_ids, task)
        my_tasks = self.env["mail.activity"].with_user(self.sales_a1).action_xtools_my_tasks()
        found = self.env["mail.activity"].with_user(self.sales_a1).search(
            my_tasks["domain"] + [("user_id", "=", self.sales_a1.id)]
        )
        self.assertIn(task, found)

    def test_customer_view_logs_action_inline(self):
        """The Follow-up tab's action list creates actions with the customer filled in, planning included."""
        with Form(self.customer_a1.with_user(self.sales_a1)) as form:
            with form.action_ids.new() as line:
                line.subject = "上门拜访"
                line.action_type = "visit"
                line.next_step = "activity"
                line.next_summary = "寄送样品"
        action = self.customer_a1.action_ids
        self.assertEqual((action.subject, action.user_id), ("上门拜访", self.sales_a1))
        self.assertEqual(action.next_activity_id.summary, "寄送样品")
        self.assertEqual(self.customer_a1.activity_ids, action.next_activity_id)

    def test_plan_schedule_adds_main_contact(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        action = self._log(self.sales_a1, next_step="event", next_date=start, next_summary="上门演示")
        event = action.next_event_id
        self.assertEqual((event.res_model, event.res_id), ("xtools.customer", self.customer_a1.id))
        self.assertEqual(event.start, start)
        self.assertEqual(event.user_id, self.sales_a1)
        self.assertEqual(event.partner_ids, self.sales_a1.partner_id | self.contact_a1)
        self.assertEqual(event.xtools_customer_id, self.customer_a1)
        self.customer_a1.invalidate_recordset()
        self.assertEqual(self.customer_a1.event_ids, event)
        self.assertEqual(self.customer_a1.event_week_ids, event)
        self.assertEqual(self.customer_a1.event_count, 1)
        self.assertEqual(self.customer_a1.action_count, 1)

    def test_schedules_and_tasks_lists_follow_customer(self):
        event = self.customer_a1._create_schedule("拜访", fields.Datetime.now() + timedelta(days=1), self.sales_a1)
        task = self.customer_a1.activity_schedule(
            activity_type_id=self.type_call.id, summary="回访", user_id=self.sales_a1.id
        )
        domain = self.env.ref("xtools_crm.calendar_event_action_xtools_schedule").domain
        Event = self.env["calendar.event"]
        self.assertIn(event, Event.with_user(self.sales_a1).search(literal_eval(domain)))
        self.assertIn(event, Event.with_user(self.manager_a).search(literal_eval(domain)))
        self.assertNotIn(event, Event.with_user(self.sales_b1).search(literal_eval(domain)))
        tasks_domain = self.env["mail.activity"].action_xtools_my_tasks()["domain"]
        self.assertIn(task, self.env["mail.activity"].with_user(self.manager_a).search(tasks_domain))
        self.assertNotIn(task, self.env["mail.activity"].with_user(self.sales_b1).search(tasks_domain))

    def test_next_step_with_sms_reminder(self):
        when = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        action = self._log(self.sales_a1, next_step="activity", next_date=when, next_sms_reminder=True)
        task = action.next_activity_id
        self.assertTrue(task.xtools_sms_reminder)
        self.assertEqual((task.xtools_sms_remind_at, task.xtools_sms_state), (when, "pending"))
        action = self._log(self.sales_a1, next_step="event", next_date=when, next_sms_reminder=True)
        self.assertEqual(action.next_event_id.alarm_ids, self.env.ref("xtools_crm.calendar_alarm_sms_owner_30min"))

    def test_main_contact_without_email_not_invited(self):
        self.contact_a1.email = False
        event = self.customer_a1._create_schedule("电话会议", fields.Datetime.now() + timedelta(days=1), self.sales_a1)
        self.assertEqual(event.partner_ids, self.sales_a1.partner_id)

    def test_schedule_from_customer_view_defaults(self):
        action = self.customer_a1.with_user(self.sales_a1).action_new_schedule()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=10)
        with Form(self.env["calendar.event"].with_user(self.sales_a1).with_context(**action["context"]),
                  view="xtools_crm.calendar_event_view_form_xtools_schedule") as form:
            form.name = "拜访"
            form.start = start
            form.duration = 2.0
        event = form.record
        self.assertEqual(event.stop, start + timedelta(hours=2))
        self.assertEqual(event.res_id, self.customer_a1.id)
        self.assertIn(self.contact_a1, event.partner_ids)
        self.assertIn(self.sales_a1.partner_id, event.partner_ids)
        self.customer_a1.invalidate_recordset()
        self.assertFalse(self.customer_a1.event_week_ids, "ten days ahead is not in the 7-day section")
        self.assertEqual(self.customer_a1.event_ids, event)

    def test_next_step_needs_date_and_type(self):
        with self.assertRaises(ValidationError):
            self._log(self.sales_a1, next_step="activity", next_activity_type_id=self.type_call.id, next_date=False)
        with self.assertRaises(ValidationError):
            self._log(self.sales_a1, next_step="activity", next_date=fields.Datetime.now(), next_activity_type_id=False)
        self.assertFalse(self.customer_a1.activity_ids)

    def test_next_step_defaults(self):
        """Choosing "Task" is enough: a call tomorrow is proposed."""
        action = self._log(self.sales_a1, next_step="activity")
        self.assertEqual(action.next_activity_type_id, self.type_call)
        self.assertEqual(action.next_activity_id.date_deadline, (fields.Datetime.now() + timedelta(days=1)).date())
        self.assertFalse(self._log(self.sales_a1).next_date)

    def test_contact_must_belong_to_customer(self):
        # A contact of a colleague's customer is refused, and its name is not shown.
        stranger = self.env["res.partner"].create({"name": "外人", "parent_id": self.customer_a2.partner_id.id})
        with self.assertRaises(ValidationError) as error:
            self._log(self.sales_a1, contact_id=stranger.id)
        self.assertIn(f"#{stranger.id}", str(error.exception))
        self.assertIn("甲一科技有限公司", str(error.exception))
        self.assertNotIn("外人", str(error.exception))
        # A partner of no customer, which the salesperson may see, is named.
        passer_by = self.env["res.partner"].create({"name": "路人甲"})
        with self.assertRaisesRegex(ValidationError, "路人甲.*甲一科技有限公司"):
            self._log(self.sales_a1, contact_id=passer_by.id)

    def test_actions_follow_customer_visibility(self):
        action = self._log(self.sales_a1)
        Action = self.env["xtools.action"]
        for user in (self.sales_a1, self.manager_a, self.boss):
            self.assertEqual(Action.with_user(user).search([("id", "=", action.id)]), action)
            action.with_user(user).read(["subject"])
        for user in (self.sales_a2, self.sales_b1, self.manager_b):
            with self.assertRaises(AccessError):
                action.with_user(user).read(["subject"])
            self.assertFalse(Action.with_user(user).search([("id", "=", action.id)]))
            self.assertEqual(Action.with_user(user).search_count([("id", "=", action.id)]), 0)
            self.assertFalse(Action.with_user(user).read_group([("id", "=", action.id)], ["user_id"], ["user_id"]))
            self.assertNotIn(action.id, [r[0] for r in Action.with_user(user).name_search("电话沟通报价")])
        with self.assertRaises(AccessError):
            self.env["xtools.action"].with_user(self.sales_a2).create(
                {"customer_id": self.customer_a1.id, "subject": "越权"}
            )
        # Sharing the customer shares its action history; a transfer moves it.
        self.customer_a1._share_with(self.sales_a2)
        self.assertEqual(Action.with_user(self.sales_a2).search([("id", "=", action.id)]), action)
        self.customer_a1._transfer_to(self.sales_b1)
        self.assertFalse(Action.with_user(self.sales_a1).search([("id", "=", action.id)]))
        self.assertEqual(Action.with_user(self.manager_b).search([("id", "=", action.id)]), action)
        with self.assertRaises(AccessError):
            self.env["xtools.action"].with_user(self.portal).search([])

    def test_my_tasks_lists_module_models_only(self):
        task = self.customer_a1.activity_schedule(
            activity_type_id=self.type_call.id, summary="回访", user_id=self.sales_a1.id
        )
        elsewhere = self.sales_a1.partner_id.activity_schedule(
            activity_type_id=self.type_call.id, summary="别的", user_id=self.sales_a1.id
        )
        domain = self.env["mail.activity"].action_xtools_my_tasks()["domain"]
        found = self.env["mail.activity"].with_user(self.sales_a1).search(domain)
        self.assertIn(task, found)
        self.assertNotIn(elsewhere, found)

    def test_counts_in_one_query_each(self):
        customers = self.customer_a1 | self.customer_a2
        for customer in customers:
            self.env["xtools.action"].create({"customer_id": customer.id, "subject": "拜访"})
        customers.invalidate_recordset()
        # One query per counter for all the customers: the eight document counters share one compute.
        with self.assertQueryCount(9):
            self.assertEqual(customers.mapped("action_count"), [1, 1])
            self.assertEqual(customers.mapped("event_count"), [0, 0])
            self.assertEqual(customers.mapped("contract_count"), [0, 0])
            self.assertEqual(customers.mapped("opportunity_count"), [0, 0])
            self.assertEqual(customers.mapped("expense_count"), [0, 0])
            self.assertEqual(customers.mapped("complaint_count"), [0, 0])
            self.assertEqual(customers.mapped("service_count"), [0, 0])
