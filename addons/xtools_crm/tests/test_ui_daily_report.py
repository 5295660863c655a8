from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDailyReportTour(HttpCase):
    def test_manager_comments_on_a_team_report(self):
        manager = new_test_user(self.env, login="t_tour_report_manager", groups="xtools_crm.group_manager",
                                name="日报经理")
        member = new_test_user(self.env, login="t_tour_report_member", groups="xtools_crm.group_sales",
                               name="日报组员甲")
        other = new_test_user(self.env, login="t_tour_report_other", groups="xtools_crm.group_sales",
                              name="日报组员乙")
        self.env["crm.team"].create({"name": "日报巡游组", "user_id": manager.id,
                                     "member_ids": [Command.set((member | other).ids)]})
        customer = self.env["xtools.customer"].with_user(member).create({"name": "日报巡游客户有限公司",
                                                                           "short_name": "日报巡游"})
        self.env["xtools.action"].with_user(member).create([
            {"customer_id": customer.id, "subject": "电话沟通"},
            {"customer_id": customer.id, "subject": "上门拜访", "action_type": "visit"},
        ])
        Report = self.env["xtools.daily.report"]
        reports = Report._generate(member | other, Report._company_today(self.env.company))
        report = reports.filtered(lambda r: r.user_id == member)

        self.start_tour("/odoo", "xtools_daily_report_comment", login="t_tour_report_manager")

        comment = report.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("xtools_crm.mt_daily_report_comment"))
        self.assertEqual(len(comment), 1)
        self.assertEqual(comment.author_id, manager.partner_id)
        self.assertIn("明天把华信的报价发出去", comment.body)
        self.assertIn(member.partner_id, comment.notification_ids.res_partner_id)
        self.assertEqual(report.comment_count, 1)
