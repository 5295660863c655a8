from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.phone import format_phone

QUOTE_STATES = [("draft", "Draft"), ("sent", "Sent"), ("accepted", "Accepted"), ("rejected", "Rejected")]


class XtoolsQuote(models.Model):
    """A quote 报价 given to the customer within an opportunity: product lines and totals, printable."""

    _name = "xtools.quote"
    _description = "Quote"
    _inherit = ["mail.thread", "xtools.customer.linked"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _xtools_state = ("state", "draft")

    name = fields.Char(string="Quote Number", required=True, readonly=True, copy=False, default=lambda self: _("New"),
                       index="trigram")
    opportunity_id = fields.Many2one(
        "xtools.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="opportunity_id.customer_id", string="Customer", store=True, index=True
    )
    contact_id = fields.Many2one(related="opportunity_id.contact_id", string="Contact")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", default=lambda self: self.env.user, domain="[('share', '=', False)]"
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    date = fields.Date(string="Quote Date", required=True, default=fields.Date.context_today)
    validity_date = fields.Date(string="Valid Until")
    state = fields.Selection(
        QUOTE_STATES, string="Status", default="draft", required=True, tracking=True, readonly=True, copy=False
    )
    line_ids = fields.One2many("xtools.quote.line", "quote_id", string="Quote Lines", copy=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True, tracking=True)
    note = fields.Text(string="Terms and Conditions")
    customer_phone_display = fields.Char(string="Customer Phone", compute="_compute_customer_phone_display")

    @api.depends("customer_id.phone", "customer_id.mobile")
    def _compute_customer_phone_display(self):
        """The customer's phone as printed: national notation (010-5887 6139), not the stored E.164."""
        for quote in self:
            quote.customer_phone_display = format_phone(quote.customer_id.phone or quote.customer_id.mobile)

    @api.depends("line_ids.subtotal")
    def _compute_amount_total(self):
        for quote in self:
            quote.amount_total = sum(quote.line_ids.mapped("subtotal"))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["ir.sequence"]._xtools_fill_codes(vals_list, "name", "xtools.quote", _("New"))
        return super().create(vals_list)

    def action_print(self):
        return self.env.ref("xtools_crm.xtools_quote_report_action").report_action(self)

    def action_mark_sent(self):
        self.filtered(lambda q: q.state == "draft")._xtools_write_state({"state": "sent"})

    def action_accept(self):
        self._check_open_for_decision()
        self._xtools_write_state({"state": "accepted"})

    def action_reject(self):
        self._check_open_for_decision()
        self._xtools_write_state({"state": "rejected"})

    def _check_open_for_decision(self):
        decided = self.filtered(lambda q: q.state not in ("draft", "sent"))
        if decided:
            raise UserError(
                _("The quote %(name)s is already accepted or rejected.", name=decided[0].name)
            )
