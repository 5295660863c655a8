from odoo import api, models

from .xtools_customer_linked import _SEARCHING_VISIBLE_CUSTOMERS

# Marks, in the context, the computation of the customer's own rules. An object cannot come from an RPC's JSON
# context, so no caller can set it to drop the partners' rules elsewhere.
_CUSTOMER_RULES_KEY = "xtools_customer_rules"
_CUSTOMER_RULES = object()


class IrRule(models.Model):
    """A customer's rules without its partner's, a manager's without the salesperson's, and without the pool rule
    when the customers whose file a user sees are searched.

    Odoo adds to the rules of a model those of its ``_inherits`` parents: a customer would obey its partner's rules
    too. Those rules follow the customer (``res_partner_rule_xtools_customer``: the partner of a customer is visible
    exactly when the customer is; the customer's company rule is at least as strict as the partner's), so they
    would only repeat the customer's own rules — through a join of every partner, in every statement that reads a
    customer or anything filed under one (the benchmark's main cost, ``bench/results/FIXES.md``).

    A manager's rule (``team_access_user_ids``: the owner, the shares and the leaders of the owner's teams)
    contains the salesperson's (``access_user_ids``), which group rules would OR to it: PostgreSQL answers either
    through its relation's index, not their ``OR``, which it answers by scanning every customer.

    Pool members read a pool's customers (``xtools_customer_rule_pool``), not their file: the search of the
    customers whose file a user sees (``xtools.customer.linked._xtools_visible_domain``) leaves that rule out. A
    rule left out, rather than one that becomes ``FALSE`` in SQL: PostgreSQL turns the remaining
    ``EXISTS (… access_user_ids …)`` into a join on the relation's index only when no ``OR`` surrounds it.
    """

    _inherit = "ir.rule"

    def _compute_domain_keys(self):
        return [*super()._compute_domain_keys(), _CUSTOMER_RULES_KEY, "xtools_searching_visible_customers"]

    def _get_rules(self, model_name, mode="read"):
        rules = super()._get_rules(model_name, mode=mode)
        if model_name != "xtools.customer":
            return rules
        left_out = self.browse()
        if self.env.context.get("xtools_searching_visible_customers") is _SEARCHING_VISIBLE_CUSTOMERS:
            left_out |= self.env.ref("xtools_crm.xtools_customer_rule_pool")
        manager_rule = self.env.ref("xtools_crm.xtools_customer_rule_manager", raise_if_not_found=False)
        sales_rule = self.env.ref("xtools_crm.xtools_customer_rule_sales", raise_if_not_found=False)
        if manager_rule and sales_rule and manager_rule in rules:
            # The user is a manager (only their groups' rules are returned): their rule contains the salesperson's.
            left_out |= sales_rule
        return rules - left_out

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        marked = self.env.context.get(_CUSTOMER_RULES_KEY) is _CUSTOMER_RULES
        if model_name == "xtools.customer" and not marked:
            return self.with_context(**{_CUSTOMER_RULES_KEY: _CUSTOMER_RULES})._compute_domain(model_name, mode)
        if model_name == "res.partner" and marked:
            return []  # the customer's partner, while the customer's rules are computed
        return super()._compute_domain(model_name, mode)
