from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunityTour(HttpCase):
    def test_drag_opportunity_writes_history(self):
        user = new_test_user(self.env, login="t_tour_opp", groups="xtools_crm.group_sales", name="巡游销售")
        self.env["xtools.crm.settings"].create({"group_xtools_use_opportunity": True}).execute()
        customer = self.env["xtools.customer"].create(
            {"name": "杭州巡游机会有限公司", "short_name": "巡游机会客户", "user_id": user.id})
        evaluation = self.env.ref("xtools_crm.opportunity_stage_evaluation")
        bidding = self.env.ref("xtools_crm.opportunity_stage_bidding")
        opportunity = self.env["xtools.opportunity"].create({
            "name": "巡游机会", "customer_id": customer.id, "user_id": user.id, "stage_id": evaluation.id,
            "expected_amount": 88000,
        })
        self.start_tour("/odoo/action-xtools_crm.xtools_opportunity_action", "xtools_opportunity_drag_history",
                        login="t_tour_opp")
        self.assertEqual(opportunity.stage_id, bidding)
        self.assertEqual(opportunity.probability, 60)
        line = opportunity.history_ids.sorted("id")[-1]
        self.assertEqual((line.old_stage_id, line.stage_id, line.user_id), (evaluation, bidding, user))
        self.assertEqual(len(opportunity.history_ids), 2)
