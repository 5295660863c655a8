from odoo import fields, models


class XtoolsOpportunitySolution(models.Model):
    """A solution 解决方案 proposed to the customer for the requirements of an opportunity."""

    _name = "xtools.opportunity.solution"
    _description = "Opportunity Solution"
    _inherit = ["xtools.customer.linked"]
    _order = "opportunity_id, date desc, id desc"

    opportunity_id = fields.Many2one(
        "xtools.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="opportunity_id.customer_id", string="Customer", store=True, index=True
    )
    name = fields.Char(string="Solution", required=True)
    description = fields.Text(string="Content")
    requirement_ids = fields.Many2many(
        "xtools.opportunity.requirement",
        string="Requirements Addressed",
        domain="[('opportunity_id', '=', opportunity_id)]",
    )
    date = fields.Date(string="Proposed on", default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Author", default=lambda self: self.env.user)
