from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

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
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
        help="Left empty, the payment goes to the oldest plan of the contract that is not fully paid.",
    )
    date = fields.Date(string="Payment Date", required=True, default=fields.Date.context_today, index=True)
    amount = fields.Monetary(string="Amount", required=True)
    user_id = fields.Many2one(string="Handler", help="The person who handled the payment 经手人.")
    salesperson_id = fields.Many2one(
        "res.users", string="Salesperson", related="contract_id.user_id", store=True, index=True
    )
    method = fields.Selection(PAYMENT_METHODS, string="Payment Method", default="bank")
    invoiced = fields.Boolean(
        string="Invoiced", compute="_compute_invoiced", store=True, readonly=False, precompute=True
    )
    invoice_id = fields.Many2one(
        "xtools.invoice",
        string="Invoice",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
    )
    note = fields.Char(string="Note")

    @api.depends("invoice_id")
    def _compute_invoiced(self):
        for payment in self:
            payment.invoiced = bool(payment.invoice_id) or payment.invoiced

    @api.constrains("customer_id", "contract_id", "plan_id", "invoice_id")
    def _check_links(self):
        for payment in self:
            if payment.customer_id != payment.contract_id.customer_id:
                raise ValidationError(
                    _("The payment must belong to the customer of its contract “%(contract)s”.",
                      contract=payment.contract_id.display_name)
                )
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
        for vals in vals_list:
            self._check_amount_vals(vals)
        contracts = self.env["xtools.contract"].browse({vals.get("contract_id") for vals in vals_list} - {None, False})
        contracts._lock_for_update()
        for vals in vals_list:
            contract = contracts.filtered(lambda c, vals=vals: c.id == vals.get("contract_id"))
            self._check_contract_signed(contract)
            if contract and not vals.get("plan_id"):
                plan = contract.plan_ids.filtered(lambda p: p.residual_amount > 0)[:1]
                if plan:
                    vals["plan_id"] = plan.id
        payments = super().create(vals_list)
        payments.contract_id._check_contract_not_overpaid()
        return payments

    def write(self, vals):
        self._check_amount_vals(vals)
        if {"amount", "contract_id"} & vals.keys():
            contracts = self.contract_id | self.env["xtools.contract"].browse(vals.get("contract_id") or [])
            contracts._lock_for_update()
        if vals.get("contract_id"):
            self._check_contract_signed(self.env["xtools.contract"].browse(vals["contract_id"]))
        res = super().write(vals)
        if {"amount", "contract_id"} & vals.keys():
            self.contract_id._check_contract_not_overpaid()
        return res

    @api.model
    def _check_contract_signed(self, contract):
        if contract and contract.state not in ("running", "done"):
            raise UserError(
                _("Payments are recorded on signed contracts only; “%(contract)s” is %(state)s.",
                  contract=contract.display_name,
                  state=dict(contract._fields["state"]._description_selection(self.env))[contract.state])
            )

    @api.model
    def _check_amount_vals(self, vals):
        if "amount" in vals and (vals["amount"] or 0) <= 0:
            raise ValidationError(
                _("The payment amount must be greater than zero, not %(amount)s.", amount=vals["amount"] or 0)
            )

    def _compute_display_name(self):
        for payment in self:
            amount = payment.currency_id.format(payment.amount) if payment.currency_id else payment.amount
            parts = [payment.contract_id.code, payment.date, amount]
            payment.display_name = " ".join(str(part) for part in parts if part)

