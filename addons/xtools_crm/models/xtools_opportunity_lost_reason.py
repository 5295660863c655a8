from odoo import fields, models


class XtoolsOpportunityLostReason(models.Model):
    _name = "xtools.opportunity.lost.reason"
    _description = "Opportunity Lost Reason"
    _order = "sequence, id"

    name = fields.Char(string="Lost Reason", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    opportunity_count = fields.Integer(string="Lost Opportunities", compute="_compute_opportunity_count")

    def _compute_opportunity_count(self):
        counts = dict(
            self.env["xtools.opportunity"]._read_group(
                [("lost_reason_id", "in", self.ids)], ["lost_reason_id"], ["__count"]
            )
        )
        for reason in self:
            reason.opportunity_count = counts.get(reason, 0)

    def action_open_opportunities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_opportunity_action")
        action["domain"] = [("lost_reason_id", "=", self.id)]
        action["context"] = {"search_default_lost": True}
        action["view_mode"] = "list,form"
        action["views"] = [(False, "list"), (False, "form")]
        return action
