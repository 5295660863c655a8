import re
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkbenchTour(HttpCase):
    def test_salesperson_marks_a_task_done_from_the_workbench(self):
        user = new_test_user(
            self.env, login="t_tour_workbench", groups="xtools_crm.group_sales", name="工作台销售"
        )
        self.assertEqual(user.action_id.id, self.env.ref("xtools_crm.action_workbench").id)
        customer = self.env["xtools.customer"].with_user(user).create(
            {"name": "杭州工作台巡游有限公司", "short_name": "工作台巡游"}
        )
        done, kept = (
            customer.with_user(user).activity_schedule(
                "xtools_crm.mail_activity_type_call", date_deadline=date.today() + timedelta(days=days),
                summary=summary, user_id=user.id,
            )
            for days, summary in ((-1, "回访巡游客户"), (2, "寄送合同草案"))
        )
        # Owned for 28 days without an action: returns to the default pool (30 days, warned 3 days ahead) in 2 days.
        returning = self.env["xtools.customer"].create({
            "name": "杭州将退回巡游有限公司", "short_name": "将退回巡游", "user_id": user.id,
            "owner_date": fields.Datetime.now() - timedelta(days=28),
        })
        self.start_tour("/odoo", "xtools_workbench_task_done", login="t_tour_workbench")
        self.assertFalse(returning.pool_id, "opening it changes nothing")
        self.assertFalse(done.exists(), "the task is done")
        self.assertTrue(kept.exists())
        self.assertIn("回访巡游客户", customer.message_ids[0].body, "the done task is in the customer's chatter")


# The hash Hoot gives a suite's full name (see its URL parameter ``suite``): a 32-bit string hash in hex.
def hoot_hash(name):
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestWorkbenchUnit(HttpCase):
    """The Hoot unit tests of the workbench component (static/tests/workbench/), run in the browser."""

    # Tests in static/tests/workbench/workbench.test.js; a filter that finds none must not pass.
    EXPECTED_TESTS = 5

    def test_workbench_hoot(self):
        url = f"/web/tests?headless&loglevel=2&preset=desktop&timeout=30000&suite={hoot_hash('@xtools_crm')}"
        with self.assertLogs("odoo.addons.xtools_crm", level="INFO") as logs:
            try:
                self.browser_js(
                    url, "", "", login="admin", timeout=600, success_signal="[HOOT] test suite succeeded",
                    error_checker=lambda message: "[HOOT]" not in message,
                )
            except AssertionError as error:
                # The browser's log is captured here: show what Hoot said.
                hoot = [line for line in logs.output if "HOOT" in line or "failed" in line.lower()]
                raise AssertionError("\n".join([str(error), *hoot[-40:]])) from None
        passed = [int(match.group(1)) for line in logs.output if (match := re.search(r"passed (\d+) tests", line))]
        self.assertEqual(passed, [self.EXPECTED_TESTS], "\n".join(logs.output[-20:]))


@tagged("post_install", "-at_install")
class TestWorkbenchManagerTour(HttpCase):
    def test_manager_marks_read_approves_and_rejects_from_the_workbench(self):
        manager = new_test_user(self.env, login="t_tour_wb_manager", groups="xtools_crm.group_manager",
                                name="工作台经理")
        sales = new_test_user(self.env, login="t_tour_wb_sales", groups="xtools_crm.group_sales", name="工作台组员")
        self.env["crm.team"].create({"name": "工作台巡游团队", "user_id": manager.id,
                                     "member_ids": [Command.set(sales.ids)]})
        customer = self.env["xtools.customer"].create(
            {"name": "工作台费用客户有限公司", "short_name": "工作台费用客户", "user_id": sales.id}
        )
        self.env["ir.config_parameter"].set_param("xtools_crm.expense_notify_email", False)
        # The only unread announcement is the tour's (the demo's, addressed to everybody, read before).
        self.env["xtools.announcement"].with_user(manager).search([]).action_mark_read()
        # Published on the manager's today (their time zone's, which may not be this environment's).
        announcement = self.env["xtools.announcement"].create({
            "name": "巡游公告", "audience": "all",
            "publish_date": fields.Date.context_today(self.env["xtools.announcement"].with_user(manager)),
        })
        Expense = self.env["xtools.expense"].with_user(sales)
        dinner, trip = Expense.create([
            {"customer_id": customer.id, "category_id": self.env.ref("xtools_crm.expense_category_entertainment").id,
             "amount": 520, "description": "巡游工作台招待"},
            {"customer_id": customer.id, "category_id": self.env.ref("xtools_crm.expense_category_travel").id,
             "amount": 1800, "description": "巡游工作台出差"},
        ])
        (dinner | trip).action_submit()
        self.start_tour("/odoo", "xtools_workbench_manager_decides", login="t_tour_wb_manager")
        self.assertEqual((dinner.state, dinner.approver_id), ("approved", manager))
        self.assertEqual((trip.state, trip.reject_reason), ("rejected", "请先提交出差申请"))
        self.assertTrue(announcement.with_user(manager).is_read)
