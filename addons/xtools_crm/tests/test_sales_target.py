from datetime import date

from psycopg2 import IntegrityError

from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestSalesTarget(XtoolsContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Target = cls.env["xtools.sales.target"]

    @classmethod
    def _target(cls, amount, target_type="contract", month=3, year=2025, **owner):
        return cls.Target.create({"year": year, "month": str(month), "target_type": target_type, "amount": amount,
                                  **{key: record.id for key, record in owner.items()}})

    def _march_sales(self):
        """Contracts and payments of team A in March 2025, and just outside it."""
        in_march = self._contract(self.customer_a1, amount=40000.0, sign_date=date(2025, 3, 5), plans=[
            (date(2025, 3, 31), 40000.0)])
        self._contract(self.customer_a1, amount=9000.0, sign_date=date(2025, 2, 28), name="二月底")
        self._contract(self.customer_a1, amount=8000.0, sign_date=date(2025, 4, 1), name="四月初")
        self._contract(self.customer_a2, amount=25000.0, sign_date=date(2025, 3, 31), name="三月底")
        self._contract(self.customer_b1, amount=70000.0, sign_date=date(2025, 3, 15), name="乙团队")
        self._contract(self.customer_a1, amount=5000.0, sign=False, name="未签")
        self._pay(in_march, 10000.0, date=date(2025, 3, 20))
        # Handled by the manager, credited to the contract's salesperson.
        self._pay(in_march, 6000.0, date=date(2025, 3, 21), user=self.manager_a)
        self._pay(in_march, 4000.0, date=date(2025, 4, 2))

    def test_completion_from_contracts_and_payments_of_the_month(self):
        self._march_sales()
        contract_a1 = self._target(100000.0, user_id=self.sales_a1)
        payment_a1 = self._target(20000.0, "payment", user_id=self.sales_a1)
        team_a = self._target(50000.0, team_id=self.team_a)
        company = self._target(200000.0)
        april = self._target(10000.0, month=4, user_id=self.sales_a1)
        self.assertEqual((contract_a1.achieved_amount, contract_a1.completion_rate), (40000.0, 40.0))
        self.assertEqual((payment_a1.achieved_amount, payment_a1.completion_rate), (16000.0, 80.0))
        self.assertEqual((team_a.achieved_amount, team_a.completion_rate), (65000.0, 130.0))
        self.assertEqual(company.achieved_amount, 135000.0)
        self.assertEqual(april.achieved_amount, 8000.0)
        self.assertEqual(company.scope, "company")
        self.assertEqual(team_a.scope, "team")

    def test_progress_for_the_workbench(self):
        self._march_sales()
        self._target(100000.0, user_id=self.sales_a1)
        self._target(50000.0, team_id=self.team_a)
        progress = self.Target._get_progress(self.sales_a1 | self.sales_a2, date(2025, 3, 10))
        self.assertEqual(progress[self.sales_a1.id], {
            "contract": {"target": 100000.0, "achieved": 40000.0, "rate": 40.0},
            "payment": {"target": 0.0, "achieved": 16000.0, "rate": None},
        })
        self.assertEqual(progress[self.sales_a2.id]["contract"], {"target": 0.0, "achieved": 25000.0, "rate": None})
        team = self.Target._get_progress(self.team_a, date(2025, 3, 1))
        self.assertEqual(team[self.team_a.id]["contract"], {"target": 50000.0, "achieved": 65000.0, "rate": 130.0})
        # Under the reader's rules: a salesperson of team B sees none of team A's contracts.
        as_b1 = self.Target.with_user(self.sales_b1)._get_progress(self.sales_a1, date(2025, 3, 10))
        self.assertEqual(as_b1[self.sales_a1.id]["contract"], {"target": 0.0, "achieved": 0.0, "rate": None})
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.Target._get_progress(self.sales_a1 | self.sales_a2 | self.sales_b1, date(2025, 3, 10))
        self.assertLessEqual(self.cr.sql_log_count - before, 6, "one query for targets, one per target type")

    def test_visibility(self):
        own_a1 = self._target(1000.0, user_id=self.sales_a1)
        a2 = self._target(1000.0, user_id=self.sales_a2)
        b1 = self._target(1000.0, user_id=self.sales_b1)
        manager_a = self._target(1000.0, user_id=self.manager_a)
        team_a = self._target(1000.0, team_id=self.team_a)
        team_b = self._target(1000.0, team_id=self.team_b)
        company = self._target(1000.0)
        every = own_a1 | a2 | b1 | manager_a | team_a | team_b | company

        def visible(user):
            return self.Target.with_user(user).search([("id", "in", every.ids)])

        self.assertEqual(visible(self.sales_a1), own_a1)
        self.assertEqual(visible(self.manager_a), own_a1 | a2 | manager_a | team_a)
        self.assertEqual(visible(self.manager_b), b1 | team_b)
        self.assertEqual(visible(self.boss), every)
        with self.assertRaises(AccessError):
            a2.with_user(self.sales_a1).read(["amount"])
        Target = self.Target.with_user(self.sales_a1)
        self.assertFalse(Target.read_group([("id", "=", a2.id)], ["amount"], ["user_id"]))
        self.assertNotIn(a2.id, [r[0] for r in Target.name_search(self.sales_a2.name)])

    def test_nobody_edits_their_own_target(self):
        as_manager = self.Target.with_user(self.manager_a)
        # Their team and its members: yes.
        member = as_manager.create({"user_id": self.sales_a1.id, "month": "3", "year": 2025, "amount": 1000.0})
        as_manager.create({"team_id": self.team_a.id, "month": "3", "year": 2025, "amount": 3000.0})
        member.amount = 1500.0
        # Their own, another team's or its members', the company's: no.
        for owner in ({"user_id": self.manager_a.id}, {"user_id": self.sales_b1.id}, {"team_id": self.team_b.id}, {}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                as_manager.create({**owner, "month": "3", "year": 2025, "amount": 1000.0})
        with self.assertRaises(AccessError):
            member.with_user(self.manager_a).write({"user_id": self.manager_a.id})
        with self.assertRaises(AccessError):
            member.with_user(self.manager_a).write({"user_id": self.sales_b1.id})
        own = self._target(5000.0, user_id=self.manager_a)
        with self.assertRaises(AccessError):
            own.with_user(self.manager_a).write({"amount": 1.0})
        with self.assertRaises(AccessError):
            own.with_user(self.manager_a).unlink()
        # A salesperson sets no target at all; the boss sets every one but their own.
        with self.assertRaises(AccessError):
            self.Target.with_user(self.sales_a1).create({"user_id": self.sales_a2.id, "month": "3", "year": 2025,
                                                         "amount": 1.0})
        with self.assertRaises(AccessError):
            member.with_user(self.sales_a1).write({"amount": 99999.0})
        as_boss = self.Target.with_user(self.boss)
        as_boss.create({"month": "3", "year": 2025, "amount": 9.0})
        own.with_user(self.boss).amount = 6000.0
        with self.assertRaises(AccessError):
            as_boss.create({"user_id": self.boss.id, "month": "3", "year": 2025, "amount": 9.0})

    def test_bad_targets_are_refused(self):
        self._target(1000.0, user_id=self.sales_a1)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._target(2000.0, user_id=self.sales_a1)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._target(1.0)
            self._target(1.0)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._target(-5.0, user_id=self.sales_a2)
        with self.assertRaisesRegex(ValidationError, "Team A"), self.cr.savepoint():
            self._target(1.0, user_id=self.sales_a2, team_id=self.team_a)

    def test_yearly_grid(self):
        action = call_kw(self.Target.with_user(self.manager_a), "action_open_grid", [[]], {})
        self.assertEqual((action["res_model"], action["target"]), ("xtools.sales.target.grid", "new"))
        form = Form(self.env["xtools.sales.target.grid"].with_user(self.manager_a))
        form.scope = "user"
        form.user_id = self.sales_a1
        form.year = 2025
        form.target_type = "payment"
        for month in range(1, 13):
            setattr(form, f"month_{month}", 1000.0 * month)
        self.assertEqual(form.year_total, 78000.0)
        form.save().action_apply()
        targets = self.Target.search([("user_id", "=", self.sales_a1.id), ("year", "=", 2025)])
        self.assertEqual(len(targets), 12)
        self.assertEqual(set(targets.mapped("target_type")), {"payment"})
        self.assertEqual(targets.filtered(lambda t: t.month == "7").amount, 7000.0)
        # Opened again, the grid shows the months set; zero removes a month, a new amount updates it.
        form = Form(self.env["xtools.sales.target.grid"].with_user(self.manager_a))
        form.user_id = self.sales_a1
        form.year = 2025
        form.target_type = "payment"
        self.assertEqual(form.month_7, 7000.0)
        form.month_7 = 0.0
        form.month_8 = 8888.0
        form.save().action_apply()
        targets = self.Target.search([("user_id", "=", self.sales_a1.id), ("year", "=", 2025)])
        self.assertEqual(len(targets), 11)
        self.assertEqual(targets.filtered(lambda t: t.month == "8").amount, 8888.0)
        # The grid saves with the user's rights: not for oneself, not for another team.
        for user in (self.manager_a, self.sales_b1):
            grid = self.env["xtools.sales.target.grid"].with_user(self.manager_a).create(
                {"scope": "user", "user_id": user.id, "year": 2025, "month_1": 100.0})
            with self.assertRaises(AccessError), self.cr.savepoint():
                grid.action_apply()
        with self.assertRaises(UserError):
            self.env["xtools.sales.target.grid"].with_user(self.manager_a).create(
                {"scope": "team", "year": 2025, "month_1": 100.0}).action_apply()
