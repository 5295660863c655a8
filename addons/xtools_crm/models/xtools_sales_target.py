from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

TARGET_TYPES = [("contract", "Contract Amount"), ("payment", "Payment Amount")]
TARGET_SCOPES = [("company", "Company"), ("team", "Sales Team"), ("user", "Salesperson")]
MONTHS = [
    ("1", "January"), ("2", "February"), ("3", "March"), ("4", "April"), ("5", "May"), ("6", "June"),
    ("7", "July"), ("8", "August"), ("9", "September"), ("10", "October"), ("11", "November"), ("12", "December"),
]
# What a target of each type is achieved by: signed contracts on their signing date, credited to their
# salesperson; payments on their date, credited to the salesperson of their contract (as the "By Salesperson"
# performance pivot), not to the handler.
ACHIEVED_SOURCES = {
    "contract": ("xtools.contract", "sign_date", "user_id", "amount", [("state", "in", ("running", "done"))]),
    "payment": ("xtools.payment", "date", "salesperson_id", "amount", []),
}


class XtoolsSalesTarget(models.Model):
    """A monthly sales target 业绩目标 of the company, a sales team or a salesperson, for contract or payment amounts.

    Managers set the targets of the teams they lead and of their members, the boss all of them; nobody sets their
    own. What is achieved is read from the signed contracts and received payments of the month, under the reader's
    own record rules.
    """

    _name = "xtools.sales.target"
    _description = "Sales Target"
    _order = "year desc, month_number desc, scope, target_type, id"
    _rec_names_search = ["user_id", "team_id"]
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    team_id = fields.Many2one("crm.team", string="Sales Team", index="btree_not_null", check_company=True,
                              ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Salesperson", index="btree_not_null", check_company=True,
                              ondelete="cascade", domain="[('share', '=', False)]")
    scope = fields.Selection(TARGET_SCOPES, string="Target Of", compute="_compute_scope", store=True, index=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    month = fields.Selection(MONTHS, required=True,
                             default=lambda self: str(fields.Date.context_today(self).month))
    month_number = fields.Integer(compute="_compute_date_start", store=True)
    date_start = fields.Date(string="Month Start", compute="_compute_date_start", store=True, index=True)
    target_type = fields.Selection(TARGET_TYPES, required=True, default="contract")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary(string="Target Amount", required=True)
    achieved_amount = fields.Monetary(string="Achieved", compute="_compute_achieved_amount")
    completion_rate = fields.Float(string="Completion (%)", compute="_compute_achieved_amount", digits=(16, 1))
    note = fields.Char()

    _sql_constraints = [
        (
            "target_uniq",
            "UNIQUE NULLS NOT DISTINCT (company_id, team_id, user_id, year, month, target_type)",
            "There is already such a target for this month.",
        ),
        ("amount_positive", "CHECK (amount > 0)", "The target amount must be greater than zero."),
        ("year_range", "CHECK (year BETWEEN 2000 AND 2999)", "The year of a target must be between 2000 and 2999."),
    ]

    @api.depends("team_id", "user_id")
    def _compute_scope(self):
        for target in self:
            target.scope = "user" if target.user_id else "team" if target.team_id else "company"

    @api.depends("year", "month")
    def _compute_date_start(self):
        for target in self:
            if target.year and target.month and 2000 <= target.year <= 2999:
                target.month_number = int(target.month)
                target.date_start = date(target.year, int(target.month), 1)
            else:
                target.month_number = 0
                target.date_start = False

    @api.depends("company_id", "team_id", "user_id", "date_start", "target_type", "amount")
    @api.depends_context("uid")
    def _compute_achieved_amount(self):
        achieved = self._get_achieved(self.filtered("date_start"))
        for target in self:
            target.achieved_amount = achieved.get(target, 0.0)
            target.completion_rate = target.achieved_amount / target.amount * 100.0 if target.amount else 0.0

    @api.depends("scope", "team_id", "user_id", "year", "month", "target_type")
    def _compute_display_name(self):
        types = dict(self._fields["target_type"]._description_selection(self.env))
        for target in self:
            owner = target.user_id.name or target.team_id.name or target.company_id.name or ""
            period = _("%(year)s-%(month)s", year=target.year, month=(target.month or "").zfill(2))
            target.display_name = f"{owner} {period} {types.get(target.target_type, '')}"

    @api.constrains("team_id", "user_id")
    def _check_one_owner(self):
        for target in self:
            if target.team_id and target.user_id:
                raise ValidationError(_(
                    "A target is either a sales team's (“%(team)s”) or a salesperson's (“%(user)s”), not both.",
                    team=target.team_id.name, user=target.user_id.name,
                ))

    # ------------------------------------------------------------------
    # CRUD: nobody sets their own target
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        targets = super().create(vals_list)
        targets._check_not_own()
        return targets

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "team_id", "company_id"} & vals.keys():
            # Rules were checked on the old values: check the new owner is one the user may set targets for.
            self._check_not_own()
            self.check_access("write")
        return res

    def _check_not_own(self):
        if self.env.su:
            return
        own = self.filtered(lambda t: t.user_id == self.env.user)
        if own:
            period = f"{own[0].year}-{own[0].month.zfill(2)}"
            raise AccessError(_(
                "Nobody sets their own target: ask your manager to set the target of %(user)s for %(period)s.",
                user=own[0].user_id.name, period=period,
            ))

    # ------------------------------------------------------------------
    # Achievement
    # ------------------------------------------------------------------
    @api.model
    def _achieved_by_user(self, target_type, date_from, date_to, companies):
        """``{(company_id, user_id, month start): amount}`` of the contracts signed (or payments received) between
        ``date_from`` and ``date_to``, under the current user's rules; ``user_id`` may be ``False``."""
        model, date_field, user_field, amount_field, domain = ACHIEVED_SOURCES[target_type]
        rows = self.env[model]._read_group(
            domain + [(date_field, ">=", date_from), (date_field, "<", date_to), ("company_id", "in", companies.ids)],
            ["company_id", user_field, f"{date_field}:month"],
            [f"{amount_field}:sum"],
        )
        return {(company.id, user.id, month): amount or 0.0 for company, user, month, amount in rows}

    @api.model
    def _get_achieved(self, targets):
        """What each of ``targets`` achieved: ``{target: amount}``, from one ``_read_group`` per target type."""
        result = {}
        if not targets:
            return result
        date_from = min(targets.mapped("date_start"))
        date_to = max(targets.mapped("date_start")) + relativedelta(months=1)
        for target_type, typed in targets.grouped("target_type").items():
            amounts = self._achieved_by_user(target_type, date_from, date_to, typed.company_id)
            for target in typed:
                result[target] = self._sum_achieved(amounts, target.company_id, target.date_start,
                                                    users=target.user_id, team=target.team_id)
        return result

    @api.model
    def _sum_achieved(self, amounts, company, month, users=None, team=None):
        """Sum ``amounts`` (see ``_achieved_by_user``) of ``month`` for ``users``, the current members of ``team``,
        or the whole company when neither is given."""
        if users:
            user_ids = set(users.ids)
        elif team:
            user_ids = set(team.member_ids.ids)
        else:
            user_ids = None
        return sum(
            amount for (company_id, user_id, day), amount in amounts.items()
            if company_id == company.id and day == month and (user_ids is None or user_id in user_ids)
        )

    @api.model
    def _get_targets(self, owners, month):
        """The targets of ``owners`` — users, sales teams or companies — for the month starting on ``month``, from one
        ``_read_group`` under the current user's rules: ``{owner_id: {"contract": amount, "payment": amount}}``
        (0.0 where no target is set or visible)."""
        field = {"res.users": "user_id", "crm.team": "team_id", "res.company": False}[owners._name]
        domain = [("year", "=", month.year), ("month", "=", str(month.month))]
        if field:
            domain += [(field, "in", owners.ids)]
        else:
            domain += [("company_id", "in", owners.ids), ("scope", "=", "company")]
        targets = {owner.id: dict.fromkeys(dict(TARGET_TYPES), 0.0) for owner in owners}
        for owner, target_type, amount in self._read_group(
            domain, [field or "company_id", "target_type"], ["amount:sum"]
        ):
            targets[owner.id][target_type] = amount or 0.0
        return targets

    @api.model
    def _get_progress(self, owners, day=None):
        """Targets and achievement of the month of ``day`` (default: today) for ``owners`` — users, sales teams or
        companies — as plain data for the workbench and the statistics::

            {owner_id: {"contract": {"target": 100000.0, "achieved": 45000.0, "rate": 45.0},
                        "payment": {...}}}

        ``rate`` is ``None`` without a target. Read under the current user's rules: a salesperson sees their own
        targets only, and achievement from the contracts and payments they may see."""
        day = day or fields.Date.context_today(self)
        month = day.replace(day=1)
        targets = self._get_targets(owners, month)
        companies = owners if owners._name == "res.company" else (
            owners.company_id if owners._name == "crm.team" and owners.company_id else self.env.companies
        )
        progress = {}
        for target_type, _label in TARGET_TYPES:
            amounts = self._achieved_by_user(target_type, month, month + relativedelta(months=1), companies)
            for owner in owners:
                if owners._name == "res.users":
                    achieved = sum(self._sum_achieved(amounts, company, month, users=owner) for company in companies)
                elif owners._name == "crm.team":
                    achieved = sum(self._sum_achieved(amounts, company, month, team=owner) for company in companies)
                else:
                    achieved = self._sum_achieved(amounts, owner, month)
                target = targets[owner.id][target_type]
                progress.setdefault(owner.id, {})[target_type] = {
                    "target": target,
                    "achieved": achieved,
                    "rate": round(achieved / target * 100.0, 1) if target else None,
                }
        return progress

    def action_open_grid(self):
        """List button (whatever the selection) — the yearly grid: the 12 monthly targets of one salesperson, team
        or the company in one form."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Yearly Targets"),
            "res_model": "xtools.sales.target.grid",
            "view_mode": "form",
            "target": "new",
        }

