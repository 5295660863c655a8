from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestContractAccess(XtoolsContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_a1 = cls._contract(cls.customer_a1, amount=10000, lines=None, name="甲一合同")
        cls.contract_b1 = cls._contract(cls.customer_b1, amount=20000, name="乙一合同",
                                        lines=[(cls.product_license, 20, 1000)])
        cls.payment_b1 = cls._pay(cls.contract_b1, 5000)
        cls.invoice_b1 = cls.env["xtools.invoice"].create({
            "contract_id": cls.contract_b1.id, "amount": 5000, "invoice_type": "receipt", "number": "SJ001",
        })
        cls.delivery_b1 = cls.env["xtools.delivery"].create({
            "contract_id": cls.contract_b1.id, "product_id": cls.product_license.id, "planned_qty": 5,
            "planned_date": date(2026, 5, 1),
        })
        cls.record_b1 = cls.env["xtools.delivery.record"].create({"delivery_id": cls.delivery_b1.id, "qty": 1})

    def _records_b1(self):
        return [
            self.contract_b1, self.contract_b1.line_ids, self.contract_b1.plan_ids, self.payment_b1,
            self.invoice_b1, self.delivery_b1, self.record_b1,
        ]

    def assertHidden(self, user, record):
        Model = self.env[record._name].with_user(user)
        with self.assertRaises(AccessError):
            record.with_user(user).read(["display_name"])
        domain = [("id", "in", record.ids)]
        self.assertFalse(Model.search(domain), record._name)
        self.assertEqual(Model.search_count(domain), 0)
        self.assertFalse(Model._read_group(domain, ["create_uid"], ["__count"]))
        self.assertNotIn(record.id, [r[0] for r in Model.name_search(record.display_name.split()[0])])

    def assertVisible(self, user, record):
        Model = self.env[record._name].with_user(user)
        record.with_user(user).read(["display_name"])
        self.assertEqual(Model.search_count([("id", "in", record.ids)]), len(record))

    def test_sales_sees_only_their_customers_contracts(self):
        for record in self._records_b1():
            self.assertHidden(self.sales_a1, record)
            self.assertVisible(self.sales_b1, record)
        self.assertVisible(self.sales_a1, self.contract_a1)
        self.assertEqual(
            self.env["xtools.contract"]
            .with_user(self.sales_a1)
            .search([("id", "in", (self.contract_a1 | self.contract_b1).ids)]),
            self.contract_a1,
        )

    def test_manager_sees_team_boss_sees_all(self):
        for record in self._records_b1():
            self.assertHidden(self.manager_a, record)
            self.assertVisible(self.manager_b, record)
            self.assertVisible(self.boss, record)
        self.assertVisible(self.manager_a, self.contract_a1)

    def test_share_and_transfer_move_the_file(self):
        self.customer_b1._share_with(self.sales_a1)
        for record in self._records_b1():
            self.assertVisible(self.sales_a1, record)
        self.customer_b1._unshare_with(self.sales_a1)
        self.customer_b1._transfer_to(self.sales_a2)
        for record in self._records_b1():
            self.assertHidden(self.sales_b1, record)
            self.assertVisible(self.sales_a2, record)
            self.assertVisible(self.manager_a, record)

    def test_no_writing_into_hidden_customers(self):
        with self.assertRaises(AccessError):
            self.env["xtools.contract"].with_user(self.sales_a1).create(
                {"name": "越权合同", "customer_id": self.customer_b1.id, "amount": 1}
            )
        with self.assertRaises(AccessError):
            self.env["xtools.payment"].with_user(self.sales_a1).create(
                {"contract_id": self.contract_b1.id, "amount": 1}
            )
        with self.assertRaises(AccessError):
            self.contract_b1.with_user(self.sales_a1).write({"name": "改名"})

    def test_sales_cannot_delete_payments_or_invoices(self):
        payment = self._pay(self.contract_a1, 100)
        with self.assertRaises(AccessError):
            payment.with_user(self.sales_a1).unlink()
        payment.with_user(self.manager_a).unlink()
        self.assertEqual(self.contract_a1.paid_amount, 0)

    def test_cancel_and_reset_are_for_managers(self):
        with self.assertRaises(AccessError):
            self.contract_a1.with_user(self.sales_a1).action_cancel()
        self.contract_a1.with_user(self.manager_a).action_cancel()
        with self.assertRaises(AccessError):
            self.contract_a1.with_user(self.sales_a1).action_draft()
        self.contract_a1.with_user(self.boss).action_draft()
        self.assertEqual(self.contract_a1.state, "draft")

    def test_customer_totals_need_no_access_to_hidden_rows(self):
        """Stored totals are computed once for everybody: a salesperson reads the customer's totals."""
        self.assertEqual(self.customer_b1.with_user(self.sales_b1).payment_amount_total, 5000)
        self.assertEqual(self.customer_b1.with_user(self.sales_b1).receivable_amount, 15000)

    def test_portal_sees_nothing(self):
        for model in ("xtools.contract", "xtools.payment", "xtools.payment.plan", "xtools.invoice"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.portal).search([])

    def test_lines_follow_contract_company(self):
        other = self.env["res.company"].create({"name": "其他公司合同"})
        self.boss.company_ids = [Command.link(other.id)]
        customer = self.env["xtools.customer"].create(
            {"name": "外公司合同客户", "short_name": "外合同", "company_id": other.id, "user_id": self.boss.id}
        )
        contract = self.env["xtools.contract"].create({"name": "外公司合同", "customer_id": customer.id, "amount": 1})
        self.assertEqual(contract.company_id, other)
        Contract = self.env["xtools.contract"].with_user(self.boss).with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(Contract.search([("id", "=", contract.id)]))
