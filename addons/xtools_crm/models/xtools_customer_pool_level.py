from odoo import fields, models

from .xtools_customer import CUSTOMER_LEVELS


class XtoolsCustomerPoolLevel(models.Model):
    """Day counts of a customer pool for one customer level: key customers (A) may be kept longer without an
    action than non-priority ones (C). Levels without a line use the pool's own day counts."""

    _name = "xtools.customer.pool.level"
    _description = "Customer Pool Days per Level"
    _order = "pool_id, level"

    pool_id = fields.Many2one("xtools.customer.pool", string="Customer Pool", required=True, ondelete="cascade",
                              index=True)
    level = fields.Selection(CUSTOMER_LEVELS, string="Customer Level", required=True)
    days_without_action = fields.Integer(string="Days without Action", help="0 = rule off for this level.")
    days_without_deal = fields.Integer(string="Days without Deal", help="0 = rule off for this level.")

    _sql_constraints = [
        ("pool_level_uniq", "unique (pool_id, level)", "A customer pool has one line per customer level."),
        ("days_not_negative", "CHECK (days_without_action >= 0 AND days_without_deal >= 0)",
         "The day counts of a customer pool cannot be negative."),
    ]
