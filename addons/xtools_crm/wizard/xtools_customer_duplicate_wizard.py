from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.xtools_customer import DUPLICATE_MATCHES, LIFECYCLES


class XtoolsCustomerDuplicateWizard(models.TransientModel):
    """The duplicate check 查重: before typing in a new customer, find out whether a colleague already has it.

    Looks through every owner's file and the pools (``xtools.customer._find_similar_customers``); of a customer the
    user cannot see, a result line holds only its name, owner (or pool) and lifecycle, and nothing opens it."""

    _name = "xtools.customer.duplicate.wizard"
    _description = "Duplicate Check"

    name = fields.Char(string="Customer Name", help="A name, short name or pinyin, e.g. 沃力森 or wolisen.")
    phone = fields.Char(help="A phone or mobile number in any notation.")
    # The customer whose duplicates are looked for, left out of the result (an id only: nothing is read of it).
    exclude_customer_id = fields.Integer(readonly=True)
    line_ids = fields.One2many("xtools.customer.duplicate.line", "wizard_id", string="Similar Customers",
                               readonly=True)
    checked = fields.Boolean(readonly=True)

    def action_check(self):
        self.ensure_one()
        if not (self.name or "").strip() and not (self.phone or "").strip():
            raise UserError(_("Type a customer name or a phone number to check."))
        lines = self.env["xtools.customer"]._get_duplicate_lines(
            name=self.name, phone=self.phone, exclude_ids=[self.exclude_customer_id] if self.exclude_customer_id else []
        )
        self.write({
            "line_ids": [fields.Command.clear()] + [fields.Command.create(line) for line in lines],
            "checked": True,
        })
        return {
            "type": "ir.actions.act_window",
            "name": _("Duplicate Check"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class XtoolsCustomerDuplicateLine(models.TransientModel):
    _name = "xtools.customer.duplicate.line"
    _description = "Duplicate Check Result"
    _order = "score desc, id"

    wizard_id = fields.Many2one("xtools.customer.duplicate.wizard", required=True, ondelete="cascade")
    customer_id = fields.Many2one(
        "xtools.customer", readonly=True, help="Set only for a customer you may open."
    )
    name = fields.Char(string="Customer Name", readonly=True)
    owner = fields.Char(readonly=True)
    lifecycle = fields.Selection(LIFECYCLES, readonly=True)
    match = fields.Selection(DUPLICATE_MATCHES, readonly=True)
    score = fields.Float(string="Similarity", readonly=True, digits=(3, 2))

    @api.constrains("customer_id")
    def _check_customer_id(self):
        """A result line links only a customer the user may open (its name would be shown otherwise)."""
        if not self.env.su:
            self.customer_id.check_access("read")

    def action_open_customer(self):
        self.ensure_one()
        return self.customer_id.action_open_customer()
