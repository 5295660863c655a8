from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .service_common import XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestServiceStatistics(XtoolsServiceCase):
    """Complaints by type and state, expenses by category and person (SQL views under 统计): figures against
    hand-computed data, and each role sees the rows of the customers it sees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category_gift = cls.env.ref("xtools_crm.expense_category_gift")
        now = fields.Datetime.now()
        # Complaints (deadlines from Settings: normal 72 h, urgent 24 h, critical 4 h)
        cls.late = cls._complaint(
            cls.customer_a1, name="甲一超时", complaint_type="product", date=now - timedelta(hours=80)
        )
        cls.in_time = cls._complaint(cls.customer_a1, name="甲一及时", complaint_type="service",
                                     date=now - timedelta(hours=10), resolution="已上门")
        cls.in_time.with_user(cls.sales_a1).action_resolve()
        cls.processing = cls._complaint(cls.customer_a2, name="甲二处理中", complaint_type="delivery", urgency="urgent",
                                        date=now - timedelta(hours=2))
        cls.processing.with_user(cls.sales_a2).action_start()
        cls.closed_late = cls._complaint(cls.customer_b1, name="乙一迟了", complaint_type="product",
                                         urgency="critical", date=now - timedelta(hours=6), resolution="已退款")
        cls.closed_late.with_user(cls.sales_b1).action_resolve()
        cls.closed_late.with_user(cls.sales_b1).action_close()
        # Expenses
        cls.a1_dinner = cls._expense(cls.customer_a1, 800.0, submit=True)
        cls.a1_dinner.with_user(cls.manager_a).action_approve()
        cls.a1_travel = cls._expense(cls.customer_a1, 1200.0, submit=True, category_id=cls.category_travel.id)
        cls.a1_draft = cls._expense(cls.customer_a1, 50.0)
        cls.a2_gift = cls._expense(cls.customer_a2, 300.0, submit=True, category_id=cls.category_gift.id)
        cls.a2_gift.with_user(cls.manager_a).action_reject(reason="超标")
        cls.b1_travel = cls._expense(cls.customer_b1, 2000.0, submit=True, category_id=cls.category_travel.id)
        cls.b1_travel.with_user(cls.manager_b).action_approve()
        cls.customers = cls.customer_a1 | cls.customer_a2 | cls.customer_b1

    def _complaints(self, user, groupby, aggregates=("complaint_count:sum",)):
        rows = self.env["xtools.report.complaint"].with_user(user)._read_group(
            [("customer_id", "in", self.customers.ids)], groupby, list(aggregates))
        return {tuple(row[:len(groupby)]): list(row[len(groupby):]) for row in rows}

    def _expenses(self, user, groupby, aggregates=("approved_amount:sum", "submitted_amount:sum",
                                                   "rejected_amount:sum", "amount:sum")):
        rows = self.env["xtools.report.expense"].with_user(user)._read_group(
            [("customer_id", "in", self.customers.ids)], groupby, list(aggregates))
        return {tuple(row[:len(groupby)]): list(row[len(groupby):]) for row in rows}

    def test_complaints_by_type_and_state(self):
        by_type_state = self._complaints(self.boss, ["complaint_type", "state"])
        self.assertEqual(by_type_state, {
            ("product", "new"): [1], ("service", "resolved"): [1], ("delivery", "processing"): [1],
            ("product", "closed"): [1],
        })
        by_type = self._complaints(self.boss, ["complaint_type"], [
            "complaint_count:sum", "unresolved_count:sum", "overdue_count:sum", "resolved_count:sum",
            "on_time_count:sum"])
        self.assertEqual(by_type, {
            ("product",): [2, 1, 1, 1, 0],   # the overdue one, and one resolved after its 4 hours
            ("service",): [1, 0, 0, 1, 1],
            ("delivery",): [1, 1, 0, 0, 0],
        })
        [(hours,)] = self.env["xtools.report.complaint"].with_user(self.boss)._read_group(
            [("customer_id", "in", self.customers.ids)], [], ["resolution_hours:avg"])
        self.assertAlmostEqual(hours, (10 + 6) / 2, delta=0.1, msg="the average over the resolved ones only")
        states = self.env["xtools.report.complaint"].with_user(self.boss)._read_group(
            [("customer_id", "in", self.customers.ids)], ["state"], ["__count"])
        self.assertEqual([state for state, __ in states], ["new", "processing", "resolved", "closed"],
                         "statuses in their workflow order, as the pivot's columns")
        by_handler = self._complaints(self.manager_a, ["user_id"], ["complaint_count:sum", "overdue_count:sum"])
        self.assertEqual(by_handler, {(self.sales_a1,): [2, 1], (self.sales_a2,): [1, 0]})

    def test_expenses_by_category_and_person(self):
        self.assertEqual(self._expenses(self.boss, ["user_id", "category_id"]), {
            (self.sales_a1, self.category_dinner): [800.0, 0.0, 0.0, 800.0],
            (self.sales_a1, self.category_travel): [0.0, 1200.0, 0.0, 1200.0],
            (self.sales_a2, self.category_gift): [0.0, 0.0, 300.0, 300.0],
            (self.sales_b1, self.category_travel): [2000.0, 0.0, 0.0, 2000.0],
        }, "drafts are not claims yet")
        self.assertEqual(self._expenses(self.boss, ["category_id"], ["approved_amount:sum"]), {
            (self.category_dinner,): [800.0], (self.category_travel,): [2000.0], (self.category_gift,): [0.0],
        })
        states = self.env["xtools.report.expense"].with_user(self.boss)._read_group(
            [("customer_id", "in", self.customers.ids)], ["state"], ["amount:sum"], order="state desc")
        self.assertEqual(states, [("rejected", 300.0), ("approved", 2800.0), ("submitted", 1200.0)])
        self.assertEqual(self._expenses(self.boss, ["team_id"], ["amount:sum"]),
                         {(self.team_a,): [2300.0], (self.team_b,): [2000.0]})

    def test_each_role_sees_the_rows_of_the_customers_it_sees(self):
        cases = [
            (self.sales_a1, {self.customer_a1}),
            (self.sales_b1, {self.customer_b1}),
            (self.manager_a, {self.customer_a1, self.customer_a2}),
            (self.manager_b, {self.customer_b1}),
            (self.boss, set(self.customers)),
        ]
        for model in ("xtools.report.complaint", "xtools.report.expense"):
            Report = self.env[model]
            for user, customers in cases:
                with self.subTest(model=model, user=user.login):
                    rows = Report.with_user(user).search([("customer_id", "in", self.customers.ids)])
                    self.assertEqual(set(rows.customer_id), customers)
                    groups = Report.with_user(user)._read_group(
                        [("customer_id", "in", self.customers.ids)], ["customer_id"], ["__count"])
                    self.assertEqual({customer for customer, __ in groups}, customers)
            hidden = Report.search([("customer_id", "=", self.customer_b1.id)], limit=1)
            with self.assertRaises(AccessError):
                hidden.with_user(self.sales_a1).read(["customer_id"])
            with self.assertRaises(AccessError):
                hidden.with_user(self.manager_a).read(["customer_id"])
        # Shared with sales A1, B1's rows come along; transferred away, A1's leave.
        self.customer_b1._share_with(self.sales_a1)
        self.assertEqual(self.env["xtools.report.expense"].with_user(self.sales_a1).search_count(
            [("customer_id", "=", self.customer_b1.id)]), 1)
        self.customer_a1._transfer_to(self.sales_b1)
        self.assertFalse(self.env["xtools.report.complaint"].with_user(self.sales_a1).search(
            [("customer_id", "=", self.customer_a1.id)]))

    def test_portal_sees_nothing(self):
        for model in ("xtools.report.complaint", "xtools.report.expense"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.portal).search([])

    def test_menus_under_statistics(self):
        statistics = self.env.ref("xtools_crm.menu_statistics")
        for menu, action in (("xtools_report_complaint_menu", "xtools_report_complaint_action"),
                             ("xtools_report_expense_menu", "xtools_report_expense_action")):
            menu = self.env.ref(f"xtools_crm.{menu}")
            self.assertEqual((menu.parent_id, menu.action), (statistics, self.env.ref(f"xtools_crm.{action}")))
            for user in (self.sales_a1, self.manager_a, self.boss):
                self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids(), user.login)

    def test_demo_data_makes_them_non_empty(self):
        boss = self.env.ref("xtools_crm.user_boss")
        complaints = self._demo(boss, "xtools.report.complaint", "state")
        self.assertEqual(set(complaints), {"new", "processing", "resolved", "closed"})
        expenses = self._demo(boss, "xtools.report.expense", "state")
        self.assertEqual(set(expenses), {"submitted", "approved", "rejected"})
        manager = self.env.ref("xtools_crm.user_manager")
        self.assertTrue(self._demo(manager, "xtools.report.expense", "category_id"))
        self.assertTrue(self._demo(self.env.ref("xtools_crm.user_sales1"), "xtools.report.complaint", "complaint_type"))

    def _demo(self, user, model, groupby):
        demo = self.env["xtools.customer"].search([("id", "not in", (self.customers | self.customer_boss
                                                                     | self.customer_manager_a).ids)])
        return dict(self.env[model].with_user(user)._read_group(
            [("customer_id", "in", demo.ids)], [groupby], ["__count"]))
