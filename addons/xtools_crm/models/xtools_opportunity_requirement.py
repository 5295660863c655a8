from odoo import fields, models

IMPORTANCE = [("low", "Low"), ("normal", "Normal"), ("high", "High")]


class XtoolsOpportunityRequirement(models.Model):
    """A need 需求 the customer expressed during an opportunity."""

    _name = "xtools.opportunity.requirement"
    _description = "Opportunity Requirement"
    _inherit = ["xtools.customer.linked"]
    _order = "opportunity_id, sequence, id"

    opportunity_id = fields.Many2one(
        "xtools.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="opportunity_id.customer_id", string="Customer", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Requirement", required=True)
    description = fields.Text(string="Details")
    importance = fields.Selection(IMPORTANCE, default="normal", required=True)
    date = fields.Date(string="Raised on", default=fields.Date.context_today)
    contact_id = fields.Many2one("res.partner", string="Raised by", index="btree_not_null")
    is_solved = fields.Boolean(string="Addressed")
