from odoo import api, models

# Marks, in the context, the computation of the customer's own rules. An object cannot come from an RPC's JSON
# context, so no caller can set it to drop the partners' rules elsewhere.
_CUSTOMER_RULES_KEY = "xtools_customer_rules"
_CUSTOMER_RULES = object()


class IrRule(models.Model):
    """A customer's rules without its partner's.

    Odoo adds to the rules of a model those of its ``_inherits`` parents: a customer would obey its partner's rules
    too. Those rules follow the customer (``res_partner_rule_xtools_customer``: the partner of a customer is visible
    exactly when the customer is; the customer's company rule is at least as strict as the partner's), so they
    would only repeat the customer's own rules — through a join of every partner, in every statement that reads a
    customer or anything filed under one (the benchmark's main cost, ``bench/results/FIXES.md``).
    """

    _inherit = "ir.rule"

    def _compute_domain_keys(self):
        return [*super()._compute_domain_keys(), _CUSTOMER_RULES_KEY]

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        marked = self.env.context.get(_CUSTOMER_RULES_KEY) is _CUSTOMER_RULES
        if model_name == "xtools.customer" and not marked:
            return self.with_context(**{_CUSTOMER_RULES_KEY: _CUSTOMER_RULES})._compute_domain(model_name, mode)
        if model_name == "res.partner" and marked:
            return []  # the customer's partner, while the customer's rules are computed
        return super()._compute_domain(model_name, mode)
