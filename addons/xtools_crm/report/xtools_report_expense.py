from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.xtools_expense import EXPENSE_STATES
from .xtools_report_sales import selection_ordered


class XtoolsReportExpense(models.Model):
    """Expense statistics 费用统计: the sales expenses handed in for approval (drafts are not claims yet) by
    category, requester, team, customer and month, with what is approved, awaiting a decision and rejected.
    Rows are filed under their customer and follow its rules."""

    _name = "xtools.report.expense"
    _description = "Expense Statistics"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "xtools.expense": ["customer_id", "opportunity_id", "user_id", "company_id", "category_id", "date", "state",
                           "amount"],
        "res.users": ["sale_team_id"],
    }

    expense_id = fields.Many2one("xtools.expense", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    opportunity_id = fields.Many2one("xtools.opportunity", readonly=True)
    user_id = fields.Many2one("res.users", string="Requester", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    category_id = fields.Many2one("xtools.expense.category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(string="Expense Date", readonly=True)
    state = fields.Selection(EXPENSE_STATES, string="Status", readonly=True)
    amount = fields.Monetary(string="Amount Claimed", readonly=True)
    approved_amount = fields.Monetary(readonly=True)
    submitted_amount = fields.Monetary(string="Amount Awaiting Approval", readonly=True)
    rejected_amount = fields.Monetary(string="Declined Amount", readonly=True)

    def _read_group_orderby(self, order, groupby_terms, query):
        return super()._read_group_orderby(order, selection_ordered(self, groupby_terms, ("state",)), query)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT e.id, e.id AS expense_id, e.customer_id, e.opportunity_id, e.user_id,
                       u.sale_team_id AS team_id, e.category_id, e.company_id, co.currency_id, e.date, e.state,
                       e.amount,
                       CASE WHEN e.state = 'approved' THEN e.amount ELSE 0 END AS approved_amount,
                       CASE WHEN e.state = 'submitted' THEN e.amount ELSE 0 END AS submitted_amount,
                       CASE WHEN e.state = 'rejected' THEN e.amount ELSE 0 END AS rejected_amount
                  FROM xtools_expense e
                  JOIN res_company co ON co.id = e.company_id
             LEFT JOIN res_users u ON u.id = e.user_id
                 WHERE e.state != 'draft'
            )
            """,
            table=SQL.identifier(self._table),
        ))
