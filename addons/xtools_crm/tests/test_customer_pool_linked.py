from odoo import Command
from odoo.tests import tagged

from . import test_customer_linked
from .common import linked_models


@tagged("post_install", "-at_install")
class TestPoolCustomerFile(test_customer_linked.TestCustomerLinked):
    """The walk over every customer-linked model again, the colleague's customer being in a pool 公海 the
    salesperson is a member of: the member reads the pool customer itself (read only), but its file (contacts,
    documents, schedules, report rows) stays as closed as any hidden file — nothing can be seen, created, moved
    or linked into it — until they claim it; then all of it is theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["xtools.customer.pool"].search([]).write({"active": False, "all_sales": False})
        cls.pool = cls.env["xtools.customer.pool"].create({
            "name": "共享公海", "member_user_ids": [Command.set((cls.sales_a1 | cls.sales_b1).ids)],
            "reclaim_block_days": 0, "max_claims_per_day": 0,
        })
        cls.customer_b1.with_user(cls.sales_b1)._release_to_pool(cls.pool, "没有时间跟进")

    def test_member_reads_the_pool_customer_only(self):
        customer = self.customer_b1.with_user(self.user)
        self.assertEqual(customer.read(["name", "pool_id"])[0]["pool_id"][0], self.pool.id)
        self.assertEqual(customer.partner_id.read(["name"])[0]["name"], "乙一制造有限公司", "and its partner")
        self.assertIn(self.customer_b1, self.env["xtools.customer"].with_user(self.user).search(
            [("pool_id", "=", self.pool.id)]))
        self.assertFalse(customer.contact_ids, "not its contacts")
        self.assertEqual(customer.contract_count, 0, "nor its documents")

    def test_claim_opens_the_whole_file(self):
        self.customer_b1.with_user(self.user).action_claim()
        self.assertEqual(self.customer_b1.user_id, self.user)
        for model in linked_models(self.env):
            with self.subTest(model=model):
                record = self.hidden[model]
                Model = self.env[model].with_user(self.user)
                self.assertEqual(Model.search([("id", "=", record.id)]), record)
                self._as_user(record).read(["display_name"])
