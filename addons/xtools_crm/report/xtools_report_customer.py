from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.xtools_customer import CUSTOMER_LEVELS, CUSTOMER_TYPES, LIFECYCLES, SOURCES


class XtoolsReportCustomer(models.Model):
    """Customers by group, region, source, level, lifecycle and owner 客户分布. A customer in several groups has a
    row per group; the number of customers counts each customer once in every total. Rows follow the customer's
    rules."""

    _name = "xtools.report.customer"
    _description = "Customer Distribution"
    _inherit = ["xtools.customer.linked"]
    _auto = False
    _order = "id"
    _depends = {
        "xtools.customer": ["partner_id", "source", "level", "lifecycle", "customer_type", "user_id", "company_id",
                            "active", "group_ids", "create_date"],
        "res.partner": ["country_id", "state_id", "city"],
        "res.users": ["sale_team_id"],
    }

    customer_id = fields.Many2one("xtools.customer", readonly=True)
    group_id = fields.Many2one("xtools.customer.group", string="Customer Group", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Province", readonly=True)
    city = fields.Char(readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    level = fields.Selection(CUSTOMER_LEVELS, string="Customer Level", readonly=True)
    lifecycle = fields.Selection(LIFECYCLES, readonly=True)
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    create_date = fields.Date(string="Created on", readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        """A customer of several groups counts once in every group of groups."""
        if aggregate_spec.split(":")[0] != "customer_count":
            return super()._read_group_select(aggregate_spec, query)
        return SQL("COUNT(DISTINCT %s)", self._field_to_sql(self._table, "customer_id", query))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT ROW_NUMBER() OVER (ORDER BY cu.id, g.group_id) AS id,
                       cu.id AS customer_id, g.group_id, p.country_id, p.state_id, p.city, cu.source, cu.level,
                       cu.lifecycle, cu.customer_type, cu.user_id, u.sale_team_id AS team_id, cu.company_id,
                       cu.create_date::date AS create_date, 1 AS customer_count
                  FROM xtools_customer cu
                  JOIN res_partner p ON p.id = cu.partner_id
             LEFT JOIN xtools_customer_group_rel g ON g.customer_id = cu.id
             LEFT JOIN res_users u ON u.id = cu.user_id
                 WHERE cu.active
            )
            """,
            table=SQL.identifier(self._table),
        ))
