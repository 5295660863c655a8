from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
SIGNED_STATES = ("running", "done")
# Fields of a signed contract that only a manager or the boss may change: what it is worth, to whom, and whose
# performance it counts for.
LOCKED_WHEN_SIGNED = {"amount", "line_ids", "currency_id", "customer_id", "user_id", "sign_date"}


class XtoolsContract(models.Model):
    """A contract or order 合同/订单 signed with a customer: the home of its payment plans, payments, invoices and
    deliveries. Its totals (paid, unpaid, invoiced) are stored and kept exact under concurrent use: every check over
    several rows first locks the contract row (see ``_lock_for_update``)."""

    _name = "xtools.contract"
    _description = "Contract"
    _inherit = ["xtools.customer.document", "xtools.lock.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "sign_date desc, id desc"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True

    code = fields.Char(string="Contract Code", readonly=True, copy=False, index=True, default=lambda self: _("New"))
    name = fields.Char(string="Contract Name", required=True, index="trigram", tracking=True)
    customer_id = fields.Many2one(tracking=True)
    opportunity_id = fields.Many2one(
        "xtools.opportunity",
        string="Opportunity",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
        help="The sales opportunity this contract was signed from.",
    )
    user_id = fields.Many2one(string="Salesperson", tracking=True)
    sign_date = fields.Date(string="Sign Date", copy=False, tracking=True, index=True)
    start_date = fields.Date(string="Start Date")
    end_date = fields.Date(string="End Date")
    state = fields.Selection(
        CONTRACT_STATES, string="Status", required=True, default="draft", copy=False, tracking=True, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    line_ids = fields.One2many("xtools.contract.line", "contract_id", string="Products", copy=True)
    amount = fields.Monetary(
        string="Contract Amount",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The total of the product lines; entered by hand when the contract has no lines.",
    )
    contract_file = fields.Binary(
        string="Contract Text",
        attachment=True,
        copy=False,
        help="The signed contract (scan or electronic text). Required for signing when the setting asks for it.",
    )
    contract_filename = fields.Char(string="Contract File Name", copy=False)
    description = fields.Html(string="Terms and Notes")
    plan_ids = fields.One2many("xtools.payment.plan", "contract_id", string="Payment Plans")
    payment_ids = fields.One2many("xtools.payment", "contract_id", string="Payments")
    invoice_ids = fields.One2many("xtools.invoice", "contract_id", string="Invoices")
    delivery_ids = fields.One2many("xtools.delivery", "contract_id", string="Deliveries")
    action_ids = fields.One2many("xtools.action", "contract_id", string="Action History")
    plan_amount_total = fields.Monetary(string="Planned Total", compute="_compute_plan_amount_total")
    paid_amount = fields.Monetary(string="Paid", compute="_compute_paid_amount", store=True)
    unpaid_amount = fields.Monetary(string="Unpaid", compute="_compute_paid_amount", store=True)
    invoiced_amount = fields.Monetary(string="Invoiced", compute="_compute_invoiced_amount", store=True)
    is_locked = fields.Boolean(
        string="Locked",
        compute="_compute_is_locked",
        help="The amount, products, currency, customer, salesperson and sign date of a signed contract can only be "
        "changed by a manager or the boss.",
    )
    plan_count = fields.Integer(compute="_compute_counts", string="Payment Plan Count")
    payment_count = fields.Integer(compute="_compute_counts", string="Payment Count")
    invoice_count = fields.Integer(compute="_compute_counts", string="Invoice Count")
    delivery_count = fields.Integer(compute="_compute_counts", string="Delivery Count")

    _sql_constraints = [
        ("code_company_uniq", "unique (code, company_id)", "The contract code must be unique per company."),
        ("amount_not_negative", "CHECK (amount >= 0)", "The contract amount cannot be negative."),
    ]

    @api.depends("line_ids.subtotal")
    def _compute_amount(self):
        for contract in self:
            if contract.line_ids:
                contract.amount = sum(contract.line_ids.mapped("subtotal"))
            elif not contract.amount:
                contract.amount = 0.0

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_is_locked(self):
        is_manager = self._is_contract_manager()
        for contract in self:
            contract.is_locked = contract.state == "cancelled" or (contract.state != "draft" and not is_manager)

    @api.depends("plan_ids.amount")
    def _compute_plan_amount_total(self):
        for contract in self:
            contract.plan_amount_total = sum(contract.plan_ids.mapped("amount"))

    @api.depends("amount", "payment_ids.amount")
    def _compute_paid_amount(self):
        for contract in self:
            contract.paid_amount = sum(contract.payment_ids.mapped("amount"))
            contract.unpaid_amount = contract.amount - contract.paid_amount

    @api.depends("invoice_ids.amount")
    def _compute_invoiced_amount(self):
        for contract in self:
            contract.invoiced_amount = sum(contract.invoice_ids.mapped("amount"))

    def _compute_counts(self):
        counts = {
            fname: dict(self.env[model]._read_group([("contract_id", "in", self.ids)], ["contract_id"], ["__count"]))
            for fname, model in [
                ("plan_count", "xtools.payment.plan"),
                ("payment_count", "xtools.payment"),
                ("invoice_count", "xtools.invoice"),
                ("delivery_count", "xtools.delivery"),
            ]
        }
        for contract in self:
            for fname, by_contract in counts.items():
                contract[fname] = by_contract.get(contract._origin, 0)

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for contract in self:
            if contract.start_date and contract.end_date and contract.end_date < contract.start_date:
                raise ValidationError(
                    _(
                        "The end date %(end)s of contract “%(name)s” is before its start date %(start)s.",
                        end=contract.end_date,
                        start=contract.start_date,
                        name=contract.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise UserError(_("A contract is created as a draft and signed with the Sign button."))
            if not vals.get("code") or vals["code"] == _("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("xtools.contract") or _("New")
        contracts = super().create(vals_list)
        contracts.filtered(lambda c: c.state in SIGNED_STATES)._mark_customers_signed()
        return contracts

    def write(self, vals):
        if "state" in vals:
            raise UserError(_("The status of a contract changes only through its buttons (Sign, Done, Cancel)."))
        if LOCKED_WHEN_SIGNED & vals.keys():
            self._check_signed_change_allowed()
            self._lock_for_update()
        res = super().write(vals)
        if {"amount", "line_ids"} & vals.keys():
            self._check_contract_not_overpaid()
            self._check_contract_not_overinvoiced()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        signed = self.filtered(lambda c: c.state != "draft")
        if signed:
            raise UserError(
                _(
                    "Only draft contracts can be deleted; cancel the others instead: %(names)s",
                    names=", ".join(signed.mapped("display_name")),
                )
            )

    def _compute_display_name(self):
        for contract in self:
            contract.display_name = f"[{contract.code}] {contract.name}" if contract.code else contract.name

    # ------------------------------------------------------------------
    # Guards and helpers
    # ------------------------------------------------------------------
    @api.model
    def _is_contract_manager(self):
        return self.env.su or self.env.user.has_group("xtools_crm.group_manager")

    def _check_signed_change_allowed(self):
        """The fields of ``LOCKED_WHEN_SIGNED`` of a signed contract change only by a manager or the boss."""
        signed = self.filtered(lambda c: c.state != "draft")
        if signed and not self._is_contract_manager():
            raise AccessError(
                _(
                    "Only a manager or the boss may change the amount, products, customer, salesperson or sign "
                    "date of the signed contract “%(name)s”.",
                    name=signed[0].display_name,
                )
            )

    def _totals_over_amount(self, model):
        """Yield ``(contract, total)`` for the contracts whose ``model`` records (payments or invoices) add up to
        more than the contract amount. Call it with the contract rows locked (``_lock_for_update``)."""
        self.env[model].flush_model(["amount", "contract_id"])
        totals = dict(self.env[model]._read_group([("contract_id", "in", self.ids)], ["contract_id"], ["amount:sum"]))
        for contract in self:
            total = totals.get(contract, 0.0)
            if float_compare(total, contract.amount, precision_rounding=contract.currency_id.rounding) > 0:
                yield contract, total

    def _check_contract_not_overpaid(self):
        for contract, total in self._totals_over_amount("xtools.payment"):
            raise ValidationError(
                _(
                    "Overpayment refused: the payments of contract “%(contract)s” would add up to %(total)s, "
                    "%(excess)s more than the contract amount of %(amount)s.",
                    contract=contract.display_name,
                    total=contract._format_amount(total),
                    excess=contract._format_amount(total - contract.amount),
                    amount=contract._format_amount(contract.amount),
                )
            )

    def _check_contract_not_overinvoiced(self):
        for contract, total in self._totals_over_amount("xtools.invoice"):
            raise ValidationError(
                _(
                    "Over-invoicing refused: the invoices of contract “%(contract)s” would add up to %(total)s, "
                    "%(excess)s more than the contract amount of %(amount)s.",
                    contract=contract.display_name,
                    total=contract._format_amount(total),
                    excess=contract._format_amount(total - contract.amount),
                    amount=contract._format_amount(contract.amount),
                )
            )

    def _mark_customers_signed(self):
        """The first signed contract turns a potential customer into a signed customer 正式客户."""
        customers = self.customer_id.filtered(lambda c: c.lifecycle == "potential")
        if customers:
            customers.write({"lifecycle": "customer"})

    def _write_state(self, state, extra=None):
        super().write(dict(extra or {}, state=state))

    def _transfer_salesperson(self, user):
        """Hand the contracts over to ``user`` as part of a customer transfer (already checked by
        ``xtools.customer._check_ownership_change``); a plain write of a signed contract's salesperson is for
        managers only."""
        super().write({"user_id": user.id})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_sign(self):
        text_required = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.contract_text_required")
        for contract in self:
            if contract.state != "draft":
                raise UserError(_("Only a draft contract can be signed: “%(name)s” is not.", name=contract.display_name))
            if float_compare(contract.amount, 0.0, precision_rounding=contract.currency_id.rounding) <= 0:
                raise UserError(
                    _("Give the contract “%(name)s” an amount before signing it.", name=contract.display_name)
                )
            if float_compare(
                contract.plan_amount_total, contract.amount, precision_rounding=contract.currency_id.rounding
            ):
                raise UserError(
                    _(
                        "The payment plans of “%(name)s” add up to %(planned)s but the contract amount is %(amount)s: "
                        "they must be equal before signing.",
                        name=contract.display_name,
                        planned=contract._format_amount(contract.plan_amount_total),
                        amount=contract._format_amount(contract.amount),
                    )
                )
            if text_required and not contract.contract_file:
                raise UserError(
                    _("Attach the contract text to “%(name)s” before signing it.", name=contract.display_name)
                )
        for contract in self:
            contract._write_state("running", {"sign_date": contract.sign_date or fields.Date.context_today(self)})
        self._mark_customers_signed()
        return True

    def action_done(self):
        for contract in self:
            if contract.state != "running":
                raise UserError(
                    _("Only a running contract can be marked done: “%(name)s” is not.", name=contract.display_name)
                )
        self._write_state("done")
        return True

    def action_cancel(self):
        if not self._is_contract_manager():
            raise AccessError(_("Only a manager or the boss may cancel a contract."))
        cancelled = self.filtered(lambda c: c.state == "cancelled")
        if cancelled:
            raise UserError(_("The contract “%(name)s” is already cancelled.", name=cancelled[0].display_name))
        self._write_state("cancelled")
        return True

    def action_draft(self):
        if not self._is_contract_manager():
            raise AccessError(_("Only a manager or the boss may reset a contract to draft."))
        if self.filtered(lambda c: c.state != "cancelled"):
            raise UserError(_("Only a cancelled contract can be reset to draft."))
        self._write_state("draft")
        return True

    def action_generate_plans(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Generate Payment Plans"),
            "res_model": "xtools.payment.plan.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    def _action_open_documents(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id, "default_customer_id": self.customer_id.id},
        }

    def action_open_plans(self):
        return self._action_open_documents("xtools.payment.plan", _("Payment Plans"))

    def action_open_payments(self):
        return self._action_open_documents("xtools.payment", _("Payments"))

    def action_open_invoices(self):
        return self._action_open_documents("xtools.invoice", _("Invoices"))

    def action_open_deliveries(self):
        return self._action_open_documents("xtools.delivery", _("Deliveries"))

    def _format_amount(self, amount):
        self.ensure_one()
        return self.currency_id.format(amount) if self.currency_id else str(amount)

