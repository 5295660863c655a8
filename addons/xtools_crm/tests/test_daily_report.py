from datetime import date, datetime, timedelta
from unittest.mock import patch

import pytz
from psycopg2 import IntegrityError

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from .contract_common import XtoolsContractCase

SHANGHAI = pytz.timezone("Asia/Shanghai")
DAY = date(2025, 3, 14)  # a Friday; the tests run at 23:30 Shanghai time that day


def local(hour, minute=0, days=0):
    """The naive UTC datetime of ``hour:minute`` Shanghai time on ``DAY`` (+ ``days``)."""
    moment = SHANGHAI.localize(datetime.combine(DAY + timedelta(days=days), datetime.min.time()).replace(
        hour=hour, minute=minute))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


@freeze_time("2025-03-14 15:30:00")
@tagged("post_install", "-at_install")
class TestDailyReport(XtoolsContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Creation dates follow the frozen clock too (the ORM takes them from the cursor).
        cls.startClassPatcher(patch.object(cls.cr, "now", lambda: datetime.now()))
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.Report = cls.env["xtools.daily.report"]
        cls.subtype = cls.env.ref("xtools_crm.mt_daily_report_comment")

    def _work_of_sales_a1(self):
        """A day of 李明-like work by sales_a1, with records just outside the day that must not count."""
        as_a1 = self.env(user=self.sales_a1)
        customer = as_a1["xtools.customer"].create({
            "name": "日报新建有限公司", "short_name": "日报新建",
            "child_ids": [Command.create({"name": "新联系人", "type": "contact"})],
        })
        as_a1["res.partner"].create({"name": "另一联系人", "parent_id": self.customer_a1.partner_id.id,
                                     "type": "contact"})
        Action = as_a1["xtools.action"]
        for hour, action_type in ((9, "call"), (11, "visit"), (14, "call")):
            Action.create({"customer_id": self.customer_a1.id, "subject": f"{hour}点", "date": local(hour),
                           "action_type": action_type})
        Action.create({"customer_id": self.customer_a1.id, "subject": "前一天深夜", "date": local(23, 50, days=-1)})
        Action.create({"customer_id": self.customer_a1.id, "subject": "第二天凌晨", "date": local(0, 5, days=1)})
        task = self.customer_a1.with_user(self.sales_a1).activity_schedule(
            act_type_xmlid="xtools_crm.mail_activity_type_call", summary="回访", user_id=self.sales_a1.id)
        task.with_user(self.sales_a1).action_feedback(feedback="已回访")
        self.customer_a1.with_user(self.sales_a1)._create_schedule("拜访", local(10), self.sales_a1)
        self.customer_a1.with_user(self.sales_a1)._create_schedule("下周拜访", local(10, days=3), self.sales_a1)
        opportunity = as_a1["xtools.opportunity"].create({
            "name": "日报机会", "customer_id": self.customer_a1.id, "expected_amount": 80000.0,
        })
        next_stage = self.env["xtools.opportunity.stage"].search(
            [("sequence", ">", opportunity.stage_id.sequence), ("is_won", "=", False)], limit=1)
        opportunity.stage_id = next_stage
        contract = self._contract(self.customer_a1, amount=50000.0, sign_date=DAY)
        self._contract(self.customer_a1, amount=7000.0, sign_date=DAY - timedelta(days=1), name="昨天签的")
        self._pay(contract, 20000.0, date=DAY)
        self._pay(contract, 1000.0, date=DAY - timedelta(days=1))
        self._pay(contract, 3000.0, date=DAY, user=self.manager_a)  # handled by the manager: their work
        return customer

    def test_nightly_figures_against_hand_computed_day(self):
        self.sales_a1.lang = "en_US"
        self._work_of_sales_a1()
        self.customer_a2.with_user(self.sales_a2).activity_schedule(
            act_type_xmlid="xtools_crm.mail_activity_type_todo", summary="整理", user_id=self.sales_a2.id,
        ).with_user(self.sales_a2).action_feedback()

        self.Report._cron_generate_daily_reports()

        report = self.Report.search([("user_id", "=", self.sales_a1.id)])
        self.assertEqual(report.date, DAY, "23:30 in Shanghai reports on that day")
        figures = report.read([
            "customer_count", "contact_count", "action_count", "action_call_count", "action_visit_count",
            "task_count", "event_count", "opportunity_count", "opportunity_amount", "opportunity_advance_count",
            "contract_count", "contract_amount", "payment_count", "payment_amount", "operation_count",
        ])[0]
        del figures["id"]
        self.assertEqual(figures, {
            "customer_count": 1, "contact_count": 2, "action_count": 3, "action_call_count": 2,
            "action_visit_count": 1, "task_count": 1, "event_count": 1, "opportunity_count": 1,
            "opportunity_amount": 80000.0, "opportunity_advance_count": 1, "contract_count": 1,
            "contract_amount": 50000.0, "payment_count": 1, "payment_amount": 20000.0,
            "operation_count": 1 + 2 + 3 + 1 + 1 + 1 + 1 + 1 + 1,
        })
        self.assertEqual(report.team_id, self.team_a)
        self.assertIn("Logged <b>3</b> actions (Phone Call 2, Visit 1).", report.summary)
        self.assertIn("Signed <b>1</b> contracts for <b>", report.summary)
        a2 = self.Report.search([("user_id", "=", self.sales_a2.id), ("date", "=", DAY)])
        self.assertEqual((a2.task_count, a2.action_count), (1, 0))
        manager = self.Report.search([("user_id", "=", self.manager_a.id), ("date", "=", DAY)])
        self.assertEqual((manager.payment_count, manager.payment_amount), (1, 3000.0))
        self.sales_b1.lang = "en_US"
        self.Report._cron_generate_daily_reports()
        self.assertIn("No CRM work recorded on this day.",
                      self.Report.search([("user_id", "=", self.sales_b1.id), ("date", "=", DAY)]).summary)

    def test_summary_in_the_salespersons_language(self):
        self.sales_a1.lang = "zh_CN"
        self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "电话",
                                          "date": local(9), "user_id": self.sales_a1.id})
        report = self.Report._generate(self.sales_a1, DAY)
        self.assertIn("记录行动 <b>1</b> 次（电话 1）", report.summary)

    def test_figure_opens_the_records_it_counts(self):
        self._work_of_sales_a1()
        report = self.Report._generate(self.sales_a1, DAY).with_user(self.manager_a)
        action = report.with_context(xtools_source="actions").action_open_figure()
        self.assertEqual(action["res_model"], "xtools.action")
        actions = self.env["xtools.action"].with_user(self.manager_a).search(action["domain"])
        self.assertEqual(sorted(actions.mapped("subject")), ["11点", "14点", "9点"])
        action = report.with_context(xtools_source="tasks").action_open_figure()
        self.assertEqual(len(self.env["mail.message"].with_user(self.manager_a).search(action["domain"])), 1)
        with self.assertRaises(UserError):
            report.with_context(xtools_source="nothing").action_open_figure()

    def test_rerun_updates_never_duplicates(self):
        self.Report._cron_generate_daily_reports()
        count = self.Report.search_count([("date", "=", DAY)])
        report = self.Report.search([("user_id", "=", self.sales_a1.id), ("date", "=", DAY)])
        self.assertEqual(report.action_count, 0)
        self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "补记",
                                          "date": local(20), "user_id": self.sales_a1.id})
        self.Report._cron_generate_daily_reports()
        self.assertEqual(self.Report.search_count([("date", "=", DAY)]), count)
        self.assertEqual(report.action_count, 1)
        self.assertEqual(count, len(self.Report._get_report_users()), "one report per CRM user")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.Report.sudo().create({"user_id": self.sales_a1.id, "date": DAY, "company_id": self.company.id})

    def test_interrupted_run_resumes_without_doing_a_report_twice(self):
        written = []
        progress = []
        write_figures = type(self.Report)._write_figures

        def spy(report, values):
            written.append(report.user_id.id)
            return write_figures(report, values)

        self.patch(type(self.Report), "_write_figures", spy)
        self.patch(type(self.env["ir.cron"]), "_notify_progress",
                   lambda cron, done, remaining, deactivate=False: progress.append((done, remaining)))
        users = self.Report._get_report_users()
        self.Report._cron_generate_daily_reports(batch_size=3)
        self.assertEqual(len(written), 3)
        self.assertEqual(progress[-1], (3, len(users) - 3))
        self.assertEqual(self.Report.search_count([("cron_state", "=", "pending")]), len(users) - 3)
        # The worker stops here (killed between two batches); the cron runs again and goes on with the rest.
        while self.Report.search_count([("cron_state", "=", "pending")]):
            self.Report._cron_generate_daily_reports(batch_size=3)
        self.assertEqual(sorted(written), sorted(users.ids), "every user's report written once")

    def test_a_failing_report_does_not_stop_the_others(self):
        write_figures = type(self.Report)._write_figures

        def failing(report, values):
            if report.user_id == self.sales_a2:
                raise ValueError("boom")
            return write_figures(report, values)

        self.patch(type(self.Report), "_write_figures", failing)
        self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "电话",
                                          "date": local(9), "user_id": self.sales_a1.id})
        with self.assertLogs("odoo.addons.xtools_crm.models.xtools_daily_report", level="ERROR"):
            self.Report._cron_generate_daily_reports()
        reports = self.Report.search([("date", "=", DAY), ("user_id", "in", (self.sales_a1 | self.sales_a2).ids)])
        self.assertEqual(reports.mapped("cron_state"), [False, False], "the run completes")
        a1 = reports.filtered(lambda r: r.user_id == self.sales_a1)
        self.assertEqual(a1.action_count, 1)
        self.assertFalse(reports.filtered(lambda r: r.user_id == self.sales_a2).generated_at)

    def test_figures_cost_one_query_per_source_whatever_the_users(self):
        sources = len(self.Report._get_sources())
        for users in (self.sales_a1, self.sales_a1 | self.sales_a2 | self.sales_b1 | self.manager_a | self.boss):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Report._compute_day_figures(users, DAY, self.company)
            self.assertLessEqual(self.cr.sql_log_count - before, sources + 2)

    def test_salesperson_brings_todays_report_up_to_date(self):
        # As the list's "Today's Report" button calls it: with the (empty) selection.
        action = call_kw(self.Report.with_user(self.sales_a1), "action_generate_today", [[]], {})
        report = self.Report.browse(action["res_id"])
        self.assertEqual((report.user_id, report.date, report.action_count), (self.sales_a1, DAY, 0))
        self.env["xtools.action"].with_user(self.sales_a1).create(
            {"customer_id": self.customer_a1.id, "subject": "刚打的电话", "date": local(23)})
        report.with_user(self.sales_a1).action_refresh()
        self.assertEqual(report.action_count, 1)
        self.assertEqual(self.Report.with_user(self.sales_a1).action_generate_today()["res_id"], report.id)
        with self.assertRaises(AccessError):
            report.with_user(self.sales_a2).action_refresh()
        with self.assertRaises(AccessError):
            self.Report.with_user(self.sales_a1).create({"user_id": self.sales_a1.id, "date": DAY})
        with self.assertRaises(AccessError):
            report.with_user(self.sales_a1).write({"action_count": 99})
        old = self.Report._generate(self.sales_a1, DAY - timedelta(days=1))
        with self.assertRaises(UserError):
            old.with_user(self.sales_a1).action_refresh()

    def test_manager_comment_notifies_the_salesperson(self):
        report = self.Report._generate(self.sales_a1, DAY)
        wizard_action = report.with_user(self.manager_a).action_open_comment_wizard()
        form = Form(self.env["xtools.daily.report.comment"].with_user(self.manager_a).with_context(
            **wizard_action["context"]))
        form.body = "跟进得很好，\n明天把报价发出去。"
        form.save().action_comment()
        message = report.message_ids.filtered(lambda m: m.subtype_id == self.subtype)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.manager_a.partner_id)
        self.assertIn("明天把报价发出去", message.body)
        self.assertIn(self.sales_a1.partner_id, message.notification_ids.res_partner_id,
                      "the salesperson is notified")
        self.assertEqual(report.comment_count, 1)
        # Who may not comment: the salesperson, a manager of another team, on one's own report.
        with self.assertRaises(AccessError):
            report.with_user(self.sales_a1).action_open_comment_wizard()
        with self.assertRaises(AccessError):
            report.with_user(self.manager_b)._post_comment("<p>不是我的团队</p>")
        own = self.Report._generate(self.manager_a, DAY)
        with self.assertRaises(UserError):
            own.with_user(self.manager_a)._post_comment("<p>自评</p>")
        with self.assertRaises(UserError):
            report.with_user(self.manager_a)._post_comment("")

    def test_visibility_own_teams_led_all(self):
        reports = self.Report._generate(self.sales_a1 | self.sales_a2 | self.sales_b1 | self.manager_a, DAY)
        by_user = {report.user_id: report for report in reports}
        domain = [("id", "in", reports.ids)]

        def visible(user):
            return self.Report.with_user(user).search(domain).user_id

        self.assertEqual(visible(self.sales_a1), self.sales_a1)
        self.assertEqual(visible(self.manager_a), self.sales_a1 | self.sales_a2 | self.manager_a)
        self.assertEqual(visible(self.manager_b), self.sales_b1)
        self.assertEqual(visible(self.boss), reports.user_id)
        hidden = by_user[self.sales_a2].with_user(self.sales_a1)
        with self.assertRaises(AccessError):
            hidden.read(["action_count"])
        Report = self.Report.with_user(self.sales_a1)
        self.assertEqual(Report.search_count([("user_id", "=", self.sales_a2.id)]), 0)
        self.assertFalse(Report.read_group([("user_id", "=", self.sales_a2.id)], ["action_count"], ["user_id"]))
        self.assertNotIn(hidden.id, [r[0] for r in Report.name_search("")])

    def test_digest_of_the_team_to_each_manager(self):
        self.env["ir.config_parameter"].set_param("xtools_crm.daily_report_digest", True)
        self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "电话",
                                          "date": local(9), "user_id": self.sales_a1.id})
        self.Report._cron_generate_daily_reports()
        self.assertFalse(self.Report.search_count([("cron_state", "!=", False)]))
        template = self.env.ref("xtools_crm.mail_template_daily_report_digest")
        mails = self.env["mail.mail"].search([("model", "=", "res.users"), ("subject", "in", [
            template.with_context(lang=lang).subject for lang in ("en_US", "zh_CN")])])
        to_a = mails.filtered(lambda m: self.manager_a.email in (m.email_to or ""))
        to_b = mails.filtered(lambda m: self.manager_b.email in (m.email_to or ""))
        self.assertEqual((len(to_a), len(to_b)), (1, 1))
        self.assertIn("销售A1", to_a.body_html)
        self.assertIn("销售A2", to_a.body_html)
        self.assertNotIn("销售B1", to_a.body_html)
        self.assertIn("销售B1", to_b.body_html)
        self.env["ir.config_parameter"].set_param("xtools_crm.daily_report_digest", False)
        mails.unlink()
        self.Report._cron_generate_daily_reports()
        self.assertFalse(self.env["mail.mail"].search([("model", "=", "res.users"), ("res_id", "in", (
            self.manager_a | self.manager_b).ids)]))

    def test_nightly_schedule_in_the_company_time_zone(self):
        self.assertEqual(self.Report._get_next_nightly_call(self.company), datetime(2025, 3, 15, 15, 30))
        with freeze_time("2025-03-14 10:00:00"):
            self.assertEqual(self.Report._get_next_nightly_call(self.company), datetime(2025, 3, 14, 15, 30))
            self.assertEqual(self.Report._nightly_day(self.company), DAY)
        with freeze_time("2025-03-14 17:00:00"):  # 01:00 on the 15th in Shanghai: a late run of the 14th
            self.assertEqual(self.Report._nightly_day(self.company), DAY)
        self.env["xtools.crm.settings"].create({}).execute()
        cron = self.env.ref("xtools_crm.ir_cron_generate_daily_reports")
        self.assertEqual(cron.nextcall, datetime(2025, 3, 15, 15, 30))
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))


@freeze_time("2025-03-14 15:30:00")
@tagged("post_install", "-at_install")
class TestDailyReportService(XtoolsContractCase):
    """Expenses submitted and complaints handled on the day, against hand-computed figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.object(cls.cr, "now", lambda: datetime.now()))
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.env["ir.config_parameter"].set_param("xtools_crm.expense_notify_email", False)
        cls.Report = cls.env["xtools.daily.report"]
        cls.dinner = cls.env.ref("xtools_crm.expense_category_entertainment")

    def _expense(self, amount, submitted_at=None, user=None, customer=None):
        """An expense of sales_a1 (default), submitted at ``submitted_at`` (a naive UTC datetime) when given."""
        user = user or self.sales_a1
        expense = self.env["xtools.expense"].with_user(user).create({
            "customer_id": (customer or self.customer_a1).id, "category_id": self.dinner.id, "amount": amount,
            "description": f"招待{amount:g}",
        })
        if submitted_at:
            with freeze_time(submitted_at):
                expense.action_submit()
        return expense

    def _complaint(self, name, received, user=None, resolved_at=None, closed_at=None):
        user = user or self.sales_a1
        complaint = self.env["xtools.complaint"].with_user(user).create({
            "name": name, "customer_id": (self.customer_a2 if user == self.sales_a2 else self.customer_a1).id,
            "description": "客户不满意", "date": received,
            "user_id": user.id, "resolution": "已处理",
        })
        if resolved_at:
            with freeze_time(resolved_at):
                complaint.action_resolve()
        if closed_at:
            with freeze_time(closed_at):
                complaint.action_close()
        return complaint

    def _day_of_service_work(self):
        counted = self._expense(300.0, local(9)) | self._expense(700.0, local(10))
        counted[1:].with_user(self.manager_a).action_approve()  # decided the same day: still submitted that day
        resubmitted = self._expense(80.0, local(9, days=-1))
        with freeze_time(local(11)):
            resubmitted.with_user(self.manager_a).action_reject(reason="缺发票")
        with freeze_time(local(16)):
            resubmitted.with_user(self.sales_a1).write({"description": "招待80（补发票）"})
            resubmitted.with_user(self.sales_a1).action_submit()
        counted |= resubmitted
        self._expense(500.0, local(15, days=-1))            # submitted the day before
        withdrawn = self._expense(200.0, local(12))
        withdrawn.with_user(self.sales_a1).action_withdraw()  # taken back to draft: not submitted any more
        self._expense(150.0)                                  # a draft
        self._expense(990.0, local(10), user=self.sales_a2, customer=self.customer_a2)  # a colleague's

        received = self._complaint("今天收到", local(9)) | self._complaint(
            "今天收到并解决", local(10), resolved_at=local(14)
        )
        self._complaint("前一天深夜收到", local(23, 50, days=-1))
        resolved = received[1:] | self._complaint("昨天收到今天解决", local(9, days=-1), resolved_at=local(11))
        closed = self._complaint("昨天解决今天关闭", local(9, days=-2), resolved_at=local(10, days=-1),
                                 closed_at=local(17))
        reopened = self._complaint("解决后又重开", local(9, days=-3), resolved_at=local(9))
        with freeze_time(local(15)):
            reopened.with_user(self.sales_a1).action_reopen()
        self._complaint("同事处理的", local(9), user=self.sales_a2)
        return counted, received, resolved, closed

    def test_expenses_and_complaints_of_the_day(self):
        self.sales_a1.lang = "en_US"
        expenses, received, resolved, closed = self._day_of_service_work()
        report = self.Report._generate(self.sales_a1, DAY)
        self.assertEqual(
            (report.expense_count, report.expense_amount, report.complaint_count, report.complaint_resolved_count,
             report.complaint_closed_count),
            (3, 1080.0, 2, 2, 1),
        )
        self.assertIn("Submitted <b>3</b> expenses for <b>", report.summary)
        self.assertIn("Complaints: <b>2</b> received, <b>2</b> resolved, <b>1</b> closed.", report.summary)
        a2 = self.Report._generate(self.sales_a2, DAY)
        self.assertEqual((a2.expense_count, a2.expense_amount, a2.complaint_count), (1, 990.0, 1))
        self.assertEqual(report.operation_count - (report.expense_count + report.complaint_count
                                                   + report.complaint_resolved_count + report.complaint_closed_count),
                         report.action_count + report.contract_count + report.payment_count + report.customer_count
                         + report.contact_count + report.task_count + report.event_count,
                         "the service work counts among the day's operations")

        # Each figure opens exactly its records, under the reader's own rules.
        as_manager = report.with_user(self.manager_a)
        for source, records in (("expenses", expenses), ("complaints", received), ("complaints_resolved", resolved),
                                ("complaints_closed", closed)):
            with self.subTest(source=source):
                action = as_manager.with_context(xtools_source=source).action_open_figure()
                self.assertEqual(action["res_model"], records._name)
                found = self.env[records._name].with_user(self.manager_a).with_context(active_test=False).search(
                    action["domain"])
                self.assertEqual(found, records)
        # A manager of another team reads no report of team A, so opens none of its figures.
        with self.assertRaises(AccessError):
            report.with_user(self.manager_b).with_context(xtools_source="expenses").action_open_figure()

    def test_summary_of_the_service_work_in_chinese(self):
        self.sales_a1.lang = "zh_CN"
        self._day_of_service_work()
        report = self.Report._generate(self.sales_a1, DAY)
        self.assertIn("提交费用 <b>3</b> 笔", report.summary)
        self.assertIn("客户投诉：收到 <b>2</b> 起，解决 <b>2</b> 起，关闭 <b>1</b> 起。", report.summary)
