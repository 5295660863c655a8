from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class XtoolsCustomerDocument(models.AbstractModel):
    """What every record filed under a customer shares: the customer (and one of its contacts), its company and
    the user in charge.

    Visibility of such a document is exactly the visibility of its customer, and what it links to stays within
    that customer's file: see ``xtools.customer.linked``. Sharing or transferring a customer moves its whole file.
    """

    _name = "xtools.customer.document"
    _description = "Document Filed under a Customer"
    _inherit = ["xtools.customer.linked", "xtools.period.label.mixin"]
    _check_company_auto = True
    _xtools_company_is_customers = True

    customer_id = fields.Many2one(
        "xtools.customer",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    customer_partner_id = fields.Many2one(related="customer_id.partner_id", string="Customer Partner")
    contact_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        domain="[('parent_id', '=', customer_partner_id), ('parent_id', '!=', False)]",
        help="The customer's contact person.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )

    @api.depends("customer_id.company_id")
    def _compute_company_id(self):
        """The customer's company; before a customer is chosen, the user's current company (as Odoo's
        ``check_company`` documents do), so that the customer field offers the user's customers."""
        for document in self:
            document.company_id = document.customer_id.company_id or document.company_id or self.env.company

    @api.constrains("company_id", "customer_id")
    def _check_company_is_customers(self):
        # The record rules read the document's company as its customer's (``_xtools_company_is_customers``):
        # ``check_company`` alone would also let a branch's document file under its parent company's customer.
        for document in self:
            if document.customer_id and document.company_id != document.customer_id.company_id:
                raise ValidationError(_(
                    "Company: “%(company)s” is not the company of the customer “%(customer)s” (%(customer_company)s).",
                    company=document.company_id.display_name, customer=document.customer_id.sudo().display_name,
                    customer_company=document.customer_id.sudo().company_id.display_name,
                ))
