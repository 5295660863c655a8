from odoo import api, fields, models


class XtoolsAnnouncementRead(models.Model):
    """That a user has read an announcement, and when: one marker per user and announcement. Each user leaves
    their own; the author of the announcement reads them all."""

    _name = "xtools.announcement.read"
    _description = "Announcement Read Marker"
    _order = "read_date desc, id desc"
    _rec_name = "user_id"

    announcement_id = fields.Many2one(
        "xtools.announcement", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", string="Reader", required=True, index=True, ondelete="cascade",
        default=lambda self: self.env.user,
    )
    read_date = fields.Datetime(string="Read On", required=True, default=fields.Datetime.now)

    _sql_constraints = [
        (
            "announcement_user_uniq",
            "unique (announcement_id, user_id)",
            "An announcement is marked read once per user.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        markers = super().create(vals_list)
        # Only on announcements the user may read (checked on the created markers).
        markers.announcement_id.check_access("read")
        return markers
