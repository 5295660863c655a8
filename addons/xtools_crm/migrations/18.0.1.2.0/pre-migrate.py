"""18.0.1.2.0: the customer's rules read one indexed relation, ``access_user_ids`` (the owner and the shared users).

The rules live in a ``noupdate`` file, so an upgrade would keep their former domains: remove the two rules that
change, and the upgrade creates them again from ``security/ir_rules.xml``. The new stored field is computed for the
existing customers by the upgrade itself (a new stored computed field).
"""

CHANGED_RULES = ("xtools_customer_rule_sales", "xtools_customer_rule_manager")


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name IN %s)
        """,
        [CHANGED_RULES],
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name IN %s",
        [CHANGED_RULES],
    )
