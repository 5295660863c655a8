from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .service_common import XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestExpenseApproval(XtoolsServiceCase):
    def test_team_manager_approves_and_requester_is_told(self):
        self.sales_a1.lang = "en_US"  # the note is written in the requester's language
        expense = self._expense(self.customer_a1, 800, submit=True)
        self.assertEqual(expense.state, "submitted")
        self.assertTrue(expense.with_user(self.manager_a).can_approve)
        result = expense.with_user(self.manager_a).action_approve()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual((expense.state, expense.approver_id), ("approved", self.manager_a))
        self.assertTrue(expense.approve_date)
        message = expense.message_ids.filtered(lambda m: self.sales_a1.partner_id in m.partner_ids)
        self.assertEqual(len(message), 1, "the requester is notified in the chatter")
        self.assertIn("approved by 经理A", message.body)
        self.assertEqual(message.author_id, self.manager_a.partner_id)

    def test_requester_is_told_in_their_language(self):
        self.sales_a1.lang = "zh_CN"
        expense = self._expense(self.customer_a1, 800, submit=True)
        expense.with_user(self.manager_a).action_reject(reason="没有发票")
        message = expense.message_ids.filtered(lambda m: self.sales_a1.partner_id in m.partner_ids)
        self.assertIn("已被经理A否决：没有发票", message.body)

    def test_nobody_approves_their_own_expense(self):
        own = self._expense(self.customer_manager_a, 500, submit=True)
        self.assertFalse(own.with_user(self.manager_a).can_approve)
        with self.assertRaisesRegex(UserError, "your own expense"):
            own.with_user(self.manager_a).action_approve()
        with self.assertRaisesRegex(UserError, "your own expense"):
            own.with_user(self.manager_a).action_reject(reason="自己否决自己")
        self.assertEqual(own.state, "submitted")
        boss_own = self._expense(self.customer_boss, 300, submit=True)
        with self.assertRaisesRegex(UserError, "your own expense"):
            boss_own.with_user(self.boss).action_approve()
        # The boss approves the manager's expense.
        own.with_user(self.boss).action_approve()
        self.assertEqual((own.state, own.approver_id), ("approved", self.boss))

    def test_manager_decides_for_the_teams_they_lead_only(self):
        expense_b1 = self._expense(self.customer_b1, 200, submit=True)
        # Shared with manager A: visible, yet not of a team A leads.
        self.customer_b1._share_with(self.manager_a)
        self.assertFalse(expense_b1.with_user(self.manager_a).can_approve)
        with self.assertRaisesRegex(UserError, "not of a team you lead"):
            expense_b1.with_user(self.manager_a).action_approve()
        # A salesperson decides on nobody's expense, not even their teammate's.
        self.customer_a2._share_with(self.sales_a1)
        expense_a2 = self._expense(self.customer_a2, 100, submit=True)
        with self.assertRaises(UserError):
            expense_a2.with_user(self.sales_a1).action_approve()
        expense_b1.with_user(self.manager_b).action_approve()
        self.assertEqual(expense_b1.state, "approved")

    def test_team_change_changes_who_approves(self):
        expense = self._expense(self.customer_b1, 200, submit=True)
        self.customer_b1._share_with(self.manager_a)
        self.assertFalse(expense.with_user(self.manager_a).can_approve)
        self.team_a.member_ids = [Command.link(self.sales_b1.id)]
        self.assertIn(
            expense, self.env["xtools.expense"].with_user(self.manager_a).search([("can_approve", "=", True)])
        )
        self.env.invalidate_all()  # as the next request does
        self.assertTrue(expense.with_user(self.manager_a).can_approve)

    def test_boss_approves_anyone(self):
        expenses = (
            self._expense(self.customer_a1, 100, submit=True)
            | self._expense(self.customer_b1, 200, submit=True)
            | self._expense(self.customer_manager_a, 300, submit=True)
        )
        expenses.with_user(self.boss).action_approve()
        self.assertEqual(set(expenses.mapped("state")), {"approved"})

    def test_mixed_selection_approves_what_it_may_and_names_the_rest(self):
        a1 = self._expense(self.customer_a1, 100, submit=True, description="甲一招待")
        a2 = self._expense(self.customer_a2, 200, submit=True, description="甲二差旅")
        own = self._expense(self.customer_manager_a, 300, submit=True, description="经理自己的")
        draft = self._expense(self.customer_a1, 400, description="还是草稿")
        self.customer_b1._share_with(self.manager_a)
        other_team = self._expense(self.customer_b1, 500, submit=True, description="乙队的")
        selection = (a1 | a2 | own | draft | other_team).with_user(self.manager_a)
        result = selection.action_approve()
        self.assertEqual((a1 | a2).mapped("state"), ["approved", "approved"])
        self.assertEqual((own | other_team).mapped("state"), ["submitted", "submitted"])
        self.assertEqual(draft.state, "draft")
        params = result["params"]
        self.assertEqual(params["type"], "warning")
        self.assertIn("2 expense(s) approved.", params["message"])
        for expense, reason in ((own, "your own expense"), (draft, "not submitted"),
                                (other_team, "not of a team you lead")):
            self.assertIn(f"{expense.display_name}（{reason}）", params["message"])
        self.assertNotIn(a1.display_name, params["message"])
        self.assertEqual(params["next"], {"type": "ir.actions.act_window_close"})

    def test_nothing_decidable_is_an_error_naming_them(self):
        own = self._expense(self.customer_manager_a, 300, submit=True, description="经理自己的")
        with self.assertRaisesRegex(UserError, "经理自己的"):
            own.with_user(self.manager_a).action_approve()

    def test_reject_asks_a_reason_in_the_wizard(self):
        a1 = self._expense(self.customer_a1, 100, submit=True)
        own = self._expense(self.customer_manager_a, 300, submit=True)
        action = (a1 | own).with_user(self.manager_a).action_reject()
        self.assertEqual(action["res_model"], "xtools.expense.reject.wizard")
        Wizard = self.env["xtools.expense.reject.wizard"].with_user(self.manager_a).with_context(**action["context"])
        with Form(Wizard) as form:
            self.assertIn(own.display_name, form.refused_warning)
            self.assertNotIn(a1.display_name, form.refused_warning)
            form.reason = "没有发票"
        result = form.record.action_reject()
        self.assertEqual((a1.state, a1.reject_reason, a1.approver_id), ("rejected", "没有发票", self.manager_a))
        self.assertEqual(own.state, "submitted")
        self.assertIn(own.display_name, result["params"]["message"])
        message = a1.message_ids.filtered(lambda m: self.sales_a1.partner_id in m.partner_ids)
        self.assertIn("没有发票", message.body)
        with self.assertRaisesRegex(UserError, "reason"):
            a1.with_user(self.manager_a).action_reject(reason="   ")

    def test_approved_expense_is_locked(self):
        expense = self._expense(self.customer_a1, 800, submit=True)
        as_sales = expense.with_user(self.sales_a1)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_sales.write({"amount": 1})
        expense.with_user(self.manager_a).action_approve()
        for vals in ({"amount": 8000}, {"customer_id": self.customer_manager_a.id}, {"description": "改"}):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                expense.with_user(self.manager_a).write(vals)
        with self.assertRaises(UserError):
            as_sales.action_submit()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            as_sales.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            expense.with_user(self.manager_a).unlink()
        self.assertEqual(expense.amount, 800)
        # Receipts may still be attached.
        as_sales.attach_document(attachment_ids=[])

    def test_rejected_expense_is_corrected_and_resubmitted(self):
        expense = self._expense(self.customer_a1, 800, submit=True)
        expense.with_user(self.manager_a).action_reject(reason="金额超标")
        as_sales = expense.with_user(self.sales_a1)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_sales.write({"customer_id": self.customer_a2.id})
        as_sales.write({"amount": 500, "description": "已按标准调整"})
        as_sales.action_submit()
        self.assertEqual(expense.state, "submitted")
        self.assertFalse(expense.reject_reason or expense.approver_id or expense.approve_date)
        expense.with_user(self.manager_a).action_approve()
        self.assertEqual((expense.state, expense.amount), ("approved", 500))

    def test_requester_withdraws_a_submitted_expense(self):
        expense = self._expense(self.customer_a1, 800, submit=True)
        with self.assertRaises(AccessError):
            expense.with_user(self.manager_a).action_withdraw()
        expense.with_user(self.sales_a1).action_withdraw()
        self.assertEqual(expense.state, "draft")
        expense.with_user(self.sales_a1).write({"amount": 700})

    def test_status_and_decision_never_written_directly(self):
        Expense = self.env["xtools.expense"].with_user(self.sales_a1)
        vals = {"customer_id": self.customer_a1.id, "category_id": self.category_dinner.id, "amount": 10,
                "description": "越权"}
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            Expense.create({**vals, "state": "approved"})
        for extra in ({"approver_id": self.manager_a.id}, {"reject_reason": "x"}):
            with self.assertRaisesRegex(UserError, "created as a draft"):
                Expense.create({**vals, **extra})
        # A default status in the context never applies: the expense starts as a draft.
        self.assertEqual(Expense.with_context(default_state="approved").create(vals).state, "draft")
        with self.assertRaisesRegex(UserError, "created as a draft"):
            Expense.with_context(default_approver_id=self.manager_a.id).create(vals)
        expense = self._expense(self.customer_a1, 10, submit=True)
        for forged in ({}, {"xtools_searching_visible_customers": True}):
            for field_vals in ({"state": "approved"}, {"approver_id": self.manager_a.id},
                               {"approve_date": "2025-01-01 00:00:00"}, {"reject_reason": "x"}):
                with self.assertRaisesRegex(UserError, "only through its buttons"):
                    expense.with_user(self.manager_a).with_context(**forged).write(field_vals)
        self.assertEqual(expense.state, "submitted")

    def test_requester_is_who_records_it(self):
        Expense = self.env["xtools.expense"].with_user(self.sales_a1)
        vals = {"customer_id": self.customer_a1.id, "category_id": self.category_dinner.id, "amount": 10,
                "description": "代报"}
        with self.assertRaises(AccessError):
            Expense.create({**vals, "user_id": self.sales_a2.id})
        with self.assertRaises(AccessError):
            Expense.with_context(default_user_id=self.sales_a2.id).create(vals)
        # A manager cannot record an expense in a member's name (and then approve it).
        self.customer_a1._share_with(self.manager_a)
        with self.assertRaises(AccessError):
            self.env["xtools.expense"].with_user(self.manager_a).create({**vals, "user_id": self.sales_a1.id})
        expense = Expense.create(vals)
        self.assertEqual(expense.user_id, self.sales_a1)
        with self.assertRaisesRegex(UserError, "requester"):
            expense.write({"user_id": self.sales_a2.id})

    def test_amount_and_opportunity_are_checked(self):
        with self.assertRaisesRegex(ValidationError, "more than zero, not -5"):
            self._expense(self.customer_a1, -5)
        with self.assertRaisesRegex(ValidationError, "more than zero"):
            self._expense(self.customer_a1, 0)
        other = self.env["xtools.opportunity"].create({"name": "甲二的机会", "customer_id": self.customer_a2.id,
                                                       "user_id": self.sales_a2.id})
        self.customer_a2._share_with(self.sales_a1)
        with self.assertRaisesRegex(ValidationError, "甲二的机会"):
            self._expense(self.customer_a1, 10, opportunity_id=other.id)
        mine = self.env["xtools.opportunity"].create({"name": "甲一的机会", "customer_id": self.customer_a1.id,
                                                      "user_id": self.sales_a1.id})
        expense = self._expense(self.customer_a1, 10, opportunity_id=mine.id)
        self.assertEqual(mine.with_user(self.sales_a1).expense_count, 1)
        self.assertEqual(mine.action_open_expenses()["domain"], [("opportunity_id", "=", mine.id)])
        with self.assertRaisesRegex(ValidationError, "甲一的机会"):
            expense.with_user(self.sales_a1).write({"customer_id": self.customer_a2.id})

    def test_email_to_requester_when_settings_ask(self):
        self.sales_a1.lang = "en_US"  # the e-mail is written in the requester's language
        expense = self._expense(self.customer_a1, 100, submit=True)
        expense.with_user(self.manager_a).action_approve()
        template = self.env.ref("xtools_crm.mail_template_xtools_expense_decision")
        mails = self.env["mail.mail"].search([("model", "=", "xtools.expense"), ("res_id", "=", expense.id),
                                              ("subject", "like", "Expense ")])
        self.assertFalse(mails, "no e-mail unless Settings ask for it")
        self.env["xtools.crm.settings"].create({"xtools_expense_notify_email": True}).execute()
        rejected = self._expense(self.customer_a1, 200, submit=True, description="打车费")
        rejected.with_user(self.manager_a).action_reject(reason="没有发票")
        mail = self.env["mail.mail"].search([("model", "=", "xtools.expense"), ("res_id", "=", rejected.id),
                                             ("subject", "like", "Expense ")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.sales_a1.partner_id)
        self.assertEqual(mail.subject, "Expense rejected: 打车费")
        self.assertIn("没有发票", str(mail.body_html))
        self.assertTrue(template)


@tagged("post_install", "-at_install")
class TestExpenseTotals(XtoolsServiceCase):
    def test_total_counts_approved_expenses(self):
        approved = self._expense(self.customer_a1, 800, submit=True)
        approved.with_user(self.manager_a).action_approve()
        self._expense(self.customer_a1, 50, submit=True)
        rejected = self._expense(self.customer_a1, 70, submit=True)
        rejected.with_user(self.manager_a).action_reject(reason="不合规")
        self._expense(self.customer_a1, 30)
        customer = self.customer_a1.with_user(self.sales_a1)
        self.assertEqual(customer.expense_amount_total, 800)
        self.assertEqual(customer.expense_count, 4)
        # Corrected and approved again: it counts.
        rejected.with_user(self.sales_a1).action_submit()
        rejected.with_user(self.boss).action_approve()
        self.assertEqual(customer.expense_amount_total, 870)

    def test_total_after_deletes_and_moves(self):
        first = self._expense(self.customer_a1, 800, submit=True)
        second = self._expense(self.customer_a1, 200, submit=True)
        (first | second).with_user(self.manager_a).action_approve()
        self.assertEqual(self.customer_a1.expense_amount_total, 1000)
        # The boss deletes an approved expense recorded by mistake.
        second.with_user(self.boss).unlink()
        self.assertEqual(self.customer_a1.expense_amount_total, 800)
        # A draft moved to another customer, then approved there, counts there only.
        self.customer_a2._share_with(self.sales_a1)
        moved = self._expense(self.customer_a1, 300)
        moved.with_user(self.sales_a1).write({"customer_id": self.customer_a2.id})
        moved.with_user(self.sales_a1).action_submit()
        moved.with_user(self.manager_a).action_approve()
        self.assertEqual(self.customer_a1.expense_amount_total, 800)
        self.assertEqual(self.customer_a2.expense_amount_total, 300)
        # A deleted draft never counted.
        self._expense(self.customer_a1, 999).with_user(self.sales_a1).unlink()
        self.assertEqual(self.customer_a1.expense_amount_total, 800)

    def test_total_follows_a_transferred_customer(self):
        expense = self._expense(self.customer_a1, 800, submit=True)
        expense.with_user(self.manager_a).action_approve()
        self.customer_a1._transfer_to(self.sales_b1)
        customer = self.customer_a1.with_user(self.sales_b1)
        self.assertEqual(customer.expense_amount_total, 800)
        self.assertEqual(customer.expense_count, 1)
        self.assertEqual(expense.with_user(self.sales_b1).user_id, self.sales_a1, "the requester stays")
        self.assertFalse(self.env["xtools.expense"].with_user(self.sales_a1).search([("id", "=", expense.id)]))

    def test_customer_view_records_expenses_in_place(self):
        with Form(self.customer_a1.with_user(self.sales_a1)) as form:
            with form.expense_ids.new() as line:
                line.category_id = self.category_travel
                line.description = "客户视图里记的差旅"
                line.amount = 660
        expense = self.customer_a1.expense_ids
        self.assertEqual((expense.customer_id, expense.user_id, expense.state),
                         (self.customer_a1, self.sales_a1, "draft"))
        action = self.customer_a1.action_open_expenses()
        self.assertEqual(action["context"]["default_customer_id"], self.customer_a1.id)


@tagged("post_install", "-at_install")
class TestExpenseQueryCounts(XtoolsServiceCase):
    """The expense list (with the approve buttons' flag, receipts and names) costs the same whatever its size."""

    def _count(self, user):
        Expense = self.env["xtools.expense"].with_user(user)
        spec = {
            "date": {}, "user_id": {"fields": {"display_name": {}}}, "customer_id": {"fields": {"display_name": {}}},
            "category_id": {"fields": {"display_name": {}}}, "description": {}, "amount": {}, "state": {},
            "receipt_count": {}, "can_approve": {}, "approver_id": {"fields": {"display_name": {}}},
            "display_name": {},
        }
        for _warmup in range(2):  # warm the caches (rules, currency, translations)
            Expense.web_search_read([], spec, limit=80)
            self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = Expense.web_search_read([], spec, limit=80)
        self.assertTrue(result["records"])
        return self.env.cr.sql_log_count - before

    def test_list_queries_do_not_grow(self):
        for i in range(3):
            self._expense(self.customer_a1, 10 + i, submit=True)
            self._expense(self.customer_a2, 10 + i, submit=True)
        small = (self._count(self.sales_a1), self._count(self.manager_a))
        for i in range(30):
            self._expense(self.customer_a1, 100 + i, submit=True)
            self._expense(self.customer_a2, 100 + i, submit=True)
        large = (self._count(self.sales_a1), self._count(self.manager_a))
        self.assertEqual(small, large)
