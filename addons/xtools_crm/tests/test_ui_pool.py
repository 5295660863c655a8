from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerPoolTour(HttpCase):
    def test_sales_user_claims_from_the_pool(self):
        user = new_test_user(self.env, login="t_tour_pool", groups="xtools_crm.group_sales", name="公海巡游销售")
        customer = self.env["xtools.customer"].create(
            {"name": "杭州巡游公海有限公司", "short_name": "巡游公海", "user_id": self.env.ref("base.user_admin").id}
        )
        customer._release_to_pool(self.env.ref("xtools_crm.customer_pool_default"), "巡游测试")
        self.start_tour("/odoo", "xtools_customer_pool_claim", login="t_tour_pool")
        self.assertEqual(customer.user_id, user)
        self.assertFalse(customer.pool_id)
        log = self.env["xtools.customer.pool.log"].search(
            [("customer_id", "=", customer.id), ("operation", "=", "claim")])
        self.assertEqual(log.user_id, user)
