from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index, escape_psql

from ..tools import pinyin
from ..tools.customer_name import core_name, is_generic_name
from ..tools.phone import DEFAULT_REGION, format_phone, normalize_phone

CUSTOMER_TYPES = [("company", "Enterprise Customer"), ("individual", "Individual Customer")]
LIFECYCLES = [("potential", "Potential Customer"), ("customer", "Signed Customer"), ("lost", "Lost")]
CUSTOMER_LEVELS = [("a", "A Key Customer"), ("b", "B Regular Customer"), ("c", "C Non-priority Customer")]
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
# The duplicate check 查重: a name is similar from this pg_trgm similarity on, and sounds the same from this word
# similarity of its pinyin on.
SIMILAR_NAME_SCORE = 0.3
SAME_PINYIN_SCORE = 0.8
DUPLICATE_MATCHES = [("phone", "Same Phone"), ("name", "Similar Name"), ("pinyin", "Same Pinyin")]
# pg_trgm's operators (similarity ≥ 0.3, word similarity ≥ 0.6, their defaults), which its indexes serve. As SQL
# arguments, so that their "%" stays escaped however deep the SQL is composed.
TRGM_SIMILAR = SQL("%%")
TRGM_WORD_SIMILAR = SQL("<%%")
# Smart-button counters of the customer view: field → document model filed under the customer.
COUNTED_DOCUMENTS = {
    "action_count": "xtools.action",
    "opportunity_count": "xtools.opportunity",
    "contract_count": "xtools.contract",
    "payment_count": "xtools.payment",
    "invoice_count": "xtools.invoice",
    "expense_count": "xtools.expense",
    "complaint_count": "xtools.complaint",
    "service_count": "xtools.service",
}


class ImportBatchError(Exception):
    """Raised instead of a user error when a batch of imported rows fails. Odoo's import then retries the rows
    one by one and reports each bad row on its own line; a user error would also be reported once more against
    the first row of the batch, which may be a good one."""


class XtoolsCustomer(models.Model):
    """A customer of the sales company.

    Contact data (name, phones, address, child contacts) lives on the delegated ``res.partner``;
    CRM data (ownership, sharing, groups, lifecycle) lives here. Visibility of every CRM document is
    decided by the customer it hangs off (see ``security/ir_rules.xml``).
    """

    _name = "xtools.customer"
    _description = "Customer"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "xtools.customer.linked", "xtools.period.label.mixin"]
    _order = "id desc"
    _rec_names_search = ["name", "short_name", "code", "pinyin_keys"]
    _check_company_auto = True
    _xtools_customer_path = "id"

    partner_id = fields.Many2one(
        "res.partner", string="Related Partner", required=True, ondelete="restrict", auto_join=True, index=True
    )
    customer_type = fields.Selection(
        CUSTOMER_TYPES,
        compute="_compute_customer_type",
        inverse="_inverse_customer_type",
        store=True,
        readonly=False,
        tracking=True,
    )
    short_name = fields.Char(
        index="trigram",
        tracking=True,
        help="The name the sales team calls the customer by, e.g. 沃力森 for 北京沃力森信息技术有限公司. "
        "Required for enterprise customers; searched together with the name.",
    )
    pinyin_keys = fields.Char(
        string="Pinyin",
        compute="_compute_pinyin_keys",
        store=True,
        index="trigram",
        help="Full pinyin and initials of the name and short name: 'bjwls' finds 北京沃力森.",
    )
    # What a name search (``ilike``) reads instead of ``_rec_names_search``: the name, the short name, the code
    # and the pinyin, in lower case, in one column with a trigram index. PostgreSQL compares a case-sensitive LIKE
    # on one column four times faster than ILIKE on four columns (the name in another table), and its index serves
    # searches of three characters and more.
    search_text = fields.Char(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        prefetch=False,  # searched, never shown: not read with every customer
        help="Technical: the name, short name, code and pinyin in lower case, searched by the name search.",
    )
    # A trigram index serves no search of two characters — a Chinese brand (天宇), two initials — so those read
    # every pair of consecutive characters of that text, each a word of its own ("|天宇|宇科|"), which it serves.
    search_pairs = fields.Char(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        prefetch=False,
        help="Technical: every two consecutive characters of the search text, searched by two-character searches.",
    )
    name_core = fields.Char(
        string="Core Name",
        compute="_compute_name_core",
        store=True,
        index="trigram",
        help="The distinctive part of the name, without region, legal form and trade words "
        "(北京沃力森信息技术有限公司 → 沃力森): what the duplicate check compares.",
    )
    code = fields.Char(string="Customer Code", readonly=True, copy=False, index=True, default=lambda self: _("New"))
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    group_ids = fields.Many2many(
        "xtools.customer.group", "xtools_customer_group_rel", "customer_id", "group_id", string="Customer Groups"
    )
    lifecycle = fields.Selection(
        LIFECYCLES, required=True, default="potential", tracking=True, index=True
    )
    lost_reason = fields.Char(tracking=True)
    level = fields.Selection(
        CUSTOMER_LEVELS,
        string="Customer Level",
        index=True,
        tracking=True,
        help="How much the customer matters: A key customers first. Customer pools may keep customers of each level "
        "a different number of days.",
    )
    source = fields.Selection(SOURCES)
    note = fields.Html(string="Notepad")
    main_contact_id = fields.Many2one(
        "res.partner",
        domain="[('parent_id', '=', partner_id)]",
        index="btree_not_null",
    )
    # Contacts are edited through the inherited ``child_ids`` (so that they are created under the partner);
    # ``contact_ids`` (SPEC) lists the contact persons only.
    contact_ids = fields.One2many("res.partner", string="All Contacts", compute="_compute_contact_ids")
    # The partner's label "省/州" holds a "/", which an import header cannot match (it reads as a path).
    state_id = fields.Many2one(related="partner_id.state_id", string="Province", readonly=False)
    contact_count = fields.Integer(string="Number of Contacts", compute="_compute_contact_count")

    # Contracts and receivables 合同/订单
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    contract_ids = fields.One2many("xtools.contract", "customer_id", string="Contracts")
    payment_plan_ids = fields.One2many("xtools.payment.plan", "customer_id", string="Payment Plans")
    payment_ids = fields.One2many("xtools.payment", "customer_id", string="Payments")
    invoice_ids = fields.One2many("xtools.invoice", "customer_id", string="Invoices")
    contract_count = fields.Integer(compute="_compute_document_counts")
    payment_count = fields.Integer(compute="_compute_document_counts")
    invoice_count = fields.Integer(compute="_compute_document_counts")
    contract_amount_total = fields.Monetary(
        string="Contract Total",
        compute="_compute_contract_totals",
        store=True,
        help="The amount of the customer's signed contracts (running and done).",
    )
    payment_amount_total = fields.Monetary(
        string="Payments Received", compute="_compute_contract_totals", store=True
    )
    receivable_amount = fields.Monetary(
        string="Receivable",
        compute="_compute_contract_totals",
        store=True,
        help="What the customer still owes on its signed contracts.",
    )

    # Sales opportunities 销售机会
    opportunity_ids = fields.One2many("xtools.opportunity", "customer_id", string="Opportunities")
    opportunity_count = fields.Integer(compute="_compute_document_counts")

    # Follow-up 跟单: action history, schedules (calendar events linked by res_model/res_id) and their counts.
    action_ids = fields.One2many("xtools.action", "customer_id", string="Action History")
    action_count = fields.Integer(string="Actions", compute="_compute_document_counts")
    last_action_date = fields.Datetime(
        string="Last Action",
        compute="_compute_last_action_date",
        store=True,
        index=True,
        help="The date of the latest action in the customer's action history.",
    )
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

    # Service 服务: sales expenses, complaints, service records.
    expense_ids = fields.One2many("xtools.expense", "customer_id", string="Sales Expenses")
    expense_count = fields.Integer(compute="_compute_document_counts")
    expense_amount_total = fields.Monetary(
        string="Expense Total",
        compute="_compute_expense_amount_total",
        store=True,
        help="The amount of the customer's approved sales expenses.",
    )
    complaint_ids = fields.One2many("xtools.complaint", "customer_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_document_counts")
    service_ids = fields.One2many("xtools.service", "customer_id", string="Service Records")
    service_count = fields.Integer(compute="_compute_document_counts")

    duplicate_warning = fields.Char(
        string="Similar Customers",
        compute="_compute_duplicate_warning",
        help="Customers with a similar name or the same phone, found while the customer is being typed in.",
    )

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

    @api.depends("partner_id.child_ids.type")
    def _compute_contact_ids(self):
        for customer in self:
            customer.contact_ids = customer.partner_id.child_ids.filtered(lambda p: p.type == "contact")

    @api.depends("partner_id.child_ids")
    def _compute_contact_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("parent_id", "in", self.partner_id.ids), ("type", "=", "contact")], ["parent_id"], ["__count"]
            )
        )
        for customer in self:
            customer.contact_count = counts.get(customer.partner_id._origin, 0)

    @api.depends("action_ids.date")
    def _compute_last_action_date(self):
        # A date only, kept right whoever logs the action: read without the user's rules (a customer's actions are
        # visible exactly when the customer is).
        dates = dict(
            self.env["xtools.action"].sudo()._read_group(
                [("customer_id", "in", self._origin.ids)], ["customer_id"], ["date:max"]
            )
        )
        for customer in self:
            customer.last_action_date = dates.get(customer._origin, False)

    # Contracts and receivables
    @api.depends(
        "contract_ids.state",
        "contract_ids.amount",
        "contract_ids.paid_amount",
        "payment_ids.amount",
        "payment_ids.customer_id",
    )
    def _compute_contract_totals(self):
        signed = [("customer_id", "in", self.ids), ("state", "in", ("running", "done"))]
        contracts = {
            customer: (amount, unpaid)
            for customer, amount, unpaid in self.env["xtools.contract"]._read_group(
                signed, ["customer_id"], ["amount:sum", "unpaid_amount:sum"]
            )
        }
        payments = dict(
            self.env["xtools.payment"]._read_group([("customer_id", "in", self.ids)], ["customer_id"], ["amount:sum"])
        )
        for customer in self:
            amount, unpaid = contracts.get(customer._origin, (0.0, 0.0))
            customer.contract_amount_total = amount
            customer.receivable_amount = unpaid
            customer.payment_amount_total = payments.get(customer._origin, 0.0)

    @api.depends("expense_ids.state", "expense_ids.amount")
    def _compute_expense_amount_total(self):
        approved = dict(self.env["xtools.expense"]._read_group(
            [("customer_id", "in", self._origin.ids), ("state", "=", "approved")], ["customer_id"], ["amount:sum"]
        ))
        for customer in self:
            customer.expense_amount_total = approved.get(customer._origin, 0.0)

    def _compute_document_counts(self):
        """One ``_read_group`` per document model for all the customers, under the user's rules."""
        for fname, model in COUNTED_DOCUMENTS.items():
            counts = dict(self.env[model]._read_group(
                [("customer_id", "in", self._origin.ids)], ["customer_id"], ["__count"]
            ))
            for customer in self:
                customer[fname] = counts.get(customer._origin, 0)

    def _action_open_contract_documents(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("customer_id", "=", self.id)],
            "context": {"default_customer_id": self.id},
        }

    def action_open_contracts(self):
        action = self._action_open_contract_documents("xtools.contract", _("Contracts"))
        action["view_mode"] = "list,kanban,form"
        return action

    def action_open_payments(self):
        return self._action_open_contract_documents("xtools.payment", _("Payments"))

    def action_open_invoices(self):
        return self._action_open_contract_documents("xtools.invoice", _("Invoices"))

    def action_open_expenses(self):
        return self._action_open_contract_documents("xtools.expense", _("Sales Expenses"))

    def action_open_complaints(self):
        return self._action_open_contract_documents("xtools.complaint", _("Complaints"))

    def action_open_services(self):
        action = self._action_open_contract_documents("xtools.service", _("Service Records"))
        action["view_mode"] = "list,form,pivot"
        return action

    def action_open_opportunities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_opportunity_action")
        action["domain"] = [("customer_id", "=", self.id)]
        action["context"] = {"default_customer_id": self.id, "search_default_not_lost": False}
        return action

    # Follow-up 跟单 computes
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

    @api.depends("partner_id.name", "short_name")
    def _compute_pinyin_keys(self):
        for customer in self:
            customer.pinyin_keys = pinyin.pinyin_keys(customer.partner_id.name, customer.short_name)

    def init(self):
        res = super().init()
        # The workbench counts the customers created this month (the scope's and the company's): a month of them,
        # not every customer, for the statement to read.
        create_index(self.env.cr, "xtools_customer_create_date_index", self._table, ["create_date"])
        # PostgreSQL estimates a LIKE '%…%' by testing the pattern on the column's statistics sample: with the
        # default hundred values it takes a rare name for a common one and walks every customer in the list's order
        # instead of reading the few matches from the trigram index.
        self.env.cr.execute(SQL(
            "ALTER TABLE %s ALTER COLUMN search_text SET STATISTICS 1000, "
            "ALTER COLUMN search_pairs SET STATISTICS 1000",
            SQL.identifier(self._table),
        ))
        return res

    @api.depends("partner_id.name", "short_name", "code", "pinyin_keys")
    def _compute_search_text(self):
        for customer in self:
            parts = (customer.partner_id.name, customer.short_name, customer.code, customer.pinyin_keys)
            text = " ".join(part for part in parts if part).lower()
            pairs = dict.fromkeys(word[i:i + 2] for word in text.split() for i in range(len(word) - 1))
            customer.search_text = text or False
            customer.search_pairs = f"|{'|'.join(pairs)}|" if pairs else False

    @api.model
    def _search_display_name(self, operator, value):
        # ``search_text`` is in lower case: a case-insensitive search of it is a LIKE of the lower-case text; of two
        # characters, of the pair among ``search_pairs``.
        if operator in ("ilike", "not ilike") and value and isinstance(value, str):
            value = value.lower()
            if len(value) == 2 and value.isprintable() and not (set(value) & set(" |%_\\")):
                return [("search_pairs", operator.replace("ilike", "like"), f"|{value}|")]
            return [("search_text", operator.replace("ilike", "like"), value)]
        return super()._search_display_name(operator, value)

    @api.depends("partner_id.name")
    def _compute_name_core(self):
        for customer in self:
            customer.name_core = core_name(customer.partner_id.name) or False

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
        # An import creates its rows in batches: a bad row fails the batch, and Odoo's import then retries the rows
        # one by one to report each bad row on its own line.
        batch_import = bool(self.env.context.get("import_file")) and len(vals_list) > 1
        try:
            vals_list = self._prepare_create_vals(vals_list)
            if self.env.context.get("import_file"):
                self = self.with_context(mail_create_nolog=True)  # an import of thousands logs nothing per record
            customers = super().create(vals_list)
            customers._check_new_customers()
        except UserError as error:
            if not batch_import:
                raise
            raise ImportBatchError(str(error)) from error
        return customers

    @api.model
    def _prepare_create_vals(self, vals_list):
        """Copies of ``vals_list`` (the import retries failed rows with the same dicts) with the customer type, the
        code and the delegated partner (created in one batch) filled in."""
        vals_list = [dict(vals) for vals in vals_list]
        default_type = self.env.context.get("default_customer_type", "company")
        self.env["ir.sequence"]._xtools_fill_codes(vals_list, "code", "xtools.customer", _("New"))
        for vals in vals_list:
            vals.setdefault("customer_type", "company" if vals.get("is_company") else default_type)
            vals["is_company"] = vals["customer_type"] == "company"
        self._create_partners(vals_list)
        return vals_list

    @api.model
    def _create_partners(self, vals_list):
        """Create the delegated partners in one batch, with the customer's owner, company and first contact as
        main contact, instead of letting ``_inherits`` create them and writing them again."""
        partner_fnames = {
            name for name, field in self._fields.items()
            if field.inherited or field.related == f"partner_id.{name}"
        } | set(PARTNER_SYNCED_FIELDS)
        pending = [vals for vals in vals_list if not vals.get("partner_id")]
        partner_vals_list = []
        for vals in pending:
            partner_vals = {fname: vals[fname] for fname in partner_fnames if fname in vals}
            partner_vals.setdefault("user_id", self.env.uid)
            partner_vals.setdefault("company_id", self.env.company.id)
            partner_vals_list.append(partner_vals)
            for fname in partner_fnames - set(PARTNER_SYNCED_FIELDS):
                vals.pop(fname, None)
        # The customer's chatter is its history: the delegated partner keeps none (no creation message, no
        # followers, no tracking), a per-row cost an import would otherwise pay twice.
        Partner = self.env["res.partner"].with_context(xtools_customer_partner=True)
        if self.env.context.get("import_file"):
            # An import logs nothing per record (see ``create``): the partners and their contacts are created as
            # Odoo's own partner import creates them (``res.partner._load_records_create``), without the per-row
            # sync of the companies' fields into their new contacts.
            partners = Partner.with_context(tracking_disable=True)._load_records_create(partner_vals_list)
        else:
            # The new contacts are created next, in one batch, with their own chatter.
            contact_vals_lists = [self._pop_new_contacts(partner_vals) for partner_vals in partner_vals_list]
            partners = Partner.with_context(tracking_disable=True).create(partner_vals_list)
            Partner.create([
                {**contact_vals, "parent_id": partner.id}
                for partner, contact_vals_list in zip(partners, contact_vals_lists, strict=True)
                for contact_vals in contact_vals_list
            ])
        for vals, partner in zip(pending, partners, strict=True):
            vals["partner_id"] = partner.id
            contacts = partner.child_ids.filtered(lambda p: p.type == "contact")
            if contacts and not vals.get("main_contact_id"):
                vals["main_contact_id"] = contacts[0].id

    @api.model
    def _pop_new_contacts(self, partner_vals):
        """The values of the contacts to create under a new partner (``child_ids`` made only of create commands),
        taken out of ``partner_vals``; other commands stay for the partner's own create."""
        commands = partner_vals.get("child_ids") or []
        if not all(isinstance(command, (list, tuple)) and command[0] == fields.Command.CREATE for command in commands):
            return []
        partner_vals.pop("child_ids", None)
        return [dict(command[2] or {}) for command in commands]

    def write(self, vals):
        if "partner_id" in vals and any(customer.partner_id.id != vals["partner_id"] for customer in self):
            # The partner carries the customer's contacts and their visibility: a customer keeps it for life.
            raise UserError(_("The partner of a customer never changes: create a new customer instead."))
        if vals.get("lifecycle") and vals["lifecycle"] != "lost":
            vals.setdefault("lost_reason", False)
        # The partners first: once a customer is transferred, its old owner may no longer see its partner.
        partner_vals = {fname: vals[fname] for fname in PARTNER_SYNCED_FIELDS if fname in vals}
        if partner_vals:
            self.partner_id.write(partner_vals)
        res = super().write(vals)
        if {"name", "phone", "mobile", "customer_type", "company_id"} & vals.keys():
            self._check_duplicates()
        return res

    def _check_new_customers(self):
        """Checks of newly created customers that may fail a batch of imported rows (then retried row by row)."""
        self._check_duplicates()

    def unlink(self):
        """A deleted customer takes its partner, contacts and addresses along: left behind without a customer,
        they would become visible to everybody. A partner still used elsewhere (an invoice...) stops the
        deletion; archive the customer instead."""
        partners = self.env["res.partner"].with_context(active_test=False).search(
            [("commercial_partner_id", "in", self.partner_id.ids)]
        )
        res = super().unlink()
        partners.unlink()
        return res

    def _check_duplicates(self):
        """Refuse a second enterprise customer of the same name, or a customer with another customer's phone.

        Checked in one query per kind for the whole batch, against every customer of the companies, also those
        the user cannot see: the message then names only the duplicate's owner (or its pool)."""
        Customer = self.env["xtools.customer"].sudo().with_context(active_test=False)
        base = [("company_id", "in", self.company_id.ids)]
        companies = self.filtered(lambda c: c.customer_type == "company")
        names = {}
        if companies:
            for other in Customer.search_fetch(
                base + [("customer_type", "=", "company"), ("name", "in", companies.mapped("name"))],
                ["name", "company_id", "user_id", "pool_id"],
            ):
                names.setdefault((other.company_id.id, other.name), []).append(other)
        numbers = {}
        all_numbers = list({n for c in self for n in (c.phone, c.mobile) if n})
        if all_numbers:
            for other in Customer.search_fetch(
                base + ["|", ("phone", "in", all_numbers), ("mobile", "in", all_numbers)],
                ["phone", "mobile", "company_id", "user_id", "pool_id"],
            ):
                for number in {other.phone, other.mobile} - {False, ""}:
                    numbers.setdefault((other.company_id.id, number), []).append(other)
        for customer in self:
            key = customer.company_id.id
            if customer.customer_type == "company":
                others = [o for o in names.get((key, customer.name), []) if o.id != customer.id]
                if others:
                    raise ValidationError(
                        _(
                            "A customer named “%(name)s” already exists (%(owner)s).",
                            name=customer.name,
                            owner=others[0]._get_owner_phrase(),
                        )
                    )
            for number in {customer.phone, customer.mobile} - {False, ""}:
                others = [o for o in numbers.get((key, number), []) if o.id != customer.id]
                if others:
                    raise ValidationError(
                        _(
                            "Another customer already has the phone number %(number)s of “%(name)s” (%(owner)s).",
                            number=format_phone(number),
                            name=customer.name,
                            owner=others[0]._get_owner_phrase(),
                        )
                    )

    def _get_owner_phrase(self):
        """Who has the customer, in words: its owner's name or its pool. Said also of customers the user cannot see
        (read as superuser): a duplicate check tells whose a customer is, never what is in its file."""
        self.ensure_one()
        customer = self.sudo()
        if customer.pool_id:
            return _("in the customer pool “%(pool)s”", pool=customer.pool_id.name)
        return _("owned by %(owner)s", owner=customer.user_id.name or "")

    # ------------------------------------------------------------------
    # Duplicate check 查重
    # ------------------------------------------------------------------
    @api.model
    def _find_similar_customers(self, name=None, phone=None, exclude_ids=(), limit=20):
        """Customers of the user's companies, in every owner's file and the pools, whose name is like ``name`` or
        who (or one of whose contacts) has the phone ``phone``: a list of ``(customer, match, score)``, best first,
        ``match`` a key of ``DUPLICATE_MATCHES`` and ``customer`` read as superuser. Callers show the user only the
        name, owner and lifecycle of those they cannot see (``_get_duplicate_lines``).

        Names are compared by their cores (``tools.customer_name.core_name``: without region, legal form and trade
        words; stored as ``name_core``) and short names: similar when one contains the other or their trigram
        similarity (pg_trgm) reaches ``SIMILAR_NAME_SCORE``, or when they sound the same (the pinyin of the core in
        ``pinyin_keys``)."""
        name = (name or "").strip()
        core = core_name(name)
        distinctive = len(core) >= 2 and not is_generic_name(core)
        spoken = pinyin.pinyin_keys(core).split()[:1] if distinctive else []
        region = self.env.company.country_id.code or DEFAULT_REGION
        number = normalize_phone(phone, region) if phone else None
        trigram = self.env.registry.has_trigram  # pg_trgm (Odoo installs it with the database when it may)
        # Candidates, each through an index where the scan would be long: trigram indexes on the core names, short
        # names and pinyin keys, the phone indexes of partners. Cores are short and distinctive, so their trigrams
        # are rare ("有限公司" would match every company).
        candidates = []
        if distinctive:
            like = f"%{escape_psql(core)}%"
            text = core[:20]
            parts = sorted({text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1)})
            candidates += [
                SQL("SELECT id FROM xtools_customer WHERE name_core ILIKE %s OR short_name ILIKE %s", like, like),
                # an existing core or short name inside the typed core: one of its parts of two characters or more
                SQL("SELECT id FROM xtools_customer WHERE name_core = ANY(%s) OR short_name = ANY(%s)", parts, parts),
            ]
            if trigram:
                candidates += [
                    SQL("SELECT id FROM xtools_customer WHERE name_core %s %s", TRGM_SIMILAR, core),
                    SQL("SELECT id FROM xtools_customer WHERE short_name %s %s", TRGM_SIMILAR, core),
                ]
        if spoken and trigram:
            candidates.append(SQL("SELECT id FROM xtools_customer WHERE %s %s pinyin_keys", spoken[0],
                                  TRGM_WORD_SIMILAR))
        phone_match = SQL("FALSE")
        if number:
            candidates.append(SQL(
                "SELECT xtools_customer_id FROM res_partner WHERE xtools_customer_id IS NOT NULL "
                "AND (phone = %s OR mobile = %s)", number, number,
            ))
            phone_match = SQL(
                "EXISTS (SELECT 1 FROM res_partner cp WHERE cp.xtools_customer_id = c.id "
                "AND (cp.phone = %s OR cp.mobile = %s))", number, number,
            )
        if not candidates:
            return []
        if trigram:
            name_score = SQL(
                "GREATEST(similarity(COALESCE(c.name_core, ''), %s), similarity(COALESCE(c.short_name, ''), %s), "
                "similarity(p.name, %s))", core, core, name,
            )
            pinyin_score = SQL("word_similarity(%s, COALESCE(c.pinyin_keys, ''))", spoken[0] if spoken else "")
        else:
            name_score = pinyin_score = SQL("0.0")
        self.env["xtools.customer"].flush_model(
            ["name_core", "short_name", "pinyin_keys", "company_id", "active", "partner_id"])
        self.env["res.partner"].flush_model(["name", "phone", "mobile", "parent_id", "xtools_customer_id"])
        # Read without the user's rules on purpose: only ids and scores come out of this query, and what is shown of
        # them is decided by the caller.
        self.env.cr.execute(SQL(
            """SELECT c.id, c.name_core, c.short_name, %s, %s, %s
                 FROM xtools_customer c
                 JOIN res_partner p ON p.id = c.partner_id
                WHERE c.id IN (%s) AND c.active AND c.company_id IN %s AND c.id <> ALL(%s)
             ORDER BY 4 DESC, c.id DESC
                LIMIT 200""",
            name_score,
            pinyin_score,
            phone_match,
            SQL(" UNION ").join(candidates),
            tuple(self.env.companies.ids),
            [cid for cid in exclude_ids if isinstance(cid, int)] or [0],
        ))
        matches = []
        for cid, other_core, other_short, name_score, pinyin_score, same_phone in self.env.cr.fetchall():
            others = [text.lower() for text in (other_core, other_short) if text and len(text) >= 2]
            if same_phone:
                match, score = "phone", 1.0
            elif distinctive and core in others:
                match, score = "name", 1.0
            elif distinctive and any(core in other or other in core for other in others):
                match, score = "name", max(name_score, 0.8)
            elif name_score >= SIMILAR_NAME_SCORE:
                match, score = "name", name_score
            elif pinyin_score >= SAME_PINYIN_SCORE:
                match, score = "pinyin", pinyin_score
            else:
                continue
            matches.append((cid, match, score))
        matches.sort(key=lambda m: (-m[2], -m[0]))
        customers = self.sudo()
        return [(customers.browse(cid), match, score) for cid, match, score in matches[:limit]]

    @api.model
    def _get_duplicate_lines(self, name=None, phone=None, exclude_ids=(), limit=20):
        """The duplicate check's result as values of ``xtools.customer.duplicate.line``: of a customer the user
        cannot see only the name, owner (or pool) and lifecycle, and no link to open it."""
        matches = self._find_similar_customers(name=name, phone=phone, exclude_ids=exclude_ids, limit=limit)
        visible = self.search([("id", "in", [customer.id for customer, _match, _score in matches])])
        lines = []
        for customer, match, score in matches:
            if customer.user_id:
                owner = customer.user_id.name
            else:
                owner = _("Customer pool: %(pool)s", pool=customer.pool_id.name)
            lines.append({
                "customer_id": customer.id if customer in visible else False,
                "name": customer.name,
                "owner": owner,
                "lifecycle": customer.lifecycle,
                "match": match,
                "score": score,
            })
        return lines

    @api.depends("name", "short_name", "phone", "mobile")
    def _compute_duplicate_warning(self):
        """Warn in the form, before saving, when the name or a phone being typed looks like another customer's."""
        for customer in self:
            origin = customer._origin
            changed = not origin or any(customer[f] != origin[f] for f in ("name", "short_name", "phone", "mobile"))
            lines = []
            if changed and (customer.name or customer.phone or customer.mobile):
                lines = self._get_duplicate_lines(
                    name=customer.name, phone=customer.phone or customer.mobile, exclude_ids=origin.ids, limit=3
                )
                if customer.short_name and not lines:
                    lines = self._get_duplicate_lines(name=customer.short_name, exclude_ids=origin.ids, limit=3)
            customer.duplicate_warning = "; ".join(
                _("%(name)s (%(owner)s)", name=line["name"], owner=line["owner"]) for line in lines
            ) or False

    def _update_main_contact(self):
        """Keep exactly one main contact per customer that has contacts: the chosen one while it is an active
        contact of the customer, otherwise the first contact."""
        for customer in self:
            contacts = customer.partner_id.child_ids.filtered(lambda p: p.type == "contact")
            if customer.main_contact_id not in contacts or not customer.main_contact_id:
                main = contacts[:1]
                if customer.main_contact_id != main:
                    customer.main_contact_id = main

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": _("Import Template for Enterprise Customers"),
                "template": "/xtools_crm/static/xls/xtools_customer_enterprise.xlsx",
            },
            {
                "label": _("Import Template for Individual Customers"),
                "template": "/xtools_crm/static/xls/xtools_customer_individual.xlsx",
            },
        ]

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
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_name": self.short_name or self.name,
            },
        }

    def action_plan_task(self):
        """Open a new task (activity) on the customer, in the task form that also offers the SMS reminder."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan a Task"),
            "res_model": "mail.activity",
            "view_mode": "form",
            "views": [(self.env.ref("mail.mail_activity_view_form_popup").id, "form")],
            "target": "new",
            "context": {
                "default_res_model_id": self.env["ir.model"]._get_id(self._name),
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_lost(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark as Lost"),
            "res_model": "xtools.customer.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids},
        }

    def action_reactivate(self):
        """A lost customer is followed up again: back to potential."""
        self.filtered(lambda c: c.lifecycle == "lost").write({"lifecycle": "potential"})

    def action_open_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.res_partner_action_xtools_contact")
        action["domain"] = [("parent_id", "=", self.partner_id.id)]
        action["context"] = {"default_parent_id": self.partner_id.id, "default_type": "contact"}
        return action

    def action_check_duplicates(self):
        """The form's 查重 button: the duplicate check of this customer's name and phone, itself left out."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Duplicate Check"),
            "res_model": "xtools.customer.duplicate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_name": self.name,
                "default_phone": self.phone or self.mobile,
                "default_exclude_customer_id": self.id,
            },
        }

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
