from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import create_unique_index, index_exists

from ..tools import fapiao

INVOICE_TYPES = [
    ("digital_special", "Digital Fapiao (VAT Special)"),
    ("digital_normal", "Digital Fapiao (Normal)"),
    ("vat_special", "VAT Special Invoice"),
    ("vat_normal", "VAT Normal Invoice"),
    ("receipt", "Receipt"),
    ("other", "Other"),
]
TAX_RATES = [
    ("0", "0%"),
    ("1", "1%"),
    ("3", "3%"),
    ("6", "6%"),
    ("9", "9%"),
    ("13", "13%"),
]


class XtoolsInvoice(models.Model):
    """An invoice or receipt 开票/票据 issued to the customer for a contract.

    Numbers are checked by type (``tools/fapiao.py``) and unique per company, type and code; the invoices of a
    contract never add up to more than its amount (checked with the contract row locked)."""

    _name = "xtools.invoice"
    _description = "Invoice Record"
    _inherit = ["xtools.contract.document"]
    _order = "date desc, id desc"
    _rec_name = "number"
    _check_company_auto = True

    contract_id = fields.Many2one(
        domain="[('customer_id', '=?', customer_id), ('state', 'in', ('running', 'done'))]",
    )
    date = fields.Date(string="Invoice Date", required=True, default=fields.Date.context_today, index=True)
    invoice_type = fields.Selection(INVOICE_TYPES, required=True, default="digital_normal")
    invoice_code = fields.Char(
        help="The 10- or 12-digit code printed beside the 8-digit number of a classic fapiao. "
        "Digital fapiao (数电票) have a 20-digit number and no code.",
    )
    number = fields.Char(string="Invoice Number", index="trigram", copy=False)
    amount = fields.Monetary(string="Amount (tax incl.)", required=True)
    tax_rate = fields.Selection(TAX_RATES, default="13")
    tax_amount = fields.Monetary(string="Tax", compute="_compute_tax_amount", store=True)
    user_id = fields.Many2one(string="Issued by")
    payment_ids = fields.One2many("xtools.payment", "invoice_id", string="Payments")
    note = fields.Char()

    def init(self):
        res = super().init()
        name = "xtools_invoice_number_uniq"
        if not index_exists(self.env.cr, name):
            create_unique_index(
                self.env.cr, name, self._table,
                ["company_id", "invoice_type", "COALESCE(invoice_code, '')", "number"],
            )
        return res

    @api.depends("amount", "tax_rate")
    def _compute_tax_amount(self):
        for invoice in self:
            rate = int(invoice.tax_rate or 0) / 100
            tax = invoice.amount * rate / (1 + rate)
            invoice.tax_amount = invoice.currency_id.round(tax) if invoice.currency_id else tax

    @api.onchange("number", "invoice_code")
    def _onchange_normalize_number(self):
        for invoice in self:
            if invoice.number:
                invoice.number = fapiao.normalize(invoice.number)
            if invoice.invoice_code:
                invoice.invoice_code = fapiao.normalize(invoice.invoice_code)

    @api.constrains("invoice_type", "number", "invoice_code", "date")
    def _check_number(self):
        messages = {
            fapiao.ERR_NUMBER_REQUIRED: _("The invoice number is required for a %(type)s."),
            fapiao.ERR_DIGITAL_FORMAT: _("“%(number)s” is not a digital fapiao number: a %(type)s has 20 digits."),
            fapiao.ERR_DIGITAL_YEAR: _(
                "“%(number)s” is not a valid digital fapiao number: its first two digits give the year of issue "
                "(21 or later, not after the invoice date)."
            ),
            fapiao.ERR_CLASSIC_NUMBER: _("“%(number)s” is not a valid number for a %(type)s: it has 8 digits."),
            fapiao.ERR_CODE_REQUIRED: _("The invoice code printed beside the number is required for a %(type)s."),
            fapiao.ERR_SPECIAL_CODE: _("The invoice code “%(code)s” of a %(type)s has 10 digits."),
            fapiao.ERR_NORMAL_CODE: _(
                "The invoice code “%(code)s” of a %(type)s has 10 digits, or 12 digits starting with 0."
            ),
            fapiao.ERR_CODE_NOT_ALLOWED: _("A %(type)s has no separate invoice code: clear “%(code)s”."),
        }
        type_labels = dict(self._fields["invoice_type"]._description_selection(self.env))
        for invoice in self:
            error = fapiao.check_invoice_number(
                invoice.invoice_type, invoice.number, invoice.invoice_code, invoice.date and invoice.date.year
            )
            if error:
                raise ValidationError(
                    messages[error] % {
                        "number": invoice.number or "",
                        "code": invoice.invoice_code or "",
                        "type": type_labels[invoice.invoice_type],
                    }
                )

    @api.constrains("amount")
    def _check_amount(self):
        for invoice in self:
            if invoice.currency_id.compare_amounts(invoice.amount, 0.0) <= 0:
                raise ValidationError(
                    _("The invoice amount must be greater than zero, not %(amount)s.", amount=invoice.amount)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_number_vals(vals)
        default_type = self.default_get(["invoice_type"]).get("invoice_type")
        contracts = self.env["xtools.contract"].browse({vals.get("contract_id") for vals in vals_list} - {None, False})
        self._check_number_unique([
            (
                contracts.filtered(lambda c, vals=vals: c.id == vals.get("contract_id")).company_id.id
                or self.env.company.id,
                vals.get("invoice_type", default_type),
                vals.get("invoice_code"),
                vals.get("number"),
                None,
            )
            for vals in vals_list
        ])
        invoices = super().create(vals_list)
        # Checked on the created invoices (context defaults included), with the contract rows locked.
        invoices.contract_id._lock_for_update()
        invoices.contract_id._check_contract_not_overinvoiced()
        return invoices

    def write(self, vals):
        self._normalize_number_vals(vals)
        moved = {"amount", "contract_id"} & vals.keys()
        if moved:
            self.contract_id._lock_for_update()
        if {"number", "invoice_code", "invoice_type", "contract_id"} & vals.keys():
            contract = self.env["xtools.contract"].browse(vals.get("contract_id"))
            self._check_number_unique([
                (
                    (contract or invoice.contract_id).company_id.id,
                    vals.get("invoice_type", invoice.invoice_type),
                    vals.get("invoice_code", invoice.invoice_code),
                    vals.get("number", invoice.number),
                    invoice.id,
                )
                for invoice in self
            ])
        res = super().write(vals)
        if moved:
            self.contract_id._lock_for_update()
            self.contract_id._check_contract_not_overinvoiced()
        return res

    @api.model
    def _check_number_unique(self, keys):
        """Refuse a number already recorded in the company for the type (and code), before the unique index
        would, in one query for the batch. ``keys``: ``[(company_id, invoice_type, invoice_code, number, id to
        leave out), ...]``. Searched as superuser: the number is unique in the company, also among invoices the
        user cannot see, and the message names no other document."""
        keys = [key for key in keys if key[3]]
        if not keys:
            return
        type_labels = dict(self._fields["invoice_type"]._description_selection(self.env))
        seen = {}
        for company_id, invoice_type, code, number, exclude_id in keys:
            key = (company_id, invoice_type, code or "", number)
            if key in seen:
                raise ValidationError(
                    _("The %(type)s number “%(number)s” is given twice.",
                      type=type_labels.get(invoice_type, invoice_type), number=number)
                )
            seen[key] = exclude_id
        existing = self.sudo().search_fetch(
            [("number", "in", list({key[3] for key in keys}))], ["company_id", "invoice_type", "invoice_code", "number"]
        )
        for other in existing:
            key = (other.company_id.id, other.invoice_type, other.invoice_code or "", other.number)
            if key in seen and seen[key] != other.id:
                raise ValidationError(
                    _(
                        "The %(type)s number “%(number)s” is already recorded.",
                        type=type_labels.get(other.invoice_type, other.invoice_type),
                        number=other.number,
                    )
                )

    @api.model
    def _normalize_number_vals(self, vals):
        for fname in ("number", "invoice_code"):
            if vals.get(fname):
                vals[fname] = fapiao.normalize(vals[fname])

    def _compute_display_name(self):
        type_labels = dict(self._fields["invoice_type"]._description_selection(self.env))
        for invoice in self:
            invoice.display_name = f"{type_labels.get(invoice.invoice_type, '')} {invoice.number or ''}".strip()
