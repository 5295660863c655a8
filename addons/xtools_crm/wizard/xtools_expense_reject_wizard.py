from odoo import _, api, fields, models


class XtoolsExpenseRejectWizard(models.TransientModel):
    """Asks why the expenses are rejected 否决, then rejects those the user may decide on."""

    _name = "xtools.expense.reject.wizard"
    _description = "Reject Expenses"

    expense_ids = fields.Many2many("xtools.expense", string="Expenses", required=True)
    reason = fields.Text(string="Rejection Reason", required=True)
    refused_warning = fields.Text(string="Not Yours to Decide", compute="_compute_refused_warning")

    @api.depends("expense_ids")
    def _compute_refused_warning(self):
        for wizard in self:
            _decidable, refused = wizard.expense_ids._split_decidable()
            wizard.refused_warning = "\n".join(
                _("%(expense)s (%(reason)s)", expense=expense.display_name, reason=reason)
                for expense, reason in refused
            ) or False

    def action_reject(self):
        self.ensure_one()
        return self.expense_ids.action_reject(reason=self.reason)
