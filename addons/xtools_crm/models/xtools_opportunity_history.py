from odoo import api, fields, models


class XtoolsOpportunityHistory(models.Model):
    """One line of an opportunity's stage history 阶段推进历史: who changed what, when, from what to what.

    Written by ``xtools.opportunity`` itself on create and on every save that changes the stage, the expected
    amount, the probability or the expected signing date; nobody edits or deletes it (read-only ACLs).
    """

    _name = "xtools.opportunity.history"
    _description = "Opportunity Stage History"
    _inherit = ["xtools.customer.linked"]
    _order = "date desc, id desc"
    _rec_name = "opportunity_id"

    opportunity_id = fields.Many2one(
        "xtools.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="opportunity_id.currency_id")
    customer_id = fields.Many2one(related="opportunity_id.customer_id", store=True, index=True)
    salesperson_id = fields.Many2one(related="opportunity_id.user_id", string="Salesperson", store=True, index=True)
    date = fields.Datetime(string="Changed on", default=fields.Datetime.now, required=True, index=True)
    user_id = fields.Many2one("res.users", string="Changed by", required=True, index=True)
    is_creation = fields.Boolean(string="Created", help="The first line, written when the opportunity was created.")
    old_stage_id = fields.Many2one("xtools.opportunity.stage", string="From Stage", index="btree_not_null")
    stage_id = fields.Many2one("xtools.opportunity.stage", string="To Stage", index=True)
    old_expected_amount = fields.Monetary(aggregator=None)
    expected_amount = fields.Monetary(aggregator=None)
    old_probability = fields.Float(string="Old Probability (%)", aggregator=None)
    probability = fields.Float(string="Probability (%)", aggregator=None)
    old_expected_date = fields.Date(string="Old Expected Signing Date")
    expected_date = fields.Date(string="Expected Signing Date")
    is_stage_change = fields.Boolean(string="Stage Changed", compute="_compute_changes", store=True)
    amount_change = fields.Monetary(compute="_compute_changes", store=True)
    slip_days = fields.Integer(
        string="Signing Date Slip (days)",
        compute="_compute_changes",
        store=True,
        help="How many days later (positive) or earlier (negative) the expected signing date was moved.",
    )
    is_slipped = fields.Boolean(string="Signing Date Postponed", compute="_compute_changes", store=True)

    @api.depends("old_stage_id", "stage_id", "old_expected_amount", "expected_amount", "old_expected_date",
                 "expected_date", "is_creation")
    def _compute_changes(self):
        for line in self:
            line.is_stage_change = not line.is_creation and line.old_stage_id != line.stage_id
            line.amount_change = 0.0 if line.is_creation else line.expected_amount - line.old_expected_amount
            if line.old_expected_date and line.expected_date:
                line.slip_days = (line.expected_date - line.old_expected_date).days
            else:
                line.slip_days = 0
            line.is_slipped = line.slip_days > 0
