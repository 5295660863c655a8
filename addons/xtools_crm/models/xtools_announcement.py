from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

AUDIENCES = [("all", "Everyone"), ("groups", "Chosen User Groups"), ("teams", "Chosen Sales Teams")]


class XtoolsAnnouncement(models.Model):
    """An internal announcement 内部公告 written by a manager or the boss for everyone, chosen user groups or chosen
    sales teams, shown from its publishing date to its expiry date, pinned ones first.

    Readers see only the current announcements addressed to them; the record rules say so through the searchable
    ``is_current`` and ``is_for_me`` (their search methods run at every query, so the dates are never stale). Each
    reader leaves a read marker (``xtools.announcement.read``); the author sees who has read it.
    """

    _name = "xtools.announcement"
    _description = "Internal Announcement"
    _order = "pinned desc, publish_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, index="trigram")
    body = fields.Html(string="Content", sanitize=True)
    publish_date = fields.Date(string="Published On", required=True, default=fields.Date.context_today, index=True)
    expiry_date = fields.Date(
        string="Expires On", index="btree_not_null",
        help="The last day the announcement is shown. Empty: shown until it is removed.",
    )
    audience = fields.Selection(AUDIENCES, required=True, default="all")
    group_ids = fields.Many2many(
        "res.groups", "xtools_announcement_group_rel", "announcement_id", "group_id", string="User Groups",
        help="Shown to the users of these groups.",
    )
    team_ids = fields.Many2many(
        "crm.team", "xtools_announcement_team_rel", "announcement_id", "team_id", string="Sales Teams",
        check_company=True, help="Shown to the members and leaders of these sales teams.",
    )
    pinned = fields.Boolean(help="Pinned announcements are listed first.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    read_ids = fields.One2many("xtools.announcement.read", "announcement_id", string="Readers")
    read_count = fields.Integer(string="Read By", compute="_compute_read_count")
    can_see_readers = fields.Boolean(
        string="Sees the Readers", compute="_compute_can_see_readers",
        help="The author and the boss see who has read the announcement.",
    )
    is_read = fields.Boolean(string="Read", compute="_compute_is_read", search="_search_is_read")
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current",
        help="Published and not expired today.",
    )
    is_for_me = fields.Boolean(string="Addressed to Me", compute="_compute_is_for_me", search="_search_is_for_me")

    # ------------------------------------------------------------------
    # Computes and their searches
    # ------------------------------------------------------------------
    def _compute_read_count(self):
        counts = dict(self.env["xtools.announcement.read"]._read_group(
            [("announcement_id", "in", self._origin.ids)], ["announcement_id"], ["__count"]
        ))
        for announcement in self:
            announcement.read_count = counts.get(announcement._origin, 0)

    @api.depends("create_uid")
    @api.depends_context("uid")
    def _compute_can_see_readers(self):
        is_boss = self.env.user.has_group("xtools_crm.group_boss")
        for announcement in self:
            announcement.can_see_readers = is_boss or announcement.create_uid == self.env.user

    @api.depends_context("uid")
    def _compute_is_read(self):
        markers = self.env["xtools.announcement.read"].search_fetch(
            [("announcement_id", "in", self._origin.ids), ("user_id", "=", self.env.uid)], ["announcement_id"]
        )
        read = set(markers.announcement_id.ids)
        for announcement in self:
            announcement.is_read = announcement._origin.id in read

    def _search_is_read(self, operator, value):
        self._check_boolean_search(operator, value, _("Read"))
        positive = (operator == "=") == value
        return [("read_ids", "any" if positive else "not any", [("user_id", "=", self.env.uid)])]

    @api.depends("publish_date", "expiry_date")
    @api.depends_context("tz")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for announcement in self:
            announcement.is_current = bool(
                announcement.publish_date and announcement.publish_date <= today
                and (not announcement.expiry_date or announcement.expiry_date >= today)
            )

    def _search_is_current(self, operator, value):
        self._check_boolean_search(operator, value, _("Current"))
        today = fields.Date.context_today(self)
        domain = [("publish_date", "<=", today), "|", ("expiry_date", "=", False), ("expiry_date", ">=", today)]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.depends("audience", "group_ids", "team_ids")
    @api.depends_context("uid")
    def _compute_is_for_me(self):
        user = self.env.user
        my_teams = user.crm_team_ids | self.env["crm.team"].search([("user_id", "=", user.id)])
        for announcement in self:
            announcement.is_for_me = (
                announcement.audience == "all"
                or (announcement.audience == "groups" and bool(announcement.group_ids & user.groups_id))
                or (announcement.audience == "teams" and bool(announcement.team_ids & my_teams))
            )

    def _search_is_for_me(self, operator, value):
        self._check_boolean_search(operator, value, _("Addressed to Me"))
        uid = self.env.uid
        domain = [
            "|", "|",
            ("audience", "=", "all"),
            "&", ("audience", "=", "groups"), ("group_ids.users", "in", [uid]),
            "&", ("audience", "=", "teams"),
            "|", ("team_ids.crm_team_member_ids.user_id", "=", uid), ("team_ids.user_id", "=", uid),
        ]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.model
    def _check_boolean_search(self, operator, value, label):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “%(field)s”.", field=label))

    @api.constrains("audience", "group_ids", "team_ids")
    def _check_audience(self):
        for announcement in self:
            if announcement.audience == "groups" and not announcement.group_ids:
                raise ValidationError(_("Choose the user groups the announcement “%(title)s” is for.",
                                        title=announcement.name))
            if announcement.audience == "teams" and not announcement.team_ids:
                raise ValidationError(_("Choose the sales teams the announcement “%(title)s” is for.",
                                        title=announcement.name))

    @api.constrains("publish_date", "expiry_date")
    def _check_dates(self):
        for announcement in self:
            if announcement.expiry_date and announcement.expiry_date < announcement.publish_date:
                raise ValidationError(_(
                    "The announcement “%(title)s” expires on %(expiry)s, before it is published on %(publish)s.",
                    title=announcement.name, expiry=announcement.expiry_date, publish=announcement.publish_date,
                ))

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    @api.model
    def _get_current_domain(self):
        """The announcements the current user is to read now: published, not expired, addressed to them."""
        return [("is_current", "=", True), ("is_for_me", "=", True)]

    @api.model
    def _get_current_for_user(self, limit=None):
        """The current user's current announcements, pinned first, each with whether they have read it
        (e.g. for the workbench): two queries whatever their number."""
        announcements = self.search_fetch(
            self._get_current_domain(), ["name", "publish_date", "expiry_date", "pinned", "create_uid"], limit=limit
        )
        return [
            {
                "id": announcement.id,
                "name": announcement.name,
                "publish_date": announcement.publish_date,
                "expiry_date": announcement.expiry_date,
                "pinned": announcement.pinned,
                "author": announcement.create_uid.name,
                "is_read": announcement.is_read,
            }
            for announcement in announcements
        ]

    @api.model
    def _get_unread_count(self):
        return self.search_count(self._get_current_domain() + [("is_read", "=", False)])

    def action_mark_read(self):
        """Leave the current user's read marker on the announcements not read yet."""
        Marker = self.env["xtools.announcement.read"]
        read = Marker.search_fetch(
            [("announcement_id", "in", self.ids), ("user_id", "=", self.env.uid)], ["announcement_id"]
        ).announcement_id
        unread = self - read
        if unread:
            Marker.create([{"announcement_id": announcement.id} for announcement in unread])
            self.invalidate_recordset(["is_read", "read_count"])
        return True
