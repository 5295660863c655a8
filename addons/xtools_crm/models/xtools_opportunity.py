from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.sql import create_index

from .xtools_customer import SOURCES

STATES = [("open", "Open"), ("won", "Won"), ("lost", "Lost")]
# A save that changes one of these writes a line into the stage history 阶段推进历史.
HISTORY_FIELDS = ("stage_id", "expected_amount", "probability", "expected_date")


class XtoolsOpportunity(models.Model):
    """A sales opportunity 销售机会: the pre-sales follow-up of one deal with a customer.

    Every save that moves it through the funnel (stage, expected amount, probability or expected signing date)
    writes a line into its history, whatever screen it comes from (form, kanban drag, import, RPC).
    """

    _name = "xtools.opportunity"
    _description = "Sales Opportunity"
    _inherit = ["xtools.customer.document", "mail.thread", "mail.activity.mixin", "mail.tracking.duration.mixin"]
    _order = "id desc"
    _track_duration_field = "stage_id"
    _check_company_auto = True
    _xtools_state = ("state", "open")

    def _default_stage_id(self):
        return self.env["xtools.opportunity.stage"].search([("is_won", "=", False)], limit=1)

    name = fields.Char(string="Opportunity", required=True, index="trigram", tracking=True)
    customer_id = fields.Many2one(tracking=True)
    user_id = fields.Many2one(tracking=True)
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
    )
    stage_id = fields.Many2one(
        "xtools.opportunity.stage",
        default=lambda self: self._default_stage_id(),
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    expected_amount = fields.Monetary(tracking=True)
    probability = fields.Float(
        string="Probability (%)",
        compute="_compute_probability",
        store=True,
        readonly=False,
        precompute=True,
        aggregator="avg",
        tracking=True,
        help="Defaults to the stage's probability; override it when you know better.",
    )
    expected_date = fields.Date(string="Expected Signing Date", index=True, tracking=True)
    weighted_amount = fields.Monetary(
        compute="_compute_weighted_amount",
        store=True,
        help="Expected amount × probability: what the opportunity is worth in the forecast.",
    )
    state = fields.Selection(STATES, string="Status", default="open", required=True, index=True, tracking=True,
                             copy=False, readonly=True)
    lost_reason_id = fields.Many2one(
        "xtools.opportunity.lost.reason", index="btree_not_null", tracking=True, copy=False
    )
    date_closed = fields.Date(string="Closed on", copy=False, readonly=True)
    source = fields.Selection(SOURCES)
    description = fields.Html()
    color = fields.Integer(string="Color Index")
    history_ids = fields.One2many("xtools.opportunity.history", "opportunity_id", string="Stage History")
    requirement_ids = fields.One2many("xtools.opportunity.requirement", "opportunity_id", string="Requirements")
    solution_ids = fields.One2many("xtools.opportunity.solution", "opportunity_id", string="Solutions")
    quote_ids = fields.One2many("xtools.quote", "opportunity_id", string="Quotes")
    contract_ids = fields.One2many("xtools.contract", "opportunity_id", string="Contracts")
    contract_count = fields.Integer(compute="_compute_contract_count")
    action_ids = fields.One2many("xtools.action", "opportunity_id", string="Action History")
    competitor_ids = fields.One2many("xtools.competitor", "opportunity_id", string="Competitors")
    quote_count = fields.Integer(compute="_compute_quote_count")
    expense_ids = fields.One2many("xtools.expense", "opportunity_id", string="Sales Expenses")
    expense_count = fields.Integer(compute="_compute_expense_count")

    def init(self):
        res = super().init()
        # The funnel's kanban reads each stage's cards in the model's order (``id desc``, 40 at a time): walked
        # along this index within the stage, not along all the opportunities' ids.
        create_index(self.env.cr, "xtools_opportunity_stage_id_id_index", self._table, ["stage_id", "id"])
        return res

    @api.constrains("expected_amount", "probability")
    def _check_amounts(self):
        for opportunity in self:
            if opportunity.currency_id.compare_amounts(opportunity.expected_amount, 0.0) < 0:
                raise ValidationError(
                    _("The expected amount of “%(name)s” cannot be negative (%(amount)s).",
                      name=opportunity.name, amount=opportunity.expected_amount)
                )
            if not 0 <= opportunity.probability <= 100:
                raise ValidationError(
                    _("The probability of “%(name)s” must be between 0 and 100%%, not %(probability)s.",
                      name=opportunity.name, probability=opportunity.probability)
                )

    @api.depends("user_id")
    def _compute_team_id(self):
        for opportunity in self:
            if not opportunity.team_id or opportunity.user_id not in opportunity.team_id.member_ids:
                opportunity.team_id = opportunity.user_id.sale_team_id

    @api.depends("stage_id")
    def _compute_probability(self):
        for opportunity in self:
            opportunity.probability = opportunity.stage_id.probability

    @api.depends("expected_amount", "probability")
    def _compute_weighted_amount(self):
        for opportunity in self:
            opportunity.weighted_amount = opportunity.expected_amount * opportunity.probability / 100.0

    def _compute_quote_count(self):
        counts = dict(self.env["xtools.quote"]._read_group([("opportunity_id", "in", self.ids)], ["opportunity_id"],
                                                          ["__count"]))
        for opportunity in self:
            opportunity.quote_count = counts.get(opportunity, 0)

    def _compute_expense_count(self):
        counts = dict(self.env["xtools.expense"]._read_group([("opportunity_id", "in", self._origin.ids)],
                                                            ["opportunity_id"], ["__count"]))
        for opportunity in self:
            opportunity.expense_count = counts.get(opportunity._origin, 0)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Show every unfolded stage as a funnel column, even an empty one."""
        return stages.search(["|", ("id", "in", stages.ids), ("fold", "=", False)], order=stages._order)

    @api.onchange("customer_id")
    def _onchange_customer_id(self):
        if self.contact_id and self.contact_id.parent_id != self.customer_id.partner_id:
            self.contact_id = self.customer_id.main_contact_id

    # ------------------------------------------------------------------
    # CRUD: the automatic stage history
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") in ("won", "lost"):  # only the superuser (demo data) creates closed ones
                vals.setdefault("date_closed", fields.Date.context_today(self))
        opportunities = super().create(vals_list)
        opportunities._log_history({})
        opportunities._set_won_from_stage()
        opportunities.filtered(lambda o: o.state == "won")._promote_customers()
        return opportunities

    def write(self, vals):
        tracked = [fname for fname in HISTORY_FIELDS if fname in vals]
        if tracked and vals.get("state") != "open":
            closed = self.filtered(lambda o: o.state != "open")
            if closed:
                raise UserError(_(
                    "The opportunity “%(name)s” is already won or lost: reopen it before changing its stage, "
                    "amount, probability or expected signing date.",
                    name=closed[0].display_name,
                ))
        if "state" in vals:  # written by the action_* methods only (see xtools.customer.linked)
            vals = dict(vals, date_closed=fields.Date.context_today(self) if vals["state"] != "open" else False)
            if vals["state"] != "lost":
                vals.setdefault("lost_reason_id", False)
        before = {opportunity.id: opportunity._get_history_values() for opportunity in self} if tracked else None
        res = super().write(vals)
        if tracked:
            self._log_history(before)
        if "stage_id" in vals:
            self._set_won_from_stage()
        if vals.get("state") == "won":
            self._promote_customers()
        return res

    def _set_won_from_stage(self):
        """Reaching the won stage (a kanban drag into 签约) wins the opportunity."""
        won = self.filtered(lambda o: o.state == "open" and o.stage_id.is_won)
        if won:
            won._xtools_write_state({"state": "won"})

    def _promote_customers(self):
        """Winning an opportunity makes its potential customer a signed customer 正式客户."""
        self.customer_id.filtered(lambda c: c.lifecycle == "potential").write({"lifecycle": "customer"})

    def _get_history_values(self):
        self.ensure_one()
        return {
            "stage_id": self.stage_id.id,
            "expected_amount": self.expected_amount,
            "probability": self.probability,
            "expected_date": self.expected_date,
        }

    def _log_history(self, before):
        """Write one history line per opportunity whose stage, amount, probability or expected date changed.

        :param dict before: the values of ``_get_history_values`` before the save, by opportunity id; an
            opportunity missing from it was just created.
        """
        lines = []
        for opportunity in self:
            new = opportunity._get_history_values()
            old = before.get(opportunity.id)
            if old is not None and all(
                opportunity._history_value_equal(fname, old[fname], new[fname]) for fname in HISTORY_FIELDS
            ):
                continue
            old = old or {}
            lines.append({
                "opportunity_id": opportunity.id,
                "user_id": self.env.uid,
                "old_stage_id": old.get("stage_id", False),
                "stage_id": new["stage_id"],
                "old_expected_amount": old.get("expected_amount", 0.0),
                "expected_amount": new["expected_amount"],
                "old_probability": old.get("probability", 0.0),
                "probability": new["probability"],
                "old_expected_date": old.get("expected_date", False),
                "expected_date": new["expected_date"],
                "is_creation": not old,
            })
        if lines:
            # History is written by the system only: nobody holds write/create rights on it.
            self.env["xtools.opportunity.history"].sudo().create(lines)

    def _history_value_equal(self, fname, old, new):
        if fname == "expected_amount":
            return self.currency_id.compare_amounts(old, new) == 0
        if fname == "probability":
            return round(old - new, 2) == 0
        return old == new

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_set_won(self):
        won_stage = self.env["xtools.opportunity.stage"].search([("is_won", "=", True)], limit=1)
        if not won_stage:
            raise UserError(_("Mark a stage as the won stage in the configuration first."))
        self.filtered(lambda o: o.state == "lost").action_reopen()
        self.filtered(lambda o: o.state == "open")._xtools_write_state(
            {"stage_id": won_stage.id, "probability": 100.0, "state": "won"}
        )
        return True

    def action_set_lost(self, lost_reason_id=False):
        """Mark as lost (probability 0); ``lost_reason_id`` comes from the lost wizard."""
        self.filtered(lambda o: o.state == "won").action_reopen()
        self.filtered(lambda o: o.state == "open")._xtools_write_state(
            {"state": "lost", "probability": 0.0, "lost_reason_id": lost_reason_id}
        )
        return True

    def action_reopen(self):
        """Back into the funnel: a won opportunity returns to the first stage, a lost one to its stage."""
        for opportunity in self.filtered(lambda o: o.state != "open"):
            stage = opportunity.stage_id
            if stage.is_won:
                stage = self._default_stage_id()
            opportunity._xtools_write_state({"state": "open", "stage_id": stage.id, "probability": stage.probability})
        return True

    def action_open_lost_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark as Lost"),
            "res_model": "xtools.opportunity.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_opportunity_ids": self.ids},
        }

    def _compute_contract_count(self):
        counts = dict(self.env["xtools.contract"]._read_group(
            [("opportunity_id", "in", self._origin.ids)], ["opportunity_id"], ["__count"]
        ))
        for opportunity in self:
            opportunity.contract_count = counts.get(opportunity._origin, 0)

    def _prepare_contract_values(self):
        """What a contract signed from this opportunity starts with: its customer, contact, salesperson, and the
        lines of the accepted (else the latest) quote, or the expected amount when there is no quote."""
        self.ensure_one()
        quote = self.quote_ids.filtered(lambda q: q.state == "accepted")[:1] or self.quote_ids.sorted("date")[-1:]
        values = {
            "name": self.name,
            "customer_id": self.customer_id.id,
            "contact_id": self.contact_id.id,
            "user_id": self.user_id.id,
            "opportunity_id": self.id,
            "company_id": self.company_id.id,
        }
        lines = quote.line_ids.filtered("product_id")
        if lines:
            values["line_ids"] = [
                fields.Command.create({
                    "product_id": line.product_id.id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "price_unit": line.subtotal / line.quantity if line.quantity else line.price_unit,
                })
                for line in lines
            ]
        else:
            values["amount"] = self.expected_amount
        return values

    def action_create_contract(self):
        """Open a new contract pre-filled from the opportunity (the button of a won opportunity)."""
        self.ensure_one()
        if self.state != "won":
            raise UserError(_("Only a won opportunity turns into a contract: mark “%(name)s” as won first.",
                              name=self.name))
        values = self._prepare_contract_values()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Contract"),
            "res_model": "xtools.contract",
            "view_mode": "form",
            "target": "current",
            "context": {f"default_{key}": value for key, value in values.items()},
        }

    def action_open_contracts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Contracts"),
            "res_model": "xtools.contract",
            "view_mode": "list,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {"default_opportunity_id": self.id, "default_customer_id": self.customer_id.id},
        }

    def action_open_expenses(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Sales Expenses"),
            "res_model": "xtools.expense",
            "view_mode": "list,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {"default_opportunity_id": self.id, "default_customer_id": self.customer_id.id},
        }

    def action_open_quotes(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quotes"),
            "res_model": "xtools.quote",
            "view_mode": "list,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {"default_opportunity_id": self.id},
        }
