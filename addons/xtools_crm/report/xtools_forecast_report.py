from odoo import fields, models, tools
from odoo.tools import SQL


class XtoolsForecastReport(models.Model):
    """Forecast against actual 预测与实际: the open opportunities' expected and weighted amounts by expected signing
    date, beside the signed contracts' amounts by signing date. Rows are filed under their customer and follow its
    visibility (``xtools.customer.linked``). Amounts are in the company's currency, like every amount of the CRM."""

    _name = "xtools.forecast.report"
    _inherit = ["xtools.period.label.mixin"]
    _description = "Forecast vs. Actual"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "date desc"

    kind = fields.Selection([("forecast", "Forecast"), ("actual", "Signed Contracts")], readonly=True)
    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    expected_amount = fields.Monetary(readonly=True)
    weighted_amount = fields.Monetary(readonly=True)
    contract_amount = fields.Monetary(string="Signed Amount", readonly=True)
    amount = fields.Monetary(
        readonly=True,
        help="Weighted amount for the forecast, signed amount for the contracts: the two lines of the chart.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %s AS (
                SELECT o.id * 2 AS id, 'forecast' AS kind, o.expected_date AS date, o.user_id, o.customer_id,
                       o.company_id, o.expected_amount, o.weighted_amount, 0.0 AS contract_amount,
                       o.weighted_amount AS amount
                  FROM xtools_opportunity o
                 WHERE o.state = 'open' AND o.expected_date IS NOT NULL
                UNION ALL
                SELECT c.id * 2 + 1, 'actual', c.sign_date, c.user_id, c.customer_id,
                       c.company_id, 0.0, 0.0, c.amount, c.amount
                  FROM xtools_contract c
                 WHERE c.state IN ('running', 'done') AND c.sign_date IS NOT NULL
            )
            """,
            SQL.identifier(self._table),
        ))
