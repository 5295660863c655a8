from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import (
    FOLLOWS_CUSTOMER_RULE,
    POOL_MEMBER_RULE,
    USER_MODELS,
    XtoolsCrmCase,
    customer_rule_domains,
    linked_models,
    user_rule_domains,
)


@tagged("post_install", "-at_install")
class TestCustomerAccess(XtoolsCrmCase):
    def _visible(self, user, customers=None):
        """The customers among ``customers`` (default: the fixture's four) that ``user`` finds by search."""
        customers = customers or (self.customer_a1 | self.customer_a2 | self.customer_b1 | self.customer_boss)
        return self.env["xtools.customer"].with_user(user).search([("id", "in", customers.ids)])

    def assertHidden(self, user, customer):
        """Reading raises; search, search_count, read_group, name_search and export leave it out."""
        Customer = self.env["xtools.customer"].with_user(user)
        with self.assertRaises(AccessError):
            customer.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            customer.with_user(user).export_data(["name", "short_name"])
        domain = [("id", "=", customer.id)]
        self.assertFalse(Customer.search(domain))
        self.assertEqual(Customer.search_count(domain), 0)
        self.assertFalse(Customer.read_group(domain, ["user_id"], ["user_id"]))
        self.assertNotIn(customer.id, [r[0] for r in Customer.name_search(customer.short_name)])
        exported = Customer.search([]).export_data(["name"])["datas"]
        self.assertNotIn([customer.name], exported)

    def assertVisible(self, user, customer):
        Customer = self.env["xtools.customer"].with_user(user)
        self.assertEqual(customer.with_user(user).read(["name"])[0]["name"], customer.name)
        self.assertEqual(Customer.search_count([("id", "=", customer.id)]), 1)
        self.assertIn(customer.id, [r[0] for r in Customer.name_search(customer.short_name)])

    def test_sales_sees_own_only(self):
        self.assertEqual(self._visible(self.sales_a1), self.customer_a1)
        self.assertVisible(self.sales_a1, self.customer_a1)
        self.assertHidden(self.sales_a1, self.customer_a2)
        self.assertHidden(self.sales_a1, self.customer_b1)
        self.assertHidden(self.sales_a1, self.customer_boss)
        # Owned customers (those in a pool the salesperson is a member of are read too: test_customer_pool).
        groups = self.env["xtools.customer"].with_user(self.sales_a1).read_group(
            [("pool_id", "=", False)], ["user_id"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in groups], [self.sales_a1.id])

    def test_sales_cannot_write_or_delete_others(self):
        with self.assertRaises(AccessError):
            self.customer_a2.with_user(self.sales_a1).write({"short_name": "改名"})
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(self.sales_a1).unlink()

    def test_share_grants_and_unshare_removes(self):
        wizard = self.env["xtools.customer.batch.wizard"].with_user(self.sales_a2)
        wizard.create({"customer_ids": [Command.set(self.customer_a2.ids)], "operation": "share",
                       "user_ids": [Command.set(self.sales_a1.ids)]}).action_apply()
        self.assertVisible(self.sales_a1, self.customer_a2)
        # A shared customer can be worked on, but not given away by the one it is shared with.
        self.customer_a2.with_user(self.sales_a1).write({"phone": "+8657100000000"})
        with self.assertRaises(AccessError):
            self.customer_a2.with_user(self.sales_a1).write({"user_id": self.sales_a1.id})
        with self.assertRaises(AccessError):
            self.customer_a2.with_user(self.sales_a1)._share_with(self.sales_b1)

        wizard.create({"customer_ids": [Command.set(self.customer_a2.ids)], "operation": "unshare",
                       "user_ids": [Command.set(self.sales_a1.ids)]}).action_apply()
        self.assertHidden(self.sales_a1, self.customer_a2)

    def test_transfer_moves_visibility(self):
        self.env["xtools.customer.batch.wizard"].with_user(self.sales_a1).create({
            "customer_ids": [Command.set(self.customer_a1.ids)], "operation": "transfer",
            "new_user_id": self.sales_b1.id,
        }).action_apply()
        self.assertEqual(self.customer_a1.user_id, self.sales_b1)
        self.assertHidden(self.sales_a1, self.customer_a1)
        self.assertVisible(self.sales_b1, self.customer_a1)
        # Its old team's manager no longer sees it, the new team's does.
        self.assertHidden(self.manager_a, self.customer_a1)
        self.assertVisible(self.manager_b, self.customer_a1)

    def test_sales_creates_for_themselves_only(self):
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        with self.assertRaises(AccessError):
            Customer.create({"name": "代建有限公司", "short_name": "代建", "user_id": self.sales_a2.id})
        self.assertEqual(Customer.create({"name": "自建有限公司", "short_name": "自建"}).user_id, self.sales_a1)

    def test_manager_sees_team_not_other_teams(self):
        self.assertEqual(self._visible(self.manager_a), self.customer_a1 | self.customer_a2)
        self.assertHidden(self.manager_a, self.customer_b1)
        self.assertHidden(self.manager_a, self.customer_boss)
        self.assertEqual(self._visible(self.manager_b), self.customer_b1)

    def test_manager_transfers_within_team_only(self):
        self.customer_a1.with_user(self.manager_a)._transfer_to(self.sales_a2)
        self.assertEqual(self.customer_a1.user_id, self.sales_a2)
        # Shared with manager A, but owned outside their team: visible, yet not theirs to give away.
        self.customer_b1._share_with(self.manager_a)
        self.assertVisible(self.manager_a, self.customer_b1)
        with self.assertRaises(AccessError):
            self.customer_b1.with_user(self.manager_a)._transfer_to(self.sales_a1)

    def test_team_change_takes_effect_at_once(self):
        """Rule domains only use user.id, so a cached rule never goes stale when teams change."""
        self.assertHidden(self.manager_a, self.customer_b1)
        self.team_a.member_ids = [Command.link(self.sales_b1.id)]
        self.assertVisible(self.manager_a, self.customer_b1)

    def test_team_leaders_are_seen_in_the_same_transaction(self):
        """A manager's rule reads the stored ``team_access_user_ids``: a new leader, a member who leaves (or whose
        membership is archived) and an archived team are seen by the very next search; the customers shared with a
        manager stay visible to them."""
        self.assertEqual(self._visible(self.manager_a), self.customer_a1 | self.customer_a2)
        self.team_b.user_id = self.manager_a
        self.assertEqual(self._visible(self.manager_a), self.customer_a1 | self.customer_a2 | self.customer_b1)
        self.assertFalse(self._visible(self.manager_b))
        self.team_a.crm_team_member_ids.filtered(lambda member: member.user_id == self.sales_a2).active = False
        self.assertEqual(self._visible(self.manager_a), self.customer_a1 | self.customer_b1)
        self.team_b.active = False
        self.assertEqual(self._visible(self.manager_a), self.customer_a1)
        self.customer_a2._share_with(self.manager_b)
        self.assertEqual(self._visible(self.manager_b), self.customer_a2)
        self.assertEqual(self._visible(self.sales_a2), self.customer_a2, "the owner keeps seeing it")

    def test_each_role_reads_one_relation(self):
        """Each role's customer rule is one condition on one indexed relation, with no ``OR`` of the salesperson's
        and the manager's rules (PostgreSQL answers an ``OR`` by scanning every customer): a manager's rule
        contains the salesperson's, which is left out for them; the boss's is the company's alone."""
        Rule = self.env["ir.rule"]
        company = [("company_id", "in", self.company.ids)]
        # Written (the pool members' read-only rule aside, which adds the customers of their pools to a read).
        self.assertEqual(Rule.with_user(self.sales_a1)._compute_domain("xtools.customer", "write"),
                         ["&", *company, ("access_user_ids", "in", self.sales_a1.id)])
        self.assertEqual(Rule.with_user(self.manager_a)._compute_domain("xtools.customer", "write"),
                         ["&", *company, ("team_access_user_ids", "in", self.manager_a.id)])
        self.assertEqual(Rule.with_user(self.boss)._compute_domain("xtools.customer", "write"), company)
        read = str(Rule.with_user(self.manager_a)._compute_domain("xtools.customer", "read"))
        self.assertIn("team_access_user_ids", read)
        self.assertNotIn("'access_user_ids'", read)

    def test_share_is_seen_in_the_same_transaction(self):
        """The rules read the stored ``access_user_ids``: a share or a transfer is seen by the very next search,
        before anything is flushed, and an unshare hides at once."""
        self.customer_a2._share_with(self.sales_a1)
        self.assertEqual(self._visible(self.sales_a1), self.customer_a1 | self.customer_a2)
        self.customer_a2._unshare_with(self.sales_a1)
        self.assertEqual(self._visible(self.sales_a1), self.customer_a1)
        self.customer_b1.with_user(self.boss)._transfer_to(self.sales_a1)
        self.assertEqual(self._visible(self.sales_a1), self.customer_a1 | self.customer_b1)
        self.assertFalse(self._visible(self.sales_b1))

    def test_customer_rules_leave_out_the_partners_rules(self):
        """A customer's partner follows the customer: the customer's rules are computed without its partner's
        (no join of every partner in each statement), and a context sent over RPC cannot drop the partners'
        rules anywhere else."""
        Rule = self.env["ir.rule"].with_user(self.sales_a1)
        customer_domain = str(Rule._compute_domain("xtools.customer", "read"))
        self.assertIn("access_user_ids", customer_domain)
        self.assertNotIn("partner_id", customer_domain)
        partner_domain = Rule._compute_domain("res.partner", "read")
        self.assertIn("xtools_customer_visible", str(partner_domain))
        forged = Rule.with_context(xtools_customer_rules=True)._compute_domain("res.partner", "read")
        self.assertEqual(forged, partner_domain)
        # The customer's partner and contacts still follow it.
        Partner = self.env["res.partner"].with_user(self.sales_a1).with_context(xtools_customer_rules=True)
        self.assertFalse(Partner.search([("id", "in", self.customer_a2.partner_id.ids)]))
        self.assertTrue(Partner.search([("id", "in", self.customer_a1.partner_id.ids)]))

    def test_found_documents_skip_a_second_visibility_check(self):
        """The models under the global follows-customer rule, and only those, take what a user's search finds as
        visible with its customer (no second search when the found records are read); what was not found is still
        checked, and refused."""
        for model in linked_models(self.env):
            rules = self.env["ir.rule"].search([("model_id.model", "=", model), ("global", "=", True),
                                                ("domain_force", "=", FOLLOWS_CUSTOMER_RULE)])
            self.assertEqual(self.env[model]._xtools_follows_customer_rule, bool(rules), model)
        Action = self.env["xtools.action"]
        mine = Action.create({"customer_id": self.customer_a1.id, "subject": "我的行动"})
        hidden = Action.create({"customer_id": self.customer_b1.id, "subject": "别人的行动"})
        found = Action.with_user(self.sales_a1).search([("id", "in", (mine | hidden).ids)])
        self.assertEqual(found, mine.with_user(self.sales_a1))
        with self.assertQueryCount(0):
            found.check_access("read")
        with self.assertRaises(AccessError):
            hidden.with_user(self.sales_a1).read(["subject"])

    def test_boss_sees_all(self):
        self.assertEqual(len(self._visible(self.boss)), 4)
        self.customer_b1.with_user(self.boss)._transfer_to(self.sales_a1)
        self.assertVisible(self.sales_a1, self.customer_b1)

    def test_portal_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["xtools.customer"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.customer_a1.with_user(self.portal).read(["name"])

    def test_other_company_hidden_even_from_boss(self):
        other = self.env["res.company"].create({"name": "其他公司"})
        self.boss.company_ids = [Command.link(other.id)]
        customer = self.env["xtools.customer"].create(
            {"name": "外公司客户", "short_name": "外客户", "company_id": other.id, "user_id": self.boss.id}
        )
        self.assertEqual(customer.partner_id.company_id, other)
        boss_env = self.env["xtools.customer"].with_user(self.boss).with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(boss_env.search([("id", "=", customer.id)]))
        boss_env = boss_env.with_context(allowed_company_ids=[self.company.id, other.id])
        self.assertTrue(boss_env.search([("id", "=", customer.id)]))

    def test_documents_are_read_by_their_company_and_the_access_relation(self):
        """Documents are found by their own company, which is always their customer's (it follows a customer moved
        to another company): the boss's all of them, a salesperson's and a manager's those whose customer their
        access relation holds."""
        other = self.env["res.company"].create({"name": "其他公司文件"})
        self.boss.company_ids = [Command.link(other.id)]
        Action = self.env["xtools.action"]
        action = Action.create({"customer_id": self.customer_boss.id, "subject": "老板的行动"})
        boss_actions = Action.with_user(self.boss).with_context(allowed_company_ids=[self.company.id])
        self.assertEqual(boss_actions._xtools_visible_domain(), [("company_id", "in", [self.company.id])])
        # A salesperson's and a manager's: their companies, and the customers of their access relation.
        self.assertIn("xtools_customer_access_user_rel", str(Action.with_user(self.sales_a1)._xtools_visible_domain()))
        self.assertIn("xtools_customer_team_access_user_rel",
                      str(Action.with_user(self.manager_a)._xtools_visible_domain()))
        theirs = Action.create({"customer_id": self.customer_b1.id, "subject": "乙一的行动"})
        sales_actions = Action.with_user(self.sales_a1)
        self.assertNotIn(theirs, sales_actions.search([]))
        self.customer_b1._share_with(self.sales_a1)
        self.assertIn(theirs, sales_actions.search([]), "a share is seen by the very next search")
        self.assertIn(theirs, Action.with_user(self.manager_b).search([]))
        self.assertNotIn(theirs, Action.with_user(self.manager_a).search([]))
        self.assertIn(action, boss_actions.search([]))
        self.customer_boss.company_id = other
        self.assertEqual(action.company_id, other, "a document's company follows its customer's")
        self.assertNotIn(action, boss_actions.search([]))
        both = boss_actions.with_context(allowed_company_ids=[self.company.id, other.id])
        self.assertIn(action, both.search([]))
        branch = self.env["res.company"].create({"name": "其他公司分公司", "parent_id": other.id})
        with self.assertRaisesRegex(ValidationError, "其他公司分公司.*is not the company of the customer"), \
                self.env.cr.savepoint():
            action.company_id = branch
        action.invalidate_recordset()
        self.assertEqual(action.company_id, other)

    def test_every_rule_of_the_module(self):
        """Group rules are OR-ed, so one wider rule would defeat a narrow one: pin them all."""
        rule_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "xtools_crm"), ("model", "=", "ir.rule")])
            .mapped("res_id")
        )
        rules = self.env["ir.rule"].search(["|", ("model_id.model", "like", "xtools.%"), ("id", "in", rule_ids)])
        found = {
            (rule.model_id.model, tuple(sorted(rule.groups.get_external_id().values())), rule.domain_force)
            for rule in rules
        }
        # The customer's rules are the only ones that decide visibility.
        expected = {("xtools.customer", (), "[('company_id', 'in', company_ids)]")}
        expected |= {("xtools.customer", (group,), domain) for group, domain in customer_rule_domains().items()}
        # Everything linked to a customer follows it through one global rule; partners (for CRM users) and quick
        # calls (whose customer is optional) add what has no customer.
        expected |= {(model, (), FOLLOWS_CUSTOMER_RULE) for model in linked_models(self.env)
                     if model not in ("res.partner", "xtools.call")}
        # A person's records (daily reports) follow the person: own, the members of the teams led, all.
        for model in USER_MODELS:
            expected.add((model, (), "[('company_id', 'in', company_ids)]"))
            for group, domain in user_rule_domains().items():
                expected.add((model, (group,), domain))
        # Sales targets: read own, the teams led and their members, all; set those of the teams led and their
        # members, or all (boss), but never one's own.
        expected |= {
            ("xtools.sales.target", (), "[('company_id', 'in', company_ids)]"),
            ("xtools.sales.target", ("xtools_crm.group_sales",), "[('user_id', '=', user.id)]"),
            ("xtools.sales.target", ("xtools_crm.group_manager",),
             "['|', '|', ('user_id', '=', user.id), ('team_id.user_id', '=', user.id), "
             "('user_id.crm_team_ids.user_id', '=', user.id)]"),
            ("xtools.sales.target", ("xtools_crm.group_manager",),
             "['&', ('user_id', '!=', user.id), '|', ('team_id.user_id', '=', user.id), "
             "('user_id.crm_team_ids.user_id', '=', user.id)]"),
            ("xtools.sales.target", ("xtools_crm.group_boss",), "[(1, '=', 1)]"),
            ("xtools.sales.target", ("xtools_crm.group_boss",), "[('user_id', '!=', user.id)]"),
        }
        # Sales performance: rows of a customer follow it (global rule); target rows (no customer) follow the
        # targets' read rules.
        expected |= {
            ("xtools.report.sales", (), "[('company_id', 'in', company_ids)]"),
            (
                "xtools.report.sales",
                ("xtools_crm.group_sales",),
                "['|', ('customer_id', '!=', False), ('user_id', '=', user.id)]",
            ),
            (
                "xtools.report.sales",
                ("xtools_crm.group_manager",),
                "['|', '|', ('customer_id', '!=', False), ('user_id', '=', user.id), "
                "('user_id.crm_team_ids.user_id', '=', user.id)]",
            ),
            ("xtools.report.sales", ("xtools_crm.group_boss",), "[(1, '=', 1)]"),
        }
        expected |= {
            ("res.partner", ("xtools_crm.group_sales",), FOLLOWS_CUSTOMER_RULE),
            ("xtools.call", (), "[('company_id', 'in', company_ids)]"),
            ("xtools.call", ("xtools_crm.group_sales",),
             "['|', ('xtools_customer_visible', '=', True), "
             "'&', ('customer_id', '=', False), '|', ('receiver_id', '=', user.id), ('create_uid', '=', user.id)]"),
            ("xtools.call", ("xtools_crm.group_manager",),
             "['|', ('xtools_customer_visible', '=', True), ('customer_id', '=', False)]"),
        }
        # Announcements follow their audience: readers the current ones addressed to them, managers write their
        # own, the boss all; each reader's read markers are theirs, the author reads those of their announcements.
        expected |= {
            ("xtools.announcement", (), "[('company_id', 'in', company_ids)]"),
            (
                "xtools.announcement",
                ("xtools_crm.group_sales",),
                "[('is_current', '=', True), ('is_for_me', '=', True)]",
            ),
            ("xtools.announcement", ("xtools_crm.group_manager",), "[('create_uid', '=', user.id)]"),
            ("xtools.announcement", ("xtools_crm.group_boss",), "[(1, '=', 1)]"),
            ("xtools.announcement.read", ("xtools_crm.group_sales",), "[('user_id', '=', user.id)]"),
            (
                "xtools.announcement.read",
                ("xtools_crm.group_manager",),
                "[('announcement_id.create_uid', '=', user.id)]",
            ),
            ("xtools.announcement.read", ("xtools_crm.group_boss",), "[(1, '=', 1)]"),
        }
        # Customer pools: a pool's members read its customers and their own partners, read only (their contacts and
        # documents stay closed: test_customer_pool_access); the pools and their days per level by company.
        expected |= {
            ("xtools.customer", ("xtools_crm.group_sales",), POOL_MEMBER_RULE),
            ("res.partner", ("xtools_crm.group_sales",),
             "[('parent_id', '=', False), ('xtools_customer_id.pool_member_visible', '=', True)]"),
            ("xtools.customer.pool", (), "[('company_id', 'in', company_ids)]"),
            ("xtools.customer.pool.level", (), "[('pool_id.company_id', 'in', company_ids)]"),
        }
        pool_rules = rules.filtered(lambda r: "pool_member_visible" in r.domain_force)
        self.assertEqual(len(pool_rules), 2)
        self.assertEqual({(r.perm_read, r.perm_write, r.perm_create, r.perm_unlink) for r in pool_rules},
                         {(True, False, False, False)}, "pool members only read")
        # The pool's audit log is the managers': lines about themselves, their teams' members and the pools they
        # manage; the boss all; salespeople none (ACL).
        expected |= {
            ("xtools.customer.pool.log", (), "[('company_id', 'in', company_ids)]"),
            ("xtools.customer.pool.log", ("xtools_crm.group_manager",),
             "['|', '|', '|', '|', '|', '|', ('user_id', '=', user.id), ('previous_user_id', '=', user.id), "
             "('new_user_id', '=', user.id), ('user_id.crm_team_ids.user_id', '=', user.id), "
             "('previous_user_id.crm_team_ids.user_id', '=', user.id), "
             "('new_user_id.crm_team_ids.user_id', '=', user.id), ('pool_id.manager_user_ids', 'in', user.id)]"),
            ("xtools.customer.pool.log", ("xtools_crm.group_boss",), "[(1, '=', 1)]"),
        }
        self.assertIn("calendar.event", linked_models(self.env))
        self.assertIn("xtools.payment", linked_models(self.env))
        self.assertEqual(found, expected)

    def test_acl_lines_for_every_model_and_role(self):
        roles = {self.env.ref(f"xtools_crm.group_{r}") for r in ("sales", "manager", "boss")}
        models = self.env["ir.model"].search([("model", "like", "xtools.%"), ("transient", "=", False)])
        models |= self.env["ir.model"].search([("model", "like", "xtools.%"), ("transient", "=", True)])
        self.assertTrue(models)
        for model in models:
            if self.env[model.model]._abstract:
                continue
            accesses = self.env["ir.model.access"].search([("model_id", "=", model.id)])
            self.assertTrue(accesses, f"no ACL for {model.model}")
            self.assertFalse(accesses.filtered(lambda a: not a.group_id), f"ACL without group on {model.model}")
            self.assertTrue(roles <= set(accesses.group_id), f"a role lacks an ACL line on {model.model}")
