from odoo import fields, models


class XtoolsOpportunityLostWizard(models.TransientModel):
    """Asks why the opportunities were lost before marking them lost."""

    _name = "xtools.opportunity.lost.wizard"
    _description = "Mark Opportunities as Lost"

    opportunity_ids = fields.Many2many("xtools.opportunity", string="Opportunities", required=True)
    lost_reason_id = fields.Many2one("xtools.opportunity.lost.reason", required=True)
    note = fields.Text(string="Details")

    def action_lose(self):
        self.ensure_one()
        opportunities = self.opportunity_ids
        opportunities.action_set_lost(lost_reason_id=self.lost_reason_id.id)
        if self.note:
            for opportunity in opportunities:
                opportunity.message_post(body=self.note, subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
