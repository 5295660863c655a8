"""18.0.1.2.0: the customer's rules read one indexed relation, ``access_user_ids`` (the owner and the shared users).

The rules live in a ``noupdate`` file, so an upgrade would keep their former domains: remove the two rules that
change, and the upgrade creates them again from ``security/ir_rules.xml``. The new stored field is computed for the
existing customers by the upgrade itself (a new stored computed field).
"""

from odoo.addons.xtools_crm.tools.upgrade import delete_rules

CHANGED_RULES = ("xtools_customer_rule_sales", "xtools_customer_rule_manager")


def migrate(cr, version):
    delete_rules(cr, CHANGED_RULES)
