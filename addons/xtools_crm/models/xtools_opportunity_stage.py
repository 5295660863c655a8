from odoo import fields, models


class XtoolsOpportunityStage(models.Model):
    """A step of the sales funnel 销售漏斗. Seeded with the six XToolsCRM stages; the boss may edit them."""

    _name = "xtools.opportunity.stage"
    _description = "Opportunity Stage"
    _order = "sequence, id"

    name = fields.Char(string="Stage Name", required=True, translate=True)
    sequence = fields.Integer(default=10)
    probability = fields.Float(
        string="Probability (%)",
        default=10.0,
        aggregator="avg",
        help="The probability given to an opportunity when it enters this stage; salespeople may override it.",
    )
    is_won = fields.Boolean(
        string="Won Stage", help="Opportunities moved into this stage are won: they leave the forecast."
    )
    fold = fields.Boolean(string="Folded in Funnel", help="Fold this column in the funnel's kanban view.")
    description = fields.Text(string="Requirements", translate=True, help="What must be true to reach this stage.")

    _sql_constraints = [
        (
            "probability_range",
            "CHECK (probability >= 0 AND probability <= 100)",
            "A stage's probability must be between 0 and 100%.",
        ),
    ]
