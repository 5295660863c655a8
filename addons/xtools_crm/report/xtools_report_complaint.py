from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.xtools_complaint import COMPLAINT_STATES, COMPLAINT_TYPES, URGENCIES
from .xtools_report_sales import local_date, selection_ordered


class XtoolsReportComplaint(models.Model):
    """Complaint statistics 投诉统计: the complaints by type, state, urgency, handler and month received, with how
    many are overdue (unresolved after their deadline, now), resolved, resolved in time, and the average hours
    from receipt to resolution. Rows are filed under their customer and follow its rules."""

    _name = "xtools.report.complaint"
    _description = "Complaint Statistics"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "xtools.complaint": ["customer_id", "contract_id", "user_id", "company_id", "date", "complaint_type",
                             "urgency", "state", "deadline", "resolved_date"],
        "res.users": ["sale_team_id"],
    }

    complaint_id = fields.Many2one("xtools.complaint", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    contract_id = fields.Many2one("xtools.contract", readonly=True)
    user_id = fields.Many2one("res.users", string="Handled By", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Received On", readonly=True)
    complaint_type = fields.Selection(COMPLAINT_TYPES, string="Type", readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    state = fields.Selection(COMPLAINT_STATES, string="Status", readonly=True)
    complaint_count = fields.Integer(string="Number of Complaints", readonly=True)
    unresolved_count = fields.Integer(string="Unresolved", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True,
                                   help="Not resolved, and past the deadline its urgency gives it.")
    resolved_count = fields.Integer(string="Resolved", readonly=True, help="Resolved or closed.")
    on_time_count = fields.Integer(string="Resolved in Time", readonly=True,
                                   help="Resolved (or closed) before the deadline.")
    resolution_hours = fields.Float(string="Hours to Resolve", readonly=True, aggregator="avg", digits=(16, 1),
                                    help="Average hours from receipt to resolution of the resolved complaints.")

    def _read_group_orderby(self, order, groupby_terms, query):
        return super()._read_group_orderby(
            order, selection_ordered(self, groupby_terms, ("complaint_type", "urgency", "state")), query
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT c.id, c.id AS complaint_id, c.customer_id, c.contract_id, c.user_id,
                       u.sale_team_id AS team_id, c.company_id, %(received)s AS date, c.complaint_type, c.urgency,
                       c.state, 1 AS complaint_count,
                       CASE WHEN c.state IN ('new', 'processing') THEN 1 ELSE 0 END AS unresolved_count,
                       CASE WHEN c.state IN ('new', 'processing') AND c.deadline < (now() AT TIME ZONE 'UTC')
                            THEN 1 ELSE 0 END AS overdue_count,
                       CASE WHEN c.state IN ('resolved', 'closed') THEN 1 ELSE 0 END AS resolved_count,
                       CASE WHEN c.state IN ('resolved', 'closed') AND c.resolved_date <= c.deadline
                            THEN 1 ELSE 0 END AS on_time_count,
                       CASE WHEN c.state IN ('resolved', 'closed') AND c.resolved_date IS NOT NULL
                            THEN EXTRACT(EPOCH FROM (c.resolved_date - c.date)) / 3600.0 END AS resolution_hours
                  FROM xtools_complaint c
                  JOIN res_company co ON co.id = c.company_id
                  JOIN res_partner cp ON cp.id = co.partner_id
             LEFT JOIN res_users u ON u.id = c.user_id
            )
            """,
            table=SQL.identifier(self._table),
            received=local_date("c.date"),
        ))
