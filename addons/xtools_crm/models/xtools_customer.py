from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

CUSTOMER_TYPES = [("company", "Enterprise Customer"), ("individual", "Individual Customer")]
LIFECYCLES = [("potential", "Potential Customer"), ("customer", "Signed Customer"), ("lost", "Lost")]
SOURCES = [
    ("phone", "Telemarketing"),
    ("web", "Website"),
    ("exhibition", "Exhibition"),
    ("referral", "Referral"),
    ("advertising", "Advertising"),
    ("partner", "Channel Partner"),
    ("other", "Other"),
]
# Fields kept in step on the delegated partner, so that Odoo's own screens agree with the customer.
PARTNER_SYNCED_FIELDS = ("user_id", "company_id", "active")


class XtoolsCustomer(models.Model):
    """A customer of the sales company.

    Contact data (name, phones, address, child contacts) lives on the delegated ``res.partner``;
    CRM data (ownership, sharing, groups, lifecycle) lives here. Visibility of every CRM document is
    decided by the customer it hangs off (see ``security/ir_rules.xml``).
    """

    _name = "xtools.customer"
    _description = "Customer"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_names_search = ["name", "short_name", "code"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Related Partner", required=True, ondelete="restrict", auto_join=True, index=True
    )
    customer_type = fields.Selection(
        CUSTOMER_TYPES,
        string="Customer Type",
        compute="_compute_customer_type",
        inverse="_inverse_customer_type",
        store=True,
        readonly=False,
        tracking=True,
    )
    short_name = fields.Char(
        string="Short Name",
        index="trigram",
        tracking=True,
        help="The name the sales team calls the customer by, e.g. 沃力森 for 北京沃力森信息技术有限公司. "
        "Required for enterprise customers; searched together with the name.",
    )
    code = fields.Char(string="Customer Code", readonly=True, copy=False, index=True, default=lambda self: _("New"))
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The salesperson responsible for the customer. They and the users it is shared with see the "
        "customer and everything filed under it.",
    )
    shared_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_shared_user_rel",
        "customer_id",
        "user_id",
        string="Shared With",
        check_company=True,
        domain="[('share', '=', False)]",
        copy=False,
    )
    group_ids = fields.Many2many(
        "xtools.customer.group", "xtools_customer_group_rel", "customer_id", "group_id", string="Customer Groups"
    )
    lifecycle = fields.Selection(
        LIFECYCLES, string="Lifecycle", required=True, default="potential", tracking=True, index=True
    )
    lost_reason = fields.Char(string="Lost Reason", tracking=True)
    source = fields.Selection(SOURCES, string="Source")
    note = fields.Html(string="Notepad")
    main_contact_id = fields.Many2one(
        "res.partner",
        string="Main Contact",
        domain="[('parent_id', '=', partner_id)]",
        index="btree_not_null",
    )
    contact_ids = fields.One2many(related="partner_id.child_ids", string="Contacts", readonly=False)

    # Follow-up 跟单: action history, schedules (calendar events linked by res_model/res_id) and their counts.
    action_ids = fields.One2many("xtools.action", "customer_id", string="Action History")
    action_count = fields.Integer(string="Actions", compute="_compute_action_count")
    event_ids = fields.One2many(
        "calendar.event",
        "res_id",
        string="Schedules",
        domain=[("res_model", "=", "xtools.customer")],
        context={"default_res_model": "xtools.customer"},
    )
    event_week_ids = fields.Many2many(
        "calendar.event", string="Schedules in the Next 7 Days", compute="_compute_event_week_ids"
    )
    event_count = fields.Integer(string="Schedules Count", compute="_compute_event_count")

    _sql_constraints = [
        ("code_company_uniq", "unique (code, company_id)", "The customer code must be unique per company."),
    ]

    @api.depends("partner_id.is_company")
    def _compute_customer_type(self):
        for customer in self:
            if customer.partner_id._origin:
                customer.customer_type = "company" if customer.partner_id.is_company else "individual"
            elif not customer.customer_type:
                # A new customer in the form: the "new enterprise/individual customer" buttons decide.
                customer.customer_type = self.env.context.get("default_customer_type", "company")

    def _inverse_customer_type(self):
        for customer in self:
            is_company = customer.customer_type == "company"
            if customer.partner_id.is_company != is_company:
                customer.partner_id.is_company = is_company

    # Follow-up 跟单 computes
    def _compute_action_count(self):
        counts = dict(
            self.env["xtools.action"]._read_group([("customer_id", "in", self.ids)], ["customer_id"], ["__count"])
        )
        for customer in self:
            customer.action_count = counts.get(customer._origin, 0)

    def _compute_event_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["__count"]
            )
        )
        for customer in self:
            customer.event_count = counts.get(customer._origin.id, 0)

    def _compute_event_week_ids(self):
        now = fields.Datetime.now()
        events = self.env["calendar.event"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("stop", ">=", now),
                ("start", "<=", now + timedelta(days=7)),
            ],
            order="start",
        )
        by_customer = events.grouped("res_id")
        for customer in self:
            customer.event_week_ids = by_customer.get(customer._origin.id, events.browse())

    @api.constrains("short_name", "customer_type")
    def _check_short_name(self):
        for customer in self:
            if customer.customer_type == "company" and not (customer.short_name or "").strip():
                raise ValidationError(
                    _(
                        "The short name is required for the enterprise customer “%(name)s”.",
                        name=customer.name or "",
                    )
                )

    @api.constrains("lifecycle", "lost_reason")
    def _check_lost_reason(self):
        for customer in self:
            if customer.lifecycle == "lost" and not (customer.lost_reason or "").strip():
                raise ValidationError(
                    _("Give the reason why the customer “%(name)s” is lost.", name=customer.name or "")
                )

    @api.model_create_multi
    def create(self, vals_list):
        default_type = self.env.context.get("default_customer_type", "company")
        for vals in vals_list:
            vals.setdefault("customer_type", "company" if vals.get("is_company") else default_type)
            vals["is_company"] = vals["customer_type"] == "company"
            if not vals.get("code") or vals["code"] == _("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("xtools.customer") or _("New")
        self._check_ownership_vals(vals_list)
        customers = super().create(vals_list)
        customers._sync_partner_fields(PARTNER_SYNCED_FIELDS)
        return customers

    def write(self, vals):
        if {"user_id", "shared_user_ids"} & vals.keys():
            self._check_ownership_change()
        if vals.get("lifecycle") and vals["lifecycle"] != "lost":
            vals.setdefault("lost_reason", False)
        res = super().write(vals)
        synced = [fname for fname in PARTNER_SYNCED_FIELDS if fname in vals]
        if synced:
            self._sync_partner_fields(synced)
        return res

    def _sync_partner_fields(self, fnames):
        """Keep the delegated partners' salesperson, company and archive state equal to the customer's."""
        for customer in self:
            partner_vals = {}
            for fname in fnames:
                value = customer[fname]
                value = value.id if isinstance(value, models.BaseModel) else value
                current = customer.partner_id[fname]
                current = current.id if isinstance(current, models.BaseModel) else current
                if current != value:
                    partner_vals[fname] = value
            if partner_vals:
                customer.partner_id.write(partner_vals)

    # ------------------------------------------------------------------
    # Ownership: who may share and transfer
    # ------------------------------------------------------------------
    def _filtered_ownership_managed(self):
        """Return the customers whose ownership the current user may change: their own; for a manager,
        also those owned by members of the teams they lead; for the boss, all of them."""
        user = self.env.user
        if self.env.su or user.has_group("xtools_crm.group_boss"):
            return self
        if user.has_group("xtools_crm.group_manager"):
            return self.filtered(lambda c: c.user_id == user or user in c.user_id.crm_team_ids.user_id)
        return self.filtered(lambda c: c.user_id == user)

    def _check_ownership_change(self):
        forbidden = self - self._filtered_ownership_managed()
        if forbidden:
            raise AccessError(
                _(
                    "Only the owner, the manager of the owner's sales team or the boss may share or transfer "
                    "these customers: %(names)s",
                    names=", ".join(forbidden.mapped("display_name")),
                )
            )

    @api.model
    def _check_ownership_vals(self, vals_list):
        """A salesperson creates customers for themselves; a manager for their teams; the boss for anyone."""
        user = self.env.user
        if self.env.su or user.has_group("xtools_crm.group_boss"):
            return
        allowed = user
        if user.has_group("xtools_crm.group_manager"):
            allowed |= self.env["crm.team"].search([("user_id", "=", user.id)]).member_ids
        for vals in vals_list:
            owner_id = vals.get("user_id", user.id)
            if owner_id and owner_id not in allowed.ids:
                raise AccessError(
                    _(
                        "You cannot create a customer owned by %(user)s.",
                        user=self.env["res.users"].browse(owner_id).name,
                    )
                )

    def _share_with(self, users):
        self._check_ownership_change()
        for customer in self:
            added = users - customer.shared_user_ids - customer.user_id
            if not added:
                continue
            customer.shared_user_ids = [fields.Command.link(user.id) for user in added]
            customer.message_post(
                body=_("Customer shared with %(users)s.", users=", ".join(added.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    def _unshare_with(self, users):
        self._check_ownership_change()
        for customer in self:
            removed = users & customer.shared_user_ids
            if not removed:
                continue
            customer.shared_user_ids = [fields.Command.unlink(user.id) for user in removed]
            customer.message_post(
                body=_("Customer no longer shared with %(users)s.", users=", ".join(removed.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    def _transfer_to(self, user):
        self._check_ownership_change()
        for customer in self.filtered(lambda c: c.user_id != user):
            previous = customer.user_id
            # Post before the write: once transferred, a salesperson may no longer see the customer.
            customer.message_post(
                body=_(
                    "Customer transferred from %(old)s to %(new)s by %(by)s.",
                    old=previous.name,
                    new=user.name,
                    by=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            customer.with_context(tracking_disable=True).write(
                {"user_id": user.id, "shared_user_ids": [fields.Command.unlink(user.id)]}
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _action_batch_wizard(self, operation):
        self._check_ownership_change()
        return {
            "type": "ir.actions.act_window",
            "name": _("Share Customers") if operation == "share" else _("Transfer Customers"),
            "res_model": "xtools.customer.batch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids, "default_operation": operation},
        }

    def action_share(self):
        return self._action_batch_wizard("share")

    def action_transfer(self):
        return self._action_batch_wizard("transfer")

    def action_open_customer(self):
        """The list's View button: open the customer view."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "xtools.customer",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Follow-up 跟单
    # ------------------------------------------------------------------
    def _create_schedule(self, name, start, user, duration=1.0):
        """Create a schedule (calendar event) linked to the customer, owned by ``user``; the main contact is
        added as attendee by ``calendar.event.create`` when they have an e-mail."""
        self.ensure_one()
        return self.env["calendar.event"].create(
            {
                "name": name,
                "start": start,
                "stop": start + timedelta(hours=duration),
                "duration": duration,
                "user_id": user.id,
                "partner_ids": [fields.Command.link(user.partner_id.id)],
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id,
            }
        )

    def action_log_action(self):
        """Header button: log an action (and plan the next step) in a dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Action"),
            "res_model": "xtools.action",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_id": self.id, "default_contact_id": self.main_contact_id.id},
        }

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_action_action")
        action["domain"] = [("customer_id", "=", self.id)]
        action["context"] = {"default_customer_id": self.id}
        return action

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.calendar_event_action_xtools_schedule")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action

    def action_new_schedule(self):
        """Open a new schedule linked to the customer (the main contact joins it when they have an e-mail)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Schedule"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [(self.env.ref("xtools_crm.calendar_event_view_form_xtools_schedule").id, "form")],
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id, "default_name": self.short_name or self.name},
        }

    def action_plan_task(self):
        """Open a new task (activity) on the customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan a Task"),
            "res_model": "mail.activity.schedule",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids, "active_id": self.id},
        }
