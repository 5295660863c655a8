from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class XtoolsDelivery(models.Model):
    """A delivery plan 交付计划 for one product of a contract: how much by which date; its delivery records say what
    was actually delivered. Delivered quantities never exceed the plan (checked with the plan row locked)."""

    _name = "xtools.delivery"
    _description = "Delivery Plan"
    _inherit = ["xtools.contract.document", "mail.thread"]
    _order = "planned_date, id"
    _check_company_auto = True

    contract_id = fields.Many2one(
        domain="[('customer_id', '=?', customer_id), ('state', 'in', ('draft', 'running'))]",
        ondelete="cascade",
    )
    contract_product_ids = fields.Many2many(
        "product.product", compute="_compute_contract_product_ids", string="Contract Products"
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, check_company=True,
        domain="[('id', 'in', contract_product_ids)]",
    )
    planned_qty = fields.Float(string="Planned Quantity", digits="Product Unit of Measure", required=True)
    planned_date = fields.Date(required=True, index=True)
    delivered_qty = fields.Float(
        string="Delivered Quantity", digits="Product Unit of Measure", compute="_compute_delivered_qty", store=True
    )
    remaining_qty = fields.Float(
        string="Remaining Quantity", digits="Product Unit of Measure", compute="_compute_delivered_qty", store=True
    )
    is_delivered = fields.Boolean(string="Fully Delivered", compute="_compute_delivered_qty", store=True, index=True)
    user_id = fields.Many2one(string="Responsible")
    record_ids = fields.One2many("xtools.delivery.record", "delivery_id", string="Delivery Records")
    note = fields.Char()

    @api.depends("contract_id.line_ids.product_id")
    def _compute_contract_product_ids(self):
        for delivery in self:
            delivery.contract_product_ids = delivery.contract_id.line_ids.product_id

    @api.depends("planned_qty", "record_ids.qty")
    def _compute_delivered_qty(self):
        for delivery in self:
            delivery.delivered_qty = sum(delivery.record_ids.mapped("qty"))
            delivery.remaining_qty = delivery.planned_qty - delivery.delivered_qty
            delivery.is_delivered = float_compare(delivery.delivered_qty, delivery.planned_qty, precision_digits=4) >= 0

    @api.constrains("planned_qty", "product_id", "contract_id")
    def _check_plan(self):
        for delivery in self:
            if delivery.planned_qty <= 0:
                raise ValidationError(
                    _("The planned quantity of “%(product)s” must be greater than zero, not %(qty)s.",
                      product=delivery.product_id.display_name, qty=delivery.planned_qty)
                )
            product = delivery.product_id
            lines = delivery.contract_id.line_ids.filtered(lambda line, product=product: line.product_id == product)
            if not lines:
                raise ValidationError(
                    _("“%(product)s” is not a product of the contract “%(contract)s”.",
                      product=delivery.product_id.display_name, contract=delivery.contract_id.display_name)
                )
            planned = sum(delivery.contract_id.delivery_ids.filtered(
                lambda d, product=product: d.product_id == product).mapped("planned_qty"))
            ordered = sum(lines.mapped("quantity"))
            if float_compare(planned, ordered, precision_digits=4) > 0:
                raise ValidationError(
                    _("The delivery plans of “%(product)s” add up to %(planned)s, more than the %(ordered)s of the "
                      "contract “%(contract)s”.",
                      product=delivery.product_id.display_name, planned=planned, ordered=ordered,
                      contract=delivery.contract_id.display_name)
                )
            if float_compare(delivery.delivered_qty, delivery.planned_qty, precision_digits=4) > 0:
                raise ValidationError(
                    _("The planned quantity %(planned)s of “%(product)s” is less than the %(delivered)s already "
                      "delivered.",
                      product=delivery.product_id.display_name, planned=delivery.planned_qty,
                      delivered=delivery.delivered_qty)
                )

    def _check_not_overdelivered(self):
        """Refuse delivery records beyond the planned quantity. Call it with the plan rows locked."""
        self.env["xtools.delivery.record"].flush_model(["qty", "delivery_id"])
        totals = dict(self.env["xtools.delivery.record"]._read_group(
            [("delivery_id", "in", self.ids)], ["delivery_id"], ["qty:sum"]))
        for delivery in self:
            delivered = totals.get(delivery, 0.0)
            if float_compare(delivered, delivery.planned_qty, precision_digits=4) > 0:
                raise ValidationError(
                    _(
                        "Over-delivery refused: %(delivered)s of “%(product)s” would be delivered, %(excess)s more "
                        "than the %(planned)s planned.",
                        delivered=delivered,
                        product=delivery.product_id.display_name,
                        excess=round(delivered - delivery.planned_qty, 4),
                        planned=delivery.planned_qty,
                    )
                )

    def action_open_records(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Delivery Plan"),
            "res_model": "xtools.delivery",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _compute_display_name(self):
        for delivery in self:
            parts = [delivery.contract_id.code, delivery.product_id.display_name, delivery.planned_date]
            delivery.display_name = " ".join(str(part) for part in parts if part)
