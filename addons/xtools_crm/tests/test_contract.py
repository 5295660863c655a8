import base64
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import XtoolsCrmCase
from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestContract(XtoolsContractCase):
    def test_code_from_sequence_and_lines_set_amount(self):
        contract = self._contract(
            self.customer_a1, sign=False,
            lines=[(self.product_license, 10, 1000), (self.product_server, 2, 20000)],
            plans=[],
        )
        self.assertTrue(contract.code.startswith(f"HT{date.today().year}"))
        self.assertEqual(contract.amount, 50000)
        self.assertIn(contract.code, contract.display_name)
        contract.line_ids[0].quantity = 20
        self.assertEqual(contract.amount, 60000)
        other = self._contract(self.customer_a1, sign=False, plans=[])
        self.assertNotEqual(other.code, contract.code)

    def test_sign_needs_plans_equal_to_amount(self):
        contract = self._contract(self.customer_a1, amount=10000, plans=[(date(2026, 1, 1), 3000)], sign=False)
        with self.assertRaises(UserError) as error:
            contract.with_user(self.sales_a1).action_sign()
        self.assertIn("3,000.00", str(error.exception))
        self.assertIn("10,000.00", str(error.exception))
        self.assertEqual(contract.state, "draft")
        contract.plan_ids = [Command.create({"due_date": date(2026, 2, 1), "amount": 7000})]
        contract.with_user(self.sales_a1).action_sign()
        self.assertEqual(contract.state, "running")
        self.assertEqual(contract.sign_date, date.today())

    def test_sign_needs_text_when_required(self):
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", True)
        contract = self._contract(self.customer_a1, sign=False)
        with self.assertRaises(UserError) as error:
            contract.with_user(self.sales_a1).action_sign()
        self.assertIn(contract.name, str(error.exception))
        contract.with_user(self.sales_a1).write({
            "contract_file": base64.b64encode(b"%PDF-1.4 contract"), "contract_filename": "合同.pdf",
        })
        contract.with_user(self.sales_a1).action_sign()
        self.assertEqual(contract.state, "running")

    def test_first_signed_contract_makes_a_customer(self):
        self.assertEqual(self.customer_a1.lifecycle, "potential")
        contract = self._contract(self.customer_a1, sign=False)
        self.assertEqual(self.customer_a1.lifecycle, "potential")
        contract.with_user(self.sales_a1).action_sign()
        self.assertEqual(self.customer_a1.lifecycle, "customer")

    def test_state_changes_only_through_buttons(self):
        contract = self._contract(self.customer_a1, sign=False)
        with self.assertRaises(UserError):
            contract.with_user(self.sales_a1).write({"state": "running"})
        with self.assertRaises(UserError):
            self.env["xtools.contract"].with_user(self.sales_a1).create(
                {"name": "直接生效", "customer_id": self.customer_a1.id, "state": "done"}
            )
        contract.with_user(self.sales_a1).action_sign()
        contract.with_user(self.sales_a1).action_done()
        self.assertEqual(contract.state, "done")
        with self.assertRaises(UserError):
            contract.with_user(self.sales_a1).action_done()

    def test_signed_contract_amount_and_lines_only_by_manager(self):
        contract = self._contract(self.customer_a1, lines=[(self.product_license, 10, 1000)],
                                  plans=[(date(2026, 1, 1), 10000)])
        as_sales = contract.with_user(self.sales_a1)
        with self.assertRaises(AccessError):
            as_sales.write({"amount": 1})
        with self.assertRaises(AccessError):
            as_sales.line_ids.write({"quantity": 1})
        with self.assertRaises(AccessError):
            as_sales.write({"line_ids": [Command.create({"product_id": self.product_server.id, "price_unit": 1})]})
        with self.assertRaises(AccessError):
            as_sales.line_ids.unlink()
        with self.assertRaises(AccessError):
            as_sales.action_cancel()
        with self.assertRaises(AccessError):
            as_sales.write({"user_id": self.sales_a2.id})
        with self.assertRaises(AccessError):
            as_sales.write({"sign_date": date(2020, 1, 1)})
        # Other fields remain the salesperson's to keep up to date.
        as_sales.write({"name": "软件许可合同（续）"})
        # Their manager may change the products and cancel.
        contract.with_user(self.manager_a).write({
            "line_ids": [Command.update(contract.line_ids.id, {"quantity": 12})],
            "plan_ids": [Command.update(contract.plan_ids.id, {"amount": 12000})],  # the plans follow the amount
        })
        self.assertEqual(contract.amount, 12000)
        contract.with_user(self.manager_a).action_cancel()
        self.assertEqual(contract.state, "cancelled")

    def test_manager_cannot_lower_amount_below_payments(self):
        contract = self._contract(self.customer_a1, amount=10000)
        self._pay(contract, 8000)
        with self.assertRaises(ValidationError) as error:
            contract.with_user(self.manager_a).write(
                {"amount": 5000, "plan_ids": [Command.update(contract.plan_ids.id, {"amount": 5000})]}
            )
        self.assertIn("8,000.00", str(error.exception))

    def test_only_drafts_are_deleted(self):
        draft = self._contract(self.customer_a1, sign=False)
        signed = self._contract(self.customer_a1)
        with self.assertRaises(UserError):
            signed.with_user(self.manager_a).unlink()
        draft.with_user(self.sales_a1).unlink()
        self.assertFalse(draft.exists())

    def test_form_creates_contract_with_lines(self):
        with Form(self.env["xtools.contract"].with_user(self.sales_a1).with_context(
                default_customer_id=self.customer_a1.id)) as form:
            form.name = "表单合同"
            with form.line_ids.new() as line:
                line.product_id = self.product_license
                line.quantity = 3
            self.assertEqual(form.amount, 3000)
            with form.plan_ids.new() as plan:
                plan.due_date = date(2026, 6, 30)
                plan.amount = 3000
        contract = form.record
        self.assertEqual(contract.plan_ids.customer_id, self.customer_a1)
        contract.action_sign()
        self.assertEqual(contract.state, "running")


@tagged("post_install", "-at_install")
class TestPaymentPlans(XtoolsContractCase):
    def _generate(self, contract, **vals):
        wizard = self.env["xtools.payment.plan.generate"].with_user(self.sales_a1).create(
            {"contract_id": contract.id, **vals}
        )
        wizard.action_generate()
        return contract.plan_ids

    def test_generate_by_percentages(self):
        contract = self._contract(self.customer_a1, amount=100000, plans=[], sign=False)
        plans = self._generate(contract, rule="percentage", percentages="30/60/10", first_date=date(2026, 1, 31))
        self.assertEqual(plans.mapped("amount"), [30000, 60000, 10000])
        self.assertEqual(plans.mapped("due_date"), [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)])
        self.assertEqual(contract.plan_amount_total, contract.amount)
        contract.action_sign()
        self.assertEqual(contract.state, "running")

    def test_generate_equal_monthly_keeps_the_total(self):
        contract = self._contract(self.customer_a1, amount=1000, plans=[(date(2026, 1, 1), 5)], sign=False)
        plans = self._generate(contract, rule="monthly", installments=3, first_date=date(2026, 1, 15),
                               interval_months=2)
        # The unpaid plan entered by hand was replaced; the last installment takes the rounding.
        self.assertEqual(plans.mapped("amount"), [333.33, 333.33, 333.34])
        self.assertEqual(plans.mapped("due_date"), [date(2026, 1, 15), date(2026, 3, 15), date(2026, 5, 15)])
        self.assertEqual(plans.mapped("name"), ["Installment 1/3", "Installment 2/3", "Installment 3/3"])

    def test_generate_refuses_bad_rules(self):
        contract = self._contract(self.customer_a1, amount=1000, plans=[], sign=False)
        with self.assertRaises(UserError) as error:
            self._generate(contract, rule="percentage", percentages="30/60")
        self.assertIn("30/60", str(error.exception))
        with self.assertRaises(UserError):
            self._generate(contract, rule="percentage", percentages="abc")
        with self.assertRaises(UserError):
            self._generate(contract, rule="monthly", installments=0)
        self.assertFalse(contract.plan_ids)

    def test_plan_amount_must_be_positive(self):
        contract = self._contract(self.customer_a1, sign=False, plans=[])
        with self.assertRaises(ValidationError):
            contract.plan_ids = [Command.create({"due_date": date(2026, 1, 1), "amount": 0})]

    @freeze_time("2026-03-10")
    def test_state_follows_payments_and_today(self):
        contract = self._contract(
            self.customer_a1, amount=1000, plans=[(date(2026, 3, 31), 300), (date(2026, 4, 30), 700)]
        )
        first, second = contract.plan_ids
        self.assertEqual((first.state, second.state), ("planned", "planned"))
        payment = self._pay(contract, 100, date=date(2026, 3, 10))
        self.assertEqual(payment.plan_id, first, "the oldest open plan gets the payment")
        self.assertEqual(first.paid_amount, 100)
        self.assertEqual(first.state, "partial")
        Plan = self.env["xtools.payment.plan"]
        self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("state", "=", "partial")]), first)

        with freeze_time("2026-04-01"):
            (first | second).invalidate_recordset(["state"])
            self.assertEqual(first.state, "overdue")
            self.assertEqual(second.state, "planned")
            self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("state", "=", "overdue")]), first)
            self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("state", "!=", "overdue")]), second)
            self._pay(contract, 200, date=date(2026, 4, 1))
            self.assertEqual(first.state, "paid")
            self.assertEqual(Plan.search([("contract_id", "=", contract.id), ("state", "in", ["paid"])]), first)

        with freeze_time("2026-05-01"):
            (first | second).invalidate_recordset(["state"])
            self.assertEqual(second.state, "overdue")
            # Paying more than the next plan needs spills over: nothing left over here, so both are paid.
            self._pay(contract, 700, plan_id=second.id)
            self.assertEqual((first.state, second.state), ("paid", "paid"))
            self.assertEqual(contract.unpaid_amount, 0)

    @freeze_time("2026-03-10")
    def test_plans_of_unsigned_contracts_are_not_overdue(self):
        draft = self._contract(self.customer_a1, amount=500, plans=[(date(2026, 3, 1), 500)], sign=False)
        self.assertEqual(draft.plan_ids.state, "planned")
        Plan = self.env["xtools.payment.plan"]
        self.assertFalse(Plan.search([("id", "=", draft.plan_ids.id), ("state", "=", "overdue")]))
        self.assertEqual(Plan.search([("id", "=", draft.plan_ids.id), ("state", "=", "planned")]), draft.plan_ids)
        draft.action_sign()
        draft.plan_ids.invalidate_recordset(["state"])
        self.assertEqual(draft.plan_ids.state, "overdue")
        self.assertEqual(Plan.search([("id", "=", draft.plan_ids.id), ("state", "=", "overdue")]), draft.plan_ids)

    def test_overflow_fills_the_next_plans(self):
        contract = self._contract(
            self.customer_a1, amount=1000,
            plans=[(date(2026, 1, 31), 300), (date(2026, 2, 28), 300), (date(2026, 3, 31), 400)],
        )
        first, second, third = contract.plan_ids
        self._pay(contract, 500, plan_id=first.id)
        self.assertEqual((first.paid_amount, second.paid_amount, third.paid_amount), (300, 200, 0))
        self._pay(contract, 100, plan_id=third.id)
        self.assertEqual((first.paid_amount, second.paid_amount, third.paid_amount), (300, 200, 100))
        self.assertEqual(second.residual_amount, 100)


@tagged("post_install", "-at_install")
class TestPayments(XtoolsContractCase):
    def test_overpayment_refused_with_amounts(self):
        contract = self._contract(self.customer_a1, amount=10000)
        self._pay(contract, 6000)
        with self.assertRaises(ValidationError) as error:
            self._pay(contract, 5000)
        message = str(error.exception)
        self.assertIn("Overpayment refused", message)
        self.assertIn(contract.code, message)
        self.assertIn("11,000.00", message)
        self.assertIn("1,000.00", message)
        self.assertIn("10,000.00", message)
        self.assertEqual(contract.paid_amount, 6000)
        self._pay(contract, 4000)
        self.assertEqual(contract.unpaid_amount, 0)
        # Raising an existing payment is refused as well.
        with self.assertRaises(ValidationError):
            contract.payment_ids[0].with_user(self.sales_a1).amount += 1

    def test_amount_must_be_positive(self):
        contract = self._contract(self.customer_a1)
        for amount in (0, -5):
            with self.assertRaises(ValidationError) as error:
                self._pay(contract, amount)
            self.assertIn(str(amount), str(error.exception))
        payment = self._pay(contract, 10)
        with self.assertRaises(ValidationError):
            payment.with_user(self.sales_a1).amount = 0

    def test_payments_only_on_signed_contracts(self):
        contract = self._contract(self.customer_a1, sign=False)
        with self.assertRaises(UserError) as error:
            self._pay(contract, 100)
        self.assertIn(contract.name, str(error.exception))

    def test_payment_belongs_to_contract_customer(self):
        contract = self._contract(self.customer_a1)
        self.customer_a2._share_with(self.sales_a1)
        with self.assertRaises(ValidationError):
            self._pay(contract, 100, customer_id=self.customer_a2.id, user=self.sales_a1)
        other = self._contract(self.customer_a1)
        with self.assertRaises(ValidationError):
            self._pay(contract, 100, plan_id=other.plan_ids.id)

    def test_totals_after_deletes_and_transfers(self):
        customer = self.customer_a1
        first = self._contract(customer, amount=10000)
        second = self._contract(customer, amount=5000)
        self._contract(customer, amount=7000, sign=False)  # drafts do not count
        pay1 = self._pay(first, 4000)
        self._pay(second, 1000)
        self.assertEqual(
            (customer.contract_amount_total, customer.payment_amount_total, customer.receivable_amount),
            (15000, 5000, 10000),
        )
        self.assertEqual((first.paid_amount, first.unpaid_amount), (4000, 6000))
        pay1.with_user(self.manager_a).unlink()
        self.assertEqual(
            (customer.contract_amount_total, customer.payment_amount_total, customer.receivable_amount),
            (15000, 1000, 14000),
        )
        self.assertEqual(first.unpaid_amount, 10000)
        # Transferring the customer keeps its file and totals.
        customer._transfer_to(self.sales_a2)
        self.assertEqual(customer.payment_amount_total, 1000)
        # Moving a contract to another customer moves its payments and totals.
        second.with_user(self.manager_a).customer_id = self.customer_a2
        self.assertEqual(second.payment_ids.customer_id, self.customer_a2)
        self.assertEqual(second.plan_ids.customer_id, self.customer_a2)
        self.assertEqual(
            (customer.contract_amount_total, customer.payment_amount_total, customer.receivable_amount),
            (10000, 0, 10000),
        )
        self.assertEqual(
            (self.customer_a2.contract_amount_total, self.customer_a2.payment_amount_total,
             self.customer_a2.receivable_amount),
            (5000, 1000, 4000),
        )
        first.with_user(self.manager_a).action_cancel()
        self.assertEqual((customer.contract_amount_total, customer.receivable_amount), (0, 0))
        # Counts on the smart buttons come from one query each.
        self.assertEqual((customer.contract_count, self.customer_a2.contract_count), (2, 1))
        self.assertEqual(self.customer_a2.payment_count, 1)

    def test_customer_smart_buttons_open_with_customer(self):
        action = self.customer_a1.action_open_contracts()
        self.assertEqual(action["context"]["default_customer_id"], self.customer_a1.id)
        self.assertEqual(action["domain"], [("customer_id", "=", self.customer_a1.id)])

    def test_performance_by_handler_and_salesperson(self):
        contract = self._contract(self.customer_a1, amount=10000)
        self._pay(contract, 1000, date=date(2026, 1, 5))
        self._pay(contract, 2000, date=date(2026, 1, 20), user_id=self.sales_a2.id)
        self._pay(contract, 3000, date=date(2026, 2, 1))
        Payment = self.env["xtools.payment"]
        domain = [("contract_id", "=", contract.id)]
        by_handler = {(user.id, month): total for user, month, total in Payment._read_group(
            domain, ["user_id", "date:month"], ["amount:sum"])}
        self.assertEqual(by_handler, {
            (self.sales_a1.id, date(2026, 1, 1)): 1000,
            (self.sales_a2.id, date(2026, 1, 1)): 2000,
            (self.sales_a1.id, date(2026, 2, 1)): 3000,
        })
        by_salesperson = dict(Payment._read_group(domain, ["salesperson_id"], ["amount:sum"]))
        self.assertEqual(by_salesperson, {self.sales_a1: 6000})


@tagged("post_install", "-at_install")
class TestContractQueries(XtoolsContractCase):
    def _queries(self, records, fnames):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        records.read(fnames)
        return self.cr.sql_log_count - before

    def test_customer_and_contract_counters_do_not_grow_with_data(self):
        customers = self.customer_a1 | self.customer_a2 | self.customer_b1 | self.customer_boss
        for customer in customers:
            for amount in (1000, 2000):
                contract = self._contract(customer, amount=amount)
                self._pay(contract, 100)
        fnames = ["contract_count", "payment_count", "invoice_count", "contract_amount_total",
                  "payment_amount_total", "receivable_amount"]
        self.assertEqual(self._queries(customers[:1], fnames), self._queries(customers, fnames))
        contracts = self.env["xtools.contract"].search([("customer_id", "in", customers.ids)])
        fnames = ["display_name", "plan_count", "payment_count", "invoice_count", "delivery_count", "paid_amount",
                  "unpaid_amount", "is_locked"]
        self.assertEqual(self._queries(contracts[:2], fnames), self._queries(contracts, fnames))


@tagged("post_install", "-at_install")
class TestContractFromOpportunity(XtoolsCrmCase):
    def test_won_opportunity_creates_contract_prefilled(self):
        product = self.env["product.product"].create({"name": "机会转合同产品", "lst_price": 100.0})
        opportunity = self.env["xtools.opportunity"].create({
            "name": "转合同机会", "customer_id": self.customer_a1.id, "user_id": self.sales_a1.id,
            "expected_amount": 5000.0,
        })
        with self.assertRaises(UserError):
            opportunity.action_create_contract()
        quote = self.env["xtools.quote"].create({
            "opportunity_id": opportunity.id,
            "line_ids": [Command.create({"product_id": product.id, "quantity": 3, "price_unit": 1200.0})],
        })
        quote.state = "accepted"
        opportunity.action_set_won()
        action = opportunity.with_user(self.sales_a1).action_create_contract()
        form = Form(self.env["xtools.contract"].with_user(self.sales_a1).with_context(**action["context"]))
        contract = form.save()
        self.assertEqual(contract.customer_id, self.customer_a1)
        self.assertEqual(contract.opportunity_id, opportunity)
        self.assertEqual(contract.line_ids.product_id, product)
        self.assertEqual(contract.amount, 3600.0)
        self.assertEqual(opportunity.contract_count, 1)

    def test_without_quote_the_expected_amount_is_used(self):
        opportunity = self.env["xtools.opportunity"].create({
            "name": "无报价机会", "customer_id": self.customer_a1.id, "expected_amount": 8800.0,
        })
        opportunity.action_set_won()
        values = opportunity._prepare_contract_values()
        self.assertEqual(values["amount"], 8800.0)
        self.assertNotIn("line_ids", values)
