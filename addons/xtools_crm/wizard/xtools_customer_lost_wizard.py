from odoo import _, fields, models
from odoo.exceptions import UserError


class XtoolsCustomerLostWizard(models.TransientModel):
    """Mark customers as lost 流失, with the reason."""

    _name = "xtools.customer.lost.wizard"
    _description = "Mark Customers as Lost"

    customer_ids = fields.Many2many("xtools.customer", string="Customers", required=True)
    lost_reason = fields.Char(required=True)

    def action_mark_lost(self):
        self.ensure_one()
        reason = (self.lost_reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason why the customers are lost."))
        self.customer_ids.write({"lifecycle": "lost", "lost_reason": reason})
        return {"type": "ir.actions.act_window_close"}
