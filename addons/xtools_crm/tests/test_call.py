from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import XtoolsCrmCase


@tagged("post_install", "-at_install")
class TestQuickCall(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a1.phone = "0571-8765 4321"
        cls.contact_a1 = cls.env["res.partner"].create(
            {"name": "王经理", "parent_id": cls.customer_a1.partner_id.id, "mobile": "+86 138-0013-8000"}
        )
        cls.contact_b1 = cls.env["res.partner"].create(
            {"name": "乙联系人", "parent_id": cls.customer_b1.partner_id.id, "mobile": "139 0000 1111"}
        )

    def _call(self, user, phone, **vals):
        return self.env["xtools.call"].with_user(user).create({"phone": phone, "caller_name": "来电人", **vals})

    def test_match_by_phone_in_any_format(self):
        for phone in ("138 0013 8000", "+86 138-0013-8000", "008613800138000", "13800138000", "+8613800138000"):
            with self.subTest(phone=phone):
                call = self._call(self.sales_a1, phone)
                self.assertEqual(call.phone_normalized, "+8613800138000")
                self.assertEqual(call.customer_id, self.customer_a1)
                self.assertEqual(call.contact_id, self.contact_a1)
        company_call = self._call(self.sales_a1, "+86 571 87654321")
        self.assertEqual(company_call.customer_id, self.customer_a1)
        self.assertFalse(company_call.contact_id, "the customer's own number matches no contact")

    def test_no_match(self):
        call = self._call(self.sales_a1, "138 0013 8001")
        self.assertFalse(call.customer_id)
        # A number differing only by a prefix digit does not match either.
        self.assertFalse(self._call(self.sales_a1, "13800138000 1").customer_id)

    def test_match_only_among_visible_customers(self):
        """Matching runs with the receiver's rights: another team's customer is not revealed."""
        call = self._call(self.sales_a1, "13900001111")
        self.assertFalse(call.customer_id)
        self.assertEqual(self._call(self.sales_b1, "13900001111").customer_id, self.customer_b1)

    def test_call_to_action(self):
        call = self._call(self.sales_a1, "138 0013 8000", content="想要新版报价")
        result = call.action_create_action()
        action = call.action_id
        self.assertEqual(result["res_id"], action.id)
        self.assertEqual((action.customer_id, action.contact_id, action.action_type),
                         (self.customer_a1, self.contact_a1, "call"))
        self.assertEqual(action.description, "想要新版报价")
        self.assertEqual(action.date, call.call_time)
        self.assertEqual(call.state, "processed")
        call.action_create_action()
        self.assertEqual(self.env["xtools.action"].search_count([("customer_id", "=", self.customer_a1.id)]), 1)

    def test_call_without_customer_cannot_become_action(self):
        call = self._call(self.sales_a1, "186 5000 1234")
        with self.assertRaisesRegex(UserError, "186 5000 1234"):
            call.action_create_action()

    def test_call_to_new_customer(self):
        call = self._call(self.sales_a1, "186 5000 1234", caller_name="孙先生")
        call.with_user(self.sales_a1).action_create_customer()
        customer = call.customer_id
        self.assertEqual((customer.name, customer.customer_type, customer.user_id),
                         ("孙先生", "individual", self.sales_a1))
        self.assertEqual(customer.phone, "+8618650001234")
        # The next call from that number is recognised.
        self.assertEqual(self._call(self.sales_a1, "0086 186 5000 1234").customer_id, customer)
        with self.assertRaises(UserError):
            call.action_create_customer()

    def test_visibility(self):
        matched = self._call(self.sales_a1, "138 0013 8000")
        unmatched = self._call(self.sales_a1, "186 5000 1234", receiver_id=self.sales_a2.id)
        Call = self.env["xtools.call"]
        ids = (matched | unmatched).ids

        def visible(user):
            return Call.with_user(user).search([("id", "in", ids)])

        self.assertEqual(visible(self.sales_a1), matched | unmatched, "creator")
        self.assertEqual(visible(self.sales_a2), unmatched, "receiver; the matched call follows its customer")
        self.assertEqual(visible(self.sales_b1), Call)
        self.assertEqual(visible(self.manager_a), matched | unmatched)
        self.assertEqual(visible(self.manager_b), unmatched, "managers dispatch unmatched calls")
        self.assertEqual(visible(self.boss), matched | unmatched)
        with self.assertRaises(AccessError):
            matched.with_user(self.sales_b1).read(["phone"])
        self.assertEqual(Call.with_user(self.sales_b1).search_count([("id", "in", ids)]), 0)
        self.assertFalse(Call.with_user(self.sales_b1).read_group([("id", "in", ids)], ["state"], ["state"]))
        self.assertFalse(Call.with_user(self.sales_b1).name_search("186"))
        # Sharing the customer shares its calls.
        self.customer_a1._share_with(self.sales_b1)
        self.assertEqual(visible(self.sales_b1), matched)
        with self.assertRaises(AccessError):
            self.env["xtools.call"].with_user(self.portal).search([])

    def test_matching_a_batch_costs_one_search(self):
        """Matching the numbers of many calls at once costs the same queries as matching a few."""
        Call = self.env["xtools.call"].with_user(self.sales_a1)

        def matching_queries(count):
            keys = [("138 0013 8000", "CN")] + [(f"1390000{i:04d}", "CN") for i in range(count)]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            matches = Call._match_phones(keys)
            self.assertIn("138 0013 8000", matches)
            return self.env.cr.sql_log_count - before

        matching_queries(1)  # warm the caches
        self.assertEqual(matching_queries(2), matching_queries(40))
