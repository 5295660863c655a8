from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .contract_common import XtoolsContractCase

MARCH = (date(2025, 3, 1), date(2025, 4, 1))


@tagged("post_install", "-at_install")
class TestStatistics(XtoolsContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.today = cls.env["xtools.daily.report"]._company_today(cls.company)
        Target = cls.env["xtools.sales.target"]
        cls.contract_a1 = cls._contract(cls.customer_a1, amount=40000.0, sign_date=date(2025, 3, 5))
        cls.contract_a2 = cls._contract(cls.customer_a2, amount=20000.0, sign_date=date(2025, 3, 12))
        cls.contract_b1 = cls._contract(cls.customer_b1, amount=90000.0, sign_date=date(2025, 3, 20))
        cls._contract(cls.customer_a1, amount=7000.0, sign_date=date(2025, 2, 27))
        cls._pay(cls.contract_a1, 10000.0, date=date(2025, 3, 25))
        cls._pay(cls.contract_b1, 30000.0, date=date(2025, 3, 26))
        for user, contract_target, payment_target in ((cls.sales_a1, 80000.0, 20000.0),
                                                      (cls.sales_a2, 40000.0, 10000.0),
                                                      (cls.sales_b1, 60000.0, 60000.0)):
            for target_type, amount in (("contract", contract_target), ("payment", payment_target)):
                Target.create({"user_id": user.id, "year": 2025, "month": "3", "target_type": target_type,
                               "amount": amount})
        cls.env["xtools.action"].create([
            {"customer_id": cls.customer_a1.id, "subject": "三月电话", "date": datetime(2025, 3, 3, 2, 0),
             "user_id": cls.sales_a1.id},
            {"customer_id": cls.customer_a1.id, "subject": "三月拜访", "date": datetime(2025, 3, 4, 2, 0),
             "user_id": cls.sales_a1.id, "action_type": "visit"},
        ])

    def _sales_by_user(self, user, groupby="user_id"):
        rows = self.env["xtools.report.sales"].with_user(user)._read_group(
            [("date", ">=", MARCH[0]), ("date", "<", MARCH[1]), (groupby, "!=", False)], [groupby],
            ["contract_count:sum", "contract_amount:sum", "contract_target:sum", "contract_completion:avg",
             "payment_amount:sum", "payment_completion:avg", "action_count:sum"],
        )
        return {group: values for group, *values in rows}

    def test_sales_performance_per_person_and_month(self):
        boss = self._sales_by_user(self.boss)
        self.assertEqual(boss[self.sales_a1], [1, 40000.0, 80000.0, 50.0, 10000.0, 50.0, 2])
        self.assertEqual(boss[self.sales_a2], [1, 20000.0, 40000.0, 50.0, 0.0, 0.0, 0])
        self.assertEqual(boss[self.sales_b1], [1, 90000.0, 60000.0, 150.0, 30000.0, 50.0, 0])
        teams = self._sales_by_user(self.boss, "team_id")
        # A group's completion is its amount over its target, not an average of the members' rates.
        self.assertEqual(teams[self.team_a][:4], [2, 60000.0, 120000.0, 50.0])
        self.assertAlmostEqual(teams[self.team_a][5], 10000.0 / 30000.0 * 100)

    def test_sales_performance_obeys_each_roles_rules(self):
        self.assertEqual(set(self._sales_by_user(self.sales_a1)), {self.sales_a1})
        self.assertEqual(set(self._sales_by_user(self.manager_a)), {self.sales_a1, self.sales_a2})
        self.assertEqual(set(self._sales_by_user(self.manager_b)), {self.sales_b1})
        Report = self.env["xtools.report.sales"].with_user(self.sales_a1)
        hidden = self.env["xtools.report.sales"].search([("customer_id", "=", self.customer_a2.id)])
        self.assertTrue(hidden)
        self.assertFalse(Report.search([("id", "in", hidden.ids)]))
        with self.assertRaises(AccessError):
            hidden.with_user(self.sales_a1).read(["contract_amount"])
        target_a2 = self.env["xtools.report.sales"].search(
            [("kind", "=", "target"), ("user_id", "=", self.sales_a2.id)])
        self.assertEqual(len(target_a2), 2)
        self.assertFalse(Report.search([("id", "in", target_a2.ids)]), "another's target rows stay hidden")
        as_manager = self.env["xtools.report.sales"].with_user(self.manager_a)
        self.assertTrue(as_manager.search([("id", "in", target_a2.ids)]))
        # Shared with sales A1, a customer's rows come along.
        self.customer_a2._share_with(self.sales_a1)
        self.assertEqual(Report.search_count([("customer_id", "=", self.customer_a2.id), ("kind", "=", "contract")]), 1)

    def test_summary_and_ranking(self):
        summary = self.env["xtools.report.sales"]._get_summary(*MARCH, users=self.sales_a1 | self.sales_a2)
        self.assertEqual(summary["contract_amount"], 60000.0)
        self.assertEqual(summary["payment_amount"], 10000.0)
        self.assertEqual(summary["contract_completion"], 50.0)
        ranking = self.env["xtools.report.sales"]._get_ranking(*MARCH)
        ours = [line for line in ranking if line["user_id"] in (self.sales_a1 | self.sales_a2 | self.sales_b1).ids]
        self.assertEqual([(line["name"], line["amount"]) for line in ours],
                         [("销售B1", 90000.0), ("销售A1", 40000.0), ("销售A2", 20000.0)])
        self.assertEqual([line["rank"] for line in ranking], sorted(line["rank"] for line in ranking))
        by_payment = self.env["xtools.report.sales"].with_user(self.manager_a)._get_ranking(*MARCH, "payment_amount")
        self.assertEqual([(line["name"], line["amount"], line["rank"]) for line in by_payment],
                         [("销售A1", 10000.0, 1)])

    def test_receivables_aging_buckets(self):
        today = self.today
        contract = self._contract(self.customer_a1, amount=150000.0, sign_date=today - timedelta(days=120), plans=[
            (today - timedelta(days=91), 50000.0),   # over 90
            (today - timedelta(days=61), 30000.0),   # 61-90
            (today - timedelta(days=45), 25000.0),   # 31-60
            (today - timedelta(days=1), 20000.0),    # 1-30
            (today, 15000.0),                         # due today: not due yet
            (today + timedelta(days=5), 10000.0),   # not due
        ], name="账龄合同")
        self._pay(contract, 20000.0, date=today)  # fills the oldest plan first: 30000 still due over 90 days
        Receivable = self.env["xtools.report.receivable"]
        rows = Receivable._read_group([("contract_id", "=", contract.id)], ["bucket"], ["amount:sum"])
        self.assertEqual(dict(rows), {"not_due": 25000.0, "1_30": 20000.0, "31_60": 25000.0, "61_90": 30000.0,
                                      "over_90": 30000.0})
        totals = Receivable._read_group([("contract_id", "=", contract.id)], [], [
            "not_due_amount:sum", "due_1_30_amount:sum", "due_31_60_amount:sum", "due_61_90_amount:sum",
            "due_over_90_amount:sum", "overdue_amount:sum", "amount:sum"])[0]
        self.assertEqual(totals, (25000.0, 20000.0, 25000.0, 30000.0, 30000.0, 105000.0, 130000.0))
        oldest = Receivable.search([("contract_id", "=", contract.id), ("bucket", "=", "over_90")])
        self.assertEqual((oldest.overdue_days, oldest.user_id, oldest.team_id), (91, self.sales_a1, self.team_a))
        self.assertFalse(Receivable.with_user(self.sales_a2).search([("contract_id", "=", contract.id)]))
        self.assertFalse(Receivable.with_user(self.manager_b).read_group([("contract_id", "=", contract.id)],
                                                                         ["amount"], ["bucket"]))
        with self.assertRaises(AccessError):
            oldest.with_user(self.sales_b1).read(["amount"])
        self.assertEqual(len(Receivable.with_user(self.manager_a).search([("contract_id", "=", contract.id)])), 6)

    def test_funnel_conversion(self):
        stages = self.env["xtools.opportunity.stage"].search([], order="sequence, id")
        Opportunity = self.env["xtools.opportunity"]
        jumped = Opportunity.create({"name": "跳级", "customer_id": self.customer_a1.id, "stage_id": stages[0].id})
        jumped.stage_id = stages[2]
        Opportunity.create({"name": "停留", "customer_id": self.customer_a1.id, "stage_id": stages[0].id})
        won = Opportunity.create({"name": "赢单", "customer_id": self.customer_a1.id, "stage_id": stages[0].id})
        won.action_set_won()
        hidden = Opportunity.create({"name": "别人的", "customer_id": self.customer_b1.id,
                                     "stage_id": stages[0].id})
        ours = (jumped | won | hidden).ids + Opportunity.search([("name", "=", "停留")]).ids
        Funnel = self.env["xtools.report.funnel"]
        rows = Funnel._read_group([("opportunity_id", "in", ours)], ["stage_id"],
                                  ["reached_count:sum", "next_count:sum", "conversion_rate:avg", "won_count:sum"])
        by_stage = {stage: values for stage, *values in rows}
        self.assertEqual(by_stage[stages[0]][:2], [4, 2])
        self.assertEqual(by_stage[stages[0]][2], 50.0)
        self.assertEqual(by_stage[stages[2]][:2], [2, 1], "the stage skipped by a jump counts as reached")
        self.assertEqual(by_stage[stages[-1]], [1, 0, 0.0, 1])
        mine = Funnel.with_user(self.sales_a1)._read_group([("opportunity_id", "in", ours)], ["stage_id"],
                                                           ["reached_count:sum"])
        self.assertEqual(dict(mine)[stages[0]], 3, "another team's opportunity stays out")

    def test_customers_by_group_count_each_customer_once(self):
        vip = self.env.ref("xtools_crm.customer_group_vip")
        partner = self.env.ref("xtools_crm.customer_group_partner")
        self.customer_a1.group_ids = [Command.set((vip | partner).ids)]
        self.customer_a2.group_ids = [Command.set(vip.ids)]
        domain = [("customer_id", "in", (self.customer_a1 | self.customer_a2 | self.customer_b1).ids)]
        Distribution = self.env["xtools.report.customer"]
        by_group = dict(Distribution._read_group(domain, ["group_id"], ["customer_count:sum"]))
        self.assertEqual(by_group, {vip: 2, partner: 1, Distribution.group_id: 1})
        self.assertEqual(Distribution._read_group(domain, [], ["customer_count:sum"])[0][0], 3)
        self.assertEqual(Distribution.with_user(self.sales_a1)._read_group(domain, [], ["customer_count:sum"])[0][0], 1)
        self.assertEqual(dict(Distribution._read_group(domain, ["user_id"], ["customer_count:sum"]))[self.sales_a1], 1)

    def test_customers_by_level(self):
        """客户级别 in the customer distribution: a customer's level, kept in step with the customer."""
        self.customer_a1.level = "a"
        self.customer_a2.level = "c"
        domain = [("customer_id", "in", (self.customer_a1 | self.customer_a2 | self.customer_b1).ids)]
        Distribution = self.env["xtools.report.customer"]
        self.assertEqual(dict(Distribution._read_group(domain, ["level"], ["customer_count:sum"])),
                         {"a": 1, "c": 1, False: 1})
        self.customer_a2.level = "a"
        self.assertEqual(dict(Distribution._read_group(domain, ["level"], ["customer_count:sum"])),
                         {"a": 2, False: 1})
        self.assertEqual(Distribution.with_user(self.sales_a1)._read_group(domain, ["level"], ["customer_count:sum"]),
                         [("a", 1)], "a salesperson counts only the customers they see")
