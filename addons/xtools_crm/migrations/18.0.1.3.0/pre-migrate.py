"""18.0.1.3.0: a manager's customer rule reads one indexed relation, ``team_access_user_ids`` (the owner, the shared
users and the leaders of the owner's teams), instead of ``access_user_ids`` OR the owner's team leaders.

The rules live in a ``noupdate`` file, so an upgrade would keep the former domain: remove the manager's rule, and
the upgrade creates it again from ``security/ir_rules.xml``. The new stored field is computed for the existing
customers by the upgrade itself (a new stored computed field).
"""

from odoo.addons.xtools_crm.tools.upgrade import delete_rules

CHANGED_RULES = ("xtools_customer_rule_manager",)


def migrate(cr, version):
    delete_rules(cr, CHANGED_RULES)
