from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class XtoolsDeliveryRecord(models.Model):
    """What was actually delivered 交付记录 against a delivery plan."""

    _name = "xtools.delivery.record"
    _description = "Delivery Record"
    _inherit = ["xtools.customer.document"]
    _order = "date desc, id desc"
    _check_company_auto = True

    delivery_id = fields.Many2one(
        "xtools.delivery", string="Delivery Plan", required=True, index=True, ondelete="cascade", check_company=True
    )
    contract_id = fields.Many2one(related="delivery_id.contract_id", store=True, index=True, string="Contract")
    product_id = fields.Many2one(related="delivery_id.product_id", string="Product")
    customer_id = fields.Many2one(
        compute="_compute_customer_id", store=True, readonly=False, precompute=True
    )
    date = fields.Date(string="Delivery Date", required=True, default=fields.Date.context_today)
    qty = fields.Float(string="Delivered Quantity", digits="Product Unit of Measure", required=True)
    user_id = fields.Many2one(string="Handler")
    note = fields.Char()

    @api.depends("delivery_id.customer_id")
    def _compute_customer_id(self):
        for record in self:
            if record.delivery_id:
                record.customer_id = record.delivery_id.customer_id

    @api.constrains("qty")
    def _check_qty(self):
        for record in self:
            if record.qty <= 0:
                raise ValidationError(
                    _("The delivered quantity must be greater than zero, not %(qty)s.", qty=record.qty)
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # Checked on the created records (context defaults included), with the plan rows locked.
        records.delivery_id._lock_for_update()
        records.delivery_id._check_not_overdelivered()
        return records

    def write(self, vals):
        moved = {"qty", "delivery_id"} & vals.keys()
        if moved:
            self.delivery_id._lock_for_update()
        res = super().write(vals)
        if moved:
            self.delivery_id._lock_for_update()
            self.delivery_id._check_not_overdelivered()
        return res
