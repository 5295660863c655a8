from odoo import _, fields, models
from odoo.exceptions import UserError


class XtoolsCustomerPoolAssignWizard(models.TransientModel):
    """Assign 分配: a pool manager gives customers of the pool to a salesperson, several at once."""

    _name = "xtools.customer.pool.assign.wizard"
    _description = "Assign Customers from the Pool"

    customer_ids = fields.Many2many(
        "xtools.customer", string="Customers", required=True, domain="[('pool_id', '!=', False)]"
    )
    user_id = fields.Many2one(
        "res.users", string="Assign To", required=True, domain="[('share', '=', False)]"
    )
    reason = fields.Text()

    def action_assign(self):
        self.ensure_one()
        if not self.customer_ids:
            raise UserError(_("Choose the customers to assign."))
        self.customer_ids._assign_from_pool(self.user_id, reason=(self.reason or "").strip())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s customers assigned to %(user)s.", count=len(self.customer_ids),
                             user=self.user_id.name),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
