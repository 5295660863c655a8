from odoo import api, fields, models


class XtoolsContractDocument(models.AbstractModel):
    """What every record filed under a contract shares (payment plans, payments, invoices, deliveries): the
    contract, the customer taken from it — so moving a contract to another customer moves its whole file — and the
    contract's currency. Each model narrows ``contract_id`` (domain, ``ondelete``) to its own needs."""

    _name = "xtools.contract.document"
    _description = "Document Filed under a Contract"
    _inherit = ["xtools.customer.document"]

    contract_id = fields.Many2one(
        "xtools.contract", required=True, index=True, ondelete="restrict", check_company=True
    )
    customer_id = fields.Many2one(compute="_compute_customer_id", store=True, readonly=False, precompute=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")

    @api.depends("contract_id.customer_id")
    def _compute_customer_id(self):
        for document in self:
            if document.contract_id:
                document.customer_id = document.contract_id.customer_id
