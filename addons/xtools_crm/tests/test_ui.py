from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerTour(HttpCase):
    def test_sales_user_creates_and_finds_customer(self):
        user = new_test_user(self.env, login="t_tour_sales", groups="xtools_crm.group_sales", name="巡游销售")
        self.start_tour("/odoo", "xtools_customer_create_and_find", login="t_tour_sales")
        customer = self.env["xtools.customer"].search([("short_name", "=", "巡游测试")])
        self.assertEqual(len(customer), 1)
        self.assertEqual(customer.name, "杭州巡游测试科技有限公司")
        self.assertEqual(customer.customer_type, "company")
        self.assertEqual(customer.user_id, user)
