from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _xtools_managed_domain(self, manager=None):
        """Domain on users: whose work ``manager`` (default: the current user) oversees — the members of the sales
        teams (``crm.team``) they lead as a manager, everybody for the boss, nobody for a salesperson.

        The one place that decides who manages whom: ownership changes of customers and expense approvals use it.
        A user may or may not be among the users they manage: callers decide about one's own records.
        """
        manager = manager or self.env.user
        if manager.has_group("xtools_crm.group_boss"):
            return []
        if manager.has_group("xtools_crm.group_manager"):
            return [("crm_team_ids.user_id", "=", manager.id)]
        return [(0, "=", 1)]

    def _xtools_filtered_managed_by(self, manager=None):
        """The users among ``self`` whose work ``manager`` (default: the current user) oversees (one query, on the
        current teams: memberships changed in this transaction count)."""
        if not self:
            return self
        domain = self._xtools_managed_domain(manager)
        if not domain:
            return self
        return self.with_context(active_test=False).search([("id", "in", self.ids), *domain]).with_env(self.env)
