from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class XtoolsContractLine(models.Model):
    """A product line of a contract; the lines' total is the contract amount."""

    _name = "xtools.contract.line"
    _description = "Contract Product Line"
    _inherit = ["xtools.customer.linked"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("xtools.contract", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="contract_id.customer_id", string="Customer", store=True, index=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", required=True, check_company=True, index=True
    )
    name = fields.Char(
        string="Description", compute="_compute_name", store=True, readonly=False, precompute=True
    )
    quantity = fields.Float(digits="Product Unit of Measure", default=1.0, required=True)
    price_unit = fields.Monetary(
        string="Unit Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True, precompute=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit

    @api.constrains("quantity", "price_unit")
    def _check_positive(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    _("The quantity of “%(product)s” must be greater than zero, not %(qty)s.",
                      product=line.product_id.display_name, qty=line.quantity)
                )
            if line.price_unit < 0:
                raise ValidationError(
                    _("The unit price of “%(product)s” cannot be negative (%(price)s).",
                      product=line.product_id.display_name, price=line.price_unit)
                )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["xtools.contract"].browse({vals.get("contract_id") for vals in vals_list} - {None, False})
        contracts._check_signed_change_allowed()
        return super().create(vals_list)

    def write(self, vals):
        self.contract_id._check_signed_change_allowed()
        if "contract_id" in vals:
            self.env["xtools.contract"].browse(vals["contract_id"])._check_signed_change_allowed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.contract_id._check_signed_change_allowed()
