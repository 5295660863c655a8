from odoo import _, api, fields, models
from odoo.exceptions import UserError


class XtoolsCustomerPoolReleaseWizard(models.TransientModel):
    """Release 释放到公海: the owner (or their manager, or the boss) puts customers into a pool, with the reason."""

    _name = "xtools.customer.pool.release.wizard"
    _description = "Release Customers to the Pool"

    customer_ids = fields.Many2many("xtools.customer", string="Customers", required=True)
    pool_id = fields.Many2one(
        "xtools.customer.pool",
        string="Customer Pool",
        required=True,
        default=lambda self: self._default_pool(),
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    reason = fields.Text(required=True)

    @api.model
    def _default_pool(self):
        """The pool the owner's customers return to, else the company's first pool."""
        customers = self.env["xtools.customer"].browse(self.env.context.get("default_customer_ids") or [])
        pool_of = self.env["xtools.customer.pool"]._get_owner_pools(customers.user_id[:1], customers.company_id[:1])
        pool = next(iter(pool_of.values()), None)
        return pool or self.env["xtools.customer.pool"].search([("company_id", "=", self.env.company.id)], limit=1)

    def action_release(self):
        self.ensure_one()
        if not self.customer_ids:
            raise UserError(_("Choose the customers to release."))
        if not (self.reason or "").strip():
            raise UserError(_("Give the reason why the customers go to the pool."))
        self.customer_ids._release_to_pool(self.pool_id, self.reason.strip())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s customers released to the pool “%(pool)s”.",
                             count=len(self.customer_ids), pool=self.pool_id.name),
                "next": {"type": "ir.actions.act_window_close", "infos": {"pool_released": True}},
            },
        }
