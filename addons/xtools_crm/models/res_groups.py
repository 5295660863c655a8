from odoo import models


class ResGroups(models.Model):
    """Users given (or taken) a group from the group's side get (or lose) the workbench as home action too."""

    _inherit = "res.groups"

    def write(self, vals):
        changes_users = bool({"users", "implied_ids"} & vals.keys())
        users_before = self.with_context(active_test=False).users if changes_users else self.env["res.users"]
        res = super().write(vals)
        if changes_users:
            (users_before | self.with_context(active_test=False).users)._xtools_sync_workbench_home()
        return res
