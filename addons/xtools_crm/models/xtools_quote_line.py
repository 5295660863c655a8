from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class XtoolsQuoteLine(models.Model):
    _name = "xtools.quote.line"
    _description = "Quote Line"
    _inherit = ["xtools.customer.linked"]
    _order = "quote_id, sequence, id"
    _check_company_auto = True

    quote_id = fields.Many2one("xtools.quote", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="quote_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(related="quote_id.customer_id", string="Customer", store=True, index=True)
    currency_id = fields.Many2one(related="quote_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", index="btree_not_null", check_company=True, ondelete="restrict"
    )
    name = fields.Text(
        string="Description", compute="_compute_name", store=True, readonly=False, precompute=True, required=True
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    price_unit = fields.Monetary(
        string="Unit Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.get_product_multiline_description_sale()
            elif not line.name:
                line.name = False

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            if line.product_id:
                line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit", "discount")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit * (1 - (line.discount or 0.0) / 100.0)

    @api.constrains("quantity", "price_unit", "discount")
    def _check_amounts(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity of “%(line)s” must be positive, not %(qty)s.",
                                        line=line.name, qty=line.quantity))
            if line.price_unit < 0:
                raise ValidationError(_("The unit price of “%(line)s” cannot be negative: %(price)s.",
                                        line=line.name, price=line.price_unit))
            if not 0 <= line.discount <= 100:
                raise ValidationError(_("The discount of “%(line)s” must be between 0 and 100, not %(discount)s.",
                                        line=line.name, discount=line.discount))
