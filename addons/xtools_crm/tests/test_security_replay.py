import ast
import pathlib
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestSecurityReplay(XtoolsContractCase):
    """The holes a red team found, replayed exactly as a hostile salesperson sent them (the calls that
    ``/web/dataset/call_kw`` makes for their own session): ``sales_a1`` attacks the file of ``customer_a2``, a
    colleague's customer they cannot see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attacker = cls.sales_a1
        cls.victim = cls.customer_a2
        cls.victim_contact = cls.env["res.partner"].create(
            {"name": "受害联系人", "parent_id": cls.victim.partner_id.id, "email": "victim@example.cn"}
        )
        cls.victim_contract = cls._contract(cls.victim, amount=50000)
        cls.own_contract = cls._contract(cls.customer_a1, amount=50000)

    @contextmanager
    def _refused(self, exception, pattern):
        """Like ``assertRaisesRegex``, inside a savepoint (as Odoo's ``assertRaises``), so nothing of the refused
        call stays behind — as when the RPC's transaction is rolled back."""
        with self.assertRaises(exception) as error:
            yield error
        self.assertRegex(str(error.exception), pattern)

    def _rpc(self, model, user=None):
        return self.env[model].with_user(user or self.attacker).with_context(lang="en_US")

    # 1. Takeover by partner_id ------------------------------------------------------------------------------
    def test_hole1_partner_id_takeover(self):
        own = self._rpc("xtools.customer").browse(self.customer_a1.id)
        with self._refused(UserError, "never changes"):
            own.write({"partner_id": self.victim.partner_id.id})
        self.assertEqual(self.customer_a1.partner_id.xtools_customer_id, self.customer_a1)
        # The colleague keeps their partner and contacts; the attacker still cannot read them.
        self.assertEqual(self.victim.partner_id.xtools_customer_id, self.victim)
        with self.assertRaises(AccessError):
            self._rpc("res.partner").browse(self.victim_contact.id).read(["name"])
        self.assertTrue(self._rpc("res.partner", self.sales_a2).browse(self.victim_contact.id).read(["name"]))
        # And the attacker's own partner did not become public.
        self.assertFalse(self._rpc("res.partner", self.sales_b1).search([("id", "=", self.customer_a1.partner_id.id)]))

    # 2. Schedules are public ---------------------------------------------------------------------------------
    def test_hole2_schedules_follow_the_customer_in_calendar(self):
        start = fields.Datetime.now() + timedelta(days=1)
        schedule = self.victim._create_schedule("受害客户拜访", start, self.sales_a2)
        schedule.partner_ids = [Command.link(self.victim_contact.id)]
        internal = self.env["calendar.event"].with_user(self.sales_a2).create(
            {"name": "部门例会", "start": start, "stop": start + timedelta(hours=1)}
        )
        Event, Attendee = self._rpc("calendar.event"), self._rpc("calendar.attendee")
        self.assertFalse(Event.search([("id", "=", schedule.id)]))
        with self.assertRaises(AccessError):
            Event.browse(schedule.id).read(["name", "partner_ids"])
        self.assertFalse(Attendee.search([("event_id", "=", schedule.id)]))
        self.assertFalse(Event.search_read([("partner_ids", "in", self.victim_contact.id)], ["name"]))
        # Events of no customer keep Odoo's behaviour: every employee sees them.
        self.assertEqual(Event.search([("id", "=", internal.id)]), internal)
        # The owner, their manager and the boss see the schedule; an employee without a CRM role does not.
        for user in (self.sales_a2, self.manager_a, self.boss):
            self.assertEqual(self._rpc("calendar.event", user).search([("id", "=", schedule.id)]), schedule)
        employee = new_test_user(self.env, login="t_employee", groups="base.group_user")
        self.assertFalse(self._rpc("calendar.event", employee).search([("id", "=", schedule.id)]))
        self.assertEqual(self._rpc("calendar.event", employee).search([("id", "=", internal.id)]), internal)
        # Deleting the customer deletes its schedules (they would otherwise become public).
        self.assertEqual(schedule.xtools_customer_id, self.victim)

    # 3. default_* context values ------------------------------------------------------------------------------
    def test_hole3_context_defaults_are_checked_on_the_records(self):
        with self._refused(ValidationError, "greater than zero"):
            self._rpc("xtools.payment").with_context(default_amount=-500).create(
                [{"contract_id": self.own_contract.id}]
            )
        self.assertFalse(self.env["xtools.payment"].search([("contract_id", "=", self.own_contract.id)]))
        self.assertEqual(self.own_contract.paid_amount, 0)
        contract = self._rpc("xtools.contract").with_context(default_state="running").create(
            [{"name": "伪签约合同", "customer_id": self.customer_a1.id}]
        )
        self.assertEqual(contract.state, "draft", "a contract is created as a draft whatever the context says")
        with self._refused(UserError, "only through its buttons"):
            self._rpc("xtools.contract").create([{"name": "伪签约", "customer_id": self.customer_a1.id,
                                                  "state": "running"}])
        with self._refused(ValidationError, "greater than zero"):
            self._rpc("xtools.invoice").with_context(default_amount=-1).create(
                [{"contract_id": self.own_contract.id, "invoice_type": "receipt", "number": "R-1"}]
            )
        delivery = self.env["xtools.delivery"].create({
            "contract_id": self._contract(self.customer_a1, lines=[(self.product_server, 2, 100)],
                                          plans=[(date.today(), 200)]).id,
            "product_id": self.product_server.id, "planned_qty": 2, "planned_date": date.today(),
        })
        with self._refused(ValidationError, "greater than zero"):
            self._rpc("xtools.delivery.record").with_context(default_qty=-5).create([{"delivery_id": delivery.id}])
        with self.assertRaises(AccessError):
            self._rpc("xtools.customer").with_context(default_user_id=self.sales_a2.id).create(
                [{"name": "别人的客户有限公司", "short_name": "别人"}]
            )
        # Even when it would stay visible to the creator (shared with them), the owner is checked.
        with self._refused(AccessError, "owned by"):
            self._rpc("xtools.customer").with_context(default_user_id=self.sales_a2.id).create(
                [
                    {
                        "name": "别人的客户有限公司",
                        "short_name": "别人",
                        "shared_user_ids": [Command.link(self.attacker.id)],
                    }
                ]
            )
        with self.assertRaises(UserError):
            self._rpc("xtools.call").with_context(default_state="processed").create([{"phone": "13800138000"}]) \
                .write({"state": "processed"})

    # 4. Moving own records into a hidden file ----------------------------------------------------------------
    def test_hole4_own_records_cannot_move_into_a_hidden_file(self):
        action = self._rpc("xtools.action").create({"customer_id": self.customer_a1.id, "subject": "拜访"})
        draft = self._rpc("xtools.contract").create({"name": "草稿", "customer_id": self.customer_a1.id})
        plan = self._rpc("xtools.payment.plan").create({"contract_id": draft.id, "amount": 10})
        call = self._rpc("xtools.call").create({"phone": "021 5555 0000", "customer_id": self.customer_a1.id})
        attempts = [
            (action, {"customer_id": self.victim.id}),
            (draft, {"customer_id": self.victim.id}),
            (plan, {"contract_id": self.victim_contract.id}),
            (call, {"customer_id": self.victim.id}),
        ]
        start = fields.Datetime.now() + timedelta(days=2)
        event = self.customer_a1.with_user(self.attacker)._create_schedule("回访", start, self.attacker)
        attempts.append((event.with_user(self.attacker), {"res_id": self.victim.id}))
        for record, vals in attempts:
            with self.subTest(model=record._name, vals=vals):
                with self.assertRaises(UserError):
                    record.write(vals)
                self.assertEqual(record.sudo()._xtools_customer()[record.id], self.customer_a1.id)

    # 5. Reading hidden names by linking to them --------------------------------------------------------------
    def test_hole5_links_never_show_a_hidden_name(self):
        action = self._rpc("xtools.action").create({"customer_id": self.customer_a1.id, "subject": "拜访"})
        for vals in ({"contract_id": self.victim_contract.id}, {"contact_id": self.victim_contact.id}):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError) as error:
                    action.write(vals)
                self.assertNotIn(self.victim_contract.name, str(error.exception))
                self.assertNotIn(self.victim_contact.name, str(error.exception))
        own = self._rpc("xtools.customer").browse(self.customer_a1.id)
        with self.assertRaises(ValidationError):
            own.write({"main_contact_id": self.victim_contact.id})
        # The plan generator never shows a hidden contract's amount.
        with self.assertRaises(AccessError):
            self._rpc("xtools.payment.plan.generate").create({"contract_id": self.victim_contract.id}).read(["amount"])
        with self.assertRaises(AccessError):
            self._rpc("xtools.payment.plan.generate").onchange(
                {"contract_id": self.victim_contract.id}, ["contract_id"], {"contract_id": {}, "amount": {}}
            )
        # Attendees, followers and recipients are partners the user may see.
        start = fields.Datetime.now() + timedelta(days=2)
        event = self.customer_a1.with_user(self.attacker)._create_schedule("回访", start, self.attacker)
        with self.assertRaises(AccessError):
            event.with_user(self.attacker).write({"partner_ids": [Command.link(self.victim_contact.id)]})
        with self.assertRaises(AccessError):
            own.message_subscribe(partner_ids=self.victim_contact.ids)
        with self.assertRaises(AccessError):
            own.message_post(body="你好", partner_ids=self.victim_contact.ids)
        self.assertNotIn(self.victim_contact, self.customer_a1.message_partner_ids)

    # 6. Sub-contacts are public ------------------------------------------------------------------------------
    def test_hole6_sub_contacts_follow_the_customer(self):
        sub_contact = self.env["res.partner"].create({"name": "下级联系人", "parent_id": self.victim_contact.id})
        address = self.env["res.partner"].create(
            {"name": "收货地址", "type": "delivery", "parent_id": self.victim.partner_id.id}
        )
        for partner in (sub_contact, address):
            self.assertEqual(partner.xtools_customer_id, self.victim)
            self.assertFalse(self._rpc("res.partner").search([("id", "=", partner.id)]))
            self.assertTrue(self._rpc("res.partner", self.sales_a2).search([("id", "=", partner.id)]))
        # Follows a transfer at once.
        self.victim._transfer_to(self.attacker)
        self.assertTrue(self._rpc("res.partner").search([("id", "=", sub_contact.id)]))

    # 7. Deleting a customer ----------------------------------------------------------------------------------
    def test_hole7_deleting_a_customer_leaves_no_public_partner(self):
        customer = self._rpc("xtools.customer", self.sales_a2).create({"name": "将删除有限公司", "short_name": "将删"})
        contact = self.env["res.partner"].create({"name": "将删联系人", "parent_id": customer.partner_id.id})
        sub = self.env["res.partner"].create({"name": "将删下级", "parent_id": contact.id})
        partners = customer.partner_id | contact | sub
        customer.with_user(self.manager_a).unlink()
        self.assertFalse(partners.exists(), "the customer's partner, contacts and sub-contacts are deleted with it")

    # 8. Signed contracts are fully locked for sales ----------------------------------------------------------
    def test_hole8_signed_contract_locked_for_sales(self):
        contract = self._contract(self.customer_a1, amount=20000, plans=[(date(2026, 1, 1), 10000),
                                                                          (date(2026, 6, 1), 10000)])
        as_sales = contract.with_user(self.attacker)
        for vals in ({"start_date": date(2026, 1, 1)}, {"end_date": date(2027, 1, 1)},
                     {"description": "<p>改条款</p>"}, {"contract_file": "UEsDBA=="}):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    as_sales.write(vals)
        plan = contract.plan_ids[0].with_user(self.attacker)
        with self.assertRaises(AccessError):
            plan.write({"amount": 15000})
        with self.assertRaises(AccessError):
            plan.write({"due_date": date(2026, 2, 1)})
        with self.assertRaises(AccessError):
            plan.unlink()
        with self.assertRaises(AccessError):
            self._rpc("xtools.payment.plan").create({"contract_id": contract.id, "amount": 100})
        plan.write({"name": "首付款"})  # naming the installment stays the salesperson's
        # The manager may, and the change is in the chatter.
        contract.plan_ids[0].with_user(self.manager_a).write({"due_date": date(2026, 2, 1)})
        contract.with_user(self.manager_a).write({"end_date": date(2027, 12, 31)})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        self.assertIn("2026-02-01", "".join(contract.message_ids.mapped("body")))
        self.assertEqual(contract.end_date, date(2027, 12, 31))
        tracked = contract.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "end_date")
        self.assertTrue(tracked, "the new end date is tracked in the chatter")

    # The code itself ----------------------------------------------------------------------------------------
    def test_no_helper_gets_past_its_own_write(self):
        """A helper that calls ``super().write()``/``super().create()`` skips the class's own checks."""
        offenders = []
        root = pathlib.Path(__file__).parent.parent
        for path in sorted(root.rglob("*.py")):
            if "tests" in path.parts:
                continue
            for function in ast.walk(ast.parse(path.read_text())):
                if not isinstance(function, ast.FunctionDef):
                    continue
                for node in ast.walk(function):
                    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr in ("write", "create") and isinstance(node.func.value, ast.Call)
                            and getattr(node.func.value.func, "id", "") == "super"
                            and function.name != node.func.attr):
                        offenders.append(f"{path.relative_to(root)}:{node.lineno} in {function.name}()")
        self.assertEqual(offenders, [])
