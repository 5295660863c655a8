from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFollowUpTour(HttpCase):
    def test_log_action_and_find_task(self):
        user = new_test_user(self.env, login="t_tour_follow", groups="xtools_crm.group_sales", name="跟单销售")
        customer = self.env["xtools.customer"].with_user(user).create(
            {"name": "杭州跟单巡游有限公司", "short_name": "跟单巡游"}
        )
        self.start_tour("/odoo", "xtools_follow_up_log_and_plan", login="t_tour_follow")
        action = self.env["xtools.action"].search([("customer_id", "=", customer.id)])
        self.assertEqual(action.subject, "电话沟通报价")
        task = action.next_activity_id
        self.assertEqual(task.summary, "下周再联系跟单巡游")
        self.assertEqual((task.res_model, task.res_id, task.user_id), ("xtools.customer", customer.id, user))
        self.assertEqual(task.activity_type_id, self.env.ref("xtools_crm.mail_activity_type_call"))
