from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class XtoolsCustomerDocument(models.AbstractModel):
    """What every record filed under a customer shares: the customer (and one of its contacts), its company and
    the user in charge.

    Visibility of such a document is exactly the visibility of its customer: each concrete model repeats the
    customer's record rules through ``customer_id`` (see ``security/ir_rules.xml``), so sharing or transferring a
    customer moves its whole file.
    """

    _name = "xtools.customer.document"
    _description = "Document Filed under a Customer"
    _check_company_auto = True

    customer_id = fields.Many2one(
        "xtools.customer",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
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
        string="Contact",
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

    @api.depends("customer_id")
    def _compute_company_id(self):
        for document in self:
            if document.customer_id:
                document.company_id = document.customer_id.company_id

    @api.constrains("customer_id")
    def _check_customer_not_in_pool(self):
        """A customer in the pool 公海 has no owner: nothing new is filed under it until it is claimed or assigned
        (pool members see the customer, not its file). The boss, who sees every file, is not held back."""
        if self.env.su or self.env.user.has_group("xtools_crm.group_boss"):
            return
        for document in self:
            pool = document.customer_id.sudo().pool_id  # only whether it is in a pool
            if pool:
                raise ValidationError(
                    _(
                        "The customer “%(customer)s” is in the customer pool “%(pool)s”: claim it before filing "
                        "records under it.",
                        customer=document.customer_id.name,  # AccessError for a customer hidden from the user
                        pool=pool.name,
                    )
                )
