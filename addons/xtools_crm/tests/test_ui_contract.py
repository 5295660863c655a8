from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContractTour(HttpCase):
    def test_contract_with_plans_and_payment_from_customer(self):
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        user = new_test_user(self.env, login="t_tour_contract", groups="xtools_crm.group_sales", name="合同巡游销售")
        customer = self.env["xtools.customer"].create(
            {"name": "巡游合同客户有限公司", "short_name": "巡游合同客户", "user_id": user.id}
        )
        self.start_tour(
            f"/odoo/action-xtools_crm.xtools_customer_action/{customer.id}",
            "xtools_contract_from_customer",
            login="t_tour_contract",
        )
        contract = customer.contract_ids
        self.assertEqual(contract.name, "巡游测试合同")
        self.assertEqual(contract.state, "running")
        self.assertEqual(contract.plan_ids.mapped("amount"), [3000, 7000])
        # Due today (the plans' default), as the salesperson sees it: their day, in their time zone.
        self.assertEqual(contract.plan_ids.with_user(user).mapped("state"), ["partial", "planned"])
        self.assertEqual(customer.payment_amount_total, 1000)
        self.assertEqual(customer.lifecycle, "customer")


@tagged("post_install", "-at_install")
class TestSignedContractTour(HttpCase):
    def test_manager_edits_a_plan_the_salesperson_cannot(self):
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        sales = new_test_user(self.env, login="t_tour_signed_sales", groups="xtools_crm.group_sales", name="签约销售",
                             lang="zh_CN")
        manager = new_test_user(self.env, login="t_tour_signed_manager", groups="xtools_crm.group_manager",
                                name="签约经理", lang="zh_CN")
        self.env["crm.team"].create({"name": "签约巡游组", "user_id": manager.id, "member_ids": [(6, 0, sales.ids)]})
        customer = self.env["xtools.customer"].create(
            {"name": "签约巡游客户有限公司", "short_name": "签约巡游", "user_id": sales.id}
        )
        contract = self.env["xtools.contract"].create({
            "name": "签约巡游合同", "customer_id": customer.id, "user_id": sales.id, "amount": 10000,
            "start_date": "2027-01-01", "end_date": "2027-12-31",
            "plan_ids": [(0, 0, {"name": "首付款", "due_date": "2027-01-15", "amount": 4000}),
                         (0, 0, {"name": "尾款", "due_date": "2027-06-30", "amount": 6000})],
        })
        contract.action_sign()
        url = f"/odoo/action-xtools_crm.xtools_contract_action/{contract.id}"
        self.start_tour(url, "xtools_signed_contract_read_only_for_sales", login="t_tour_signed_sales")
        self.assertEqual(str(contract.plan_ids.sorted("due_date")[0].due_date), "2027-01-15")
        self.start_tour(url, "xtools_signed_contract_manager_moves_a_plan", login="t_tour_signed_manager")
        first = contract.plan_ids.filtered(lambda p: p.name == "首付款")
        self.assertEqual(str(first.due_date), "2027-03-01")
        self.assertEqual(sum(contract.plan_ids.mapped("amount")), contract.amount, "the plans still add up")
