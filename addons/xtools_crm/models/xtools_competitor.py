from odoo import fields, models

THREAT_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class XtoolsCompetitor(models.Model):
    """A competitor 竞争对手 met in an opportunity, with their offer and how they compare."""

    _name = "xtools.competitor"
    _description = "Competitor"
    _inherit = ["xtools.customer.linked"]
    _order = "opportunity_id, id"

    opportunity_id = fields.Many2one(
        "xtools.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="opportunity_id.customer_id", string="Customer", store=True, index=True
    )
    currency_id = fields.Many2one(related="opportunity_id.currency_id")
    name = fields.Char(string="Competitor", required=True, index="trigram")
    offer_amount = fields.Monetary(string="Their Offer")
    product = fields.Char(string="Their Product")
    strengths = fields.Text()
    weaknesses = fields.Text()
    threat_level = fields.Selection(THREAT_LEVELS, default="medium", required=True)
