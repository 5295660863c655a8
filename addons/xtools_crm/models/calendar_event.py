from odoo import api, fields, models


class CalendarEvent(models.Model):
    """Schedules 日程 are events linked to a customer (``res_model``/``res_id``); the customer's main contact
    joins as attendee when they have an e-mail (so the invitation can reach them).

    A schedule follows its customer's visibility in Odoo's Calendar too (``xtools.customer.linked``); events of
    no customer keep Odoo's behaviour. Attendees are partners the organiser may see.
    """

    _name = "calendar.event"
    _inherit = ["calendar.event", "xtools.customer.linked"]
    _xtools_customer_path = "xtools_customer_id"
    _xtools_unlinked_visible = True

    xtools_customer_id = fields.Many2one(
        "xtools.customer",
        string="Customer",
        compute="_compute_xtools_customer_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
    )

    @api.depends("res_model", "res_id")
    def _compute_xtools_customer_id(self):
        for event in self:
            is_customer = event.res_model == "xtools.customer" and event.res_id
            event.xtools_customer_id = event.res_id if is_customer else False

    @api.model_create_multi
    def create(self, vals_list):
        model_id = self.env["ir.model"]._get_id("xtools.customer")
        defaults = self.default_get(["res_model_id", "res_id", "partner_ids"])
        for vals in vals_list:
            res_model_id = vals.get("res_model_id", defaults.get("res_model_id"))
            res_id = vals.get("res_id", defaults.get("res_id"))
            if res_model_id != model_id or not res_id:
                continue
            # Only the customer's main contact, and only when the user may see the customer: the same-file and
            # visibility checks of xtools.customer.linked refuse the rest.
            customer = self.env["xtools.customer"].browse(res_id)
            contact = customer.main_contact_id if customer.has_access("read") else self.env["res.partner"]
            if contact.email:
                attendees = vals["partner_ids"] if "partner_ids" in vals else defaults.get("partner_ids", [])
                vals["partner_ids"] = list(attendees or []) + [fields.Command.link(contact.id)]
        return super().create(vals_list)

