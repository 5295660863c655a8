from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.xtools_opportunity import STATES


class XtoolsReportFunnel(models.Model):
    """Funnel conversion 漏斗转化: one row per opportunity and per stage it reached (a stage is reached when the
    opportunity was in it or in a later one, as its stage history tells). Per stage: how many opportunities reached
    it, how many went on to a later stage (conversion rate) and how many were won. Rows follow the customer's
    rules."""

    _name = "xtools.report.funnel"
    _description = "Funnel Conversion"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "stage_sequence, id"
    _depends = {
        "xtools.opportunity": ["customer_id", "user_id", "team_id", "company_id", "stage_id", "state",
                               "expected_amount", "create_date"],
        "xtools.opportunity.history": ["opportunity_id", "stage_id"],
        "xtools.opportunity.stage": ["sequence"],
    }

    opportunity_id = fields.Many2one("xtools.opportunity", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    stage_id = fields.Many2one("xtools.opportunity.stage", string="Stage Reached", readonly=True)
    stage_sequence = fields.Integer(readonly=True, aggregator=None)
    state = fields.Selection(STATES, string="Status", readonly=True)
    create_date = fields.Date(string="Created on", readonly=True)
    expected_amount = fields.Monetary(readonly=True)
    reached_count = fields.Integer(string="Opportunities", readonly=True)
    next_count = fields.Integer(string="Went On", readonly=True,
                                help="Opportunities that reached a later stage.")
    won_count = fields.Integer(string="Won", readonly=True)
    conversion_rate = fields.Float(string="Conversion Rate (%)", readonly=True, aggregator="avg",
                                   help="Share of the opportunities having reached the stage that reached a later one.")
    win_rate = fields.Float(string="Win Rate (%)", readonly=True, aggregator="avg",
                            help="Share of the opportunities having reached the stage that were won.")

    def _read_group_select(self, aggregate_spec, query):
        """Rates are ratios of the group's counts."""
        fname = aggregate_spec.split(":")[0]
        counts = {"conversion_rate": "next_count", "win_rate": "won_count"}
        if fname not in counts:
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "COALESCE(SUM(%(part)s) * 100.0 / NULLIF(SUM(%(whole)s), 0), 0)",
            part=self._field_to_sql(self._table, counts[fname], query),
            whole=self._field_to_sql(self._table, "reached_count", query),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                WITH reached AS (
                    SELECT o.id AS opportunity_id, MAX(s.sequence) AS max_sequence
                      FROM xtools_opportunity o
                      JOIN (SELECT opportunity_id, stage_id FROM xtools_opportunity_history
                            UNION SELECT id, stage_id FROM xtools_opportunity) seen ON seen.opportunity_id = o.id
                      JOIN xtools_opportunity_stage s ON s.id = seen.stage_id
                  GROUP BY o.id
                )
                SELECT ROW_NUMBER() OVER (ORDER BY o.id, s.sequence, s.id) AS id,
                       o.id AS opportunity_id, o.customer_id, o.user_id, o.team_id, o.company_id,
                       s.id AS stage_id, s.sequence AS stage_sequence, o.state, o.create_date::date AS create_date,
                       o.expected_amount, 1 AS reached_count,
                       CASE WHEN r.max_sequence > s.sequence THEN 1 ELSE 0 END AS next_count,
                       CASE WHEN o.state = 'won' THEN 1 ELSE 0 END AS won_count,
                       0.0 AS conversion_rate, 0.0 AS win_rate
                  FROM xtools_opportunity o
                  JOIN reached r ON r.opportunity_id = o.id
                  JOIN xtools_opportunity_stage s ON s.sequence <= r.max_sequence
            )
            """,
            table=SQL.identifier(self._table),
        ))
