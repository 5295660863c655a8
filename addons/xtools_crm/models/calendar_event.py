from odoo import api, fields, models


class CalendarEvent(models.Model):
    """Schedules 日程 are events linked to a customer (``res_model``/``res_id``); the customer's main contact
    joins as attendee when they have an e-mail (so the invitation can reach them)."""

    _inherit = "calendar.event"

    xtools_customer_id = fields.Many2one(
        "xtools.customer", string="Customer", compute="_compute_xtools_customer_id", search="_search_xtools_customer_id"
    )

    @api.depends("res_model", "res_id")
    def _compute_xtools_customer_id(self):
        for event in self:
            is_customer = event.res_model == "xtools.customer" and event.res_id
            event.xtools_customer_id = event.res_id if is_customer else False

    def _search_xtools_customer_id(self, operator, value):
        """Events linked to the matching customers, among those the current user may see."""
        customers = self.env["xtools.customer"]._search([("id", operator, value)])
        return [("res_model", "=", "xtools.customer"), ("res_id", "in", customers)]

    @api.model_create_multi
    def create(self, vals_list):
        model_id = self.env["ir.model"]._get_id("xtools.customer")
        defaults = self.default_get(["res_model_id", "res_id", "partner_ids"])
        for vals in vals_list:
            res_model_id = vals.get("res_model_id", defaults.get("res_model_id"))
            res_id = vals.get("res_id", defaults.get("res_id"))
            if res_model_id != model_id or not res_id:
                continue
            contact = self.env["xtools.customer"].browse(res_id).main_contact_id
            if contact.email:
                attendees = vals["partner_ids"] if "partner_ids" in vals else defaults.get("partner_ids", [])
                vals["partner_ids"] = list(attendees or []) + [fields.Command.link(contact.id)]
        return super().create(vals_list)
