from odoo import api, fields, models


class CalendarEvent(models.Model):
    """Schedules 日程 are events linked to a customer (``res_model``/``res_id``), created from the customer view or
    from the Schedules menu, where the customer (and one of its contacts) is chosen on the form. The customer's main
    contact, or the chosen contact, joins as attendee; every schedule also waits as a task (a meeting activity) on the
    customer, as Odoo does for events created from a record.

    A schedule follows its customer's visibility in Odoo's Calendar too (``xtools.customer.linked``); events of no
    customer keep Odoo's behaviour. The contact is one of the customer's, and attendees are partners the organiser
    may see (both checked by the mixin).
    """

    _name = "calendar.event"
    _inherit = ["calendar.event", "xtools.customer.linked"]
    _xtools_customer_path = "xtools_customer_id"
    _xtools_unlinked_visible = True

    xtools_customer_id = fields.Many2one(
        "xtools.customer",
        string="Customer",
        compute="_compute_xtools_customer_id",
        inverse="_inverse_xtools_customer_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
        auto_join=True,  # checked through the customer's primary key (xtools.customer.linked._xtools_visible_domain)
    )
    xtools_customer_partner_id = fields.Many2one(related="xtools_customer_id.partner_id", string="Customer Partner")
    xtools_contact_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index="btree_not_null",
        domain="[('parent_id', '=', xtools_customer_partner_id), ('parent_id', '!=', False)]",
        help="The customer's contact person the schedule is with; they join as attendee.",
    )

    @api.depends("res_model", "res_id")
    def _compute_xtools_customer_id(self):
        for event in self:
            is_customer = event.res_model == "xtools.customer" and event.res_id
            event.xtools_customer_id = event.res_id if is_customer else False

    def _inverse_xtools_customer_id(self):
        model_id = self.env["ir.model"]._get_id("xtools.customer")
        for event in self:
            customer = event.xtools_customer_id
            if customer:
                event.write({"res_model_id": model_id, "res_id": customer.id})
            elif event.res_model == "xtools.customer":
                event.write({"res_model_id": False, "res_id": False})

    @api.model_create_multi
    def create(self, vals_list):
        model_id = self.env["ir.model"]._get_id("xtools.customer")
        defaults = self.default_get(["res_model_id", "res_id", "partner_ids", "activity_ids", "user_id"])
        meeting_type = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        for vals in vals_list:
            if vals.get("xtools_customer_id"):
                # Chosen on the Schedules menu's form: the same link as from the customer view.
                customer = self.env["xtools.customer"].browse(vals.pop("xtools_customer_id"))
                customer.check_access("read")
                vals.update(res_model_id=model_id, res_id=customer.id)
            res_model_id = vals.get("res_model_id", defaults.get("res_model_id"))
            res_id = vals.get("res_id", defaults.get("res_id"))
            if res_model_id != model_id or not res_id:
                continue
            customer = self.env["xtools.customer"].browse(res_id)
            customer.check_access("read")
            contacts = self.env["res.partner"].browse(vals.get("xtools_contact_id"))
            if not contacts and customer.main_contact_id.email:
                contacts = customer.main_contact_id
            if contacts:
                attendees = vals["partner_ids"] if "partner_ids" in vals else defaults.get("partner_ids", [])
                vals["partner_ids"] = list(attendees or []) + [fields.Command.link(contacts.id)]
            if meeting_type and not vals.get("activity_ids") and not defaults.get("activity_ids"):
                # The schedule is also a task on the customer (My Tasks, the workbench), done with the meeting.
                vals["activity_ids"] = [fields.Command.create({
                    "res_model_id": model_id,
                    "res_id": res_id,
                    "activity_type_id": meeting_type.id,
                    "user_id": vals.get("user_id", defaults.get("user_id")) or self.env.uid,
                })]
        return super().create(vals_list)
