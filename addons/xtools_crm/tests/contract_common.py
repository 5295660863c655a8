from datetime import date

from odoo import Command

from .common import XtoolsCrmCase


class XtoolsContractCase(XtoolsCrmCase):
    """Contracts fixtures: two products and helpers to build signed contracts with plans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        Product = cls.env["product.product"]
        cls.product_license = Product.create({"name": "测试软件许可", "type": "service", "list_price": 1000})
        cls.product_server = Product.create({"name": "测试服务器", "type": "consu", "list_price": 20000})

    @classmethod
    def _contract(cls, customer, amount=10000.0, plans=None, sign=True, user=None, lines=None, **vals):
        """A contract of ``customer`` (created as ``user``, default the customer's owner) with ``plans``
        as ``[(due_date, amount), ...]`` (default: one plan of the whole amount due in a month), signed."""
        user = user or customer.user_id
        if plans is None:
            plans = [(date.today().replace(day=1), amount)]
        values = {
            "name": vals.pop("name", "测试合同"),
            "customer_id": customer.id,
            "plan_ids": [Command.create({"due_date": d, "amount": a}) for d, a in plans],
            **vals,
        }
        if lines:
            values["line_ids"] = [
                Command.create({"product_id": product.id, "quantity": qty, "price_unit": price})
                for product, qty, price in lines
            ]
        else:
            values["amount"] = amount
        contract = cls.env["xtools.contract"].with_user(user).create(values)
        if sign:
            contract.action_sign()
        return contract.with_env(cls.env)

    @classmethod
    def _pay(cls, contract, amount, user=None, **vals):
        user = user or contract.customer_id.user_id
        return cls.env["xtools.payment"].with_user(user).create(
            {"contract_id": contract.id, "amount": amount, **vals}
        ).with_env(cls.env)
