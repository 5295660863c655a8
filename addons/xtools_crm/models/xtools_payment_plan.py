from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL, float_compare, float_is_zero

from ..tools.sql import create_covering_index
from .xtools_contract import PLANS_CHECKED_BY_CONTRACT

SIGNED_STATES = ("running", "done")
# What a salesperson may no longer change in a plan of a signed contract (its name and note stay editable).
PLAN_LOCKED_FIELDS = {"amount", "due_date", "contract_id"}
PLAN_STATES = [
    ("planned", "Planned"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
    ("overdue", "Overdue"),
]


def _creation_rank(record):
    """A sort key part that orders saved records by id and new ones (``NewId``, not comparable) after them; Python's
    stable sort keeps the new ones in the order of the recordset, i.e. the order of the form's rows."""
    origin = record._origin.id
    return (0, origin) if origin else (1, 0)


class XtoolsPaymentPlan(models.Model):
    """An installment 回款计划 of a contract: what the customer should pay by which day.

    ``paid_amount`` is the contract's received money allocated to the plan: a payment first fills its own plan,
    what is left over fills the open plans in due-date order. ``state`` compares that with today, so it is
    computed on reading (and searchable) rather than stored, and never goes stale overnight.
    """

    _name = "xtools.payment.plan"
    _description = "Payment Plan"
    _inherit = ["xtools.contract.document"]
    _order = "due_date, id"
    _check_company_auto = True

    contract_id = fields.Many2one(
        domain="[('customer_id', '=?', customer_id), ('state', 'in', ('draft', 'running'))]",
        ondelete="cascade",
    )
    name = fields.Char(string="Installment", help="e.g. 预付款, 到货款, 验收款, 质保金")
    due_date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    amount = fields.Monetary(string="Planned Amount", required=True)
    paid_amount = fields.Monetary(string="Paid", compute="_compute_paid_amount", store=True)
    residual_amount = fields.Monetary(string="Still Due", compute="_compute_paid_amount", store=True)
    state = fields.Selection(PLAN_STATES, string="Status", compute="_compute_state", search="_search_state")
    # Kept on the plan: what is owed and overdue (the workbench, the filters) is searched on the plans of signed
    # contracts without looking each plan's contract up, through the contract's rules, in every count.
    contract_state = fields.Selection(related="contract_id.state", store=True, string="Contract Status")
    is_due_soon = fields.Boolean(
        string="Due Soon or Overdue",
        compute="_compute_is_due_soon",
        search="_search_is_due_soon",
        help="Not fully paid on a signed contract and due within the days set in Settings (30 by default), or "
        "overdue.",
    )
    payment_ids = fields.One2many("xtools.payment", "plan_id", string="Payments")
    note = fields.Char()

    def init(self):
        res = super().init()
        # What is still owed, by due date, with the columns the rules and the workbench read: the receivables and
        # the overdue sums scan the open plans from this index alone, not the table of every plan ever paid.
        create_covering_index(
            self.env.cr, "xtools_payment_plan_owed_due_date_index", self._table, ["due_date"],
            include=["customer_id", "company_id", "contract_state", "residual_amount"],
            where=SQL("residual_amount > 0"),
        )
        return res

    @api.depends(
        "amount",
        "due_date",
        "contract_id.payment_ids.amount",
        "contract_id.payment_ids.plan_id",
        "contract_id.plan_ids.amount",
        "contract_id.plan_ids.due_date",
    )
    def _compute_paid_amount(self):
        allocated = {}
        for contract in self.contract_id:
            allocated.update(contract.plan_ids._allocate_payments(contract.payment_ids))
        for plan in self:
            plan.paid_amount = allocated.get(plan.id, 0.0)
            plan.residual_amount = plan.amount - plan.paid_amount

    def _allocate_payments(self, payments):
        """Spread ``payments`` over the plans ``self`` (of one contract): each payment first to its own plan, the
        rest to the open plans by due date. Return ``{plan id: allocated amount}``.

        Also works on the new records of a form being edited (their ids are ``NewId``, which cannot be ordered):
        plans and payments are ordered by date, then saved records by id before new ones in form order."""
        plans = self.sorted(lambda p: (p.due_date or fields.Date.today(), *_creation_rank(p)))
        paid = {plan.id: 0.0 for plan in plans}
        overflow = 0.0
        for payment in payments.sorted(lambda p: (p.date or fields.Date.today(), *_creation_rank(p))):
            plan = payment.plan_id
            if plan.id in paid:
                taken = max(min(plan.amount - paid[plan.id], payment.amount), 0.0)
                paid[plan.id] += taken
                overflow += payment.amount - taken
            else:
                overflow += payment.amount
        for plan in plans:
            if overflow <= 0:
                break
            taken = max(min(plan.amount - paid[plan.id], overflow), 0.0)
            paid[plan.id] += taken
            overflow -= taken
        return paid

    @api.depends("amount", "paid_amount", "due_date", "contract_id.state")
    @api.depends_context("date")
    def _compute_state(self):
        """Overdue: not fully paid after the due date, on a signed contract (a draft owes nothing yet)."""
        today = fields.Date.context_today(self)
        for plan in self:
            rounding = plan.currency_id.rounding or 0.01
            if float_compare(plan.amount, 0.0, precision_rounding=rounding) <= 0:
                plan.state = "planned"  # a row just added in the form, before its amount is typed
            elif float_compare(plan.paid_amount, plan.amount, precision_rounding=rounding) >= 0:
                plan.state = "paid"
            elif plan.due_date and plan.due_date < today and plan.contract_id.state in SIGNED_STATES:
                plan.state = "overdue"
            elif not float_is_zero(plan.paid_amount, precision_rounding=rounding):
                plan.state = "partial"
            else:
                plan.state = "planned"

    @api.model
    def _due_soon_limit(self):
        days = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.receivable_reminder_days", 30)
        try:
            days = int(days)
        except ValueError:
            days = 30
        return fields.Date.context_today(self) + timedelta(days=days)

    @api.depends("residual_amount", "due_date", "contract_id.state")
    @api.depends_context("date")
    def _compute_is_due_soon(self):
        limit = self._due_soon_limit()
        for plan in self:
            plan.is_due_soon = bool(
                plan.residual_amount > 0 and plan.contract_id.state in SIGNED_STATES and plan.due_date
                and plan.due_date <= limit
            )

    def _search_is_due_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on “due soon”."))
        domain = [
            ("residual_amount", ">", 0),
            ("contract_state", "in", SIGNED_STATES),
            ("due_date", "<=", self._due_soon_limit()),
        ]
        return domain if (operator == "=") == value else ["!"] + expression.normalize_domain(domain)

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(_("Unsupported search on the payment plan status."))
        values = {value} if isinstance(value, str) else set(value or ())
        today = fields.Date.context_today(self)
        not_overdue = ["|", ("due_date", ">=", today), ("contract_state", "not in", SIGNED_STATES)]
        domains = {
            "paid": [("residual_amount", "<=", 0)],
            "overdue": [
                ("residual_amount", ">", 0),
                ("due_date", "<", today),
                ("contract_state", "in", SIGNED_STATES),
            ],
            "partial": [("residual_amount", ">", 0), ("paid_amount", ">", 0)] + not_overdue,
            "planned": [("residual_amount", ">", 0), ("paid_amount", "<=", 0)] + not_overdue,
        }
        if operator in ("!=", "not in"):
            values = set(domains) - values
        values &= set(domains)
        if not values:
            return [(0, "=", 1)]
        return expression.OR([domains[v] for v in sorted(values)])

    @api.constrains("amount")
    def _check_amount(self):
        for plan in self:
            if plan.amount <= 0:
                raise ValidationError(
                    _("The amount of a payment plan must be greater than zero, not %(amount)s.", amount=plan.amount)
                )

    # ------------------------------------------------------------------
    # CRUD: the plans of a signed contract are locked like the contract, and still add up to its amount
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["xtools.contract"].browse({vals.get("contract_id") for vals in vals_list} - {None, False})
        contracts._check_signed_change_allowed()
        plans = super().create(vals_list)
        plans.contract_id._check_signed_change_allowed()  # also a contract given by a context default
        plans._log_signed_plan_change(_("added"))
        plans._check_contract_plans_add_up(plans.contract_id)
        return plans

    def write(self, vals):
        if PLAN_LOCKED_FIELDS & vals.keys():
            self.contract_id._check_signed_change_allowed()
        if vals.get("contract_id"):
            self.env["xtools.contract"].browse(vals["contract_id"])._check_signed_change_allowed()
        contracts = self.contract_id
        changes = {
            plan.id: [
                (self._fields[fname]._description_string(self.env), plan._plan_value(fname), fname)
                for fname in ("amount", "due_date") if fname in vals
            ]
            for plan in self.filtered(lambda p: p.contract_id.state != "draft")
        }
        res = super().write(vals)
        for plan in self.filtered(lambda p: p.id in changes and changes[p.id]):
            plan._log_signed_plan_change(", ".join(
                f"{label}: {old} → {plan._plan_value(fname)}" for label, old, fname in changes[plan.id]
            ))
        if {"amount", "contract_id"} & vals.keys():
            self._check_contract_plans_add_up(contracts | self.contract_id)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.contract_id._check_signed_change_allowed()
        self._log_signed_plan_change(_("removed"))

    def unlink(self):
        contracts = self.contract_id
        res = super().unlink()
        self._check_contract_plans_add_up(contracts)
        return res

    def _plan_value(self, fname):
        self.ensure_one()
        return self.currency_id.format(self.amount) if fname == "amount" else fields.Date.to_string(self.due_date)

    def _log_signed_plan_change(self, what):
        """A change of a signed contract's plans (by a manager or the boss) is written in the contract's chatter."""
        for plan in self.filtered(lambda p: p.contract_id.state != "draft"):
            plan.contract_id._log_signed_change([
                _("payment plan “%(plan)s” (%(amount)s, due %(date)s) %(what)s",
                  plan=plan.name or _("Installment"), amount=plan.currency_id.format(plan.amount),
                  date=fields.Date.to_string(plan.due_date), what=what)
            ])

    @api.model
    def _check_contract_plans_add_up(self, contracts):
        """Plans changed from their own menu (not through their contract's form, which checks the whole save at
        once) must keep a signed contract's plans equal to its amount. The contract's mark is an object, which no
        RPC context can carry."""
        if self.env.context.get("xtools_plans_checked_by_contract") is not PLANS_CHECKED_BY_CONTRACT:
            contracts.exists()._check_plans_add_up()

    def _compute_display_name(self):
        for plan in self:
            label = plan.name or _("Installment")
            plan.display_name = f"{plan.contract_id.code or ''} {label} {plan.due_date or ''}".strip()
