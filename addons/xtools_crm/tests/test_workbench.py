import json
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged, users, warmup

from .contract_common import XtoolsContractCase

TODAY = date(2026, 3, 10)
# 12:00 in Shanghai, the users' time zone in these tests.
NOW = "2026-03-10 04:00:00"
TZ = "Asia/Shanghai"


def get_panel(data, key):
    return next((panel for panel in data["panels"] if panel["key"] == key), None)


def titles(data, key):
    return [item["title"] for item in get_panel(data, key)["items"]]


class WorkbenchCase(XtoolsContractCase):
    """Helpers to file, under a customer, one record of each kind the workbench shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("xtools_crm.contract_expiry_days", 30)
        cls.env["ir.config_parameter"].set_param("xtools_crm.expense_notify_email", False)
        cls.call_type = cls.env.ref("xtools_crm.mail_activity_type_call")
        (cls.boss | cls.manager_a | cls.manager_b | cls.sales_a1 | cls.sales_a2 | cls.sales_b1).tz = TZ
        # One customer pool 公海 for every salesperson (the seeded and demo pools archived): customers without an
        # action for 30 days return to it, their owners are warned 3 days ahead.
        cls.env["xtools.customer.pool"].search([]).write({"active": False})
        cls.pool = cls.env["xtools.customer.pool"].create({
            "name": "工作台公海", "all_sales": True, "days_without_action": 30, "days_without_deal": 0,
            "exclude_signed": True, "warn_days": 3,
        })

    @classmethod
    def _task(cls, customer, summary, deadline, user=None):
        return cls.env["mail.activity"].with_context(mail_activity_quick_update=True).create({
            "res_model_id": cls.env["ir.model"]._get_id("xtools.customer"),
            "res_id": customer.id,
            "activity_type_id": cls.call_type.id,
            "summary": summary,
            "date_deadline": deadline,
            "user_id": (user or customer.user_id).id,
        })

    @classmethod
    def _event(cls, customer, name, start, user=None, attendees=None):
        user = user or customer.user_id
        return cls.env["calendar.event"].with_context(no_mail_to_attendees=True, mail_create_nolog=True).create({
            "name": name,
            "start": start,
            "stop": start + timedelta(hours=1),
            "user_id": user.id,
            "partner_ids": [Command.set((attendees or user).partner_id.ids)],
            "res_model_id": cls.env["ir.model"]._get_id("xtools.customer"),
            "res_id": customer.id,
        })

    @classmethod
    def _call(cls, customer, caller, receiver=None, state="new"):
        return cls.env["xtools.call"].create({
            "phone": "13900000000",
            "caller_name": caller,
            "customer_id": customer.id,
            "receiver_id": (receiver or customer.user_id).id,
            "state": state,
        })

    @classmethod
    def _contact(cls, customer, name, birthday):
        return cls.env["res.partner"].create(
            {"name": name, "parent_id": customer.partner_id.id, "type": "contact", "xtools_birthday": birthday}
        )

    @classmethod
    def _complaint(cls, customer, name, received, urgency="normal", user=None):
        return cls.env["xtools.complaint"].create({
            "name": name, "customer_id": customer.id, "description": "客户不满意", "date": received,
            "urgency": urgency, "user_id": (user or customer.user_id).id,
        })

    @classmethod
    def _expense(cls, customer, description, amount=100.0, user=None, submit=True):
        """An expense of ``customer`` recorded by ``user`` (default: its owner), submitted by them."""
        user = user or customer.user_id
        expense = cls.env["xtools.expense"].with_user(user).create({
            "customer_id": customer.id, "category_id": cls.env.ref("xtools_crm.expense_category_entertainment").id,
            "amount": amount, "description": description,
        })
        if submit:
            expense.action_submit()
        return expense.with_env(cls.env)

    @classmethod
    def _announcement(cls, name, publish_date, expiry_date=False, **vals):
        return cls.env["xtools.announcement"].create({
            "name": name, "publish_date": publish_date, "expiry_date": expiry_date, "audience": "all", **vals,
        })

    @classmethod
    def _delivery(cls, contract, planned_date, qty=1.0):
        return cls.env["xtools.delivery"].create({
            "contract_id": contract.id,
            "product_id": cls.product_server.id,
            "planned_qty": qty,
            "planned_date": planned_date,
            "user_id": contract.user_id.id,
        })

    @classmethod
    def _returning_customer(cls, user, short_name, days_owned=28, **vals):
        """A customer of ``user``, owned for ``days_owned`` days without any action: after 27 days it is about to
        return to the pool (30 days without action, warned 3 days ahead)."""
        return cls.env["xtools.customer"].create({
            "name": f"{short_name}有限公司", "short_name": short_name, "user_id": user.id,
            "owner_date": datetime(2026, 3, 10, 4, 0) - timedelta(days=days_owned), **vals,
        })

    def _data(self, user, scope=None):
        return self.env["xtools.workbench"].with_user(user).with_context(tz=TZ).get_workbench_data(scope)


@freeze_time(NOW)
class TestWorkbenchScopes(WorkbenchCase):
    """Who sees what: a salesperson only their own items, a manager their teams', the boss everything; the scope
    switch is refused outside the caller's teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for customer, tag in [(cls.customer_a1, "A1"), (cls.customer_a2, "A2"), (cls.customer_b1, "B1")]:
            cls._task(customer, f"回访{tag}", TODAY + timedelta(days=1))
            cls._event(customer, f"拜访{tag}", datetime(2026, 3, 11, 2, 0))
            contract = cls._contract(
                customer, name=f"合同{tag}", plans=[(TODAY + timedelta(days=10), 20000)],
                lines=[(cls.product_server, 1, 20000)], end_date=TODAY + timedelta(days=10),
            )
            cls._delivery(contract, TODAY + timedelta(days=3))
            cls._call(customer, f"来电{tag}")
            cls._contact(customer, f"寿星{tag}", date(1980, 3, 12))
            cls._complaint(customer, f"投诉{tag}", datetime(2026, 3, 9, 2, 0))
            cls._expense(customer, f"费用{tag}")
            cls._returning_customer(customer.user_id, f"退回{tag}")
        # A plan whose salesperson is sales_a1 on a customer sales_a1 cannot see: the rules keep it hidden.
        hidden = cls._contract(cls.customer_b1, name="合同B1隐藏", amount=5000, plans=[(TODAY, 5000)])
        hidden.plan_ids.user_id = cls.sales_a1

    def _tags(self, data):
        """The owners' tags (A1, A2, B1) of every item of the list panels (announcements are the reader's own,
        whatever the scope)."""
        found = {}
        for panel in data["panels"]:
            if panel.get("layout") or panel["key"] == "announcements":
                continue
            found[panel["key"]] = sorted(
                tag for item in panel["items"] for tag in ("A1", "A2", "B1")
                if tag in item["title"] or tag in ((item.get("contract") or {}).get("name") or "")
            )
        return found

    def _customer_tags(self, data):
        return {key: sorted(set(tags)) for key, tags in self._tags(data).items()}

    def test_salesperson_sees_only_own_items(self):
        data = self._data(self.sales_a1)
        self.assertEqual(data["scope"]["key"], "mine")
        self.assertEqual([scope["key"] for scope in data["scopes"]], ["mine"], "no switch for a salesperson")
        tags = self._customer_tags(data)
        self.assertEqual(
            tags,
            {key: ["A1"] for key in ("tasks", "schedules", "receivables", "complaints", "calls", "deliveries",
                                    "contracts_expiring", "birthdays", "pool_returns")},
        )
        self.assertEqual(titles(data, "receivables"), [f"[{self.customer_a1.contract_ids.code}] 合同A1"],
                         "the plan on the hidden customer is not shown although its salesperson is sales_a1")
        self.assertIsNone(get_panel(data, "expense_approvals"), "a salesperson approves nothing")
        summary = get_panel(data, "sales_summary")
        self.assertEqual((summary["items"], summary["stats"], summary["action"]), ([], [], False),
                         "the company's totals only: no salesperson, no list of records")

    def test_salesperson_cannot_switch(self):
        for scope in (f"team:{self.team_a.id}", f"user:{self.sales_a2.id}", "company", "nonsense"):
            with self.subTest(scope=scope), self.assertRaises(AccessError):
                self._data(self.sales_a1, scope)

    def test_manager_scopes(self):
        data = self._data(self.manager_a)
        self.assertEqual(
            [scope["key"] for scope in data["scopes"]],
            ["mine", f"team:{self.team_a.id}", f"user:{self.sales_a1.id}", f"user:{self.sales_a2.id}"],
        )
        tags = self._tags(data)
        self.assertEqual(tags.pop("expense_approvals"), ["A1", "A2"], "what the manager may decide on: the team's")
        self.assertTrue(all(not tags for tags in tags.values()), "the manager has no items of their own")

        team = self._data(self.manager_a, f"team:{self.team_a.id}")
        self.assertEqual(team["scope"], {"key": f"team:{self.team_a.id}", "kind": "team", "label": "Team A"})
        for key, tags in self._customer_tags(team).items():
            self.assertEqual(tags, ["A1", "A2"], f"{key}: the whole team, and not team B")
        # Each of the two members' tasks, and the meeting task that waits with each of their two schedules.
        self.assertEqual(get_panel(team, "tasks")["count"], 4)
        self.assertTrue(all(item["user"] for item in get_panel(team, "tasks")["items"]), "whose task it is")

        member = self._data(self.manager_a, f"user:{self.sales_a2.id}")
        for key, tags in self._customer_tags(member).items():
            self.assertEqual(tags, ["A2"], key)

        for scope in (f"user:{self.sales_b1.id}", f"team:{self.team_b.id}", "company"):
            with self.subTest(scope=scope), self.assertRaises(AccessError):
                self._data(self.manager_a, scope)

    def test_scopes_offer_only_active_people_of_the_sales_groups(self):
        """A team member who left (archived) or who does not work in XTools CRM has no workbench to switch to."""
        outsider = new_test_user(self.env, login="t_team_outsider", groups="base.group_user", name="外部成员")
        self.team_a.member_ids |= outsider
        self.sales_a2.action_archive()
        data = self._data(self.manager_a)
        self.assertEqual(
            [scope["key"] for scope in data["scopes"]],
            ["mine", f"team:{self.team_a.id}", f"user:{self.sales_a1.id}"],
        )
        with self.assertRaises(AccessError):
            self._data(self.manager_a, f"user:{self.sales_a2.id}")

    def test_manager_sales_summary_covers_what_they_see(self):
        summary = get_panel(self._data(self.manager_a), "sales_summary")
        self.assertEqual(summary["subtitle"], "Customers you can see")
        self.assertEqual([row["user"]["name"] for row in summary["items"]], ["销售A1", "销售A2"])
        self.assertEqual([row["contract_amount"] for row in summary["items"]], [20000, 20000])
        contracts = next(stat for stat in summary["stats"] if stat["key"] == "contracts")
        self.assertEqual(contracts["value"], 40000)
        self.assertEqual(contracts["detail"], "2 contracts")

    def test_every_salesperson_gets_the_company_totals_and_nothing_else(self):
        """The monthly summary is the whole company's (seed 2.1) for a salesperson too: totals read past the rules,
        but only totals — no record, name or id of another's customers, contracts or colleagues."""
        self.env.cr.execute("UPDATE xtools_customer SET create_date = %s WHERE id IN %s",
                            ("2026-03-02 02:00:00", (self.customer_a2.id, self.customer_b1.id)))
        self.env.invalidate_all()
        data = self._data(self.sales_a1)
        summary = get_panel(data, "sales_summary")
        stats = {stat["key"]: (stat["value"], stat["detail"], stat["action"]) for stat in summary["company_stats"]}
        # Counted independently, as superuser: the company's contracts, payments and customers of March 2026 (the
        # fixture's 20,000 for each of A1, A2, B1 and 5,000 more for B1; whatever else the database holds).
        march = [("company_id", "=", self.company.id)]
        contracts = self.env["xtools.contract"].search(
            march + [("state", "in", ("running", "done")), ("sign_date", ">=", "2026-03-01"),
                     ("sign_date", "<", "2026-04-01")])
        fixture = contracts.filtered(lambda c: c.customer_id in self.customer_a1 | self.customer_a2 | self.customer_b1)
        self.assertEqual(sum(fixture.mapped("amount")), 65000.0)
        payments = self.env["xtools.payment"].search(
            march + [("date", ">=", "2026-03-01"), ("date", "<", "2026-04-01")]
        )
        customers = self.env["xtools.customer"].search_count(
            march + [("create_date", ">=", "2026-02-28 16:00:00"), ("create_date", "<", "2026-03-31 16:00:00")])
        self.assertEqual(stats, {
            "company_contracts": (sum(contracts.mapped("amount")), f"{len(contracts)} contracts", False),
            "company_payments": (sum(payments.mapped("amount")), f"{len(payments)} payments", False),
            "company_customers": (customers, False, False),
        })
        self.assertGreaterEqual(customers, 2, "A2's and B1's customers, created in March")
        self.assertEqual(summary["subtitle"], "Whole company")
        others = [self.customer_a2, self.customer_b1, *self.customer_a2.contract_ids, *self.customer_b1.contract_ids]
        text = json.dumps(summary, ensure_ascii=False)
        for name in [
            "销售A2",
            "销售B1",
            "经理A",
            "甲二",
            "乙一",
            "合同A2",
            "合同B1",
            *(r.display_name for r in others),
        ]:
            self.assertNotIn(name, text)
        self.assertFalse(summary["items"])
        self.assertNotIn('"id"', text, "no record of anybody, not even one's own")
        # Under the rules, the same salesperson sees only their own contract of the month.
        self.assertEqual(self.env["xtools.contract"].with_user(self.sales_a1).search_count(
            [("sign_date", ">=", "2026-03-01")]), 1)

    def test_manager_gets_the_company_totals_beside_their_teams(self):
        summary = get_panel(self._data(self.manager_a), "sales_summary")
        company = {stat["key"]: stat["value"] for stat in summary["company_stats"]}
        visible = sum(row["contract_amount"] for row in summary["items"])
        self.assertGreaterEqual(company["company_contracts"] - visible, 25000.0, "the whole company, team B included")
        self.assertEqual([row["user"]["name"] for row in summary["items"]], ["销售A1", "销售A2"],
                         "the breakdown stays what the manager may see")
        boss = get_panel(self._data(self.boss), "sales_summary")
        self.assertEqual(boss["company_stats"], [], "for the boss, what they see is the whole company already")

    def test_boss_sees_the_company(self):
        data = self._data(self.boss)
        self.assertIn("company", [scope["key"] for scope in data["scopes"]])
        self.assertIn(f"team:{self.team_b.id}", [scope["key"] for scope in data["scopes"]])
        company = self._data(self.boss, "company")
        for key, tags in self._customer_tags(company).items():
            self.assertEqual(tags, ["A1", "A2", "B1"], key)
        team_b = self._data(self.boss, f"team:{self.team_b.id}")
        for key, tags in self._customer_tags(team_b).items():
            self.assertEqual(tags, ["B1"], key)
        summary = get_panel(company, "sales_summary")
        self.assertEqual(summary["subtitle"], "Whole company")
        self.assertEqual(sorted(row["user"]["name"] for row in summary["items"]), ["销售A1", "销售A2", "销售B1"])

    def test_items_name_their_customers_contracts_and_users(self):
        """Every panel's references carry the record's own display name, read for all panels at once."""
        company = self._data(self.boss, "company")
        models = {"customer": "xtools.customer", "user": "res.users", "contract": "xtools.contract"}
        seen = set()
        for panel in company["panels"]:
            for item in panel["items"]:
                for key, model in models.items():
                    ref = item.get(key)
                    if ref:
                        with self.subTest(panel=panel["key"], key=key):
                            name = self.env[model].browse(ref["id"]).display_name
                            self.assertTrue(name)
                            self.assertEqual(ref, {"id": ref["id"], "name": name})
                            seen.add((panel["key"], key))
        self.assertLessEqual({
            ("complaints", "customer"), ("calls", "customer"), ("receivables", "customer"), ("deliveries", "contract"),
            ("expense_approvals", "user"), ("tasks", "user"), ("sales_summary", "user"), ("pool_returns", "user"),
        }, seen)

    def test_outside_the_sales_groups_refused(self):
        plain = new_test_user(self.env, login="t_plain_user", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["xtools.workbench"].with_user(plain).get_workbench_data()

    def test_panel_title_opens_exactly_its_records(self):
        for user, scope in [(self.sales_a1, None), (self.manager_a, f"team:{self.team_a.id}"), (self.boss, "company")]:
            data = self._data(user, scope)
            for panel in data["panels"]:
                if panel.get("layout"):
                    continue
                action = panel["action"]
                with self.subTest(user=user.login, panel=panel["key"]):
                    self.assertEqual(action["type"], "ir.actions.act_window")
                    found = self.env[action["res_model"]].with_user(user).with_context(tz=TZ).search(action["domain"])
                    self.assertEqual(len(found), panel["count"])
                    shown = {item["id"] for item in panel["items"] if not item.get("res_model")}
                    self.assertTrue(shown <= set(found.ids))

    def test_rpc_is_readonly(self):
        self.assertTrue(getattr(type(self.env["xtools.workbench"]).get_workbench_data, "_readonly", False))


@freeze_time(NOW)
class TestWorkbenchPanels(WorkbenchCase):
    """Each panel's inclusion rules around a frozen today (2026-03-10)."""

    def _mine(self):
        return self._data(self.sales_a1)

    def test_receivables_due_within_30_days_and_overdue(self):
        contract = self._contract(
            self.customer_a1, name="应收合同", amount=10000,
            plans=[
                (TODAY - timedelta(days=3), 3000),
                (TODAY + timedelta(days=10), 4000),
                (TODAY + timedelta(days=45), 3000),
            ],
        )
        self._pay(contract, 1000)  # goes to the oldest plan: 2000 left on it
        in_5_days = TODAY + timedelta(days=5)
        paid = self._contract(self.customer_a1, name="已付合同", amount=2000, plans=[(in_5_days, 2000)])
        self._pay(paid, 2000)
        self._contract(self.customer_a1, name="草稿合同", amount=1000, plans=[(in_5_days, 1000)], sign=False)

        panel = get_panel(self._mine(), "receivables")
        self.assertEqual([(item["date"], item["amount"], item["late"]) for item in panel["items"]],
                         [("2026-03-07", 2000, True), ("2026-03-20", 4000, False)])
        self.assertEqual((panel["count"], panel["total"]), (2, 6000))
        self.assertEqual((panel["late_count"], panel["late_total"]), (1, 2000))
        self.assertEqual(panel["items"][0]["customer"],
                         {"id": self.customer_a1.id, "name": self.customer_a1.display_name})

    def test_tasks_overdue_first(self):
        self._task(self.customer_a1, "下周回访", TODAY + timedelta(days=5))
        self._task(self.customer_a1, "今天回访", TODAY)
        self._task(self.customer_a1, "逾期回访", TODAY - timedelta(days=2))
        self._task(self.customer_a1, "别人的回访", TODAY, user=self.sales_a2)
        self._task(self.customer_a1, "已完成回访", TODAY).action_done()
        panel = get_panel(self._mine(), "tasks")
        self.assertEqual(titles(self._mine(), "tasks"), ["逾期回访", "今天回访", "下周回访"])
        self.assertEqual([item["late"] for item in panel["items"]], [True, False, False])
        self.assertEqual((panel["count"], panel["late_count"]), (3, 1))
        self.assertEqual(panel["items"][0]["record"],
                         {"model": "xtools.customer", "id": self.customer_a1.id, "name": self.customer_a1.display_name})
        self.assertEqual(panel["item_buttons"][0]["method"], "action_done")

    def test_tasks_are_those_odoo_shows(self):
        """The panel searches tasks as superuser with Odoo's own access condition as subqueries
        (``_xtools_task_domain``): for every role, exactly the activities Odoo's search returns to the user."""
        released = self._returning_customer(self.sales_a2, "进公海")
        released.with_user(self.sales_a2)._release_to_pool(self.pool, "测试任务可见")
        archived = self._returning_customer(self.sales_a1, "已归档")
        archived.active = False  # (archiving deletes the tasks; one is planned on it afterwards)
        contract = self._contract(self.customer_a2, name="合同任务")
        tasks = [
            self._task(self.customer_a1, "自己的", TODAY),
            self._task(self.customer_a1, "同事在我客户上的", TODAY, user=self.sales_a2),
            self._task(self.customer_b1, "我在别人客户上的", TODAY, user=self.sales_a1),
            self._task(self.customer_b1, "别组的", TODAY),
            self._task(self.customer_boss, "老板的", TODAY),
            self._task(released, "公海客户上的", TODAY, user=self.sales_b1),
            self._task(archived, "归档客户上的", TODAY, user=self.sales_a2),
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get_id("xtools.contract"), "res_id": contract.id,
                "activity_type_id": self.call_type.id, "summary": "合同上的", "user_id": self.manager_b.id,
                "date_deadline": TODAY,
            }),
        ]
        names = {task.id: task.summary for task in tasks}
        Activity = self.env["mail.activity"]
        domain = [("id", "in", list(names)), ("res_model", "in", Activity._xtools_task_models())]
        for user in (self.sales_a1, self.sales_a2, self.sales_b1, self.manager_a, self.manager_b, self.boss):
            with self.subTest(user=user.login):
                mine = Activity.with_user(user)
                odoo = mine.search(domain)
                ours = mine.sudo().search(domain + mine._xtools_task_domain())
                self.assertEqual(sorted(names[i] for i in ours.ids), sorted(names[i] for i in odoo.ids))
        # What that means for a salesperson: their tasks anywhere, and anybody's on a customer they may work on
        # (archived or not), not on one they may only read in the pool.
        found = Activity.with_user(self.sales_a1).sudo().search(
            domain + Activity.with_user(self.sales_a1)._xtools_task_domain()
        )
        self.assertEqual(sorted(names[i] for i in found.ids),
                         sorted(["自己的", "同事在我客户上的", "我在别人客户上的", "归档客户上的"]))
        self.assertIn("公海客户上的", [names[i] for i in Activity.with_user(self.boss).search(domain).ids])

    def test_schedules_of_the_next_7_days(self):
        self._event(self.customer_a1, "今天上午", datetime(2026, 3, 10, 1, 0))      # 09:00 in Shanghai
        self._event(self.customer_a1, "第七天晚上", datetime(2026, 3, 16, 12, 0))   # 20:00 on the 16th
        self._event(self.customer_a1, "第八天", datetime(2026, 3, 17, 1, 0))
        self._event(self.customer_a1, "昨天", datetime(2026, 3, 9, 1, 0))
        self._event(self.customer_a1, "同事邀请我", datetime(2026, 3, 12, 1, 0), user=self.sales_a2,
                    attendees=self.sales_a1 | self.sales_a2)
        self._event(self.customer_a2, "同事自己的", datetime(2026, 3, 12, 1, 0))
        self.env["calendar.event"].create({
            "name": "没有客户的会议", "start": datetime(2026, 3, 11, 1, 0), "stop": datetime(2026, 3, 11, 2, 0),
            "user_id": self.sales_a1.id,
        })
        self.assertEqual(titles(self._mine(), "schedules"), ["今天上午", "同事邀请我", "第七天晚上"])

    def test_private_schedules_of_others_show_as_busy(self):
        """Odoo's rule for private events holds on the workbench (read without the attendees' record rules): the
        manager sees a member's private meeting in the team's schedules as busy, without its place or customer;
        an attendee and the organiser see it whole."""
        meeting = self._event(self.customer_a1, "私人会谈", datetime(2026, 3, 11, 1, 0))
        meeting.write({"privacy": "private", "location": "客户会议室"})
        invited = self._event(self.customer_a1, "经理受邀", datetime(2026, 3, 12, 1, 0),
                              attendees=self.sales_a1 | self.manager_a)
        invited.privacy = "private"
        team = get_panel(self._data(self.manager_a, f"team:{self.team_a.id}"), "schedules")
        by_id = {item["id"]: item for item in team["items"]}
        self.assertEqual((by_id[meeting.id]["title"], by_id[meeting.id]["location"], by_id[meeting.id]["customer"]),
                         ("Busy", "", False))
        self.assertEqual(by_id[invited.id]["title"], "经理受邀")
        mine = {item["id"]: item for item in get_panel(self._mine(), "schedules")["items"]}
        self.assertEqual((mine[meeting.id]["title"], mine[meeting.id]["location"]), ("私人会谈", "客户会议室"))
        self.assertEqual(mine[meeting.id]["customer"]["id"], self.customer_a1.id)

    def test_unprocessed_calls(self):
        self._call(self.customer_a1, "我接的")
        self._call(self.customer_a1, "同事替我接的", receiver=self.sales_a2)
        self._call(self.customer_a1, "已处理", state="processed")
        self._call(self.customer_a2, "同事的")
        self.env["xtools.call"].with_user(self.sales_a1).create({"phone": "13911112222", "caller_name": "陌生来电"})
        panel = get_panel(self._mine(), "calls")
        self.assertEqual(sorted(item["title"] for item in panel["items"]),
                         ["同事替我接的", "我接的", "陌生来电"])
        self.assertEqual(panel["item_buttons"][0]["method"], "action_mark_processed")

    def test_deliveries_due_within_7_days_or_late(self):
        contract = self._contract(
            self.customer_a1, name="交付合同", plans=[(TODAY, 100000)], lines=[(self.product_server, 5, 20000)]
        )
        self._delivery(contract, TODAY + timedelta(days=5))
        self._delivery(contract, TODAY - timedelta(days=2))
        self._delivery(contract, TODAY + timedelta(days=10))
        done = self._delivery(contract, TODAY + timedelta(days=1))
        self.env["xtools.delivery.record"].create({"delivery_id": done.id, "qty": 1, "date": TODAY})
        draft = self._contract(self.customer_a1, name="草稿交付", plans=[(TODAY, 20000)],
                               lines=[(self.product_server, 1, 20000)], sign=False)
        self._delivery(draft, TODAY)
        panel = get_panel(self._mine(), "deliveries")
        self.assertEqual([(item["date"], item["late"]) for item in panel["items"]],
                         [("2026-03-08", True), ("2026-03-15", False)])
        self.assertEqual((panel["count"], panel["late_count"]), (2, 1))

    def test_contracts_expiring_within_the_setting(self):
        self._contract(self.customer_a1, name="十天后到期", end_date=TODAY + timedelta(days=10))
        self._contract(self.customer_a1, name="四十五天后到期", end_date=TODAY + timedelta(days=45))
        self._contract(self.customer_a1, name="已过期仍在执行", end_date=TODAY - timedelta(days=5),
                       start_date=TODAY - timedelta(days=90))
        self._contract(self.customer_a1, name="无结束日期")
        done = self._contract(self.customer_a1, name="已完成", end_date=TODAY + timedelta(days=3))
        done.action_done()

        def names():
            panel = get_panel(self._mine(), "contracts_expiring")
            return panel and [item["title"].split("] ")[1] for item in panel["items"]]

        self.assertEqual(names(), ["已过期仍在执行", "十天后到期"])
        self.assertEqual(get_panel(self._mine(), "contracts_expiring")["title"], "Contracts Expiring within 30 Days")
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_expiry_days", 60)
        self.assertEqual(names(), ["已过期仍在执行", "十天后到期", "四十五天后到期"])
        self.env["ir.config_parameter"].set_param("xtools_crm.contract_expiry_days", 0)
        self.assertIsNone(names(), "0 days: no such panel")

    def test_negative_expiry_days_refused(self):
        with self.assertRaisesRegex(ValidationError, "between 0 .* not -5"):
            self.env["xtools.crm.settings"].create({"xtools_contract_expiry_days": -5})

    def test_customers_about_to_return_to_the_pool(self):
        """即将退回公海: the salesperson's customers that the pool's rules send back within its 3 warning days,
        soonest first, with the day, the rule and the pool; each opens the customer."""
        due_today = self._returning_customer(self.sales_a1, "今天退回", days_owned=30, level="a")
        soon = self._returning_customer(self.sales_a1, "后天退回", days_owned=28)
        self._returning_customer(self.sales_a1, "新到手", days_owned=20)
        followed = self._returning_customer(self.sales_a1, "刚跟进", days_owned=40)
        self.env["xtools.action"].create({"customer_id": followed.id, "subject": "电话回访",
                                          "date": datetime(2026, 3, 5, 2, 0)})
        self._returning_customer(self.sales_a2, "同事的", days_owned=29)
        panel = get_panel(self._mine(), "pool_returns")
        self.assertEqual(panel["count"], 2)
        self.assertEqual(
            [(item["title"], item["date"], item["late"], item["level"]) for item in panel["items"]],
            [("今天退回", "2026-03-10", True, "A Key Customer"), ("后天退回", "2026-03-12", False, "")],
        )
        self.assertEqual({(item["pool"], item["reason"]) for item in panel["items"]},
                         {("工作台公海", "no action for 30 days")})
        self.assertEqual([item["id"] for item in panel["items"]], (due_today | soon).ids)
        self.assertEqual(panel["form"]["res_model"], "xtools.customer")
        # An action logged today: the customer stays with its owner, and leaves the panel.
        self.env["xtools.action"].with_user(self.sales_a1).create({"customer_id": soon.id, "subject": "拜访"})
        self.assertEqual([item["title"] for item in get_panel(self._mine(), "pool_returns")["items"]], ["今天退回"])
        # The manager sees the member's, with whose it is.
        member = get_panel(self._data(self.manager_a, f"user:{self.sales_a2.id}"), "pool_returns")
        self.assertEqual([(item["title"], item["user"]["name"]) for item in member["items"]], [("同事的", "销售A2")])

    def _birthdays(self):
        return [(item["title"], item["date"], item["days"]) for item in get_panel(self._mine(), "birthdays")["items"]]

    def test_birthdays_of_the_next_7_days(self):
        self._contact(self.customer_a1, "后天生日", date(1980, 3, 12))
        self._contact(self.customer_a1, "第七天生日", date(1991, 3, 16))
        self._contact(self.customer_a1, "今天生日", date(1975, 3, 10))
        self._contact(self.customer_a1, "昨天生日", date(1980, 3, 9))
        self._contact(self.customer_a1, "第八天生日", date(1980, 3, 17))
        self._contact(self.customer_a2, "同事客户的", date(1980, 3, 11))
        self.assertEqual(self._birthdays(), [
            ("今天生日", "2026-03-10", 0), ("后天生日", "2026-03-12", 2), ("第七天生日", "2026-03-16", 6),
        ])

    def test_birthdays_across_the_new_year(self):
        self._contact(self.customer_a1, "元旦后", date(1990, 1, 2))
        self._contact(self.customer_a1, "年末", date(1990, 12, 30))
        self._contact(self.customer_a1, "太早", date(1990, 12, 27))
        self._contact(self.customer_a1, "太晚", date(1990, 1, 4))
        with freeze_time("2026-12-28 04:00:00"):
            self.assertEqual(self._birthdays(), [("年末", "2026-12-30", 2), ("元旦后", "2027-01-02", 5)])

    def test_birthday_on_29_february(self):
        self._contact(self.customer_a1, "闰日", date(2000, 2, 29))
        self._contact(self.customer_a1, "三月一日", date(2000, 3, 1))
        with freeze_time("2027-02-25 04:00:00"):
            self.assertEqual(self._birthdays(), [("闰日", "2027-02-28", 3), ("三月一日", "2027-03-01", 4)],
                             "no 29 February in 2027: celebrated on the 28th")
        with freeze_time("2028-02-27 04:00:00"):
            self.assertEqual(self._birthdays(), [("闰日", "2028-02-29", 2), ("三月一日", "2028-03-01", 3)])
        with freeze_time("2028-02-22 04:00:00"):
            self.assertEqual(self._birthdays(), [], "2028 has a 29 February, the 8th day from the 22nd")

    def test_individual_customer_birthday_opens_the_customer(self):
        person = self.env["xtools.customer"].create(
            {"name": "王小二", "customer_type": "individual", "user_id": self.sales_a1.id}
        )
        person.partner_id.xtools_birthday = date(1988, 3, 11)
        [item] = get_panel(self._mine(), "birthdays")["items"]
        self.assertEqual((item["res_model"], item["id"], item["customer"]), ("xtools.customer", person.id, False))

    def test_motivation_this_month_against_last_month(self):
        self._contract(self.customer_a1, name="三月一", amount=10000)
        self._contract(self.customer_a1, name="三月二", amount=5000)
        february = self._contract(self.customer_a1, name="二月", amount=8000, sign_date=date(2026, 2, 15))
        self._contract(self.customer_a2, name="同事的", amount=99000)
        self._pay(february, 3000)
        self._pay(february, 2000, date=date(2026, 2, 20))
        Action = self.env["xtools.action"].with_user(self.sales_a1)
        for day in (date(2026, 3, 1), date(2026, 3, 9), date(2026, 2, 28)):
            Action.create({
                "customer_id": self.customer_a1.id,
                "subject": "跟进",
                "date": datetime.combine(day, datetime.min.time()) + timedelta(hours=4),
            })
        new = self.env["xtools.customer"].create([
            {"name": f"新客户{i}", "short_name": f"新{i}", "user_id": self.sales_a1.id} for i in range(3)
        ])
        self.env.cr.execute(
            "UPDATE xtools_customer SET create_date = %s WHERE id IN %s", ("2026-02-10 02:00:00", tuple(new[:1].ids))
        )
        self.env.cr.execute(
            "UPDATE xtools_customer SET create_date = %s WHERE id IN %s", ("2026-03-02 02:00:00", tuple(new[1:].ids))
        )
        self.env.cr.execute(
            "UPDATE xtools_customer SET create_date = %s WHERE id = %s", ("2026-01-05 02:00:00", self.customer_a1.id)
        )
        self.env.invalidate_all()
        panel = get_panel(self._mine(), "motivation")
        stats = {stat["key"]: (stat["value"], stat["previous"]) for stat in panel["stats"]}
        self.assertEqual(stats, {
            "contracts": (15000, 8000), "payments": (3000, 2000), "customers": (2, 1), "actions": (2, 1),
        })
        self.assertEqual(panel["stats"][0]["detail"], "2 contracts")
        self.assertEqual(panel["month"], "2026-03-01")
        action = panel["stats"][0]["action"]
        self.assertEqual(
            self.env["xtools.contract"].with_user(self.sales_a1).search(action["domain"]).mapped("name"),
            ["三月二", "三月一"],
        )

    def test_announcements_current_pinned_first_unread_marked(self):
        self._announcement("今天发布", TODAY)
        self._announcement("置顶旧公告", TODAY - timedelta(days=20), TODAY + timedelta(days=1), pinned=True)
        read = self._announcement("已读公告", TODAY - timedelta(days=1))
        self._announcement("昨天过期", TODAY - timedelta(days=10), TODAY - timedelta(days=1))
        self._announcement("明天发布", TODAY + timedelta(days=1))
        self._announcement("乙队公告", TODAY, audience="teams", team_ids=[Command.set(self.team_b.ids)])
        self._announcement("甲队公告", TODAY - timedelta(days=2), audience="teams",
                           team_ids=[Command.set(self.team_a.ids)])
        self._announcement("经理公告", TODAY, audience="groups",
                           group_ids=[Command.set(self.env.ref("xtools_crm.group_manager").ids)])
        read.with_user(self.sales_a1).action_mark_read()

        panel = get_panel(self._mine(), "announcements")
        self.assertEqual(
            [(item["title"], item["pinned"], item["is_read"]) for item in panel["items"]],
            [
                ("置顶旧公告", True, False),
                ("今天发布", False, False),
                ("已读公告", False, True),
                ("甲队公告", False, False),
            ],
            "current ones addressed to me, pinned first, then the newest; expired, upcoming and others' hidden",
        )
        self.assertEqual((panel["count"], panel["unread_count"]), (4, 3))
        self.assertEqual(panel["item_buttons"], [
            {"method": "action_mark_read", "label": "Mark as Read", "icon": "fa-eye", "unless": "is_read"},
        ], "the button is hidden on the read ones")
        self.assertEqual(panel["form"]["res_model"], "xtools.announcement")
        # "Mark as read" from the panel, as the client calls it.
        pinned = panel["items"][0]
        self.env[panel["form"]["res_model"]].with_user(self.sales_a1).browse(pinned["id"]).action_mark_read()
        panel = get_panel(self._mine(), "announcements")
        self.assertTrue(panel["items"][0]["is_read"])
        self.assertEqual(panel["unread_count"], 2)
        self.assertIn("经理公告", titles(self._data(self.manager_a), "announcements"))

    def test_unresolved_complaints_overdue_flagged(self):
        now = datetime(2026, 3, 10, 4, 0)
        late = self._complaint(self.customer_a1, "超时未处理", now - timedelta(hours=80))            # 72 h: overdue
        urgent = self._complaint(self.customer_a1, "紧急处理中", now - timedelta(hours=2), "urgent")   # due in 22 h
        urgent.action_start()
        by_colleague = self._complaint(self.customer_a1, "同事处理我的客户", now - timedelta(hours=1),
                                       user=self.sales_a2)
        resolved = self._complaint(self.customer_a1, "已解决", now - timedelta(hours=100))
        resolved.resolution = "已更换"
        resolved.action_resolve()
        closed = self._complaint(self.customer_a1, "已关闭", now - timedelta(hours=100))
        closed.resolution = "已退款"
        closed.action_resolve()
        closed.action_close()
        self._complaint(self.customer_a2, "同事的客户", now - timedelta(hours=90))
        self._complaint(self.customer_b1, "乙队的客户", now - timedelta(hours=90))

        panel = get_panel(self._mine(), "complaints")
        self.assertEqual([(item["title"], item["late"]) for item in panel["items"]], [
            ("超时未处理", True), ("紧急处理中", False), ("同事处理我的客户", False),
        ], "nearest deadline first, so the overdue lead; resolved and closed ones and others' customers left out")
        self.assertEqual((panel["count"], panel["late_count"]), (3, 1))
        self.assertEqual((panel["items"][1]["urgency_label"], panel["items"][1]["state_label"]),
                         ("Urgent", "Processing"))
        self.assertEqual(panel["items"][0]["deadline"], "2026-03-09 20:00:00")
        self.assertEqual(panel["items"][0]["customer"]["id"], self.customer_a1.id)
        self.assertEqual({late.id, urgent.id, by_colleague.id}, {item["id"] for item in panel["items"]})

    def test_expenses_to_approve_for_managers_only(self):
        a1 = self._expense(self.customer_a1, "甲一招待", 800.0)
        a2 = self._expense(self.customer_a2, "甲二差旅", 1200.0)
        self._expense(self.customer_b1, "乙一礼品", 300.0)
        self._expense(self.customer_a1, "甲一草稿", 50.0, submit=False)
        approved = self._expense(self.customer_a1, "甲一已批", 90.0)
        approved.with_user(self.manager_a).action_approve()
        customer_manager = self.env["xtools.customer"].create(
            {"name": "经理A自营公司", "short_name": "经理自营", "user_id": self.manager_a.id})
        own = self._expense(customer_manager, "经理A自己的", 500.0)

        self.assertIsNone(get_panel(self._mine(), "expense_approvals"), "a salesperson approves nothing")
        panel = get_panel(self._data(self.manager_a), "expense_approvals")
        self.assertEqual(sorted(titles(self._data(self.manager_a), "expense_approvals")), ["甲一招待", "甲二差旅"],
                         "the team's submitted expenses; never another team's, a draft, a decided one or one's own")
        self.assertEqual((panel["count"], panel["total"]), (2, 2000.0))
        self.assertEqual([button["method"] for button in panel["item_buttons"]], ["action_approve", "action_reject"])
        member = get_panel(self._data(self.manager_a, f"user:{self.sales_a2.id}"), "expense_approvals")
        self.assertEqual([item["id"] for item in member["items"]], [a2.id])
        self.assertIn("经理A自己的", titles(self._data(self.boss, "company"), "expense_approvals"),
                      "the boss decides on the manager's")
        self.assertNotIn(own.id, [item["id"] for item in panel["items"]])

        # 同意 in place; 否决 opens the reject wizard, asking the reason.
        Expense = self.env["xtools.expense"].with_user(self.manager_a)
        Expense.browse(a1.id).action_approve()
        self.assertEqual(a1.state, "approved")
        wizard = Expense.browse(a2.id).action_reject()
        self.assertEqual((wizard["res_model"], wizard["target"], wizard["context"]["default_expense_ids"]),
                         ("xtools.expense.reject.wizard", "new", [a2.id]))
        self.assertEqual(get_panel(self._data(self.manager_a), "expense_approvals")["items"][0]["id"], a2.id)

    def test_motivation_against_the_months_targets(self):
        Target = self.env["xtools.sales.target"]
        for owner, contract_target, payment_target in ((self.sales_a1, 30000.0, 10000.0),
                                                       (self.team_a, 100000.0, 0.0)):
            for target_type, amount in (("contract", contract_target), ("payment", payment_target)):
                if amount:
                    Target.create({owner._name == "crm.team" and "team_id" or "user_id": owner.id, "year": 2026,
                                   "month": "3", "target_type": target_type, "amount": amount})
        Target.create({"user_id": self.sales_a1.id, "year": 2026, "month": "2", "target_type": "contract",
                       "amount": 99000.0})
        contract = self._contract(self.customer_a1, name="三月", amount=15000)
        self._pay(contract, 3000)
        self._contract(self.customer_a2, name="同事三月", amount=45000)

        def targets(user, scope=None):
            panel = get_panel(self._data(user, scope), "motivation")
            return {stat["key"]: (stat["value"], stat.get("target"), stat.get("rate")) for stat in panel["stats"]}

        self.assertEqual(targets(self.sales_a1), {
            "contracts": (15000.0, 30000.0, 50.0), "payments": (3000.0, 10000.0, 30.0),
            "customers": (0, None, None), "actions": (0, None, None),
        })
        team = targets(self.manager_a, f"team:{self.team_a.id}")
        self.assertEqual((team["contracts"], team["payments"]), ((60000.0, 100000.0, 60.0), (3000.0, 0.0, None)),
                         "the team's target; no payment target set")
        self.assertEqual(targets(self.sales_a2)["contracts"], (45000.0, 0.0, None), "no target of one's own")
        self.assertEqual(targets(self.manager_a, f"user:{self.sales_a1.id}")["contracts"], (15000.0, 30000.0, 50.0))

    def test_chinese_titles_and_empty_panels(self):
        workbench = self.env["xtools.workbench"].with_user(self.sales_b1).with_context(lang="zh_CN", tz=TZ)
        data = workbench.get_workbench_data()
        tasks = get_panel(data, "tasks")
        self.assertEqual((tasks["title"], tasks["count"], tasks["items"]), ("待办任务", 0, []))
        self.assertEqual(tasks["empty"], "没有待办任务。记录行动时可以安排下一步。")
        self.assertEqual(get_panel(data, "receivables")["title"], "30天内及过期应收款")
        complaints = get_panel(data, "complaints")
        self.assertEqual((complaints["title"], complaints["empty"]), ("未处理投诉", "没有待处理的投诉。"))
        self.assertEqual(get_panel(data, "announcements")["title"], "内部公告")
        self.assertEqual(get_panel(data, "sales_summary")["subtitle"], "全公司")
        manager = self.env["xtools.workbench"].with_user(self.manager_b).with_context(lang="zh_CN", tz=TZ)
        approvals = get_panel(manager.get_workbench_data(), "expense_approvals")
        self.assertEqual((approvals["title"], [button["label"] for button in approvals["item_buttons"]]),
                         ("费用审批", ["同意", "否决"]))
        pool_returns = get_panel(data, "pool_returns")
        self.assertEqual((pool_returns["title"], pool_returns["count"]), ("即将退回公海", 0))
        self.assertEqual(pool_returns["empty"], "没有客户会在预警天数内退回公海。")


class TestWorkbenchHome(WorkbenchCase):
    """The workbench is the home action of the Sales group's users, new or promoted; the app opens it."""

    def setUp(self):
        super().setUp()
        self.workbench = self.env.ref("xtools_crm.action_workbench")
        self.group_sales = self.env.ref("xtools_crm.group_sales")
        self.group_manager = self.env.ref("xtools_crm.group_manager")

    def test_new_users_of_the_sales_groups(self):
        self.assertEqual(self.sales_a1.action_id.id, self.workbench.id)
        self.assertEqual(self.manager_a.action_id.id, self.workbench.id)
        self.assertEqual(self.boss.action_id.id, self.workbench.id)
        plain = new_test_user(self.env, login="t_plain_home", groups="base.group_user")
        self.assertFalse(plain.action_id)

    def test_promoted_users(self):
        by_user = new_test_user(self.env, login="t_promoted_1", groups="base.group_user")
        by_user.write({"groups_id": [Command.link(self.group_sales.id)]})
        self.assertEqual(by_user.action_id.id, self.workbench.id)

        by_group = new_test_user(self.env, login="t_promoted_2", groups="base.group_user")
        self.group_manager.write({"users": [Command.link(by_group.id)]})
        self.assertEqual(by_group.action_id.id, self.workbench.id, "the manager group implies the sales group")

        implied = self.env["res.groups"].create({"name": "区域代表"})
        by_implication = new_test_user(self.env, login="t_promoted_3", groups="base.group_user")
        implied.users = by_implication
        implied.write({"implied_ids": [Command.link(self.group_sales.id)]})
        self.assertEqual(by_implication.action_id.id, self.workbench.id)

    def test_own_home_action_kept(self):
        own = self.env.ref("xtools_crm.xtools_customer_action")
        user = new_test_user(self.env, login="t_own_home", groups="base.group_user")
        user.action_id = own.id
        user.write({"groups_id": [Command.link(self.group_sales.id)]})
        self.assertEqual(user.action_id.id, own.id)

    def test_demoted_user_loses_the_workbench(self):
        user = new_test_user(self.env, login="t_demoted", groups="xtools_crm.group_sales")
        self.assertEqual(user.action_id.id, self.workbench.id)
        user.write({"groups_id": [Command.unlink(self.group_sales.id)]})
        self.assertFalse(user.action_id)

    def test_demo_users_and_menus(self):
        for xmlid in ("user_sales1", "user_manager", "user_boss"):
            self.assertEqual(self.env.ref(f"xtools_crm.{xmlid}").action_id.id, self.workbench.id, xmlid)
        self.assertEqual(self.env.ref("base.user_admin").action_id.id, self.workbench.id)
        root = self.env.ref("xtools_crm.menu_root")
        self.assertEqual(root.action, self.workbench)
        first = root.child_id.sorted(lambda menu: (menu.sequence, menu.id))[0]
        self.assertEqual((first, first.action), (self.env.ref("xtools_crm.menu_workbench"), self.workbench))


# Queries of get_workbench_data() for a salesperson, and for a manager on their team, whatever the number of
# records of each panel (with the SET LOCAL jit = off of the RPC; the company's new customers of the month are
# counted on the customers, one query beside the sales report's sums; each monthly figure is one query over the
# range of last month and this month; a panel's count and late count are one query).
WORKBENCH_QUERIES = 50
WORKBENCH_MANAGER_QUERIES = 62


class WorkbenchQueryCountMixin:
    """``RECORDS`` records in every panel of sales_a1; the query count is pinned to ``WORKBENCH_QUERIES``."""

    RECORDS = 10

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        n = cls.RECORDS
        today = TODAY
        customer, user = cls.customer_a1, cls.sales_a1
        model_id = cls.env["ir.model"]._get_id("xtools.customer")
        quiet = {"mail_activity_quick_update": True, "mail_create_nolog": True, "mail_notrack": True,
                 "tracking_disable": True, "no_mail_to_attendees": True}
        env = cls.env(context=dict(cls.env.context, **quiet))
        env["mail.activity"].create([{
            "res_model_id": model_id, "res_id": customer.id, "activity_type_id": cls.call_type.id,
            "summary": f"任务{i}", "date_deadline": today + timedelta(days=i % 5 - 2), "user_id": user.id,
        } for i in range(n)])
        start = datetime.combine(today, datetime.min.time()) + timedelta(hours=12)
        env["calendar.event"].create([{
            "name": f"日程{i}", "start": start + timedelta(minutes=i), "stop": start + timedelta(minutes=i + 30),
            "user_id": user.id, "partner_ids": [Command.set(user.partner_id.ids)], "res_model_id": model_id,
            "res_id": customer.id,
        } for i in range(n)])
        env["xtools.call"].create([{
            "phone": "13900000000", "caller_name": f"来电{i}", "customer_id": customer.id, "receiver_id": user.id,
        } for i in range(n)])
        # Signed contracts ending within 30 days; one of them carries n plans and n deliveries due soon (the others'
        # single plan falls due after the 30 days of the receivables panel).
        contracts = env["xtools.contract"].create([{
            "name": f"合同{i}", "customer_id": customer.id, "user_id": user.id, "state": "running",
            "sign_date": today, "end_date": today + timedelta(days=10), "amount": 100.0 * (n if i == 0 else 1),
            "plan_ids": [Command.create({
                "due_date": today + timedelta(days=j % 20 - 5 if i == 0 else 60), "amount": 100.0, "user_id": user.id,
            }) for j in range(n if i == 0 else 1)],
        } for i in range(n)])
        env["xtools.contract.line"].create(
            {"contract_id": contracts[0].id, "product_id": cls.product_server.id, "quantity": n, "price_unit": 100}
        )
        env["xtools.delivery"].create([{
            "contract_id": contracts[0].id, "product_id": cls.product_server.id, "planned_qty": 1,
            "planned_date": today + timedelta(days=i % 7 - 2), "user_id": user.id,
        } for i in range(n)])
        env["xtools.payment"].create([{"contract_id": contracts[1].id, "amount": 1.0, "user_id": user.id}
                                      for i in range(min(n, 100))])
        env["xtools.action"].create([{"customer_id": customer.id, "subject": f"行动{i}", "user_id": user.id}
                                     for i in range(n)])
        env["res.partner"].create([{
            "name": f"联系人{i}", "parent_id": customer.partner_id.id, "type": "contact",
            "xtools_birthday": (today + timedelta(days=i % 7)).replace(year=1980),  # a leap year
        } for i in range(n)])
        now = datetime.combine(today, datetime.min.time())
        env["xtools.complaint"].create([{
            "name": f"投诉{i}", "customer_id": customer.id, "description": "不满意", "user_id": user.id,
            "date": now - timedelta(hours=i % 100), "urgency": ("normal", "urgent", "critical")[i % 3],
        } for i in range(n)])
        announcements = env["xtools.announcement"].create([{
            "name": f"公告{i}", "publish_date": today - timedelta(days=i % 10), "audience": "all", "pinned": i % 7 == 0,
        } for i in range(n)])
        env["xtools.announcement.read"].create([{"announcement_id": announcement.id, "user_id": user.id}
                                               for announcement in announcements[::2]])
        # Submitted expenses of the manager's team members (the manager's approval panel).
        dinner = cls.env.ref("xtools_crm.expense_category_entertainment")
        expenses = env["xtools.expense"].create([{
            "customer_id": customer.id, "user_id": user.id, "category_id": dinner.id, "amount": 10.0 + i,
            "description": f"费用{i}",
        } for i in range(n)])
        expenses.action_submit()
        cls.expenses = expenses
        # Customers owned for 28 days without an action: they return to the pool within its 3 warning days.
        env["xtools.customer"].create([{
            "name": f"将退回客户{i}有限公司", "short_name": f"将退回{i}", "user_id": user.id,
            "owner_date": datetime(2026, 3, 10, 4, 0) - timedelta(days=28 + i % 3),
        } for i in range(n)])

    @users("t_sales_a1")
    @warmup
    def test_query_count(self):
        self.env.invalidate_all()
        with self.assertQueryCount(t_sales_a1=WORKBENCH_QUERIES):
            data = self.env["xtools.workbench"].get_workbench_data()
        counts = {panel["key"]: panel["count"] for panel in data["panels"]}
        n = self.RECORDS
        for key in ("schedules", "receivables", "calls", "deliveries", "contracts_expiring", "birthdays",
                    "announcements", "complaints", "pool_returns"):
            self.assertEqual(counts[key], n, key)
        self.assertEqual(counts["tasks"], 2 * n, "n tasks, and the meeting task of each of the n schedules")
        self.assertEqual(counts["receivables"], sum(1 for i in range(n) if i % 20 - 5 <= 30))
        self.assertEqual(get_panel(data, "announcements")["unread_count"], n // 2)
        self.assertNotIn("expense_approvals", counts)
        for panel in data["panels"]:
            if not panel.get("layout"):
                self.assertEqual(len(panel["items"]), 8, panel["key"])

    @users("t_manager_a")
    @warmup
    def test_query_count_manager(self):
        """The manager's workbench of the team: the approval panel and the monthly summary too."""
        self.env.invalidate_all()
        with self.assertQueryCount(t_manager_a=WORKBENCH_MANAGER_QUERIES):
            data = self.env["xtools.workbench"].get_workbench_data(f"team:{self.team_a.id}")
        counts = {panel["key"]: panel["count"] for panel in data["panels"]}
        n = self.RECORDS
        for key in ("receivables", "deliveries", "contracts_expiring", "birthdays", "announcements",
                    "complaints", "expense_approvals"):
            self.assertEqual(counts[key], n, key)
        self.assertEqual(counts["tasks"], 2 * n, "n tasks, and the meeting task of each of the n schedules")
        self.assertEqual(get_panel(data, "expense_approvals")["total"], sum(10.0 + i for i in range(n)))
        self.assertEqual(len(get_panel(data, "expense_approvals")["items"]), 8)


@freeze_time(NOW)
@tagged("post_install", "-at_install")
class TestWorkbenchQueryCount10(WorkbenchQueryCountMixin, WorkbenchCase):
    RECORDS = 10


@freeze_time(NOW)
@tagged("post_install", "-at_install")
class TestWorkbenchQueryCount1000(WorkbenchQueryCountMixin, WorkbenchCase):
    RECORDS = 1000
