from odoo import api, fields, models


class XtoolsCustomerGroup(models.Model):
    _name = "xtools.customer.group"
    _description = "Customer Group"
    _order = "sequence, id"

    name = fields.Char(string="Group Name", required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    customer_ids = fields.Many2many(
        "xtools.customer", "xtools_customer_group_rel", "group_id", "customer_id", string="Customers"
    )
    customer_count = fields.Integer(string="Number of Customers", compute="_compute_customer_count")

    @api.depends("customer_ids")
    @api.depends_context("uid")
    def _compute_customer_count(self):
        # Counted under the caller's record rules: a salesperson sees how many of *their* customers are in a group.
        counts = dict(
            self.env["xtools.customer"]._read_group(
                [("group_ids", "in", self.ids)], ["group_ids"], ["__count"]
            )
        )
        for group in self:
            group.customer_count = counts.get(group, 0)

    def action_open_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_customer_action")
        action["domain"] = [("group_ids", "in", self.ids)]
        action["context"] = {"default_group_ids": self.ids}
        action["display_name"] = self.name
        return action
