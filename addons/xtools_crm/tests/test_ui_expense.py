from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestExpenseTour(HttpCase):
    def test_manager_approves_and_rejects_from_the_list(self):
        manager = new_test_user(self.env, login="t_tour_expense_mgr", groups="xtools_crm.group_manager",
                                name="巡游经理")
        sales = new_test_user(self.env, login="t_tour_expense_sales", groups="xtools_crm.group_sales",
                              name="巡游销售")
        self.env["crm.team"].create({"name": "巡游团队", "user_id": manager.id, "member_ids": [Command.set(sales.ids)]})
        customer = self.env["xtools.customer"].create(
            {"name": "巡游费用客户有限公司", "short_name": "巡游费用客户", "user_id": sales.id}
        )
        Expense = self.env["xtools.expense"].with_user(sales)
        category = self.env.ref("xtools_crm.expense_category_entertainment")
        dinner, trip = Expense.create([
            {"customer_id": customer.id, "category_id": category.id, "amount": 680, "description": "巡游招待客户"},
            {"customer_id": customer.id, "category_id": self.env.ref("xtools_crm.expense_category_travel").id,
             "amount": 2400, "description": "巡游出差"},
        ])
        (dinner | trip).action_submit()
        self.start_tour("/odoo/action-xtools_crm.xtools_expense_action_approval", "xtools_expense_approve_from_list",
                        login="t_tour_expense_mgr")
        self.assertEqual((dinner.state, dinner.approver_id), ("approved", manager))
        self.assertEqual((trip.state, trip.approver_id, trip.reject_reason), ("rejected", manager, "出差未经事先批准"))
        self.assertEqual(customer.expense_amount_total, 680)
