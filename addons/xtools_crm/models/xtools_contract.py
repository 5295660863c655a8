from datetime import timedelta

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
# Fields of a signed contract that only a manager or the boss may change: what it is worth, to whom, whose
# performance it counts for, when it runs and what was signed. Its payment plans are locked the same way.
LOCKED_WHEN_SIGNED = {
    "amount", "line_ids", "customer_id", "user_id", "sign_date", "start_date", "end_date",
    "contract_file", "contract_filename", "description",
}
# Marks, in the context, the plans written with their contract (its save checks them at once): an object, which no
# RPC context can carry.
PLANS_CHECKED_BY_CONTRACT = object()
# Locked fields that chatter tracking cannot show (files, html): a change is written in the chatter by hand.
UNTRACKED_LOCKED = ("contract_file", "description")


class XtoolsContract(models.Model):
    """A contract or order 合同/订单 signed with a customer: the home of its payment plans, payments, invoices and
    deliveries. Its totals (paid, unpaid, invoiced) are stored and kept exact under concurrent use: every check over
    several rows first locks the contract row (see ``_lock_for_update``)."""

    _name = "xtools.contract"
    _description = "Contract"
    _inherit = ["xtools.customer.document", "xtools.return.visit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "sign_date desc, id desc"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True
    _xtools_state = ("state", "draft")

    code = fields.Char(string="Contract Code", readonly=True, copy=False, index=True, default=lambda self: _("New"))
    name = fields.Char(string="Contract Name", required=True, index="trigram", tracking=True)
    customer_id = fields.Many2one(tracking=True)
    opportunity_id = fields.Many2one(
        "xtools.opportunity",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
        help="The sales opportunity this contract was signed from.",
    )
    user_id = fields.Many2one(string="Salesperson", tracking=True)
    sign_date = fields.Date(copy=False, tracking=True, index=True)
    start_date = fields.Date(tracking=True)
    end_date = fields.Date(tracking=True, index="btree_not_null")
    state = fields.Selection(
        CONTRACT_STATES, string="Status", required=True, default="draft", copy=False, tracking=True, index=True,
        readonly=True,
    )
    # Every amount of the CRM is in the company's currency, so that customer totals, reports and the workbench
    # add up without conversion.
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
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
    plan_amount_difference = fields.Monetary(
        string="Not Planned",
        compute="_compute_plan_amount_total",
        help="The contract amount minus the total of its payment plans: zero once the plans cover the amount "
        "exactly, which signing asks for and a signed contract keeps.",
    )
    paid_amount = fields.Monetary(string="Paid", compute="_compute_paid_amount", store=True)
    unpaid_amount = fields.Monetary(string="Unpaid", compute="_compute_paid_amount", store=True)
    invoiced_amount = fields.Monetary(compute="_compute_invoiced_amount", store=True)
    is_locked = fields.Boolean(
        string="Locked",
        compute="_compute_is_locked",
        help="The amount, products, customer, salesperson, dates, text and payment plans of a signed contract can "
        "only be changed by a manager or the boss.",
    )
    is_expiring = fields.Boolean(
        string="Expiring Soon",
        compute="_compute_is_expiring",
        search="_search_is_expiring",
        help="Running and ending within the days set in Settings (30 by default).",
    )
    plan_count = fields.Integer(compute="_compute_counts", string="Payment Plan Count")
    payment_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer(compute="_compute_counts")
    delivery_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("code_company_uniq", "unique (code, company_id)", "The contract code must be unique per company."),
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

    @api.depends("amount", "plan_ids.amount")
    def _compute_plan_amount_total(self):
        for contract in self:
            contract.plan_amount_total = sum(contract.plan_ids.mapped("amount"))
            contract.plan_amount_difference = contract.currency_id.round(contract.amount - contract.plan_amount_total)

    @api.depends("amount", "payment_ids.amount")
    def _compute_paid_amount(self):
        for contract in self:
            contract.paid_amount = sum(contract.payment_ids.mapped("amount"))
            contract.unpaid_amount = contract.amount - contract.paid_amount

    @api.depends("invoice_ids.amount")
    def _compute_invoiced_amount(self):
        for contract in self:
            contract.invoiced_amount = sum(contract.invoice_ids.mapped("amount"))

    @api.model
    def _expiry_window(self):
        days = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.contract_expiry_days", 30)
        try:
            days = int(days)
        except ValueError:
            days = 30
        today = fields.Date.context_today(self)
        return today, today + timedelta(days=days)

    @api.depends("state", "end_date")
    @api.depends_context("date")
    def _compute_is_expiring(self):
        start, end = self._expiry_window()
        for contract in self:
            contract.is_expiring = bool(
                contract.state == "running" and contract.end_date and start <= contract.end_date <= end
            )

    def _search_is_expiring(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on “expiring soon”."))
        start, end = self._expiry_window()
        domain = [("state", "=", "running"), ("end_date", ">=", start), ("end_date", "<=", end)]
        return domain if (operator == "=") == value else ["!", "&", "&"] + domain

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

    @api.constrains("amount")
    def _check_amount(self):
        for contract in self:
            if contract.currency_id.compare_amounts(contract.amount, 0.0) < 0:
                raise ValidationError(
                    _("The amount of the contract “%(name)s” cannot be negative (%(amount)s).",
                      name=contract.display_name, amount=contract.amount)
                )

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

    @api.constrains("amount", "plan_ids", "state")
    def _check_plans_add_up(self):
        """A signed contract's payment plans add up to its amount, after every save (of the contract, or of its
        plans from their own menu: see ``xtools.payment.plan``)."""
        for contract in self.filtered(lambda c: c.state in SIGNED_STATES):
            if not contract.currency_id.is_zero(contract.plan_amount_difference):
                raise ValidationError(
                    _(
                        "The payment plans of the signed contract “%(name)s” would add up to %(planned)s, not its "
                        "amount of %(amount)s (difference %(difference)s): change the plans and the amount together, "
                        "in the contract's form.",
                        name=contract.display_name,
                        planned=contract._format_amount(contract.plan_amount_total),
                        amount=contract._format_amount(contract.amount),
                        difference=contract._format_amount(contract.plan_amount_difference),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._xtools_fill_codes(vals_list, "code", "xtools.contract", _("New"))
        # The plans written with the contract are checked together, once, by ``_check_plans_add_up``.
        contracts = super(XtoolsContract, self.with_context(
            xtools_plans_checked_by_contract=PLANS_CHECKED_BY_CONTRACT
        )).create(vals_list)
        contracts = contracts.with_env(self.env)
        contracts.filtered(lambda c: c.state in SIGNED_STATES)._mark_customers_signed()
        return contracts

    def write(self, vals):
        locked = LOCKED_WHEN_SIGNED & vals.keys()
        if locked:
            self._check_signed_change_allowed()
            self._lock_for_update()
        signed = self.filtered(lambda c: c.state != "draft") if locked & set(UNTRACKED_LOCKED) else self.browse()
        # The plans written with the contract are checked together, once, by ``_check_plans_add_up``.
        res = super(XtoolsContract, self.with_context(
            xtools_plans_checked_by_contract=PLANS_CHECKED_BY_CONTRACT
        )).write(vals)
        if {"amount", "line_ids"} & vals.keys():
            self._check_contract_not_overpaid()
            self._check_contract_not_overinvoiced()
        for contract in signed:
            contract._log_signed_change(
                [self._fields[fname]._description_string(self.env) for fname in UNTRACKED_LOCKED if fname in vals]
            )
        return res

    def _log_signed_change(self, what):
        """Write in the chatter a change of a signed contract that tracking does not show (text, plans)."""
        self.ensure_one()
        self.message_post(
            body=_("Changed after signing by %(user)s: %(what)s", user=self.env.user.name, what="; ".join(what)),
            subtype_xmlid="mail.mt_note",
        )

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
        """``[HT20260001] name`` once saved; a new contract reads its name alone (the code is given on saving)."""
        for contract in self:
            if contract._origin and contract.code and contract.name:
                contract.display_name = f"[{contract.code}] {contract.name}"
            else:
                contract.display_name = contract.name or ""

    # ------------------------------------------------------------------
    # Guards and helpers
    # ------------------------------------------------------------------
    @api.model
    def _is_contract_manager(self):
        return self.env.su or self.env.user.has_group("xtools_crm.group_manager")

    def _check_signed_change_allowed(self):
        """The fields of ``LOCKED_WHEN_SIGNED`` and the payment plans of a signed contract change only by a manager
        or the boss."""
        signed = self.filtered(lambda c: c.state != "draft")
        if signed and not self._is_contract_manager():
            raise AccessError(
                _(
                    "Only a manager or the boss may change the amount, products, customer, salesperson, dates, "
                    "contract text or payment plans of the signed contract “%(name)s”.",
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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_sign(self):
        text_required = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.contract_text_required")
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _("Only a draft contract can be signed: “%(name)s” is not.", name=contract.display_name)
                )
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
            contract._xtools_write_state(
                {"state": "running", "sign_date": contract.sign_date or fields.Date.context_today(self)}
            )
        self._mark_customers_signed()
        return True

    def action_done(self):
        for contract in self:
            if contract.state != "running":
                raise UserError(
                    _("Only a running contract can be marked done: “%(name)s” is not.", name=contract.display_name)
                )
        self._xtools_write_state({"state": "done"})
        return True

    def action_cancel(self):
        if not self._is_contract_manager():
            raise AccessError(_("Only a manager or the boss may cancel a contract."))
        cancelled = self.filtered(lambda c: c.state == "cancelled")
        if cancelled:
            raise UserError(_("The contract “%(name)s” is already cancelled.", name=cancelled[0].display_name))
        self._xtools_write_state({"state": "cancelled"})
        return True

    def action_draft(self):
        if not self._is_contract_manager():
            raise AccessError(_("Only a manager or the boss may reset a contract to draft."))
        if self.filtered(lambda c: c.state != "cancelled"):
            raise UserError(_("Only a cancelled contract can be reset to draft."))
        self._xtools_write_state({"state": "draft"})
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

    # ------------------------------------------------------------------
    # Return visits 回访 (models/xtools_return_visit_mixin.py)
    # ------------------------------------------------------------------
    def _can_plan_return_visit(self):
        self.ensure_one()
        return self.state in SIGNED_STATES

    def _get_return_visit_service_values(self):
        self.ensure_one()
        return {
            "customer_id": self.customer_id.id,
            "contact_id": self.contact_id.id,
            "contract_id": self.id,
            "name": _("Return visit: %(contract)s", contract=self.name),
        }
