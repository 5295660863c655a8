from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
@freeze_time("2025-06-15 10:00:00")
class TestAnnouncement(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Announcement = cls.env["xtools.announcement"]

    def _announce(self, author, name, **vals):
        return self.Announcement.with_user(author).create({
            "name": name, "body": "<p>内容</p>", "publish_date": "2025-06-10", **vals,
        }).with_env(self.env)

    def _current_names(self, user):
        return [a["name"] for a in self.Announcement.with_user(user)._get_current_for_user()]

    def test_audience_everyone_groups_and_teams(self):
        self._announce(self.boss, "全员公告")
        self._announce(self.boss, "经理公告", audience="groups",
                       group_ids=[Command.set(self.env.ref("xtools_crm.group_manager").ids)])
        self._announce(self.manager_a, "甲队公告", audience="teams", team_ids=[Command.set(self.team_a.ids)])
        self.assertEqual(set(self._current_names(self.sales_a1)), {"全员公告", "甲队公告"})
        self.assertEqual(set(self._current_names(self.sales_b1)), {"全员公告"})
        # Team leaders are addressed too; the boss is a manager through the implied groups.
        self.assertEqual(set(self._current_names(self.manager_a)), {"全员公告", "经理公告", "甲队公告"})
        self.assertEqual(set(self._current_names(self.manager_b)), {"全员公告", "经理公告"})
        self.assertEqual(set(self._current_names(self.boss)), {"全员公告", "经理公告"})
        # A new team member sees the team's announcements at once.
        self.team_a.member_ids = [Command.link(self.sales_b1.id)]
        self.assertEqual(set(self._current_names(self.sales_b1)), {"全员公告", "甲队公告"})

    def test_only_current_announcements_are_shown(self):
        self._announce(self.boss, "进行中", expiry_date="2025-06-30")
        self._announce(self.boss, "今天到期", expiry_date="2025-06-15")
        self._announce(self.boss, "已过期", publish_date="2025-05-01", expiry_date="2025-06-14")
        upcoming = self._announce(self.boss, "未发布", publish_date="2025-06-16")
        self.assertEqual(set(self._current_names(self.sales_a1)), {"进行中", "今天到期"})
        Announcement = self.Announcement.with_user(self.sales_a1)
        self.assertFalse(Announcement.search([("id", "=", upcoming.id)]))
        with freeze_time("2025-06-16 10:00:00"):
            self.env.invalidate_all()
            self.assertEqual(set(self._current_names(self.sales_a1)), {"进行中", "未发布"})
            self.assertTrue(Announcement.search([("id", "=", upcoming.id)]))

    def test_pinned_first_then_newest(self):
        self._announce(self.boss, "旧的", publish_date="2025-06-01")
        self._announce(self.boss, "新的", publish_date="2025-06-14")
        self._announce(self.boss, "置顶", publish_date="2025-05-20", pinned=True)
        self.assertEqual(self._current_names(self.sales_a1), ["置顶", "新的", "旧的"])

    def test_read_markers_and_unread_count(self):
        first = self._announce(self.boss, "第一条")
        second = self._announce(self.boss, "第二条")
        Announcement = self.Announcement.with_user(self.sales_a1)
        self.assertEqual(Announcement._get_unread_count(), 2)
        first.with_user(self.sales_a1).action_mark_read()
        first.with_user(self.sales_a1).action_mark_read()  # twice changes nothing
        self.assertEqual(Announcement._get_unread_count(), 1)
        self.assertEqual({a["name"]: a["is_read"] for a in Announcement._get_current_for_user()},
                         {"第一条": True, "第二条": False})
        self.assertEqual(Announcement.search([("is_read", "=", False)]), second.with_user(self.sales_a1))
        self.assertEqual(Announcement.search([("is_read", "=", True)]), first.with_user(self.sales_a1))
        # Markers are per user.
        self.assertEqual(self.Announcement.with_user(self.sales_a2)._get_unread_count(), 2)
        (first | second).with_user(self.sales_a2).action_mark_read()
        # The author sees who has read it; a reader sees only their own marker.
        self.assertEqual(first.with_user(self.boss).read_ids.user_id, self.sales_a1 | self.sales_a2)
        self.assertEqual(first.with_user(self.boss).read_count, 2)
        self.assertTrue(first.with_user(self.boss).can_see_readers)
        self.assertFalse(first.with_user(self.manager_a).can_see_readers, "only the author and the boss")
        self.env.invalidate_all()  # as the next request does
        self.assertEqual(first.with_user(self.sales_a1).read_ids.user_id, self.sales_a1)

    def test_body_is_sanitised(self):
        announcement = self._announce(
            self.boss, "带脚本", body='<p onclick="steal()">好消息</p><script>alert(1)</script>'
        )
        self.assertNotIn("script", announcement.body)
        self.assertNotIn("onclick", announcement.body)
        self.assertIn("好消息", announcement.body)

    def test_bad_input_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "user groups"):
            self._announce(self.boss, "没有组", audience="groups")
        with self.assertRaisesRegex(ValidationError, "sales teams"):
            self._announce(self.boss, "没有团队", audience="teams")
        with self.assertRaisesRegex(ValidationError, "before it is published"):
            self._announce(self.boss, "先过期", expiry_date="2025-06-01")

    def test_current_announcements_cost_the_same_queries_whatever_their_number(self):
        def count():
            Announcement = self.Announcement.with_user(self.sales_a1)
            Announcement._get_current_for_user()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Announcement._get_current_for_user()
            return self.env.cr.sql_log_count - before

        for i in range(2):
            self._announce(self.boss, f"少{i}").with_user(self.sales_a1).action_mark_read()
        small = count()
        for i in range(20):
            self._announce(self.manager_a, f"多{i}", audience="teams", team_ids=[Command.set(self.team_a.ids)])
        self.assertEqual(count(), small)
