from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.xtools_sales_target import TARGET_SCOPES, TARGET_TYPES

MONTH_FIELDS = [f"month_{month}" for month in range(1, 13)]


class XtoolsSalesTargetGrid(models.TransientModel):
    """The yearly grid of targets 年度目标: the twelve monthly targets of one salesperson, sales team or the company
    for one target type, entered in one form. Months already set are shown; a month left at zero removes its
    target. Saved with the user's own rights (managers: their teams and members; the boss: all; nobody their own)."""

    _name = "xtools.sales.target.grid"
    _description = "Yearly Sales Targets"

    company_id = fields.Many2one("res.company", required=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    scope = fields.Selection(TARGET_SCOPES, string="Target Of", required=True, default="user")
    user_id = fields.Many2one("res.users", string="Salesperson", domain="[('share', '=', False)]")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    target_type = fields.Selection(TARGET_TYPES, required=True, default="contract")
    month_1 = fields.Monetary(string="January", compute="_compute_months", store=True, readonly=False)
    month_2 = fields.Monetary(string="February", compute="_compute_months", store=True, readonly=False)
    month_3 = fields.Monetary(string="March", compute="_compute_months", store=True, readonly=False)
    month_4 = fields.Monetary(string="April", compute="_compute_months", store=True, readonly=False)
    month_5 = fields.Monetary(string="May", compute="_compute_months", store=True, readonly=False)
    month_6 = fields.Monetary(string="June", compute="_compute_months", store=True, readonly=False)
    month_7 = fields.Monetary(string="July", compute="_compute_months", store=True, readonly=False)
    month_8 = fields.Monetary(string="August", compute="_compute_months", store=True, readonly=False)
    month_9 = fields.Monetary(string="September", compute="_compute_months", store=True, readonly=False)
    month_10 = fields.Monetary(string="October", compute="_compute_months", store=True, readonly=False)
    month_11 = fields.Monetary(string="November", compute="_compute_months", store=True, readonly=False)
    month_12 = fields.Monetary(string="December", compute="_compute_months", store=True, readonly=False)
    year_total = fields.Monetary(compute="_compute_year_total")

    def _target_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("user_id", "=", self.user_id.id if self.scope == "user" else False),
            ("team_id", "=", self.team_id.id if self.scope == "team" else False),
            ("year", "=", self.year),
            ("target_type", "=", self.target_type),
        ]

    @api.depends("company_id", "scope", "user_id", "team_id", "year", "target_type")
    def _compute_months(self):
        for grid in self:
            existing = {}
            if grid.year and (grid.scope == "company" or grid.user_id or grid.team_id):
                targets = self.env["xtools.sales.target"].search(grid._target_domain())
                existing = {int(target.month): target.amount for target in targets}
            for month, fname in enumerate(MONTH_FIELDS, start=1):
                grid[fname] = existing.get(month, 0.0)

    @api.depends(*MONTH_FIELDS)
    def _compute_year_total(self):
        for grid in self:
            grid.year_total = sum(grid[fname] for fname in MONTH_FIELDS)

    def action_apply(self):
        """Create, update or remove the twelve monthly targets."""
        self.ensure_one()
        if self.scope == "user" and not self.user_id:
            raise UserError(_("Choose the salesperson whose targets you set."))
        if self.scope == "team" and not self.team_id:
            raise UserError(_("Choose the sales team whose targets you set."))
        negative = [self._fields[f].string for f in MONTH_FIELDS if self[f] < 0]
        if negative:
            raise UserError(_("A target cannot be negative: %(months)s.", months=", ".join(negative)))
        Target = self.env["xtools.sales.target"]
        existing = {int(t.month): t for t in Target.search(self._target_domain())}
        to_create = []
        for month, fname in enumerate(MONTH_FIELDS, start=1):
            amount = self[fname]
            target = existing.get(month)
            if target and not amount:
                target.unlink()
            elif target:
                if target.currency_id.compare_amounts(target.amount, amount):
                    target.amount = amount
            elif amount:
                to_create.append({
                    "company_id": self.company_id.id,
                    "user_id": self.user_id.id if self.scope == "user" else False,
                    "team_id": self.team_id.id if self.scope == "team" else False,
                    "year": self.year,
                    "month": str(month),
                    "target_type": self.target_type,
                    "amount": amount,
                })
        Target.create(to_create)
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_sales_target_action")
        action["domain"] = [("year", "=", self.year)] + [
            term for term in self._target_domain() if term[0] in ("user_id", "team_id")
        ]
        action["context"] = {"search_default_groupby_type": 1}
        return action
