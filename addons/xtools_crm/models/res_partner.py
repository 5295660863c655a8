from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, email_normalize

from ..tools.phone import validate_phone

PHONE_FIELDS = ("phone", "mobile")


class ResPartner(models.Model):
    """Contacts 联系人 of XTools CRM are the child partners of a customer's partner."""

    _name = "res.partner"
    _inherit = ["res.partner", "xtools.customer.linked"]
    # A partner follows the customer it is, or is under (contacts, their sub-contacts, addresses); a partner of
    # no customer (users, suppliers, companies) keeps Odoo's visibility.
    _xtools_customer_path = "xtools_customer_id"
    _xtools_unlinked_visible = True
    # Partners of a pool customer are also read through the pool rule (security/ir_rules.xml).
    _xtools_follows_customer_rule = False

    # Indexed: the duplicate check of new customers (``xtools.customer._check_duplicates``) searches every
    # customer's phone and mobile, a scan of all partners per batch (per row when an import retries its rows).
    phone = fields.Char(index="btree_not_null")
    mobile = fields.Char(index="btree_not_null")
    xtools_customer_ids = fields.One2many("xtools.customer", "partner_id", string="XTools Customers")
    xtools_customer_id = fields.Many2one(
        "xtools.customer",
        string="Customer",
        compute="_compute_xtools_customer_id",
        inverse="_inverse_xtools_customer_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        auto_join=True,  # checked through the customer's primary key (xtools.customer.linked._xtools_visible_domain)
        help="The XTools CRM customer this partner is, or is under. Such partners are visible exactly when "
        "their customer is.",
    )
    xtools_department = fields.Char(string="Department")
    xtools_birthday = fields.Date(string="Birthday")
    xtools_birthday_key = fields.Integer(
        string="Birthday Month and Day",
        compute="_compute_xtools_birthday_key",
        store=True,
        index=True,
        help="Month × 100 + day of the birthday (0: none), to find the birthdays of coming days whatever the year.",
    )
    xtools_is_main_contact = fields.Boolean(
        string="Is Main Contact",
        compute="_compute_xtools_is_main_contact",
        inverse="_inverse_xtools_is_main_contact",
        search="_search_xtools_is_main_contact",
    )

    @api.depends("xtools_customer_ids", "parent_id.xtools_customer_id")
    def _compute_xtools_customer_id(self):
        # A technical link used by the record rules: it must be right whoever triggers the computation, so it is
        # read without the current user's rules. It only stores an id; reading it obeys the rules.
        for partner in self:
            partner_sudo = partner.sudo().with_context(active_test=False)
            partner.xtools_customer_id = (
                partner_sudo.xtools_customer_ids[:1] or partner_sudo.parent_id.xtools_customer_id
            )

    def _inverse_xtools_customer_id(self):
        for partner in self:
            customer = partner.xtools_customer_id
            if customer and customer.partner_id != partner and partner.parent_id != customer.partner_id:
                partner.parent_id = customer.partner_id

    @api.depends("xtools_birthday")
    def _compute_xtools_birthday_key(self):
        for partner in self:
            birthday = partner.xtools_birthday
            partner.xtools_birthday_key = birthday.month * 100 + birthday.day if birthday else 0

    @api.depends("xtools_customer_id.main_contact_id")
    def _compute_xtools_is_main_contact(self):
        for partner in self:
            partner.xtools_is_main_contact = bool(partner.xtools_customer_id) and (
                partner.xtools_customer_id.main_contact_id == partner
            )

    def _search_xtools_is_main_contact(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        customers = self.env["xtools.customer"]._search([("main_contact_id", "!=", False)])
        main_ids = customers.subselect(SQL.identifier(customers.table, "main_contact_id"))
        return [("id", "in" if (operator == "=") == value else "not in", main_ids)]

    def _inverse_xtools_is_main_contact(self):
        for partner in self.filtered(lambda p: p.xtools_customer_id and p.xtools_customer_id.partner_id != p):
            customer = partner.xtools_customer_id
            if partner.xtools_is_main_contact:
                customer.main_contact_id = partner
            elif customer.main_contact_id == partner:
                customer.main_contact_id = False
                customer._update_main_contact()

    @api.constrains("parent_id", "xtools_customer_ids")
    def _check_xtools_contact_parent(self):
        for partner in self:
            if partner.xtools_customer_ids and partner.parent_id:
                raise ValidationError(
                    _("The customer “%(name)s” cannot be the contact of another company.", name=partner.name)
                )

    @api.constrains("email")
    def _check_xtools_email(self):
        """Customers and their contacts get e-mails and mass mailings: their address must be one."""
        for partner in self:
            is_crm = partner.xtools_customer_id or self.env.context.get("xtools_customer_partner")
            if is_crm and partner.email and not email_normalize(partner.email, strict=False):
                raise ValidationError(
                    _(
                        "“%(email)s” is not a valid %(field)s address for %(name)s.",
                        email=partner.email,
                        field=self._fields["email"]._description_string(self.env),
                        name=partner.display_name or "",
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._xtools_normalize_phone_vals(vals_list)
        partners = super().create(vals_list)
        partners.xtools_customer_id._update_main_contact()
        return partners

    @api.model
    def _xtools_normalize_phone_vals(self, vals_list):
        """Normalise the phones of new customer partners (created by a customer, flagged in the context) and of
        new contacts of customers, before they are written."""
        parent_ids = {vals["parent_id"] for vals in vals_list if vals.get("parent_id")}
        customer_partner_ids = set()
        if parent_ids:
            # Only tells which parents are customers; nothing of them is shown.
            customer_partner_ids = set(
                self.env["xtools.customer"].sudo().with_context(active_test=False)
                .search([("partner_id", "in", list(parent_ids))]).partner_id.ids
            )
        for vals in vals_list:
            if not (self.env.context.get("xtools_customer_partner") or vals.get("parent_id") in customer_partner_ids):
                continue
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            for fname in PHONE_FIELDS:
                if vals.get(fname):
                    vals[fname] = self._xtools_normalize_number(vals[fname], fname, vals.get("name"), company)

    def _xtools_normalize_number(self, number, fname, name, company):
        try:
            return validate_phone(number, company.country_id.code or "CN")
        except ValueError:
            raise ValidationError(
                _(
                    "“%(number)s” is not a valid %(field)s number for %(name)s.",
                    number=number,
                    field=self._fields[fname]._description_string(self.env),
                    name=name or "",
                )
            ) from None

    def write(self, vals):
        customers = self.xtools_customer_id
        res = super().write(vals)
        if {"parent_id", *PHONE_FIELDS} & vals.keys():
            self._xtools_normalize_phones()
        if {"parent_id", "active", "type"} & vals.keys():
            (customers | self.xtools_customer_id)._update_main_contact()
        return res

    def _xtools_normalize_phones(self):
        """Store the phones of customers and their contacts in E.164; refuse what is not a phone number."""
        for partner in self.filtered("xtools_customer_id"):
            values = {}
            for fname in PHONE_FIELDS:
                number = partner[fname]
                if number:
                    normalized = self._xtools_normalize_number(
                        number, fname, partner.display_name, partner.company_id or self.env.company
                    )
                    if normalized != number:
                        values[fname] = normalized
            if values:
                partner.write(values)

    def unlink(self):
        customers = self.xtools_customer_id
        res = super().unlink()
        customers.exists()._update_main_contact()
        return res
