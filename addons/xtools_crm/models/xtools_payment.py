from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import drop_index

from ..tools.sql import create_covering_index

PAYMENT_METHODS = [
    ("bank", "Bank Transfer"),
    ("cash", "Cash"),
    ("alipay", "Alipay"),
    ("wechat", "WeChat Pay"),
    ("acceptance", "Bank Acceptance Bill"),
    ("check", "Check"),
    ("other", "Other"),
]


class XtoolsPayment(models.Model):
    """A payment received 回款记录 on a contract: when, how much, who handled it, and whether it was invoiced.

    The sum of a contract's payments never exceeds its amount: creating or changing payments locks the contract
    row first and checks the stored totals afterwards (see ``_check_contract_not_overpaid``)."""

    _name = "xtools.payment"
    _description = "Payment Record"
    _inherit = ["xtools.contract.document"]
    _order = "date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one(
        domain="[('customer_id', '=?', customer_id), ('state', 'in', ('running', 'done'))]",
    )
    plan_id = fields.Many2one(
        "xtools.payment.plan",
        string="Payment Plan",
        compute="_compute_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
        help="Left empty, the payment goes to the oldest plan of the contract that is not fully paid.",
    )
    # Indexed by xtools_payment_date_covering_index (see init).
    date = fields.Date(string="Payment Date", required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)
    user_id = fields.Many2one(string="Handler", help="The person who handled the payment 经手人.")
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", related="contract_id.user_id", store=True, index=True
    )
    method = fields.Selection(PAYMENT_METHODS, string="Payment Method", default="bank")
    invoiced = fields.Boolean(
        compute="_compute_invoiced", store=True, readonly=False, precompute=True
    )
    invoice_id = fields.Many2one(
        "xtools.invoice",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
    )
    note = fields.Char()

    def init(self):
        res = super().init()
        # The payments of a month (the workbench's monthly figures and summary, the company's totals) with the
        # columns they sum, group and check by the rules: read from this index alone, not row by row in the table.
        # It serves every search on the date as well, so the date's own index of the earlier versions goes.
        drop_index(self.env.cr, "xtools_payment__date_index", self._table)
        create_covering_index(
            self.env.cr, "xtools_payment_date_covering_index", self._table, ["date"],
            include=["company_id", "customer_id", "salesperson_id", "amount"],
        )
        return res

    @api.depends("contract_id")
    def _compute_plan_id(self):
        for payment in self:
            if payment.plan_id.contract_id != payment.contract_id:
                payment.plan_id = payment.contract_id.plan_ids.filtered(lambda p: p.residual_amount > 0)[:1]

    @api.depends("invoice_id")
    def _compute_invoiced(self):
        for payment in self:
            payment.invoiced = bool(payment.invoice_id) or payment.invoiced

    @api.constrains("amount")
    def _check_amount(self):
        for payment in self:
            if payment.currency_id.compare_amounts(payment.amount, 0.0) <= 0:
                raise ValidationError(
                    _("The payment amount must be greater than zero, not %(amount)s.", amount=payment.amount)
                )

    @api.constrains("contract_id", "plan_id", "invoice_id")
    def _check_links(self):
        """Within the customer's file (checked by xtools.customer.linked), the plan and the invoice are the
        payment's contract's."""
        for payment in self:
            if payment.plan_id and payment.plan_id.contract_id != payment.contract_id:
                raise ValidationError(
                    _("The payment plan “%(plan)s” is not a plan of the contract “%(contract)s”.",
                      plan=payment.plan_id.display_name, contract=payment.contract_id.display_name)
                )
            if payment.invoice_id and payment.invoice_id.contract_id != payment.contract_id:
                raise ValidationError(
                    _("The invoice “%(invoice)s” is not an invoice of the contract “%(contract)s”.",
                      invoice=payment.invoice_id.display_name, contract=payment.contract_id.display_name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        # Checked on the created payments (context defaults included), with the contract rows locked.
        payments.contract_id._lock_for_update()
        payments.contract_id._check_contract_not_overpaid()
        return payments

    def write(self, vals):
        moved = {"amount", "contract_id"} & vals.keys()
        if moved:
            self.contract_id._lock_for_update()
        res = super().write(vals)
        if moved:
            self.contract_id._lock_for_update()
            self.contract_id._check_contract_not_overpaid()
        return res

    @api.constrains("contract_id")
    def _check_contract_signed(self):
        state_labels = dict(self.env["xtools.contract"]._fields["state"]._description_selection(self.env))
        for payment in self:
            contract = payment.contract_id
            if contract.state not in ("running", "done"):
                raise ValidationError(
                    _("Payments are recorded on signed contracts only; “%(contract)s” is %(state)s.",
                      contract=contract.display_name, state=state_labels[contract.state])
                )

    def _compute_display_name(self):
        for payment in self:
            amount = payment.currency_id.format(payment.amount) if payment.currency_id else payment.amount
            parts = [payment.contract_id.code, payment.date, amount]
            payment.display_name = " ".join(str(part) for part in parts if part)

