from odoo import fields, models

from .xtools_customer import CUSTOMER_LEVELS

POOL_OPERATIONS = [
    ("release", "Released"),
    ("return", "Returned Automatically"),
    ("claim", "Claimed"),
    ("assign", "Assigned"),
]


class XtoolsCustomerPoolLog(models.Model):
    """The audit log of the customer pool 公海: one line per release, automatic return, claim and assignment.

    Lines are written by the pool operations of ``xtools.customer`` only (nobody creates, edits or deletes them);
    managers read them as a list and a pivot."""

    _name = "xtools.customer.pool.log"
    _description = "Customer Pool Log"
    _order = "date desc, id desc"
    _rec_name = "customer_id"

    customer_id = fields.Many2one("xtools.customer", required=True, ondelete="cascade", index=True)
    pool_id = fields.Many2one("xtools.customer.pool", string="Customer Pool", required=True, ondelete="restrict",
                              index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    operation = fields.Selection(POOL_OPERATIONS, required=True, index=True)
    user_id = fields.Many2one("res.users", string="Done By", required=True, index=True)
    previous_user_id = fields.Many2one("res.users", string="Previous Owner", index="btree_not_null")
    new_user_id = fields.Many2one("res.users", string="New Owner", index="btree_not_null")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    reason = fields.Text()
    level = fields.Selection(CUSTOMER_LEVELS, string="Customer Level", help="The customer's level at that time.")
