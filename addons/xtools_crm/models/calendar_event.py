from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CalendarEvent(models.Model):
    """Schedules 日程 are events linked to a customer (``res_model``/``res_id``), created from the customer view or
    from the Schedules menu, where the customer (and one of its contacts) is chosen on the form. The customer's main
    contact, or the chosen contact, joins as attendee; every schedule also waits as a task (a meeting activity) on the
    customer, as Odoo does for events created from a record."""

    _inherit = "calendar.event"

    xtools_customer_id = fields.Many2one(
        "xtools.customer",
        string="Customer",
        compute="_compute_xtools_customer_id",
        inverse="_inverse_xtools_customer_id",
        search="_search_xtools_customer_id",
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
                customer.check_access("read")
                event.write({"res_model_id": model_id, "res_id": customer.id})
            elif event.res_model == "xtools.customer":
                event.write({"res_model_id": False, "res_id": False})

    def _search_xtools_customer_id(self, operator, value):
        """Events linked to the matching customers, among those the current user may see."""
        customers = self.env["xtools.customer"]._search([("id", operator, value)])
        return [("res_model", "=", "xtools.customer"), ("res_id", "in", customers)]

    @api.constrains("xtools_contact_id", "res_model", "res_id")
    def _check_xtools_contact_id(self):
        Customer = self.env["xtools.customer"].with_context(active_test=False)
        for event in self.filtered("xtools_contact_id"):
            customer = Customer.browse(event.res_id if event.res_model == "xtools.customer" else [])
            if not customer or event.xtools_contact_id.parent_id != customer.partner_id:
                raise ValidationError(
                    _(
                        "The contact “%(contact)s” is not a contact of the schedule's customer “%(customer)s”.",
                        contact=event.xtools_contact_id.name,
                        customer=customer.name or "",
                    )
                )

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
