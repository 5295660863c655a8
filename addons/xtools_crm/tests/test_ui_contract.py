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
        self.assertEqual(contract.plan_ids.mapped("state"), ["partial", "planned"])
        self.assertEqual(customer.payment_amount_total, 1000)
        self.assertEqual(customer.lifecycle, "customer")
