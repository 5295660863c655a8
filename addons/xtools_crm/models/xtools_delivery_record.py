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
    note = fields.Char(string="Note")

    @api.depends("delivery_id.customer_id")
    def _compute_customer_id(self):
        for record in self:
            if record.delivery_id:
                record.customer_id = record.delivery_id.customer_id

    @api.constrains("customer_id", "delivery_id")
    def _check_customer(self):
        for record in self:
            if record.customer_id != record.delivery_id.customer_id:
                raise ValidationError(_("The delivery record must belong to the customer of its delivery plan."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_qty_vals(vals)
        self.env["xtools.delivery"].browse(
            {vals.get("delivery_id") for vals in vals_list} - {None, False})._lock_for_update()
        records = super().create(vals_list)
        records.delivery_id._check_not_overdelivered()
        return records

    def write(self, vals):
        self._check_qty_vals(vals)
        locked = {"qty", "delivery_id"} & vals.keys()
        if locked:
            (self.delivery_id | self.env["xtools.delivery"].browse(vals.get("delivery_id") or []))._lock_for_update()
        res = super().write(vals)
        if locked:
            self.delivery_id._check_not_overdelivered()
        return res

    @api.model
    def _check_qty_vals(self, vals):
        if "qty" in vals and (vals["qty"] or 0) <= 0:
            raise ValidationError(
                _("The delivered quantity must be greater than zero, not %(qty)s.", qty=vals["qty"] or 0)
            )
