from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestInvoices(XtoolsContractCase):
    def _invoice(self, contract, amount, invoice_type="digital_normal", number="24110000000000000123", **vals):
        return self.env["xtools.invoice"].with_user(contract.customer_id.user_id).create({
            "contract_id": contract.id, "amount": amount, "invoice_type": invoice_type, "number": number,
            "date": date(2026, 3, 1), **vals,
        })

    def test_number_checked_by_type(self):
        contract = self._contract(self.customer_a1, amount=10000)
        with self.assertRaises(ValidationError) as error:
            self._invoice(contract, 100, number="12345")
        self.assertIn("12345", str(error.exception))
        self.assertIn("20 digits", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self._invoice(contract, 100, invoice_type="vat_special", number="00012345", invoice_code="031001900111")
        self.assertIn("031001900111", str(error.exception))
        invoice = self._invoice(contract, 100, invoice_type="vat_special", number="0001 2345",
                                invoice_code="1100231130")
        self.assertEqual(invoice.number, "00012345")
        self.assertEqual(invoice.customer_id, self.customer_a1)
        self._invoice(contract, 100, invoice_type="receipt", number="收据001")

    def test_number_unique_per_company_and_type(self):
        contract = self._contract(self.customer_a1, amount=10000)
        self._invoice(contract, 100)
        with self.assertRaises(ValidationError) as error:
            self._invoice(contract, 100)
        self.assertIn("24110000000000000123", str(error.exception))
        # The same digits under another type are another document.
        self._invoice(contract, 100, invoice_type="digital_special")
        # A number of a customer the user cannot see is still taken.
        other = self._contract(self.customer_b1, amount=10000)
        with self.assertRaises(ValidationError):
            self._invoice(other, 100)

    def test_over_invoicing_refused(self):
        contract = self._contract(self.customer_a1, amount=10000)
        self._invoice(contract, 9000)
        with self.assertRaises(ValidationError) as error:
            self._invoice(contract, 2000, number="24110000000000000124")
        message = str(error.exception)
        self.assertIn("Over-invoicing refused", message)
        self.assertIn("11,000.00", message)
        self.assertIn("10,000.00", message)
        self.assertEqual(contract.invoiced_amount, 9000)

    def test_payment_flagged_invoiced(self):
        contract = self._contract(self.customer_a1, amount=10000)
        invoice = self._invoice(contract, 3000)
        payment = self._pay(contract, 3000, invoice_id=invoice.id)
        self.assertTrue(payment.invoiced)
        self.assertEqual(invoice.payment_ids, payment)
        unflagged = self._pay(contract, 1000)
        self.assertFalse(unflagged.invoiced)
        unflagged.with_user(self.sales_a1).invoiced = True
        self.assertTrue(unflagged.invoiced)


@tagged("post_install", "-at_install")
class TestDeliveries(XtoolsContractCase):
    def setUp(self):
        super().setUp()
        self.contract = self._contract(
            self.customer_a1, lines=[(self.product_license, 10, 1000), (self.product_server, 1, 20000)],
            plans=[(date(2026, 1, 1), 30000)],
        )

    def _delivery(self, product, qty, planned_date=date(2026, 3, 1)):
        return self.env["xtools.delivery"].with_user(self.sales_a1).create({
            "contract_id": self.contract.id, "product_id": product.id, "planned_qty": qty,
            "planned_date": planned_date,
        })

    def _deliver(self, delivery, qty):
        return self.env["xtools.delivery.record"].with_user(self.sales_a1).create(
            {"delivery_id": delivery.id, "qty": qty}
        )

    def test_delivered_quantity_and_over_delivery(self):
        delivery = self._delivery(self.product_license, 6)
        self._deliver(delivery, 4)
        self.assertEqual((delivery.delivered_qty, delivery.remaining_qty, delivery.is_delivered), (4, 2, False))
        with self.assertRaises(ValidationError) as error:
            self._deliver(delivery, 3)
        message = str(error.exception)
        self.assertIn("Over-delivery refused", message)
        self.assertIn("7.0", message)
        self.assertIn("6.0", message)
        self.assertEqual(delivery.delivered_qty, 4)
        record = self._deliver(delivery, 2)
        self.assertTrue(delivery.is_delivered)
        with self.assertRaises(ValidationError):
            record.with_user(self.sales_a1).qty = 3
        with self.assertRaises(ValidationError):
            self._deliver(delivery, 0)
        record.with_user(self.manager_a).unlink()
        self.assertEqual(delivery.delivered_qty, 4)

    def test_plan_follows_the_contract_lines(self):
        other = self.env["product.product"].create({"name": "非合同产品"})
        with self.assertRaises(ValidationError):
            self._delivery(other, 1)
        self._delivery(self.product_license, 6)
        with self.assertRaises(ValidationError) as error:
            self._delivery(self.product_license, 5)
        self.assertIn("11.0", str(error.exception))

    def test_due_within_seven_days_or_late(self):
        """The search filter the workbench's delivery reminders use."""
        today = date.today()
        late = self._delivery(self.product_license, 2, today - timedelta(days=1))
        soon = self._delivery(self.product_license, 2, today + timedelta(days=7))
        self._delivery(self.product_license, 2, today + timedelta(days=8))
        done = self._delivery(self.product_server, 1, today)
        self._deliver(done, 1)
        arch = self.env["xtools.delivery"].get_views([(False, "search")])["views"]["search"]["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='due_soon']")[0]
        domain = safe_eval(node.get("domain"), {"context_today": date.today, "relativedelta": relativedelta})
        found = self.env["xtools.delivery"].search([("contract_id", "=", self.contract.id)] + domain)
        self.assertEqual(found, late | soon)
