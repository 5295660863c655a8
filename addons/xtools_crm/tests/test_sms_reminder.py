import contextlib
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import _super_send

from ..models.mail_activity import SMS_REMINDER_MAX_ATTEMPTS
from .common import XtoolsCrmCase


class _GatewayHandler(BaseHTTPRequestHandler):
    """A stand-in SMS gateway: records every request, answers as ``server.mode`` says."""

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.server.requests.append(
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
        )
        if self.server.mode == "slow":
            time.sleep(1.5)
        status = 500 if self.server.mode == "error" else 200
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}' if status == 200 else b'{"error": "boom"}')

    do_POST = do_GET = _handle

    def log_message(self, *args):
        pass


def _local_send_keeping_timeout(cls, session, request, **kw):
    assert urlparse(request.url).hostname == "127.0.0.1", "tests only ever reach the local gateway"
    return _super_send(session, request, **kw)


class _Interrupted(BaseException):
    """Stands for the worker being killed mid-run: not an Exception the cron would catch."""


@tagged("post_install", "-at_install")
class TestSmsReminder(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), _GatewayHandler)
        cls.server.daemon_threads = True
        cls.server.requests = []
        cls.server.mode = "ok"
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}/sms/send"
        cls.sales_a1.mobile = "138 0013 8000"
        cls.type_call = cls.env.ref("xtools_crm.mail_activity_type_call")

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.mode = "ok"
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param("xtools_crm.sms_provider", "http")
        set_param("xtools_crm.sms_http_url", self.url)
        set_param("xtools_crm.sms_http_method", "POST")
        set_param("xtools_crm.sms_http_token", "secret-token")
        set_param("xtools_crm.sms_http_template", '{"to": "{number}", "content": "{message}", "sign": "云启"}')
        set_param("xtools_crm.sms_http_timeout", "0.5")
        # Only this test's SMS go through the queue.
        self.env["sms.sms"].sudo().search([("state", "=", "outgoing")]).state = "canceled"

    def _task(self, minutes=-1, user=None, customer=None, summary="回访报价"):
        return (customer or self.customer_a1).activity_schedule(
            activity_type_id=self.type_call.id,
            summary=summary,
            user_id=(user or self.sales_a1).id,
            xtools_sms_reminder=True,
            xtools_sms_remind_at=fields.Datetime.now() + timedelta(minutes=minutes),
        )

    def _run(self, times=1):
        """One round of the two crons: queue/follow reminders, then the SMS queue sends."""
        for _round in range(times):
            self.env["mail.activity"]._cron_send_sms_reminders()
            self.env["sms.sms"]._process_queue()
            self.env["mail.activity"].flush_model()

    def test_due_reminder_sent_exactly_once(self):
        task = self._task()
        self._run(times=4)
        self.assertEqual(len(self.server.requests), 1)
        request = self.server.requests[0]
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["path"], "/sms/send")
        self.assertEqual(request["headers"]["Authorization"], "Bearer secret-token")
        payload = json.loads(request["body"])
        self.assertEqual(payload["to"], "+8613800138000")
        self.assertEqual(payload["sign"], "云启")
        self.assertIn("回访报价", payload["content"])
        self.assertEqual((task.xtools_sms_state, task.xtools_sms_attempts), ("sent", 1))

    def test_not_due_not_sent(self):
        task = self._task(minutes=30)
        self._run()
        self.assertFalse(self.server.requests)
        self.assertEqual(task.xtools_sms_state, "pending")

    def test_no_sms_for_done_task(self):
        task = self._task()
        task.action_done()
        self._run()
        self.assertFalse(self.server.requests)
        # Done after its SMS was queued but before the queue ran: the SMS is cancelled.
        task = self._task()
        self.env["mail.activity"]._cron_send_sms_reminders()
        sms = task.xtools_sms_id
        self.assertEqual(sms.state, "outgoing")
        task.action_feedback(feedback="已联系")
        self.assertEqual(sms.state, "canceled")
        self._run(times=2)
        self.assertFalse(self.server.requests)

    def test_gateway_error_retried_bounded_then_failed(self):
        self.server.mode = "error"
        task = self._task()
        self._run(times=SMS_REMINDER_MAX_ATTEMPTS + 3)
        self.assertEqual(len(self.server.requests), SMS_REMINDER_MAX_ATTEMPTS)
        self.assertEqual(task.xtools_sms_state, "failed")
        self.assertEqual(task.xtools_sms_attempts, SMS_REMINDER_MAX_ATTEMPTS)
        self.assertTrue(task.xtools_sms_error)
        # The administrator finds it in the failed reminders.
        action = self.env.ref("xtools_crm.mail_activity_action_xtools_sms_reminders")
        failed = self.env["mail.activity"].with_context(active_test=False).search(
            [("xtools_sms_reminder", "=", True), ("xtools_sms_state", "=", "failed")]
        )
        self.assertIn(task, failed)
        self.assertIn("xtools_sms_failed", action.context)

    def test_gateway_recovers_after_error(self):
        self.server.mode = "error"
        task = self._task()
        self._run()
        self.server.mode = "ok"
        self._run(times=3)
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual((task.xtools_sms_state, task.xtools_sms_attempts), ("sent", 2))

    def test_gateway_timeout_is_a_failure(self):
        self.server.mode = "slow"
        task = self._task()
        # Odoo's test harness raises request timeouts below 10 s to 10 s; keep the gateway's 0.5 s (local only).
        with patch.object(type(self), "_request_handler", classmethod(_local_send_keeping_timeout)):
            self._run(times=SMS_REMINDER_MAX_ATTEMPTS + 1)
        self.assertEqual(len(self.server.requests), SMS_REMINDER_MAX_ATTEMPTS)
        self.assertEqual(task.xtools_sms_state, "failed")

    def test_interrupted_run_neither_loses_nor_repeats(self):
        first, second = self._task(summary="第一"), self._task(summary="第二")
        original = type(self.env["mail.activity"])._xtools_queue_sms_reminder
        calls = []

        def crash_on_second(activity):
            calls.append(activity)
            if len(calls) == 2:
                raise _Interrupted()
            return original(activity)

        # Not assertRaises: Odoo's rolls its block back, and the point is what the first item left behind.
        interrupted = False
        with patch.object(type(self.env["mail.activity"]), "_xtools_queue_sms_reminder", crash_on_second):
            try:
                self.env["mail.activity"]._cron_send_sms_reminders()
            except _Interrupted:
                interrupted = True
        self.assertTrue(interrupted)
        self.assertEqual(first.xtools_sms_state, "queued")
        self.assertEqual(second.xtools_sms_state, "pending")
        self._run(times=3)
        bodies = sorted(json.loads(r["body"])["content"] for r in self.server.requests)
        self.assertEqual(len(bodies), 2)
        self.assertIn("第一", bodies[0] + bodies[1])
        self.assertIn("第二", bodies[0] + bodies[1])
        self.assertEqual((first | second).mapped("xtools_sms_state"), ["sent", "sent"])

    def test_locked_reminder_skipped(self):
        """A reminder a worker already handled no longer matches the locked select of another."""
        task = self._task()
        self.assertTrue(task._xtools_lock_for_reminder(("pending",)))
        self.env["mail.activity"]._cron_send_sms_reminders()
        self.assertFalse(task._xtools_lock_for_reminder(("pending",)))
        self.assertEqual(self.env["sms.sms"].search_count([("id", "=", task.xtools_sms_id.id)]), 1)

    def test_reminder_needs_a_time(self):
        with self.assertRaisesRegex(ValidationError, "回访"):
            self.customer_a1.activity_schedule(
                activity_type_id=self.type_call.id, summary="回访", user_id=self.sales_a1.id, xtools_sms_reminder=True
            )

    def test_batches_report_the_rest(self):
        tasks = self._task(summary="一") + self._task(summary="二") + self._task(summary="三")
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
            self.env["mail.activity"]._cron_send_sms_reminders(batch_size=2)
        self.assertEqual(progress.call_args.kwargs, {"done": 2, "remaining": 1})
        self.assertEqual(sorted(tasks.mapped("xtools_sms_state")), ["pending", "queued", "queued"])

    def test_owner_without_mobile(self):
        self.sales_a2.mobile = False
        task = self._task(user=self.sales_a2, customer=self.customer_a2)
        self._run()
        self.assertFalse(self.server.requests)
        self.assertEqual(task.xtools_sms_state, "failed")

    def test_new_reminder_time_sends_again(self):
        task = self._task()
        self._run(times=2)
        task.write({"xtools_sms_remind_at": fields.Datetime.now() - timedelta(seconds=10)})
        self.assertEqual(task.xtools_sms_state, "pending")
        task.write({"xtools_sms_remind_at": task.xtools_sms_remind_at})
        self.assertEqual(task.xtools_sms_state, "pending")
        self._run(times=2)
        self.assertEqual(len(self.server.requests), 2)

    def test_get_method_sends_query_parameters(self):
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.sms_http_method", "GET")
        self._task()
        self._run()
        self.assertEqual(len(self.server.requests), 1)
        query = parse_qs(urlparse(self.server.requests[0]["path"]).query)
        self.assertEqual(query["to"], ["+8613800138000"])

    def test_iap_stays_the_default(self):
        self.env["ir.config_parameter"].sudo().set_param("xtools_crm.sms_provider", "iap")
        sms = self.env["sms.sms"].create({"number": "+8613800138000", "body": "hi"})
        with patch("odoo.addons.sms.models.sms_sms.SmsApi._send_sms_batch",
                   return_value=[{"uuid": sms.uuid, "state": "success"}]) as iap:
            sms._send()
        iap.assert_called_once()
        self.assertFalse(self.server.requests)

    def test_send_test_sms_button(self):
        settings = self.env["xtools.crm.settings"].create(
            {"xtools_sms_provider": "http", "xtools_sms_http_url": self.url, "xtools_sms_test_number": "138 0013 8000"}
        )
        result = settings.action_xtools_send_test_sms()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(json.loads(self.server.requests[0]["body"])["to"], "+8613800138000")
        self.server.mode = "error"
        with self.assertRaises(UserError):
            settings.action_xtools_send_test_sms()
        settings.xtools_sms_test_number = "12"
        with self.assertRaisesRegex(UserError, "12"):
            settings.action_xtools_send_test_sms()

    def test_schedule_sms_alarm_reaches_owner_through_gateway(self):
        """Schedules use calendar_sms alarms; their SMS take the same transport."""
        alarm = self.env.ref("xtools_crm.calendar_alarm_sms_owner_30min")
        event = self.customer_a1._create_schedule(
            "上门演示", fields.Datetime.now() + timedelta(minutes=20), self.sales_a1
        )
        event.alarm_ids = alarm
        event._do_sms_reminder(alarm)
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(json.loads(self.server.requests[0]["body"])["to"], "+8613800138000")


@tagged("post_install", "-at_install")
class TestSmsReminderWorkers(TransactionCase):
    """Two workers on one due reminder, each in its own committed transaction, as in production."""

    def _in_new_cursor(self, function):
        with self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {}))

    def test_two_workers_queue_one_sms(self):
        def create_reminder(env):
            activity = env.ref("xtools_crm.customer_walisen").activity_schedule(
                activity_type_id=env.ref("xtools_crm.mail_activity_type_call").id,
                summary="并发提醒",
                user_id=env.ref("xtools_crm.user_sales1").id,
                xtools_sms_reminder=True,
                xtools_sms_remind_at=fields.Datetime.now() - timedelta(minutes=1),
            )
            return activity.id

        activity_id = self._in_new_cursor(create_reminder)
        locked, release, seen = threading.Event(), threading.Event(), {}

        def worker_a():
            def run(env):
                activity = env["mail.activity"].browse(activity_id)
                seen["a_locked"] = activity._xtools_lock_for_reminder(("pending",))
                locked.set()
                release.wait(20)
                activity._xtools_queue_sms_reminder()
            self._in_new_cursor(run)

        def worker_b():
            self._in_new_cursor(lambda env: env["mail.activity"]._cron_send_sms_reminders())

        try:
            thread_a = threading.Thread(target=worker_a)
            thread_a.start()
            self.assertTrue(locked.wait(20))
            thread_b = threading.Thread(target=worker_b)
            thread_b.start()
            thread_b.join(30)  # B skips the row A holds, and does not wait for it
            self.assertFalse(thread_b.is_alive())
            release.set()
            thread_a.join(30)
            thread_b = threading.Thread(target=worker_b)  # B again, after A committed
            thread_b.start()
            thread_b.join(30)

            def check(env):
                activity = env["mail.activity"].browse(activity_id)
                sms = env["sms.sms"].search([("body", "like", "并发提醒")])
                return seen.get("a_locked"), activity.xtools_sms_state, activity.xtools_sms_attempts, len(sms)

            self.assertEqual(self._in_new_cursor(check), (True, "queued", 1, 1))
        finally:
            release.set()

            def cleanup(env):
                activity = env["mail.activity"].browse(activity_id).exists()
                sms = env["sms.sms"].search([("body", "like", "并发提醒")])
                activity.unlink()
                sms.unlink()
            self._in_new_cursor(cleanup)
