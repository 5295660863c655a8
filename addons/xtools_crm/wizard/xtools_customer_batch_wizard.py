from odoo import _, api, fields, models
from odoo.exceptions import UserError


class XtoolsCustomerBatchWizard(models.TransientModel):
    """Share, unshare or transfer one or many customers (批量客户处理)."""

    _name = "xtools.customer.batch.wizard"
    _description = "Batch Customer Handling"

    customer_ids = fields.Many2many("xtools.customer", string="Customers", required=True)
    operation = fields.Selection(
        [("share", "Share with users"), ("unshare", "Stop sharing with users"), ("transfer", "Transfer to a user")],
        required=True,
        default="share",
    )
    user_ids = fields.Many2many(
        "res.users", string="Users", domain="[('share', '=', False)]", help="The users to share with or to unshare."
    )
    new_user_id = fields.Many2one("res.users", string="New Owner", domain="[('share', '=', False)]")
    carry_opportunities = fields.Boolean(string="Open opportunities", default=True)
    carry_contracts = fields.Boolean(string="Running contracts", default=True)
    carry_payment_plans = fields.Boolean(string="Unpaid payment plans", default=True)
    carry_activities = fields.Boolean(string="Open activities", default=True)
    carry_available = fields.Char(compute="_compute_carry_available")

    def _compute_carry_available(self):
        available = ",".join(["activities", *self.env["xtools.customer"]._get_transfer_documents()])
        for wizard in self:
            wizard.carry_available = available

    def _get_carry(self):
        return tuple(key for key in ("opportunities", "contracts", "payment_plans", "activities")
                     if self[f"carry_{key}"])

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "customer_ids" in fields_list and not res.get("customer_ids"):
            if self.env.context.get("active_model") == "xtools.customer" and self.env.context.get("active_ids"):
                res["customer_ids"] = [fields.Command.set(self.env.context["active_ids"])]
        return res

    def action_apply(self):
        self.ensure_one()
        customers = self.customer_ids
        if self.operation == "transfer":
            if not self.new_user_id:
                raise UserError(_("Choose the new owner of the customers."))
            customers._transfer_to(self.new_user_id, carry=self._get_carry())
        else:
            if not self.user_ids:
                raise UserError(_("Choose at least one user."))
            if self.operation == "share":
                customers._share_with(self.user_ids)
            else:
                customers._unshare_with(self.user_ids)
        return {"type": "ir.actions.act_window_close"}
