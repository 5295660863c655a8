import psycopg2.errors

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, new_test_user, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPoolClaimConcurrency(BaseCase):
    """Two members claim the same pool customer at the same moment: exactly one wins, and one claim is logged.
    Real, separately committed transactions are needed, so the data is created in its own committed cursor and
    removed at the end."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            users = new_test_user(env, login="t_claim_one", groups="xtools_crm.group_sales", name="抢客一") | \
                new_test_user(env, login="t_claim_two", groups="xtools_crm.group_sales", name="抢客二")
            pool = env["xtools.customer.pool"].create({
                "name": "并发公海", "member_user_ids": [Command.set(users.ids)], "max_claims_per_day": 3,
                "days_without_action": 0,
            })
            customer = env["xtools.customer"].create(
                {"name": "并发领取有限公司", "short_name": "并发领取", "user_id": env.ref("base.user_admin").id}
            )
            customer._release_to_pool(pool, "并发测试")
            self.user_ids, self.pool_id, self.customer_id = users.ids, pool.id, customer.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            env["xtools.customer"].browse(self.customer_id).unlink()  # its partner and pool log go with it
            env["xtools.customer.pool"].browse(self.pool_id).unlink()
            users = env["res.users"].browse(self.user_ids)
            user_partners = users.partner_id
            users.unlink()
            user_partners.unlink()

    def _claim(self, cr, user_id):
        env = api.Environment(cr, user_id, {"lang": "en_US"})
        env["xtools.customer"].browse(self.customer_id).action_claim()
        env.flush_all()

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            customer = env["xtools.customer"].browse(self.customer_id)
            claims = env["xtools.customer.pool.log"].search_count(
                [("customer_id", "=", customer.id), ("operation", "=", "claim")])
            return customer.user_id.id, customer.pool_id.id, claims

    def test_second_claim_waits_for_the_lock(self):
        """While the first claim's transaction is open, the second cannot even start its checks."""
        one, two = self.user_ids
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._claim(cr1, one)
            cr2.execute("SET LOCAL lock_timeout = '300ms'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable), mute_logger("odoo.sql_db"):
                self._claim(cr2, two)
            cr2.rollback()
            cr1.commit()
        # The second member tries again: the customer is gone from the pool.
        with self.registry.cursor() as cr3:
            with self.assertRaises(UserError) as error:
                self._claim(cr3, two)
            self.assertIn("no longer in the customer pool", str(error.exception))
            cr3.rollback()
        self.assertEqual(self._state(), (one, False, 1))

    def test_concurrent_claims_exactly_one_wins(self):
        """The second transaction took its snapshot before the first committed, so it still sees the customer in
        the pool. It must not pass its checks on that stale view: taking the lock fails at once (a serialization
        failure, which Odoo answers by retrying the request), and the retry finds the customer claimed."""
        one, two = self.user_ids
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            for cr in (cr1, cr2):
                cr.execute("SELECT pool_id FROM xtools_customer WHERE id = %s", [self.customer_id])
                self.assertEqual(cr.fetchone()[0], self.pool_id)
            self._claim(cr1, one)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"):
                self._claim(cr2, two)
            cr2.rollback()
        with self.registry.cursor() as cr3:
            with self.assertRaises(UserError):
                self._claim(cr3, two)
            cr3.rollback()
        self.assertEqual(self._state(), (one, False, 1))

    def test_one_member_claiming_twice_at_once_stays_within_the_daily_limit(self):
        """The claims per day are counted per claimer: two claims of one member at once are serialized too."""
        one, _two = self.user_ids
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            env["xtools.customer.pool"].browse(self.pool_id).max_claims_per_day = 1
            second = env["xtools.customer"].create(
                {"name": "并发领取二有限公司", "short_name": "并发领取二", "user_id": env.ref("base.user_admin").id})
            second._release_to_pool(env["xtools.customer.pool"].browse(self.pool_id), "并发测试")
            second_id = second.id

        def cleanup():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["xtools.customer"].browse(second_id).unlink()  # with its partner
        self.addCleanup(cleanup)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            for cr in (cr1, cr2):
                cr.execute("SELECT count(*) FROM xtools_customer_pool_log")
            self._claim(cr1, one)
            cr1.commit()
            env2 = api.Environment(cr2, one, {"lang": "en_US"})
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"):
                env2["xtools.customer"].browse(second_id).action_claim()
                env2.flush_all()
            cr2.rollback()
        with self.registry.cursor() as cr3:
            env3 = api.Environment(cr3, one, {"lang": "en_US"})
            with self.assertRaises(UserError) as error:
                env3["xtools.customer"].browse(second_id).action_claim()
            self.assertIn("may claim 1 per day", str(error.exception))
            cr3.rollback()
