from odoo import fields, models, tools
from odoo.tools import SQL

AGING_BUCKETS = [
    ("not_due", "Not Due"),
    ("1_30", "1-30 Days Overdue"),
    ("31_60", "31-60 Days Overdue"),
    ("61_90", "61-90 Days Overdue"),
    ("over_90", "Over 90 Days Overdue"),
]
# Report field of each bucket's amount (the columns of the aging table and of its XLSX export).
BUCKET_FIELDS = {
    "not_due": "not_due_amount",
    "1_30": "due_1_30_amount",
    "31_60": "due_31_60_amount",
    "61_90": "due_61_90_amount",
    "over_90": "due_over_90_amount",
}


class XtoolsReportReceivable(models.Model):
    """Receivables aging 应收账龄: what is still due on each payment plan of the signed contracts, by how many days
    it is overdue today (in the company's time zone). Rows are filed under their customer and follow its rules."""

    _name = "xtools.report.receivable"
    _description = "Receivables Aging"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "due_date, id"
    _depends = {
        "xtools.payment.plan": ["contract_id", "customer_id", "company_id", "due_date", "residual_amount"],
        "xtools.contract": ["state", "user_id"],
        "res.users": ["sale_team_id"],
    }

    plan_id = fields.Many2one("xtools.payment.plan", string="Payment Plan", readonly=True)
    contract_id = fields.Many2one("xtools.contract", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    due_date = fields.Date(readonly=True)
    overdue_days = fields.Integer(string="Days Overdue", readonly=True, aggregator="max")
    bucket = fields.Selection(AGING_BUCKETS, string="Aging", readonly=True)
    amount = fields.Monetary(string="Still Due", readonly=True)
    not_due_amount = fields.Monetary(string="Not Due", readonly=True)
    due_1_30_amount = fields.Monetary(string="1-30 Days", readonly=True)
    due_31_60_amount = fields.Monetary(string="31-60 Days", readonly=True)
    due_61_90_amount = fields.Monetary(string="61-90 Days", readonly=True)
    due_over_90_amount = fields.Monetary(string="Over 90 Days", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                WITH plans AS (
                    SELECT pl.id, pl.id AS plan_id, pl.contract_id, pl.customer_id, c.user_id,
                           u.sale_team_id AS team_id, pl.company_id, co.currency_id, pl.due_date,
                           pl.residual_amount AS amount,
                           ((now() AT TIME ZONE COALESCE(cp.tz, 'Asia/Shanghai'))::date - pl.due_date) AS days
                      FROM xtools_payment_plan pl
                      JOIN xtools_contract c ON c.id = pl.contract_id
                      JOIN res_company co ON co.id = pl.company_id
                      JOIN res_partner cp ON cp.id = co.partner_id
                 LEFT JOIN res_users u ON u.id = c.user_id
                     WHERE c.state IN ('running', 'done') AND pl.residual_amount > 0
                )
                SELECT id, plan_id, contract_id, customer_id, user_id, team_id, company_id, currency_id, due_date,
                       amount, GREATEST(days, 0) AS overdue_days,
                       CASE WHEN days <= 0 THEN 'not_due' WHEN days <= 30 THEN '1_30' WHEN days <= 60 THEN '31_60'
                            WHEN days <= 90 THEN '61_90' ELSE 'over_90' END AS bucket,
                       CASE WHEN days <= 0 THEN amount ELSE 0 END AS not_due_amount,
                       CASE WHEN days BETWEEN 1 AND 30 THEN amount ELSE 0 END AS due_1_30_amount,
                       CASE WHEN days BETWEEN 31 AND 60 THEN amount ELSE 0 END AS due_31_60_amount,
                       CASE WHEN days BETWEEN 61 AND 90 THEN amount ELSE 0 END AS due_61_90_amount,
                       CASE WHEN days > 90 THEN amount ELSE 0 END AS due_over_90_amount,
                       CASE WHEN days > 0 THEN amount ELSE 0 END AS overdue_amount
                  FROM plans
            )
            """,
            table=SQL.identifier(self._table),
        ))
