from datetime import date

import psycopg2.errors

from odoo import api
from odoo.exceptions import ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPaymentConcurrency(BaseCase):
    """Two users record payments on the same contract at the same time, each within the unpaid amount on its own
    but over it together: only one may pass. Real, separately committed transactions are needed, so the data is
    created in its own committed cursor and removed at the end."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
            customer = env["xtools.customer"].create(
                {"name": "并发测试有限公司", "short_name": "并发测试", "user_id": env.ref("base.user_admin").id}
            )
            contract = env["xtools.contract"].create({
                "name": "并发合同", "customer_id": customer.id, "amount": 100,
                "plan_ids": [(0, 0, {"due_date": date(2026, 1, 1), "amount": 100})],
            })
            contract.action_sign()
            self.customer_id, self.contract_id = customer.id, contract.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            contract = env["xtools.contract"].browse(self.contract_id)
            customer = env["xtools.customer"].browse(self.customer_id)
            contract.payment_ids.unlink()
            contract.write({"state": "draft"})
            contract.plan_ids.unlink()
            contract.unlink()
            customer.unlink()  # its partner goes with it
            env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", True)

    def _pay(self, cr, amount):
        env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
        env["xtools.payment"].create({"contract_id": self.contract_id, "amount": amount})
        env.flush_all()

    def _paid(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            return env["xtools.contract"].browse(self.contract_id).paid_amount

    def test_second_payment_waits_for_the_lock(self):
        """While the first transaction is open, the second cannot even start its check."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._pay(cr1, 60)
            cr2.execute("SET LOCAL lock_timeout = '300ms'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable), mute_logger("odoo.sql_db"):
                self._pay(cr2, 60)
            cr2.rollback()
            cr1.commit()
        self.assertEqual(self._paid(), 60)

    def test_concurrent_payments_cannot_both_pass(self):
        """The second transaction took its snapshot before the first committed, so it sees nothing paid yet. It must
        not pass its check on that stale view: taking the lock fails at once (a serialization failure, which
        Odoo answers by retrying the request), and the retry, seeing the first payment, refuses the overpayment."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # Both transactions read the contract: 0 paid so far for each of them.
            for cr in (cr1, cr2):
                cr.execute("SELECT paid_amount FROM xtools_contract WHERE id = %s", [self.contract_id])
                self.assertEqual(cr.fetchone()[0], 0)
            self._pay(cr1, 60)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"):
                self._pay(cr2, 60)
            cr2.rollback()
        # What Odoo does on a serialization failure: retry the request in a new transaction.
        with self.registry.cursor() as cr3:
            with self.assertRaises(ValidationError) as error:
                self._pay(cr3, 60)
            self.assertIn("Overpayment refused", str(error.exception))
            cr3.rollback()
        self.assertEqual(self._paid(), 60)
