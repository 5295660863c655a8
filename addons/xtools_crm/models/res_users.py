from odoo import api, models

WORKBENCH_ACTION = "xtools_crm.action_workbench"


class ResUsers(models.Model):
    """Every user of the Sales group without a home action of their own lands on the workbench 工作台; and who
    manages whom (``_xtools_managed_domain``), decided in one place.

    Group membership changes through the user (``groups_id`` or the user form's group fields) or through the group
    (``res.groups`` ``users`` / ``implied_ids``, see ``models/res_groups.py``): both end in
    ``_xtools_sync_workbench_home``. A user who leaves the Sales group loses the workbench as home action.
    """

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._xtools_sync_workbench_home()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(fname == "groups_id" or fname.startswith(("in_group_", "sel_groups_")) for fname in vals):
            self._xtools_sync_workbench_home()
        return res

    def _xtools_sync_workbench_home(self):
        """Give the workbench as home action to the users of the Sales group who have none; take it back from
        those no longer in the group. Also called once the action exists, on install and upgrade."""
        action = self.env.ref(WORKBENCH_ACTION, raise_if_not_found=False)
        if not action:
            return  # the groups are created before the action, while installing
        sales = self.env.ref("xtools_crm.group_sales")
        # A home action is a setting of the user, changed here for whoever may change the user's groups.
        users = self.sudo()
        users.filtered(lambda u: not u.action_id and sales in u.groups_id).write({"action_id": action.id})
        users.filtered(lambda u: u.action_id.id == action.id and sales not in u.groups_id).write({"action_id": False})

    @api.model
    def _xtools_set_workbench_home_all(self):
        """Install / upgrade: every current user of the Sales group without a home action gets the workbench."""
        sales = self.env.ref("xtools_crm.group_sales")
        self.sudo().with_context(active_test=False).search(
            [("groups_id", "in", sales.ids), ("action_id", "=", False)]
        )._xtools_sync_workbench_home()

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
