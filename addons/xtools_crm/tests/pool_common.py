from datetime import timedelta

from odoo import Command, fields

from .common import XtoolsCrmCase


class XtoolsPoolCase(XtoolsCrmCase):
    """A customer pool of team A (its members and leader ``manager_a`` see and claim, ``manager_a`` assigns):
    30 days without action, warned 3 days ahead, reclaim block 10 days, 2 claims per day. The seeded default pool
    (open to every salesperson) and the demo pools are archived and closed, so that only this pool's rules
    apply."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["xtools.customer.pool"].search([]).write({"active": False, "all_sales": False})
        cls.pool = cls.env["xtools.customer.pool"].create({
            "name": "甲组公海",
            "sequence": 1,
            "team_ids": [Command.set(cls.team_a.ids)],
            "manager_user_ids": [Command.set(cls.manager_a.ids)],
            "days_without_action": 30,
            "days_without_deal": 0,
            "exclude_signed": True,
            "warn_days": 3,
            "reclaim_block_days": 10,
            "max_claims_per_day": 2,
        })

    @classmethod
    def _customer(cls, name, user, **vals):
        return cls.env["xtools.customer"].create({"name": name, "short_name": name[:4], "user_id": user.id, **vals})

    @classmethod
    def _release(cls, customers, user=None, reason="测试释放"):
        """Release ``customers`` to the pool as ``user`` (default: their owner)."""
        user = user or customers.user_id[:1]
        customers.with_user(user)._release_to_pool(cls.pool, reason)
        return customers

    @staticmethod
    def _days_later(days):
        return fields.Datetime.now() + timedelta(days=days)
