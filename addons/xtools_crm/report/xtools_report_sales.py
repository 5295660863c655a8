from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.period import company_tz, local_midnight_utc

# Measures whose aggregate is a ratio of two sums (see ``_read_group_select``).
COMPLETION_MEASURES = {
    "contract_completion": ("contract_amount", "contract_target"),
    "payment_completion": ("payment_amount", "payment_target"),
}
KINDS = [
    ("contract", "Signed Contract"),
    ("payment", "Payment Received"),
    ("customer", "New Customer"),
    ("action", "Action"),
    ("target", "Target"),
]


def local_date(column):
    """SQL for the local date, in the company's time zone, of a UTC timestamp ``column`` (``cp`` is the company's
    partner in the query)."""
    return SQL("((%s AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(cp.tz, 'Asia/Shanghai'))::date", SQL(column))


def selection_ordered(model, groupby_terms, fnames):
    """``groupby_terms`` of ``_read_group_orderby`` with the selection fields ``fnames`` ordered as their selection
    lists them (as forms and status bars show them: 未处理, 处理中, 已解决, 已关闭), not alphabetically by key."""
    terms = dict(groupby_terms)
    for fname in fnames:
        if fname in terms:
            keys = [key for key, _label in model._fields[fname].selection]
            terms[fname] = SQL("array_position(%s::varchar[], %s::varchar)", keys, terms[fname])
    return terms


class XtoolsReportSales(models.Model):
    """Sales performance 销售业绩 by person and month: signed contracts and their amount, payments received (credited
    to the contract's salesperson), new customers (by owner), actions (by who did them) beside the monthly targets
    and their completion.

    Every row but the targets is filed under its customer and follows the customer's rules; target rows follow the
    target's rules (own, the members of the teams one leads, all for the boss). See ``security/ir_rules.xml``."""

    _name = "xtools.report.sales"
    _description = "Sales Performance Report"
    _inherit = ["xtools.customer.linked"]
    # Target rows have no customer: the targets' own read rules decide (security/ir_rules.xml).
    _xtools_unlinked_visible = True
    _auto = False
    _order = "date desc"
    _depends = {
        "xtools.contract": ["state", "sign_date", "user_id", "customer_id", "company_id", "amount"],
        "xtools.payment": ["date", "salesperson_id", "customer_id", "company_id", "amount"],
        "xtools.customer": ["create_date", "user_id", "company_id", "active"],
        "xtools.action": ["date", "user_id", "customer_id", "company_id"],
        "xtools.sales.target": ["date_start", "user_id", "company_id", "target_type", "amount"],
        "res.users": ["sale_team_id"],
    }

    kind = fields.Selection(KINDS, readonly=True)
    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    customer_id = fields.Many2one("xtools.customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    contract_count = fields.Integer(string="Number of Contracts", readonly=True)
    contract_amount = fields.Monetary(readonly=True)
    payment_count = fields.Integer(string="Number of Payments", readonly=True)
    payment_amount = fields.Monetary(readonly=True)
    customer_count = fields.Integer(string="New Customers", readonly=True)
    action_count = fields.Integer(string="Actions Logged", readonly=True)
    contract_target = fields.Monetary(readonly=True)
    payment_target = fields.Monetary(readonly=True)
    contract_completion = fields.Float(
        string="Contract Completion (%)", readonly=True, aggregator="avg",
        help="Contract amount of the period divided by its contract target.",
    )
    payment_completion = fields.Float(
        string="Payment Completion (%)", readonly=True, aggregator="avg",
        help="Payment amount of the period divided by its payment target.",
    )

    def _read_group_select(self, aggregate_spec, query):
        """Completion rates are the ratio of the group's sums, not an average of the rows' rates."""
        fname = aggregate_spec.split(":")[0]
        if fname not in COMPLETION_MEASURES:
            return super()._read_group_select(aggregate_spec, query)
        amount, target = COMPLETION_MEASURES[fname]
        return SQL(
            "COALESCE(SUM(%(amount)s) * 100.0 / NULLIF(SUM(%(target)s), 0), 0)",
            amount=self._field_to_sql(self._table, amount, query),
            target=self._field_to_sql(self._table, target, query),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT c.id * 5 AS id, 'contract' AS kind, c.sign_date AS date, c.user_id, u.sale_team_id AS team_id,
                       c.customer_id, c.company_id,
                       1 AS contract_count, c.amount AS contract_amount, 0 AS payment_count, 0.0 AS payment_amount,
                       0 AS customer_count, 0 AS action_count, 0.0 AS contract_target, 0.0 AS payment_target,
                       0.0 AS contract_completion, 0.0 AS payment_completion
                  FROM xtools_contract c
             LEFT JOIN res_users u ON u.id = c.user_id
                 WHERE c.state IN ('running', 'done') AND c.sign_date IS NOT NULL
                UNION ALL
                SELECT p.id * 5 + 1, 'payment', p.date, p.salesperson_id, u.sale_team_id, p.customer_id, p.company_id,
                       0, 0.0, 1, p.amount, 0, 0, 0.0, 0.0, 0.0, 0.0
                  FROM xtools_payment p
             LEFT JOIN res_users u ON u.id = p.salesperson_id
                UNION ALL
                SELECT cu.id * 5 + 2, 'customer', %(customer_date)s, cu.user_id, u.sale_team_id, cu.id, cu.company_id,
                       0, 0.0, 0, 0.0, 1, 0, 0.0, 0.0, 0.0, 0.0
                  FROM xtools_customer cu
                  JOIN res_company co ON co.id = cu.company_id
                  JOIN res_partner cp ON cp.id = co.partner_id
             LEFT JOIN res_users u ON u.id = cu.user_id
                 WHERE cu.active
                UNION ALL
                SELECT a.id * 5 + 3, 'action', %(action_date)s, a.user_id, u.sale_team_id, a.customer_id, a.company_id,
                       0, 0.0, 0, 0.0, 0, 1, 0.0, 0.0, 0.0, 0.0
                  FROM xtools_action a
                  JOIN res_company co ON co.id = a.company_id
                  JOIN res_partner cp ON cp.id = co.partner_id
             LEFT JOIN res_users u ON u.id = a.user_id
                UNION ALL
                SELECT t.id * 5 + 4, 'target', t.date_start, t.user_id, u.sale_team_id, NULL, t.company_id,
                       0, 0.0, 0, 0.0, 0, 0,
                       CASE WHEN t.target_type = 'contract' THEN t.amount ELSE 0.0 END,
                       CASE WHEN t.target_type = 'payment' THEN t.amount ELSE 0.0 END,
                       0.0, 0.0
                  FROM xtools_sales_target t
             LEFT JOIN res_users u ON u.id = t.user_id
                 WHERE t.user_id IS NOT NULL
            )
            """,
            table=SQL.identifier(self._table),
            customer_date=local_date("cu.create_date"),
            action_date=local_date("a.date"),
        ))

    @api.model
    def _get_summary(self, date_from, date_to, users=None):
        """The figures of the period ``[date_from, date_to)`` — for ``users``, or all that the current user may see —
        as a plain dict (the workbench's monthly summary, the exports)."""
        domain = [("date", ">=", date_from), ("date", "<", date_to)]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        measures = ["contract_count", "contract_amount", "payment_count", "payment_amount", "customer_count",
                    "action_count", "contract_target", "payment_target"]
        row = self._read_group(domain, [], [f"{m}:sum" for m in measures] + [
            "contract_completion:avg", "payment_completion:avg"])[0]
        return dict(zip(measures + ["contract_completion", "payment_completion"], row, strict=True))

    @api.model
    def _get_company_totals(self, date_from, date_to, company):
        """The totals of ``company`` for the period ``[date_from, date_to)`` — contracts signed (count, amount),
        payments received (count, amount), new customers — for every salesperson's workbench (the seed's monthly
        summary is the whole company's).

        Read as superuser, on purpose and only here: ``_read_group`` without groupby returns sums and a count and
        nothing else — no row, record, name or id of any customer or salesperson — so the caller learns only the
        company's totals, never what the record rules hide.

        The new customers are counted on the customers, by their UTC creation time between the local bounds of the
        period: the view's date of a customer row is computed per row (local date of ``create_date``), which no
        index serves — a scan of every customer of the company, 100,000 of them after an import."""
        measures = ["contract_count", "contract_amount", "payment_count", "payment_amount"]
        [row] = self.sudo()._read_group(
            [("company_id", "=", company.id), ("date", ">=", date_from), ("date", "<", date_to),
             ("kind", "in", ("contract", "payment"))],
            [], [f"{measure}:sum" for measure in measures],
        )
        totals = {measure: value or 0 for measure, value in zip(measures, row, strict=True)}
        tz = company_tz(company)
        totals["customer_count"] = self.env["xtools.customer"].sudo().search_count([
            ("company_id", "=", company.id), ("create_date", ">=", local_midnight_utc(date_from, tz)),
            ("create_date", "<", local_midnight_utc(date_to, tz)),
        ])
        return totals

    @api.model
    def _get_ranking(self, date_from, date_to, measure="contract_amount", limit=None):
        """The ranking 排行榜 of the period by ``measure`` (``contract_amount`` or ``payment_amount``): a list of
        ``{"rank", "user_id", "name", "amount"}`` from the rows the current user may see, best first."""
        if measure not in ("contract_amount", "payment_amount"):
            raise ValueError(measure)
        rows = self._read_group(
            [("date", ">=", date_from), ("date", "<", date_to), ("user_id", "!=", False), (measure, "!=", 0)],
            ["user_id"], [f"{measure}:sum"], order=f"{measure}:sum desc, user_id", limit=limit,
        )
        ranking = []
        for user, amount in rows:
            rank = ranking[-1]["rank"] if ranking and ranking[-1]["amount"] == amount else len(ranking) + 1
            ranking.append({"rank": rank, "user_id": user.id, "name": user.name, "amount": amount})
        return ranking
