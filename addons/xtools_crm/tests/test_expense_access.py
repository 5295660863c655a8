from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .service_common import DocumentAccessTests, XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestExpenseAccess(DocumentAccessTests, XtoolsServiceCase):
    """Expenses are visible exactly when their customer is; nobody files one into a file they cannot see."""

    term_a1, term_b1 = "甲一宴请", "乙一宴请"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record_b1 = cls._expense(cls.customer_b1, 321, description=cls.term_b1)
        cls.record_a1 = cls._expense(cls.customer_a1, 123, description=cls.term_a1)

    def _create_vals(self):
        return {"category_id": self.category_dinner.id, "amount": 10, "description": "越权"}

    def _hidden_links(self):
        opportunity_b1 = self.env["xtools.opportunity"].create(
            {"name": "乙一机会", "customer_id": self.customer_b1.id, "user_id": self.sales_b1.id}
        )
        return super()._hidden_links() + [{"opportunity_id": opportunity_b1.id}]

    def test_read_group_sums_only_visible_expenses(self):
        groups = self.env["xtools.expense"].with_user(self.sales_a1).read_group([], ["amount:sum"], ["customer_id"])
        self.assertEqual([(g["customer_id"][0], g["amount"]) for g in groups], [(self.customer_a1.id, 123)])

    def test_no_deciding_hidden_expenses(self):
        self.record_b1.with_user(self.sales_b1).action_submit()
        with self.assertRaises(UserError):
            self.record_b1.with_user(self.manager_a).action_approve()
        self.assertEqual(self.record_b1.state, "submitted")
        self.assertFalse(self.env["xtools.expense"].with_user(self.manager_a).search([("can_approve", "=", True)]))

    def test_totals_need_no_access_to_the_expenses(self):
        """The stored total is computed once for everybody: the owner reads it even for expenses of others."""
        self.customer_a1._share_with(self.sales_a2)
        expense = self._expense(self.customer_a1, 400, user=self.sales_a2, submit=True)
        expense.with_user(self.manager_a).action_approve()
        self.assertEqual(self.customer_a1.with_user(self.sales_a1).expense_amount_total, 400)

    def test_categories_are_configured_by_the_boss(self):
        Category = self.env["xtools.expense.category"]
        self.assertTrue(Category.with_user(self.sales_a1).search([]))
        with self.assertRaises(AccessError):
            Category.with_user(self.manager_a).create({"name": "经理加的"})
        Category.with_user(self.boss).create({"name": "会议"})
