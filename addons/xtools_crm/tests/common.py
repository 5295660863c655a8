from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Every model linked to a customer (``xtools.customer.linked``) follows it through one global rule.
FOLLOWS_CUSTOMER_RULE = "[('xtools_customer_visible', '=', True)]"
# Pool members read the customers of their pools (read only), not their files (xtools.customer.pool_member_visible).
POOL_MEMBER_RULE = "[('pool_member_visible', '=', True)]"


def linked_models(env):
    """The concrete models whose records follow their customer's visibility (xtools.customer.linked), except the
    customer itself, whose own rules decide."""
    return sorted(
        name for name, model in env.registry.items()
        if not model._abstract and hasattr(model, "_xtools_customer_path") and name != "xtools.customer"
    )


# Records of a person rather than of a customer (daily reports): visible to the person, to the leaders of their
# teams and to the boss. test_access pins their rules.
USER_MODELS = ["xtools.daily.report"]


def customer_rule_domains(prefix=""):
    """The record-rule domains of the customer, read through ``prefix`` (e.g. ``"customer_id."``)."""
    return {
        "xtools_crm.group_sales": f"[('{prefix}access_user_ids', 'in', user.id)]",
        "xtools_crm.group_manager": f"[('{prefix}team_access_user_ids', 'in', user.id)]",
        "xtools_crm.group_boss": "[(1, '=', 1)]",
    }


def user_rule_domains(prefix=""):
    """The record-rule domains of a person's records, read through ``prefix`` (e.g. ``""`` for ``user_id``)."""
    return {
        "xtools_crm.group_sales": f"[('{prefix}user_id', '=', user.id)]",
        "xtools_crm.group_manager": f"['|', ('{prefix}user_id', '=', user.id), "
        f"('{prefix}user_id.crm_team_ids.user_id', '=', user.id)]",
        "xtools_crm.group_boss": "[(1, '=', 1)]",
    }


class XtoolsCrmCase(TransactionCase):
    """Roles and teams shared by the tests.

    Team A is led by ``manager_a`` with ``sales_a1`` and ``sales_a2``; team B is led by ``manager_b`` with
    ``sales_b1``. Each salesperson owns one customer; the boss owns one; a portal user exists.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The database speaks Chinese; the tests read messages in their English source.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.boss = cls._new_user("t_boss", "xtools_crm.group_boss", "老板")
        cls.manager_a = cls._new_user("t_manager_a", "xtools_crm.group_manager,base.group_allow_export", "经理A")
        cls.manager_b = cls._new_user("t_manager_b", "xtools_crm.group_manager", "经理B")
        cls.sales_a1 = cls._new_user("t_sales_a1", "xtools_crm.group_sales,base.group_allow_export", "销售A1")
        cls.sales_a2 = cls._new_user("t_sales_a2", "xtools_crm.group_sales", "销售A2")
        cls.sales_b1 = cls._new_user("t_sales_b1", "xtools_crm.group_sales", "销售B1")
        cls.portal = new_test_user(cls.env, login="t_portal", groups="base.group_portal", name="Portal")
        cls.team_a = cls.env["crm.team"].create(
            {
                "name": "Team A",
                "user_id": cls.manager_a.id,
                "member_ids": [Command.set((cls.sales_a1 | cls.sales_a2).ids)],
            }
        )
        cls.team_b = cls.env["crm.team"].create(
            {"name": "Team B", "user_id": cls.manager_b.id, "member_ids": [Command.set(cls.sales_b1.ids)]}
        )
        Customer = cls.env["xtools.customer"]
        cls.customer_a1 = Customer.create(
            {"name": "甲一科技有限公司", "short_name": "甲一", "user_id": cls.sales_a1.id}
        )
        cls.customer_a2 = Customer.create(
            {"name": "甲二贸易有限公司", "short_name": "甲二", "user_id": cls.sales_a2.id}
        )
        cls.customer_b1 = Customer.create(
            {"name": "乙一制造有限公司", "short_name": "乙一", "user_id": cls.sales_b1.id}
        )
        cls.customer_boss = Customer.create({"name": "丙总集团有限公司", "short_name": "丙总", "user_id": cls.boss.id})

    @classmethod
    def _new_user(cls, login, groups, name):
        return new_test_user(
            cls.env, login=login, groups=groups, name=name, email=f"{login}@example.cn", company_id=cls.company.id
        )
