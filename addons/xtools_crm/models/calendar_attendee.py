from odoo import models


class CalendarAttendee(models.Model):
    """An attendee of a schedule is visible like the schedule; its partner is one the user may see."""

    _name = "calendar.attendee"
    _inherit = ["calendar.attendee", "xtools.customer.linked"]
    _xtools_customer_path = "event_id.xtools_customer_id"
    _xtools_unlinked_visible = True
    _xtools_readable_links = ("partner_id",)
