from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
@freeze_time("2025-06-15 10:00:00")
class TestAnnouncementAccess(XtoolsCrmCase):
    """Announcements follow their audience and dates for readers; managers write their own, the boss all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Announcement = cls.env["xtools.announcement"]
        cls.team_b_news = Announcement.with_user(cls.manager_b).create({
            "name": "乙队内部消息", "audience": "teams", "team_ids": [Command.set(cls.team_b.ids)],
            "publish_date": "2025-06-10",
        }).with_env(cls.env)
        cls.expired = Announcement.with_user(cls.boss).create({
            "name": "过期的全员通知", "publish_date": "2025-05-01", "expiry_date": "2025-05-31",
        }).with_env(cls.env)
        cls.everyone = Announcement.with_user(cls.boss).create(
            {"name": "全员通知", "publish_date": "2025-06-01"}
        ).with_env(cls.env)

    def assertHidden(self, user, announcement):
        Announcement = self.env["xtools.announcement"].with_user(user)
        with self.assertRaises(AccessError):
            announcement.with_user(user).read(["name"])
        domain = [("id", "=", announcement.id)]
        self.assertFalse(Announcement.search(domain))
        self.assertEqual(Announcement.search_count(domain), 0)
        self.assertFalse(Announcement.read_group(domain, ["audience"], ["audience"]))
        self.assertNotIn(announcement.id, [r[0] for r in Announcement.name_search(announcement.name)])

    def test_readers_see_current_announcements_addressed_to_them(self):
        self.assertHidden(self.sales_a1, self.team_b_news)
        self.assertHidden(self.sales_a1, self.expired)
        self.assertHidden(self.manager_a, self.team_b_news)
        self.everyone.with_user(self.sales_a1).read(["name", "body"])
        self.team_b_news.with_user(self.sales_b1).read(["name"])
        groups = self.env["xtools.announcement"].with_user(self.sales_a1).read_group([], ["audience"], ["audience"])
        self.assertEqual([(g["audience"], g["audience_count"]) for g in groups], [("all", 1)])

    def test_salespeople_only_read(self):
        Announcement = self.env["xtools.announcement"].with_user(self.sales_a1)
        with self.assertRaises(AccessError):
            Announcement.create({"name": "销售发公告"})
        with self.assertRaises(AccessError):
            self.everyone.with_user(self.sales_a1).write({"name": "改标题"})
        with self.assertRaises(AccessError):
            self.everyone.with_user(self.sales_a1).unlink()

    def test_managers_write_their_own_the_boss_all(self):
        self.team_b_news.with_user(self.manager_b).write({"pinned": True})
        with self.assertRaises(AccessError):
            self.everyone.with_user(self.manager_a).write({"name": "经理改老板的"})
        with self.assertRaises(AccessError):
            self.team_b_news.with_user(self.manager_a).unlink()
        # The author keeps seeing their announcement after it expired.
        self.team_b_news.with_user(self.boss).write({"expiry_date": "2025-06-12"})
        self.team_b_news.with_user(self.manager_b).read(["name"])
        self.assertHidden(self.sales_b1, self.team_b_news)
        self.expired.with_user(self.boss).unlink()

    def test_read_markers_are_private_to_reader_and_author(self):
        self.everyone.with_user(self.sales_a1).action_mark_read()
        marker = self.everyone.read_ids
        Marker = self.env["xtools.announcement.read"]
        with self.assertRaises(AccessError):
            marker.with_user(self.sales_a2).read(["user_id"])
        with self.assertRaises(AccessError):
            marker.with_user(self.manager_a).read(["user_id"])
        marker.with_user(self.boss).read(["user_id"])
        # Nobody marks for someone else, nor an announcement they cannot read.
        other = self.env["xtools.announcement"].with_user(self.boss).create(
            {"name": "又一条全员通知", "publish_date": "2025-06-01"})
        with self.assertRaises(AccessError):
            Marker.with_user(self.sales_a2).create({"announcement_id": other.id, "user_id": self.sales_a1.id})
        with self.assertRaises(AccessError):
            Marker.with_user(self.sales_a1).create({"announcement_id": self.team_b_news.id})
        with self.assertRaises(AccessError):
            marker.with_user(self.sales_a1).write({"read_date": "2025-01-01 00:00:00"})

    def test_portal_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["xtools.announcement"].with_user(self.portal).search([])
