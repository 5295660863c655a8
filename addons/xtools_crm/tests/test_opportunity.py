from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import XtoolsCrmCase


class OpportunityCase(XtoolsCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.stage_initial = ref("xtools_crm.opportunity_stage_initial")
        cls.stage_evaluation = ref("xtools_crm.opportunity_stage_evaluation")
        cls.stage_solution = ref("xtools_crm.opportunity_stage_solution")
        cls.stage_bidding = ref("xtools_crm.opportunity_stage_bidding")
        cls.stage_negotiation = ref("xtools_crm.opportunity_stage_negotiation")
        cls.stage_signed = ref("xtools_crm.opportunity_stage_signed")
        cls.Opportunity = cls.env["xtools.opportunity"]
        cls.opp_a1 = cls.Opportunity.with_user(cls.sales_a1).create({
            "name": "甲一 ERP 项目",
            "customer_id": cls.customer_a1.id,
            "expected_amount": 100000,
            "expected_date": "2026-12-15",
        }).with_env(cls.env)

    def _history(self, opportunity):
        return opportunity.history_ids.sorted("id")


@tagged("post_install", "-at_install")
class TestOpportunity(OpportunityCase):
    def test_stage_defaults_probability(self):
        self.assertEqual(self.opp_a1.stage_id, self.stage_initial)
        self.assertEqual(self.opp_a1.probability, 10)
        self.assertEqual(self.opp_a1.user_id, self.sales_a1)
        self.assertEqual(self.opp_a1.team_id, self.team_a)
        with Form(self.Opportunity.with_user(self.sales_a1)) as form:
            form.name = "甲一 培训"
            form.customer_id = self.customer_a1
            self.assertEqual(form.probability, 10)
            form.stage_id = self.stage_bidding
            self.assertEqual(form.probability, 60)
            form.probability = 75
        opportunity = form.record
        self.assertEqual(opportunity.probability, 75, "an overridden probability is kept")
        opportunity.stage_id = self.stage_negotiation
        self.assertEqual(opportunity.probability, 80, "a new stage brings its own probability")

    def test_seeded_stages(self):
        stages = self.env["xtools.opportunity.stage"].search([])
        seeded = self.stage_initial | self.stage_evaluation | self.stage_solution | self.stage_bidding \
            | self.stage_negotiation | self.stage_signed
        self.assertEqual(stages[:6], seeded)
        self.assertEqual(seeded.mapped("probability"), [10, 20, 40, 60, 80, 100])
        self.assertEqual(seeded.filtered("is_won"), self.stage_signed)

    def test_weighted_amount(self):
        self.assertEqual(self.opp_a1.weighted_amount, 10000)
        self.opp_a1.write({"probability": 45})
        self.assertEqual(self.opp_a1.weighted_amount, 45000)
        self.opp_a1.write({"expected_amount": 200000})
        self.assertEqual(self.opp_a1.weighted_amount, 90000)
        self.opp_a1.write({"stage_id": self.stage_bidding.id})
        self.assertEqual(self.opp_a1.weighted_amount, 120000)

    def test_history_on_create_and_on_changes_only(self):
        opportunity = self.opp_a1.with_user(self.sales_a1)
        [created] = self._history(opportunity)
        self.assertTrue(created.is_creation)
        self.assertEqual(created.user_id, self.sales_a1)
        self.assertFalse(created.old_stage_id)
        self.assertEqual((created.stage_id, created.expected_amount, created.probability),
                         (self.stage_initial, 100000, 10))

        opportunity.write({"name": "甲一 ERP 项目（一期）", "description": "<p>改名不记历史</p>"})
        opportunity.write({"stage_id": self.stage_initial.id, "expected_amount": 100000})
        self.assertEqual(len(opportunity.history_ids), 1, "saves that change nothing tracked add no line")

        opportunity.write({"stage_id": self.stage_evaluation.id})
        line = self._history(opportunity)[-1]
        self.assertEqual((line.old_stage_id, line.stage_id), (self.stage_initial, self.stage_evaluation))
        self.assertEqual((line.old_probability, line.probability), (10, 20))
        self.assertEqual(line.user_id, self.sales_a1)
        self.assertTrue(line.is_stage_change)

        opportunity.write({"expected_date": "2027-01-20"})
        line = self._history(opportunity)[-1]
        self.assertEqual(line.old_expected_date, fields.Date.to_date("2026-12-15"))
        self.assertEqual(line.expected_date, fields.Date.to_date("2027-01-20"))
        self.assertEqual(line.slip_days, 36)
        self.assertTrue(line.is_slipped)
        self.assertFalse(line.is_stage_change)

        opportunity.write({"expected_amount": 150000, "probability": 30})
        line = self._history(opportunity)[-1]
        self.assertEqual((line.old_expected_amount, line.expected_amount), (100000, 150000))
        self.assertEqual((line.old_probability, line.probability), (20, 30))
        self.assertEqual(len(opportunity.history_ids), 4)

    def test_history_from_kanban_drag_and_multi_write(self):
        others = self.Opportunity.with_user(self.sales_a1).create([
            {"name": f"甲一 机会 {i}", "customer_id": self.customer_a1.id, "stage_id": self.stage_evaluation.id}
            for i in range(3)
        ])
        self.assertEqual(len(others.history_ids), 3, "one creation line each, written in one batch")
        # What the kanban sends when a card is dropped into another column.
        others[0].with_user(self.sales_a1).web_save({"stage_id": self.stage_bidding.id}, specification={})
        line = self._history(others[0])[-1]
        self.assertEqual((line.old_stage_id, line.stage_id), (self.stage_evaluation, self.stage_bidding))

        both = (others[1] | others[2]).with_user(self.sales_a1)
        both.write({"stage_id": self.stage_solution.id})
        for opportunity in both:
            line = self._history(opportunity)[-1]
            self.assertEqual((line.old_stage_id, line.stage_id), (self.stage_evaluation, self.stage_solution))
        # A multi-record write only logs the records it really changed.
        (others | self.opp_a1).with_user(self.sales_a1).write({"stage_id": self.stage_solution.id})
        self.assertEqual(len(others[1].history_ids), 2)
        self.assertEqual(len(others[0].history_ids), 3)
        self.assertEqual(len(self.opp_a1.history_ids), 2)

    def test_history_cannot_be_edited_or_deleted(self):
        line = self.opp_a1.history_ids
        for user in (self.sales_a1, self.manager_a):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"expected_amount": 1})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["xtools.opportunity.history"].with_user(user).create(
                    {"opportunity_id": self.opp_a1.id, "user_id": user.id})
        self.assertEqual(line.with_user(self.sales_a1).read(["expected_amount"])[0]["expected_amount"], 100000)

    def test_won_lost_reopen(self):
        opportunity = self.opp_a1.with_user(self.sales_a1)
        self.assertEqual(self.customer_a1.lifecycle, "potential")
        opportunity.action_set_won()
        self.assertEqual(self.customer_a1.lifecycle, "customer", "winning makes the customer a signed one")
        self.assertEqual((opportunity.state, opportunity.stage_id, opportunity.probability),
                         ("won", self.stage_signed, 100))
        self.assertTrue(opportunity.date_closed)
        with self.assertRaises(UserError):
            opportunity.write({"expected_amount": 1})
        opportunity.action_reopen()
        self.assertEqual((opportunity.state, opportunity.stage_id), ("open", self.stage_initial))

        reason = self.env.ref("xtools_crm.opportunity_lost_reason_price")
        action = opportunity.action_open_lost_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(self.sales_a1).with_context(**action["context"]))
        wizard.lost_reason_id = reason
        wizard.note = "对方选择了更便宜的方案"
        wizard.save().action_lose()
        self.assertEqual((opportunity.state, opportunity.lost_reason_id, opportunity.probability),
                         ("lost", reason, 0))
        self.assertEqual(opportunity.weighted_amount, 0)
        self.assertIn("更便宜", opportunity.message_ids[0].body)

    def test_drag_into_won_stage_wins(self):
        self.opp_a1.with_user(self.sales_a1).write({"stage_id": self.stage_signed.id})
        self.assertEqual(self.opp_a1.state, "won")
        self.assertEqual(self.opp_a1.probability, 100)

    def test_read_group_sums_per_stage(self):
        self.Opportunity.with_user(self.sales_a1).create([
            {"name": "B1", "customer_id": self.customer_a1.id, "stage_id": self.stage_bidding.id,
             "expected_amount": 50000},
            {"name": "B2", "customer_id": self.customer_a1.id, "stage_id": self.stage_bidding.id,
             "expected_amount": 30000, "probability": 50},
        ])
        Opportunity = self.Opportunity.with_user(self.sales_a1)
        groups = {
            stage: (count, expected, weighted)
            for stage, count, expected, weighted in Opportunity._read_group(
                [("customer_id", "=", self.customer_a1.id)], ["stage_id"],
                ["__count", "expected_amount:sum", "weighted_amount:sum"])
        }
        self.assertEqual(groups[self.stage_initial], (1, 100000, 10000))
        self.assertEqual(groups[self.stage_bidding], (2, 80000, 30000 + 15000))
        # The funnel shows every unfolded stage as a column, the empty ones too.
        result = Opportunity.web_read_group([("customer_id", "=", self.customer_a1.id)],
                                            ["expected_amount:sum"], ["stage_id"])
        columns = {group["stage_id"][0]: group for group in result["groups"]}
        self.assertEqual(set(columns), set(self.env["xtools.opportunity.stage"].search([]).ids))
        self.assertEqual(columns[self.stage_bidding.id]["expected_amount"], 80000)
        self.assertEqual(columns[self.stage_negotiation.id]["stage_id_count"], 0)

    def test_customer_counts_and_opens_opportunities(self):
        self.Opportunity.create({"name": "甲一 二期", "customer_id": self.customer_a1.id})
        customer = self.customer_a1.with_user(self.sales_a1)
        self.assertEqual(customer.opportunity_count, 2)
        self.assertEqual(len(customer.opportunity_ids), 2)
        action = customer.action_open_opportunities()
        self.assertEqual(self.Opportunity.search(action["domain"]), customer.opportunity_ids)
        self.assertEqual(action["context"]["default_customer_id"], customer.id)
        # Filed in place from the customer view's tab.
        with Form(customer) as form:
            with form.opportunity_ids.new() as line:
                line.name = "甲一 三期"
                line.expected_amount = 5000
        self.assertEqual(customer.opportunity_count, 3)
        created = customer.opportunity_ids.filtered(lambda o: o.name == "甲一 三期")
        self.assertEqual(created.history_ids.expected_amount, 5000)


@tagged("post_install", "-at_install")
class TestOpportunityForecast(OpportunityCase):
    def _forecast(self, user):
        """The forecast as the menu opens it: open opportunities signing this or next month."""
        action = self.env.ref("xtools_crm.xtools_opportunity_action_forecast")
        arch = self.env["xtools.opportunity"].get_views([(False, "search")])["views"]["search"]["arch"]
        [node] = etree.fromstring(arch).xpath("//filter[@name='this_next_month']")
        self.assertIn("search_default_this_next_month", action.context)
        domain = safe_eval(node.get("domain"), {"context_today": lambda: date.today(), "relativedelta": relativedelta})
        domain += safe_eval(action.domain)
        return self.env["xtools.opportunity"].with_user(user)._read_group(
            domain + [("customer_id", "=", self.customer_a1.id)],
            ["expected_date:month", "user_id"], ["expected_amount:sum", "weighted_amount:sum"])

    def test_forecast_this_and_next_month_without_won(self):
        today = date.today()
        Opportunity = self.Opportunity.with_user(self.sales_a1)
        self.opp_a1.write({"expected_date": today})
        Opportunity.create([
            {"name": "下月", "customer_id": self.customer_a1.id, "expected_amount": 50000,
             "expected_date": today + relativedelta(months=1), "stage_id": self.stage_negotiation.id},
            {"name": "三个月后", "customer_id": self.customer_a1.id, "expected_amount": 70000,
             "expected_date": today + relativedelta(months=3)},
            {"name": "已签约", "customer_id": self.customer_a1.id, "expected_amount": 90000,
             "expected_date": today, "stage_id": self.stage_signed.id},
        ])
        rows = {(month.month, user): (expected, weighted)
                for month, user, expected, weighted in self._forecast(self.sales_a1)}
        next_month = today + relativedelta(months=1)
        self.assertEqual(rows, {
            (today.month, self.sales_a1): (100000, 10000),
            (next_month.month, self.sales_a1): (50000, 40000),
        })


@tagged("post_install", "-at_install")
class TestOpportunityDemo(OpportunityCase):
    def test_demo_pipeline(self):
        ids = self.env["ir.model.data"].search(
            [("module", "=", "xtools_crm"), ("model", "=", "xtools.opportunity")]).mapped("res_id")
        opportunities = self.Opportunity.browse(ids)
        self.assertGreaterEqual(len(opportunities), 30)
        self.assertEqual(opportunities.stage_id, self.env["xtools.opportunity.stage"].search([]))
        self.assertEqual(set(opportunities.mapped("state")), {"open", "won", "lost"})
        owners = {self.env.ref(f"xtools_crm.user_{login}") for login in ("sales1", "sales2", "sales3", "manager")}
        self.assertLessEqual(owners, set(opportunities.user_id))
        self.assertGreaterEqual(len({d.strftime("%Y-%m") for d in opportunities.mapped("expected_date")}), 4)
        self.assertTrue(all(len(o.history_ids) >= 2 for o in opportunities if o.stage_id != self.stage_initial))
        for opportunity in opportunities:
            self.assertEqual(opportunity.history_ids.user_id, opportunity.user_id, "moved on by its salesperson")
        self.assertTrue(self.env.ref("base.group_user").implied_ids & self.env.ref("xtools_crm.group_use_opportunity"))


@tagged("post_install", "-at_install")
class TestOpportunityAccess(OpportunityCase):
    def assertHidden(self, user, opportunity):
        Opportunity = self.Opportunity.with_user(user)
        with self.assertRaises(AccessError):
            opportunity.with_user(user).read(["name"])
        domain = [("id", "=", opportunity.id)]
        self.assertFalse(Opportunity.search(domain))
        self.assertEqual(Opportunity.search_count(domain), 0)
        groups = Opportunity.read_group(domain, ["stage_id"], ["stage_id"])
        self.assertFalse([group for group in groups if group["stage_id_count"]])
        self.assertNotIn(opportunity.id, [r[0] for r in Opportunity.name_search(opportunity.name)])
        History = self.env["xtools.opportunity.history"].with_user(user)
        self.assertFalse(History.search([("opportunity_id", "=", opportunity.id)]))
        with self.assertRaises(AccessError):
            opportunity.history_ids.with_user(user).read(["stage_id"])

    def assertVisible(self, user, opportunity):
        self.assertEqual(opportunity.with_user(user).read(["name"])[0]["name"], opportunity.name)
        self.assertEqual(self.Opportunity.with_user(user).search_count([("id", "=", opportunity.id)]), 1)
        self.assertTrue(opportunity.history_ids.with_user(user).read(["stage_id"]))

    def test_visibility_follows_the_customer(self):
        self.assertVisible(self.sales_a1, self.opp_a1)
        self.assertHidden(self.sales_a2, self.opp_a1)
        self.assertHidden(self.sales_b1, self.opp_a1)
        self.assertVisible(self.manager_a, self.opp_a1)
        self.assertHidden(self.manager_b, self.opp_a1)
        self.assertVisible(self.boss, self.opp_a1)
        self.customer_a1._share_with(self.sales_b1)
        self.assertVisible(self.sales_b1, self.opp_a1)
        self.opp_a1.with_user(self.sales_b1).write({"stage_id": self.stage_evaluation.id})
        self.assertEqual(self.opp_a1.history_ids.sorted("id")[-1].user_id, self.sales_b1)
        self.customer_a1._transfer_to(self.sales_a2)
        self.assertVisible(self.sales_a2, self.opp_a1)
        self.assertHidden(self.sales_a1, self.opp_a1)

    def test_parts_follow_the_opportunity(self):
        opportunity = self.opp_a1.with_user(self.sales_a1)
        opportunity.write({
            "requirement_ids": [Command.create({"name": "移动端审批"})],
            "solution_ids": [Command.create({"name": "企业微信集成"})],
            "competitor_ids": [Command.create({"name": "某友商", "offer_amount": 90000, "threat_level": "high"})],
            "quote_ids": [Command.create({"line_ids": [Command.create({"name": "实施服务", "price_unit": 2500,
                                                                      "quantity": 4})]})],
        })
        parts = [opportunity.requirement_ids, opportunity.solution_ids, opportunity.competitor_ids,
                 opportunity.quote_ids, opportunity.quote_ids.line_ids]
        for records in parts:
            self.assertTrue(records.with_user(self.sales_a1).read(["display_name"]))
            with self.assertRaises(AccessError):
                records.with_user(self.sales_a2).read(["display_name"])
            self.assertFalse(records.with_user(self.sales_a2).search([("id", "in", records.ids)]))

    def test_cannot_file_under_an_invisible_customer(self):
        with self.assertRaises(AccessError):
            self.Opportunity.with_user(self.sales_a1).create({"name": "越权", "customer_id": self.customer_b1.id})
        with self.assertRaises(AccessError):
            self.opp_a1.with_user(self.sales_a1).write({"customer_id": self.customer_b1.id})

    def test_stages_configured_by_the_boss_only(self):
        with self.assertRaises(AccessError):
            self.stage_initial.with_user(self.manager_a).write({"probability": 15})
        self.stage_initial.with_user(self.boss).write({"probability": 15})
        self.assertEqual(self.stage_initial.probability, 15)


@tagged("post_install", "-at_install")
class TestOpportunitySetting(OpportunityCase):
    def _menu_xmlids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}

    def _customer_form_arch(self, user):
        return self.env["xtools.customer"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]

    def _set_setting(self, value):
        self.env["xtools.crm.settings"].create({"group_xtools_use_opportunity": value}).execute()
        self.env.invalidate_all()

    def test_toggle_hides_menus_and_keeps_data(self):
        self._set_setting(True)
        self.assertTrue(self.sales_a1.has_group("xtools_crm.group_use_opportunity"))
        self.assertIn("xtools_crm.xtools_opportunity_menu", self._menu_xmlids(self.sales_a1))
        arch = self._customer_form_arch(self.sales_a1)
        self.assertIn("opportunity_count", arch)

        self._set_setting(False)
        self.assertFalse(self.sales_a1.has_group("xtools_crm.group_use_opportunity"))
        menus = self._menu_xmlids(self.sales_a1)
        self.assertIn("xtools_crm.xtools_customer_menu", menus)
        for xmlid in ("xtools_crm.menu_opportunities", "xtools_crm.xtools_opportunity_menu",
                      "xtools_crm.xtools_opportunity_forecast_menu"):
            self.assertNotIn(xmlid, menus)
        self.assertNotIn("xtools_crm.xtools_opportunity_stage_menu", self._menu_xmlids(self.boss))
        arch = self._customer_form_arch(self.sales_a1)
        self.assertNotIn("opportunity_count", arch)
        self.assertNotIn('name="opportunities"', arch)
        self.assertTrue(self.opp_a1.exists(), "switching the feature off keeps the data")
        self.assertEqual(len(self.opp_a1.history_ids), 1)

        self._set_setting(True)
        self.assertIn("xtools_crm.xtools_opportunity_menu", self._menu_xmlids(self.sales_a1))


@tagged("post_install", "-at_install")
class TestOpportunityQueries(OpportunityCase):
    CARDS_PER_COLUMN = 40
    KANBAN_SPEC = {
        "name": {}, "expected_amount": {}, "probability": {}, "expected_date": {}, "state": {}, "color": {},
        "currency_id": {"fields": {}},
        "customer_id": {"fields": {"display_name": {}}},
        "user_id": {"fields": {"display_name": {}}},
        "stage_id": {"fields": {"display_name": {}}},
        "activity_ids": {"fields": {}},
        "activity_state": {},
    }

    def _create(self, count):
        stages = self.env["xtools.opportunity.stage"].search([])
        self.Opportunity.with_context(tracking_disable=True).create([
            {"name": f"批量机会 {i}", "customer_id": self.customer_a1.id, "user_id": self.sales_a1.id,
             "stage_id": stages[i % len(stages)].id, "expected_amount": 1000 * (i + 1)}
            for i in range(count)
        ])

    def _load_kanban(self):
        """What the funnel's kanban loads: the columns with their sums and bars, then each column's cards.

        A column with more cards than a page also counts them; ``force_search_count`` makes every column do so,
        so that the small and the big funnel run the same statements.
        """
        Opportunity = self.Opportunity.with_user(self.sales_a1).with_context(force_search_count=True)
        domain = [("state", "!=", "lost")]
        result = Opportunity.web_read_group(domain, ["expected_amount:sum"], ["stage_id"], lazy=True)
        Opportunity.read_progress_bar(domain, "stage_id", {
            "field": "activity_state", "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
            "sum_field": "expected_amount",
        })
        for group in result["groups"]:
            Opportunity.web_search_read(group["__domain"], self.KANBAN_SPEC, limit=self.CARDS_PER_COLUMN,
                                        count_limit=10001)
        return result

    def _count_kanban_queries(self):
        self._load_kanban()  # the same warm caches before each measure
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.flush()
        before = self.cr.sql_log_count
        result = self._load_kanban()
        self.env.flush_all()
        self.env.cr.flush()
        return self.cr.sql_log_count - before, result

    def test_kanban_query_count_flat(self):
        self._create(9)  # with the fixture's one: 10 opportunities, at least one per stage
        self._count_kanban_queries()  # the very first load also fills the environment's caches
        queries_10, result = self._count_kanban_queries()
        self.assertEqual(sum(group["stage_id_count"] for group in result["groups"]), 10)

        self._create(990)
        self._load_kanban()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_10):
            result = self._load_kanban()
        self.assertEqual(sum(group["stage_id_count"] for group in result["groups"]), 1000)
        self.assertTrue(all(group["stage_id_count"] > self.CARDS_PER_COLUMN for group in result["groups"]))


@tagged("post_install", "-at_install")
class TestQuote(OpportunityCase):
    def test_quote_lines_totals_and_report(self):
        product = self.env["product.product"].create({"name": "年度运维", "list_price": 20000})
        quote = self.env["xtools.quote"].with_user(self.sales_a1).create({
            "opportunity_id": self.opp_a1.id,
            "line_ids": [
                Command.create({"product_id": product.id, "quantity": 2}),
                Command.create({"name": "实施服务", "quantity": 10, "price_unit": 2500, "discount": 10}),
            ],
        })
        self.assertTrue(quote.name.startswith("BJ"))
        self.assertEqual(quote.line_ids[0].price_unit, 20000)
        self.assertEqual(quote.line_ids.mapped("subtotal"), [40000, 22500])
        self.assertEqual(quote.amount_total, 62500)
        self.assertEqual(self.opp_a1.quote_count, 1)
        html = self.env["ir.actions.report"].with_user(self.sales_a1)._render_qweb_html(
            "xtools_crm.report_xtools_quote", quote.ids)[0].decode()
        self.assertIn(quote.name, html)
        self.assertIn("年度运维", html)
        self.assertIn("甲一科技有限公司", html)

    def test_bad_lines_refused(self):
        with self.assertRaises(ValidationError):
            self.env["xtools.quote"].create({
                "opportunity_id": self.opp_a1.id,
                "line_ids": [Command.create({"name": "负数", "quantity": -1, "price_unit": 10})],
            })
