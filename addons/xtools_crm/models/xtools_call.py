from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.phone import DEFAULT_REGION, national_digits, normalize_phone

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

    phone = fields.Char(string="Phone", required=True, index="trigram", tracking=True)
    phone_normalized = fields.Char(
        string="Normalised Phone", compute="_compute_phone_normalized", store=True, index="btree_not_null"
    )
    caller_name = fields.Char(string="Caller")
    call_time = fields.Datetime(string="Call Time", required=True, default=fields.Datetime.now, index=True)
    content = fields.Text(string="Content")
    receiver_id = fields.Many2one(
        "res.users", string="Receiver", required=True, default=lambda self: self.env.user, index=True,
        check_company=True, domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        CALL_STATES, string="Status", required=True, default="new", index=True, tracking=True, readonly=True
    )
    customer_id = fields.Many2one(
        "xtools.customer", string="Customer", index="btree_not_null", check_company=True, tracking=True,
    )
    customer_partner_id = fields.Many2one(related="customer_id.partner_id", string="Customer Partner")
    contact_id = fields.Many2one(
        "res.partner", string="Contact", index="btree_not_null", domain="[('parent_id', '=', customer_partner_id)]",
    )
    action_id = fields.Many2one("xtools.action", string="Logged Action", readonly=True, copy=False, index="btree_not_null")
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=lambda self: self.env.company, index=True
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
        customer, contact = self._match_phone()
        if customer:
            self.customer_id, self.contact_id = customer, contact

    @api.model_create_multi
    def create(self, vals_list):
        # Matched here rather than in a stored compute: computes may run at flush time as superuser, and the
        # match must only ever find customers the user can see.
        for vals in vals_list:
            if vals.get("phone") and not vals.get("customer_id"):
                customer, contact = self.new({"phone": vals["phone"], "company_id": vals.get("company_id")})._match_phone()
                if customer:
                    vals.update(customer_id=customer.id, contact_id=contact.id)
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("phone") and "customer_id" not in vals:
            for call in self:
                customer, contact = call._match_phone()
                if customer:
                    call.write({"customer_id": customer.id, "contact_id": contact.id})
        return res

    def _phone_region(self):
        return (self.company_id or self.env.company).country_id.code or DEFAULT_REGION

    def _match_phone(self):
        """The (customer, contact) whose phone or mobile is this call's number, among those the user sees.

        Candidates come from Odoo's formatting-insensitive ``phone_mobile_search`` on the national digits; the
        exact comparison is made on E.164 forms, so ``138 0013 8000``, ``+86 138-0013-8000`` and
        ``008613800138000`` are one number.
        """
        self.ensure_one()
        Customer = self.env["xtools.customer"]
        region = self._phone_region()
        digits = national_digits(self.phone, region)
        if not digits:
            return Customer, self.env["res.partner"]
        partners = self.env["res.partner"].search([("phone_mobile_search", "ilike", digits)], limit=50)
        partners = partners.filtered(
            lambda p: normalize_phone(self.phone, region) in {normalize_phone(p.phone, region), normalize_phone(p.mobile, region)}
        )
        for partner in partners:
            customer = Customer.search(
                [("partner_id", "in", (partner | partner.parent_id).ids)], order="id", limit=1
            )
            if customer:
                return customer, (partner if partner != customer.partner_id else self.env["res.partner"])
        return Customer, self.env["res.partner"]

    def action_mark_processed(self):
        self._xtools_write_state({"state": "processed"})

    def action_create_action(self):
        """Turn the call into an action on its customer (opened for completion) and mark it processed."""
        self.ensure_one()
        if not self.customer_id:
            raise UserError(
                _("The call from %(phone)s has no customer: choose one or create a new customer first.", phone=self.phone)
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
