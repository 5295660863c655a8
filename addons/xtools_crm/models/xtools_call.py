from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.phone import DEFAULT_REGION, normalize_phone

CALL_STATES = [("new", "Unprocessed"), ("processed", "Processed")]


class XtoolsCall(models.Model):
    """Quick call records 快速来电记录: an incoming call noted in a few seconds.

    The customer and contact are matched by the normalised phone number among the customers the receiver can
    see. A call with a customer is visible like the customer; one without is visible to its receiver and creator
    and to managers and the boss, who dispatch it (see ``security/ir_rules.xml``).
    """

    _name = "xtools.call"
    _description = "Quick Call Record"
    _inherit = ["mail.thread", "xtools.customer.linked"]
    _order = "call_time desc, id desc"
    _rec_name = "phone"
    _check_company_auto = True
    _xtools_state = ("state", "new")
    # Unmatched calls are read through their receiver or creator too (security/ir_rules.xml).
    _xtools_follows_customer_rule = False

    phone = fields.Char(required=True, index="trigram", tracking=True)
    phone_normalized = fields.Char(
        string="Normalised Phone", compute="_compute_phone_normalized", store=True, index="btree_not_null"
    )
    caller_name = fields.Char(string="Caller")
    call_time = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    content = fields.Text()
    receiver_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True,
        check_company=True, domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        CALL_STATES, string="Status", required=True, default="new", index=True, tracking=True, readonly=True
    )
    customer_id = fields.Many2one(
        "xtools.customer", index="btree_not_null", check_company=True, tracking=True,
    )
    customer_partner_id = fields.Many2one(related="customer_id.partner_id", string="Customer Partner")
    contact_id = fields.Many2one(
        "res.partner", index="btree_not_null", domain="[('parent_id', '=', customer_partner_id)]",
    )
    action_id = fields.Many2one(
        "xtools.action", string="Logged Action", readonly=True, copy=False, index="btree_not_null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("phone", "company_id")
    def _compute_phone_normalized(self):
        for call in self:
            call.phone_normalized = normalize_phone(call.phone, call._phone_region()) or False

    @api.constrains("phone", "company_id")
    def _check_phone(self):
        for call in self:
            if not call.phone_normalized:
                raise ValidationError(
                    _(
                        "“%(number)s” is not a valid %(field)s number for the call of %(caller)s.",
                        number=call.phone,
                        field=self._fields["phone"]._description_string(self.env),
                        caller=call.caller_name or _("an unknown caller"),
                    )
                )

    @api.onchange("phone")
    def _onchange_phone(self):
        customer, contact = self._match_phones([(self.phone, self._phone_region())]).get(self.phone, (None, None))
        if customer:
            self.customer_id, self.contact_id = customer, contact

    @api.model_create_multi
    def create(self, vals_list):
        # Matched here rather than in a stored compute: computes may run at flush time as superuser, and the
        # match must only ever find customers the user can see. One search for the whole batch.
        todo = [vals for vals in vals_list if vals.get("phone") and not vals.get("customer_id")]
        if todo:
            companies = self.env["res.company"].browse({vals.get("company_id") for vals in todo} - {None, False})
            region_of = {company.id: company.country_id.code or DEFAULT_REGION for company in companies}
            default_region = self.env.company.country_id.code or DEFAULT_REGION
            keys = [(vals["phone"], region_of.get(vals.get("company_id"), default_region)) for vals in todo]
            matches = self._match_phones(keys)
            for vals, (phone, _region) in zip(todo, keys, strict=True):
                customer, contact = matches.get(phone, (None, None))
                if customer:
                    vals.update(customer_id=customer.id, contact_id=contact.id)
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("phone") and "customer_id" not in vals:
            customer, contact = self._match_phones([(vals["phone"], self[:1]._phone_region())]).get(
                vals["phone"], (None, None)
            )
            if customer:
                self.write({"customer_id": customer.id, "contact_id": contact.id})
        return res

    def _phone_region(self):
        return (self.company_id or self.env.company).country_id.code or DEFAULT_REGION

    @api.model
    def _match_phones(self, keys):
        """``{phone: (customer, contact)}`` for ``keys`` = ``[(phone, region), ...]``: the customer (and contact)
        whose phone or mobile is that number, among those the user sees, in one search for all the numbers.

        The phones of customers and their contacts are stored in E.164 (``res.partner._xtools_normalize_phones``),
        so the call's number in E.164 is compared exactly: ``138 0013 8000``, ``+86 138-0013-8000`` and
        ``008613800138000`` are one number. A partner the user sees belongs to a customer they see (partners follow
        their customer), so its ``xtools_customer_id`` is the match; the customer's own partner comes before its
        contacts, then the oldest.
        """
        wanted = {phone: normalize_phone(phone, region) for phone, region in keys}
        numbers = sorted({e164 for e164 in wanted.values() if e164})
        if not numbers:
            return {}
        partners = self.env["res.partner"].search_fetch(
            [("xtools_customer_id", "!=", False), "|", ("phone", "in", numbers), ("mobile", "in", numbers)],
            ["phone", "mobile", "xtools_customer_id", "parent_id"], order="id",
        ).sorted(lambda p: bool(p.parent_id))
        matches = {}
        for phone, e164 in wanted.items():
            partner = next((p for p in partners if e164 and e164 in (p.phone, p.mobile)), None)
            if partner:
                customer = partner.xtools_customer_id
                contact = partner if partner != customer.partner_id else self.env["res.partner"]
                matches[phone] = (customer, contact)
        return matches

    def action_mark_processed(self):
        self._xtools_write_state({"state": "processed"})

    def action_create_action(self):
        """Turn the call into an action on its customer (opened for completion) and mark it processed."""
        self.ensure_one()
        if not self.customer_id:
            raise UserError(
                _(
                    "The call from %(phone)s has no customer: choose one or create a new customer first.",
                    phone=self.phone,
                )
            )
        if not self.action_id:
            self.action_id = self.env["xtools.action"].create(
                {
                    "customer_id": self.customer_id.id,
                    "contact_id": self.contact_id.id,
                    "action_type": "call",
                    "date": self.call_time,
                    "subject": _("Incoming call from %(caller)s", caller=self.caller_name or self.phone),
                    "description": self.content,
                }
            )
        self._xtools_write_state({"state": "processed"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "xtools.action",
            "res_id": self.action_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_customer(self):
        """Create an individual customer from the caller (owned by the current user), link it and open it."""
        self.ensure_one()
        if self.customer_id:
            raise UserError(
                _("The call from %(phone)s already belongs to the customer %(customer)s.",
                  phone=self.phone, customer=self.customer_id.display_name)
            )
        customer = self.env["xtools.customer"].create(
            {
                "customer_type": "individual",
                "name": self.caller_name or self.phone,
                "phone": self.phone_normalized or self.phone,
                "company_id": self.company_id.id,
            }
        )
        self.customer_id = customer
        return customer.action_open_customer()
