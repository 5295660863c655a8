from datetime import timedelta
from unittest.mock import patch

import psycopg2.errors
from freezegun import freeze_time
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .pool_common import XtoolsPoolCase


@tagged("post_install", "-at_install")
class TestPoolRelease(XtoolsPoolCase):
    def test_owner_releases_with_reason(self):
        customer = self.customer_a1
        customer._share_with(self.sales_b1)
        task = customer.activity_schedule(
            "xtools_crm.mail_activity_type_call", summary="跟进报价", user_id=self.sales_a1.id)
        opportunity = self.env["xtools.opportunity"].with_user(self.sales_a1).create(
            {"name": "公海机会", "customer_id": customer.id, "expected_amount": 1000}
        )
        action = customer.with_user(self.sales_a1).action_release()
        self.assertEqual(action["res_model"], "xtools.customer.pool.release.wizard")
        wizard = Form(self.env["xtools.customer.pool.release.wizard"].with_user(self.sales_a1).with_context(
            **action["context"]))
        self.assertEqual(wizard.pool_id, self.pool, "the owner's pool is proposed")
        wizard.reason = "预算冻结"
        wizard.save().action_release()

        self.assertEqual(customer.pool_id, self.pool)
        self.assertFalse(customer.user_id, "a customer in the pool has no owner")
        self.assertFalse(customer.shared_user_ids, "nor sharing")
        self.assertEqual(customer.pool_previous_user_id, self.sales_a1)
        self.assertFalse(task.exists(), "its open tasks are cancelled")
        self.assertEqual(opportunity.sudo().user_id, self.sales_a1, "its open opportunity stays with its salesperson")
        note = customer.message_ids[0]
        self.assertIn("预算冻结", note.body)
        self.assertIn("跟进报价", note.body, "the cancelled tasks are named in the note")
        self.assertEqual(note.author_id, self.sales_a1.partner_id)
        log = self.env["xtools.customer.pool.log"].search([("customer_id", "=", customer.id)])
        self.assertRecordValues(log, [{
            "operation": "release", "pool_id": self.pool.id, "user_id": self.sales_a1.id,
            "previous_user_id": self.sales_a1.id, "new_user_id": False, "reason": "预算冻结",
        }])
        self.assertNotIn(self.sales_a1.partner_id, customer.message_partner_ids, "the former owner stops following")

    def test_release_needs_reason_and_the_right_to_give_away(self):
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.sales_a1)._release_to_pool(self.pool, "  ")
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(self.sales_a2)._release_to_pool(self.pool, "不是我的")
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(self.manager_b)._release_to_pool(self.pool, "别的组")
        self.customer_a2.with_user(self.manager_a)._release_to_pool(self.pool, "组长释放")
        self.assertEqual(self.customer_a2.pool_id, self.pool)
        with self.assertRaises(UserError):
            self._release(self.customer_a2, user=self.boss)

    def test_owner_or_pool_and_pool_fields_guarded(self):
        with self.assertRaises(ValidationError):
            self.customer_a1.write({"user_id": False})
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.sales_a1).write({"pool_id": self.pool.id})
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.sales_a1).write(
                {"last_action_date": fields.Datetime.now() + timedelta(days=300)})
        with self.assertRaises(UserError):
            self.env["xtools.customer"].with_user(self.manager_a).create(
                {"name": "直接进公海", "short_name": "直接", "pool_id": self.pool.id})
        for context in ({"default_pool_id": self.pool.id}, {"default_owner_date": "2099-01-01 00:00:00"},
                        {"default_pool_warning_date": "2099-01-01"}):
            with self.subTest(context=context), self.assertRaises(UserError):
                self.env["xtools.customer"].with_user(self.sales_a1).with_context(**context).create(
                    {"name": "默认值公司", "short_name": "默认值"})
        self._release(self.customer_a1)
        # The boss sees and could edit it, but giving it an owner goes through the pool.
        with self.assertRaises(UserError) as error:
            self.customer_a1.with_user(self.boss)._transfer_to(self.sales_a2)
        self.assertIn("claim it or have a pool manager assign it", str(error.exception))
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.boss)._share_with(self.sales_a2)
        with self.assertRaises(ValidationError):
            self.customer_a1.write({"user_id": self.sales_a2.id})
        self.assertEqual(self.customer_a1.pool_id, self.pool)
        self.assertFalse(self.customer_a1.user_id)

    def test_nothing_filed_under_a_pool_customer(self):
        """A member reads the pool customer, and can do nothing else with it but claim it (every other kind of
        document: test_customer_pool_linked)."""
        self._release(self.customer_a1)
        member = self.sales_a2
        customer = self.customer_a1.with_user(member)
        self.assertEqual(customer.read(["name"])[0]["name"], "甲一科技有限公司")
        start = fields.Datetime.now() + timedelta(days=1)
        attempts = {
            "action": lambda: self.env["xtools.action"].with_user(member).create(
                {"customer_id": customer.id, "subject": "偷偷跟进"}),
            "contact": lambda: self.env["res.partner"].with_user(member).create(
                {"name": "偷加的联系人", "parent_id": customer.partner_id.id}),
            "schedule": lambda: self.env["calendar.event"].with_user(member).create({
                "name": "偷约", "start": start, "stop": start + timedelta(hours=1),
                "res_model_id": self.env["ir.model"]._get_id("xtools.customer"), "res_id": customer.id}),
            "task": lambda: customer.activity_schedule("xtools_crm.mail_activity_type_call", summary="偷偷打电话"),
            "message": lambda: customer.message_post(body="偷偷留言", message_type="comment"),
            "attachment": lambda: self.env["ir.attachment"].with_user(member).create(
                {"name": "偷.txt", "raw": b"x", "res_model": "xtools.customer", "res_id": customer.id}),
            "write": lambda: customer.write({"note": "<p>改</p>"}),
            "partner write": lambda: customer.partner_id.write({"phone": "+8657100000001"}),
            "unlink": lambda: customer.unlink(),
        }
        for label, attempt in attempts.items():
            with self.subTest(attempt=label), self.assertRaises(AccessError), self.env.cr.savepoint():
                attempt()
        self.assertFalse(self.env["xtools.action"].search([("customer_id", "=", self.customer_a1.id)]))
        # The boss sees every file and may still record there.
        self.env["xtools.action"].with_user(self.boss).create({"customer_id": self.customer_a1.id, "subject": "老板"})


@tagged("post_install", "-at_install")
class TestPoolVisibility(XtoolsPoolCase):
    def test_members_see_pool_customers_read_only(self):
        contact = self.env["res.partner"].create({"name": "甲一联系人", "parent_id": self.customer_a1.partner_id.id})
        action = self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "旧行动"})
        self._release(self.customer_a1)
        for member in (self.sales_a2, self.manager_a):
            Customer = self.env["xtools.customer"].with_user(member)
            self.assertIn(self.customer_a1, Customer.search([("pool_id", "=", self.pool.id)]))
            self.assertEqual(self.customer_a1.with_user(member).read(["name"])[0]["name"], self.customer_a1.name)
            self.assertEqual(self.customer_a1.partner_id.with_user(member).read(["name"])[0]["name"],
                             self.customer_a1.name, "and its partner")
            with self.assertRaises(AccessError):
                self.customer_a1.with_user(member).write({"short_name": "改"})
            with self.assertRaises(AccessError):
                contact.with_user(member).read(["name"])
            with self.assertRaises(AccessError):
                action.with_user(member).read(["subject"])
            self.assertFalse(self.env["xtools.action"].with_user(member).search([("id", "=", action.id)]),
                             "documents of a pool customer stay hidden: they follow ownership")

    def test_non_members_cannot_see_pool_customers(self):
        self._release(self.customer_a1)
        for outsider in (self.sales_b1, self.manager_b):
            Customer = self.env["xtools.customer"].with_user(outsider)
            with self.assertRaises(AccessError):
                self.customer_a1.with_user(outsider).read(["name"])
            with self.assertRaises(AccessError):
                self.customer_a1.partner_id.with_user(outsider).read(["name"])
            self.assertFalse(Customer.search([("id", "=", self.customer_a1.id)]))
            self.assertEqual(Customer.search_count([("pool_id", "!=", False)]), 0)
            self.assertFalse(Customer.read_group([("id", "=", self.customer_a1.id)], ["pool_id"], ["pool_id"]))
            self.assertNotIn(self.customer_a1.id, [r[0] for r in Customer.name_search("甲一")])
            with self.assertRaises(AccessError):
                self.customer_a1.with_user(outsider).action_claim()
        self.assertEqual(self.customer_a1.pool_id, self.pool)

    def test_only_salespeople_claim(self):
        self.pool.all_sales = True
        self._release(self.customer_a1)
        employee = self.env["res.users"].create({"name": "普通员工", "login": "t_plain_employee",
                                                 "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        self.pool.member_user_ids = employee
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(employee).action_claim()
        self.assertFalse(self.pool._filtered_member(employee))
        self.assertEqual(self.customer_a1.pool_id, self.pool)
        # A pool with customers is archived, not deleted.
        with self.assertRaises(psycopg2.errors.ForeignKeyViolation), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.pool.unlink()

    def test_all_sales_and_member_users(self):
        self._release(self.customer_a1)
        domain = [("id", "=", self.customer_a1.id)]
        self.assertFalse(self.env["xtools.customer"].with_user(self.sales_b1).search(domain))
        self.pool.member_user_ids = self.sales_b1
        self.assertTrue(self.env["xtools.customer"].with_user(self.sales_b1).search(domain))
        self.pool.member_user_ids = False
        self.pool.all_sales = True
        self.assertTrue(self.env["xtools.customer"].with_user(self.manager_b).search(domain))

    def test_team_change_takes_effect_at_once(self):
        self._release(self.customer_a1)
        Customer = self.env["xtools.customer"].with_user(self.sales_b1)
        self.assertFalse(Customer.search([("id", "=", self.customer_a1.id)]))
        self.team_a.member_ids = [Command.link(self.sales_b1.id)]
        self.assertTrue(Customer.search([("id", "=", self.customer_a1.id)]))

    def test_rule_is_the_member_domain(self):
        """The record rule and the claim's membership check are one shape: a user reads the customers of exactly
        the pools ``_filtered_member`` gives them."""
        pool_b = self.env["xtools.customer.pool"].create({"name": "乙组公海", "member_user_ids": self.sales_b1.ids})
        self._release(self.customer_a1)
        self.customer_b1.with_user(self.sales_b1)._release_to_pool(pool_b, "乙组释放")
        pools = self.pool | pool_b
        pooled = self.customer_a1 | self.customer_b1
        for user in (self.sales_a1, self.sales_a2, self.manager_a, self.sales_b1, self.manager_b):
            with self.subTest(user=user.name):
                seen = self.env["xtools.customer"].with_user(user).search([("id", "in", pooled.ids)])
                self.assertEqual(seen.pool_id, pools._filtered_member(user))
                self.assertEqual(pooled.with_user(user).filtered("pool_member_visible"), seen)
        self.assertEqual(self.pool._filtered_member(self.sales_a2), self.pool)
        self.assertEqual(self.pool._filtered_member(self.manager_a), self.pool, "team leader")
        self.assertFalse(self.pool._filtered_member(self.sales_b1))
        self.assertEqual(pools._filtered_member(self.boss), pools)

    def test_main_list_leaves_the_pool_out(self):
        self._release(self.customer_a1)
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_customer_action")
        domain = safe_eval(action["domain"])
        self.assertFalse(
            self.env["xtools.customer"].with_user(self.boss).search(domain + [("id", "=", self.customer_a1.id)]))
        pool_action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_customer_action_pool")
        self.assertTrue(self.env["xtools.customer"].with_user(self.sales_a2).search(
            safe_eval(pool_action["domain"]) + [("id", "=", self.customer_a1.id)]))


@tagged("post_install", "-at_install")
class TestPoolClaimAssign(XtoolsPoolCase):
    def test_member_claims_and_gets_the_whole_file(self):
        action = self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "旧行动"})
        self._release(self.customer_a1)
        result = self.customer_a1.with_user(self.sales_a2).action_claim()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.customer_a1.user_id, self.sales_a2)
        self.assertFalse(self.customer_a1.pool_id)
        self.assertIn(self.customer_a1, self.env["xtools.customer"].with_user(self.sales_a2).search(
            [("user_id", "=", self.sales_a2.id)]), "among the claimer's own customers")
        self.assertTrue(self.env["xtools.action"].with_user(self.sales_a2).search([("id", "=", action.id)]),
                        "with its whole file")
        self.assertAlmostEqual(self.customer_a1.owner_date, fields.Datetime.now(), delta=timedelta(minutes=1))
        log = self.env["xtools.customer.pool.log"].search([("customer_id", "=", self.customer_a1.id),
                                                           ("operation", "=", "claim")])
        self.assertRecordValues(log, [{"user_id": self.sales_a2.id, "new_user_id": self.sales_a2.id,
                                       "pool_id": self.pool.id}])
        self.assertIn("甲组公海", self.customer_a1.message_ids[0].body)
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.sales_a2).action_claim()

    def test_reclaim_block_with_the_days_named(self):
        self._release(self.customer_a1)
        with self.assertRaises(UserError) as error:
            self.customer_a1.with_user(self.sales_a1).action_claim()
        self.assertIn("10 days", str(error.exception))
        with freeze_time(self._days_later(9)):
            with self.assertRaises(UserError):
                self.customer_a1.with_user(self.sales_a1).action_claim()
        with freeze_time(self._days_later(11)):
            self.customer_a1.with_user(self.sales_a1).action_claim()
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)
        # Off: a former owner claims it back at once.
        self.pool.reclaim_block_days = 0
        self._release(self.customer_a1)
        self.customer_a1.with_user(self.sales_a1).action_claim()
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)

    def test_claims_per_day_with_the_numbers_named(self):
        customers = self._customer("甲三公司", self.sales_a1) | self._customer("甲四公司", self.sales_a1) \
            | self._customer("甲五公司", self.sales_a1)
        self._release(customers)
        with self.assertRaises(UserError) as error:
            customers.with_user(self.sales_a2).action_claim()
        self.assertIn("has claimed 0 customers", str(error.exception))
        self.assertIn("may claim 2 per day", str(error.exception))
        self.assertTrue(all(customers.mapped("pool_id")), "nothing claimed")
        customers[:2].with_user(self.sales_a2).action_claim()
        with self.assertRaises(UserError) as error:
            customers[2].with_user(self.sales_a2).action_claim()
        self.assertIn("has claimed 2 customers", str(error.exception))
        # Another member still may; tomorrow the claimer may again.
        customers[2].with_user(self.manager_a).action_claim()
        self._release(customers[2], user=self.manager_a)
        with freeze_time(self._days_later(1)):
            customers[2].with_user(self.sales_a2).action_claim()
        self.assertEqual(customers[2].user_id, self.sales_a2)
        self.pool.write({"max_claims_per_day": 0, "reclaim_block_days": 0})
        self._release(customers, user=self.sales_a2)
        customers.with_user(self.manager_a).action_claim()
        self.assertEqual(customers.user_id, self.manager_a)

    def test_pool_manager_assigns_several_at_once(self):
        customers = self.customer_a1 | self.customer_a2
        self._release(self.customer_a1)
        self._release(self.customer_a2)
        action = customers.with_user(self.manager_a).action_assign_from_pool()
        wizard = Form(self.env["xtools.customer.pool.assign.wizard"].with_user(self.manager_a).with_context(
            **action["context"]))
        wizard.user_id = self.sales_a1
        wizard.reason = "熟悉行业"
        wizard.save().action_assign()
        self.assertEqual(customers.mapped("user_id"), self.sales_a1)
        self.assertFalse(customers.filtered("pool_id"))
        logs = self.env["xtools.customer.pool.log"].search([("customer_id", "in", customers.ids),
                                                            ("operation", "=", "assign")])
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("new_user_id")), {self.sales_a1})
        self.assertEqual(set(logs.mapped("user_id")), {self.manager_a})
        self.assertIn("熟悉行业", self.customer_a1.message_ids[0].body)
        # The reclaim block is the claimer's rule, not the manager's.
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)

    def test_only_pool_managers_assign(self):
        self._release(self.customer_a1)
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(self.sales_a2)._assign_from_pool(self.sales_a2)
        with self.assertRaises(UserError):
            self.customer_a1.with_user(self.manager_a)._assign_from_pool(self.portal)
        with self.assertRaises(UserError):
            self.customer_b1.with_user(self.boss)._assign_from_pool(self.sales_a1)
        self.customer_a1.with_user(self.boss)._assign_from_pool(self.sales_b1)
        self.assertEqual(self.customer_a1.user_id, self.sales_b1)


@tagged("post_install", "-at_install")
class TestPoolRules(XtoolsPoolCase):
    """The nightly return to the pool around today, each rule on and off."""

    def _run(self):
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
            returned, warned = self.env["xtools.customer"]._cron_release_to_pool()
        return returned, warned, progress

    def test_days_without_action(self):
        self.env["xtools.action"].create({"customer_id": self.customer_a2.id, "subject": "近期行动",
                                          "date": self._days_later(5)})
        with freeze_time(self._days_later(29)):
            self._run()
            self.assertFalse((self.customer_a1 | self.customer_a2).filtered("pool_id"))
        with freeze_time(self._days_later(31)):
            self._run()
        self.assertEqual(self.customer_a1.pool_id, self.pool, "31 days without action: back to the pool")
        self.assertFalse(self.customer_a2.pool_id, "an action 26 days ago keeps it")
        self.assertFalse(self.customer_b1.pool_id, "team B's customers are not this pool's")
        log = self.env["xtools.customer.pool.log"].search([("customer_id", "=", self.customer_a1.id)])
        self.assertRecordValues(log, [{"operation": "return", "previous_user_id": self.sales_a1.id}])
        self.assertIn("30", log.reason)
        self.assertIn("30", self.customer_a1.message_ids[0].body)

    def test_rule_off(self):
        self.pool.days_without_action = 0
        with freeze_time(self._days_later(400)):
            self._run()
        self.assertFalse(self.customer_a1.pool_id)

    def test_owner_date_counts_for_a_claimed_customer(self):
        self.env["xtools.action"].create({"customer_id": self.customer_a1.id, "subject": "很久以前",
                                          "date": fields.Datetime.now() - timedelta(days=100)})
        self._release(self.customer_a1)
        self.customer_a1.with_user(self.sales_a2).action_claim()
        self._run()
        self.assertFalse(self.customer_a1.pool_id, "just claimed: its old last action does not count")

    def test_days_without_deal_and_signed_customers(self):
        self.pool.write({"days_without_action": 0, "days_without_deal": 60})
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        contract = self.env["xtools.contract"].create({
            "name": "签约合同", "customer_id": self.customer_a2.id, "amount": 100,
            "plan_ids": [Command.create({"due_date": fields.Date.today(), "amount": 100})],
        })
        with freeze_time(self._days_later(20)):
            contract.action_sign()
        self.assertEqual(self.customer_a2.lifecycle, "customer")
        self.pool.exclude_signed = False
        with freeze_time(self._days_later(61)):
            self._run()
        self.assertEqual(self.customer_a1.pool_id, self.pool, "61 days without a deal")
        self.assertFalse(self.customer_a2.pool_id, "signed 41 days ago")
        with freeze_time(self._days_later(81)):
            self._run()
        self.assertEqual(self.customer_a2.pool_id, self.pool, "signed 61 days ago, signed customers not excluded")
        self.assertIn("60", self.env["xtools.customer.pool.log"].search(
            [("customer_id", "=", self.customer_a2.id)]).reason)

    def test_signed_customers_stay(self):
        self.customer_a1.lifecycle = "customer"
        with freeze_time(self._days_later(100)):
            self._run()
        self.assertFalse(self.customer_a1.pool_id, "signed customers are excluded")
        self.assertEqual(self.customer_a2.pool_id, self.pool)

    def test_days_per_level(self):
        self.pool.level_rule_ids = [Command.create({"level": "a", "days_without_action": 60}),
                                    Command.create({"level": "c", "days_without_action": 10})]
        self.customer_a1.level = "a"
        self.customer_a2.level = "c"
        extra = self._customer("甲六公司", self.sales_a1, level="b")
        with freeze_time(self._days_later(11)):
            self._run()
        self.assertEqual(self.customer_a2.pool_id, self.pool, "C: 10 days")
        self.assertFalse((self.customer_a1 | extra).filtered("pool_id"))
        with freeze_time(self._days_later(31)):
            self._run()
        self.assertEqual(extra.pool_id, self.pool, "B: the pool's 30 days")
        self.assertFalse(self.customer_a1.pool_id, "A: 60 days")
        with freeze_time(self._days_later(61)):
            self._run()
        self.assertEqual(self.customer_a1.pool_id, self.pool)

    def test_owner_warned_once_ahead(self):
        activity_type = self.env.ref("xtools_crm.mail_activity_type_pool_warning")

        def warnings():
            return self.env["mail.activity"].search([("res_model", "=", "xtools.customer"),
                                                     ("res_id", "=", self.customer_a1.id),
                                                     ("activity_type_id", "=", activity_type.id)])
        with freeze_time(self._days_later(26)):
            self._run()
        self.assertFalse(warnings(), "not yet within the 3 warning days")
        with freeze_time(self._days_later(28)):
            _returned, warned, _progress = self._run()
            self.assertTrue(warned)
            # Two days after the day of the customer's reader (its time zone's, not UTC's).
            today = fields.Date.context_today(self.customer_a1)
            self.assertEqual(self.customer_a1.pool_return_date, today + timedelta(days=2))
        warning = warnings()
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.user_id, self.sales_a1)
        self.assertIn("甲组公海", warning.summary)
        with freeze_time(self._days_later(29)):
            self._run()
        self.assertEqual(len(warnings()), 1, "warned once, not every night")
        with freeze_time(self._days_later(31)):
            self._run()
        self.assertEqual(self.customer_a1.pool_id, self.pool)
        self.assertFalse(warnings(), "the warning goes with the other open tasks")

    def test_batches_report_progress(self):
        extra = self._customer("甲七公司", self.sales_a2) | self._customer("甲八公司", self.sales_a2)
        with freeze_time(self._days_later(31)):
            with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
                returned, _warned = self.env["xtools.customer"]._cron_release_to_pool(batch_size=2)
        self.assertEqual(returned, 4)
        self.assertEqual([c.kwargs for c in progress.call_args_list],
                         [{"done": 2, "remaining": 2}, {"done": 4, "remaining": 0}])
        self.assertEqual((self.customer_a1 | self.customer_a2 | extra).pool_id, self.pool)

    def test_one_failure_does_not_stop_the_others(self):
        original = type(self.env["xtools.customer"])._release_to_pool

        def failing(records, pool, reason, operation="release"):
            if records == self.customer_a1:
                raise ValueError("boom")
            return original(records, pool, reason, operation)
        with freeze_time(self._days_later(31)), patch.object(type(self.env["xtools.customer"]), "_release_to_pool",
                                                            failing), self.assertLogs(level="ERROR"):
            returned, _warned, _progress = self._run()
        self.assertEqual(returned, 1)
        self.assertFalse(self.customer_a1.pool_id)
        self.assertEqual(self.customer_a2.pool_id, self.pool)


@tagged("post_install", "-at_install")
class TestPoolWarningsForWorkbench(XtoolsPoolCase):
    def test_own_customers_due_soon(self):
        self.env["xtools.action"].create({"customer_id": self.customer_a2.id, "subject": "行动",
                                          "date": self._days_later(10)})
        with freeze_time(self._days_later(28)):
            warnings = self.env["xtools.customer"].with_user(self.sales_a1)._get_pool_warnings()
            self.assertEqual([w["id"] for w in warnings], self.customer_a1.ids)
            self.assertEqual(warnings[0]["return_date"], fields.Date.today() + timedelta(days=2))
            self.assertEqual(warnings[0]["pool"], "甲组公海")
            self.assertFalse(self.env["xtools.customer"].with_user(self.sales_a2)._get_pool_warnings(),
                             "an action 18 days ago: not due yet")
            self.assertFalse(self.env["xtools.customer"].with_user(self.sales_b1)._get_pool_warnings())

    def test_query_count_does_not_grow(self):
        User = self.env["xtools.customer"].with_user(self.sales_a1)

        def count():
            with freeze_time(self._days_later(28)):
                User._get_pool_warnings()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                result = User._get_pool_warnings()
                return self.env.cr.sql_log_count - before, len(result)
        small = count()
        for i in range(20):
            self._customer(f"甲批量{i:02d}有限公司", self.sales_a1)
        large = count()
        self.assertEqual((small[1], large[1]), (1, 21))
        self.assertEqual(small[0], large[0])


@tagged("post_install", "-at_install")
class TestLastActionDate(XtoolsPoolCase):
    def test_stored_from_the_action_history(self):
        self.assertFalse(self.customer_a1.last_action_date)
        first = self.env["xtools.action"].with_user(self.sales_a1).create(
            {"customer_id": self.customer_a1.id, "subject": "一", "date": "2026-01-05 10:00:00"})
        self.env["xtools.action"].with_user(self.sales_a1).create(
            {"customer_id": self.customer_a1.id, "subject": "二", "date": "2026-01-03 10:00:00"})
        self.assertEqual(self.customer_a1.last_action_date, fields.Datetime.to_datetime("2026-01-05 10:00:00"))
        first.unlink()
        self.assertEqual(self.customer_a1.last_action_date, fields.Datetime.to_datetime("2026-01-03 10:00:00"))
        field = self.env["xtools.customer"]._fields["last_action_date"]
        self.assertTrue(field.store and field.index)


@tagged("post_install", "-at_install")
class TestPoolAccess(XtoolsPoolCase):
    """The pool's own models: its audit log, its configuration and its wizards."""

    def test_log_is_the_managers_and_never_written(self):
        """The audit log is not a customer's document: managers read the lines of their teams and of the pools they
        manage, whoever owns the customer now; salespeople read none (their customers' chatter has the notes)."""
        self._release(self.customer_a1)
        pool_b = self.env["xtools.customer.pool"].create(
            {"name": "乙组公海", "team_ids": [Command.set(self.team_b.ids)]})
        self.customer_b1.with_user(self.sales_b1)._release_to_pool(pool_b, "乙组释放")
        self.customer_b1.with_user(self.sales_b1).read(["name"])  # a member of pool B
        Log = self.env["xtools.customer.pool.log"]
        mine = Log.search([("customer_id", "=", self.customer_a1.id)])
        theirs = Log.search([("customer_id", "=", self.customer_b1.id)])
        both = [("id", "in", (mine | theirs).ids)]
        for salesperson in (self.sales_a1, self.sales_b1):
            with self.assertRaises(AccessError):
                Log.with_user(salesperson).search(both)
            with self.assertRaises(AccessError):
                mine.with_user(salesperson).read(["reason"])
        self.assertEqual(Log.with_user(self.manager_a).search(both), mine, "the manager reads their team's lines")
        with self.assertRaises(AccessError):
            theirs.with_user(self.manager_a).read(["reason"])
        self.assertFalse(Log.with_user(self.manager_a).read_group([("id", "=", theirs.id)], ["pool_id"], ["pool_id"]))
        self.assertNotIn(theirs.id, [r[0] for r in Log.with_user(self.manager_a).name_search("乙一")])
        self.assertEqual(Log.with_user(self.manager_b).search(both), theirs)
        # Claimed by team B, the customer leaves manager A's sight; its line in the log does not.
        self.pool.member_user_ids = self.sales_b1
        self.customer_a1.with_user(self.sales_b1).action_claim()
        self.assertFalse(self.env["xtools.customer"].with_user(self.manager_a).search(
            [("id", "=", self.customer_a1.id)]))
        self.assertEqual(Log.with_user(self.manager_a).search([("customer_id", "=", self.customer_a1.id)]),
                         Log.search([("customer_id", "=", self.customer_a1.id)]))
        # A pool's managers read its lines.
        pool_b.manager_user_ids = self.manager_a
        self.assertIn(theirs, Log.with_user(self.manager_a).search(both))
        self.assertEqual(Log.with_user(self.boss).search(both), mine | theirs)
        for user in (self.sales_a1, self.manager_a, self.boss):
            with self.assertRaises(AccessError):
                Log.with_user(user).create({"customer_id": self.customer_a1.id, "pool_id": self.pool.id,
                                            "company_id": self.company.id, "operation": "claim",
                                            "user_id": user.id})
            with self.assertRaises(AccessError):
                mine.with_user(user).write({"reason": "改写"})
            with self.assertRaises(AccessError):
                mine.with_user(user).unlink()

    def test_pool_configuration_by_the_boss(self):
        Pool = self.env["xtools.customer.pool"]
        self.assertEqual(self.pool.with_user(self.sales_b1).read(["name"])[0]["name"], "甲组公海")
        for user in (self.sales_a1, self.manager_a):
            with self.assertRaises(AccessError):
                self.pool.with_user(user).write({"days_without_action": 300})
            with self.assertRaises(AccessError):
                Pool.with_user(user).create({"name": "自建公海"})
            with self.assertRaises(AccessError):
                self.env["xtools.customer.pool.level"].with_user(user).create(
                    {"pool_id": self.pool.id, "level": "a", "days_without_action": 99})
        Pool.with_user(self.boss).create({"name": "老板的公海", "level_rule_ids": [
            Command.create({"level": "a", "days_without_action": 90})]})
        with self.assertRaises(ValidationError):
            self.pool.warn_days = 30
        other = self.env["res.company"].create({"name": "其他公司"})
        foreign = Pool.create({"name": "外公司公海", "company_id": other.id})
        self.assertFalse(Pool.with_user(self.boss).search([("id", "=", foreign.id)]))

    def test_wizards_do_not_reach_hidden_customers(self):
        # Release: only what the user may give away (a hidden customer is not even in the wizard's list).
        wizard = self.env["xtools.customer.pool.release.wizard"].with_user(self.sales_a1).create(
            {"customer_ids": [Command.set(self.customer_b1.ids)], "pool_id": self.pool.id, "reason": "别人的"})
        with self.assertRaises(UserError):
            wizard.action_release()
        with self.assertRaises(AccessError):
            self.customer_b1.with_user(self.sales_a1)._release_to_pool(self.pool, "别人的")
        self.assertFalse(self.customer_b1.pool_id)
        # Assign: only pool customers, only by the pool's managers.
        wizard = self.env["xtools.customer.pool.assign.wizard"].with_user(self.manager_a).create(
            {"customer_ids": [Command.set(self.customer_b1.ids)], "user_id": self.sales_a1.id})
        with self.assertRaises(UserError) as error:
            wizard.action_assign()
        self.assertNotIn(self.customer_b1.name, str(error.exception), "a hidden customer is not named")
        self.assertEqual(self.customer_b1.user_id, self.sales_b1)
        # Claim: a hidden customer that is in no pool.
        with self.assertRaises(UserError):
            self.customer_b1.with_user(self.sales_a1).action_claim()
        # Duplicate check lines link only customers the user may open.
        check = self.env["xtools.customer.duplicate.wizard"].with_user(self.sales_a1).create({"name": "乙一"})
        with self.assertRaises(AccessError):
            self.env["xtools.customer.duplicate.line"].with_user(self.sales_a1).create(
                {"wizard_id": check.id, "customer_id": self.customer_b1.id, "name": "x"})


@tagged("post_install", "-at_install")
class TestPoolListQueries(XtoolsPoolCase):
    """The pool list costs the same number of queries for a member whatever the number of pool customers."""

    def _released(self, count, prefix):
        customers = self.env["xtools.customer"].create([
            {"name": f"{prefix}公海客户{i:03d}有限公司", "short_name": f"{prefix}公海{i:03d}",
             "user_id": self.sales_a1.id, "level": "abc"[i % 3], "state_id": self.env.ref("base.state_cn_ZJ").id}
            for i in range(count)
        ])
        self._release(customers, user=self.sales_a1)
        self.env.invalidate_all()

    def _count(self):
        Customer = self.env["xtools.customer"].with_user(self.sales_a2)
        view = self.env.ref("xtools_crm.xtools_customer_view_list_pool")
        names = {node.get("name") for node in etree.fromstring(
            Customer.get_views([(view.id, "list")])["views"]["list"]["arch"]).iter("field")}
        spec = {name: ({"fields": {"display_name": {}}} if Customer._fields[name].relational else {})
                for name in names}
        result = None
        for _warm in range(2):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = Customer.web_search_read([("pool_id", "!=", False)], spec, limit=80)
            count = self.env.cr.sql_log_count - before
        return count, result["length"]

    def test_pool_list_queries_do_not_grow(self):
        self._released(3, "甲")
        small = self._count()
        self._released(40, "乙")
        large = self._count()
        self.assertEqual((small[1], large[1]), (3, 43))
        self.assertEqual(small[0], large[0], "queries for 3 vs 43 pool customers")
