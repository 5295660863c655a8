from odoo import fields, models
from odoo.tools import plaintext2html


class XtoolsDailyReportComment(models.TransientModel):
    """A manager's comment 点评 on a salesperson's daily report, posted in the report's chatter."""

    _name = "xtools.daily.report.comment"
    _description = "Comment on a Daily Report"

    report_id = fields.Many2one("xtools.daily.report", string="Daily Report", required=True, ondelete="cascade")
    user_id = fields.Many2one(related="report_id.user_id", string="Salesperson")
    body = fields.Text(string="Comment", required=True)

    def action_comment(self):
        self.ensure_one()
        self.report_id._post_comment(plaintext2html(self.body or ""))
        return {"type": "ir.actions.act_window_close"}
