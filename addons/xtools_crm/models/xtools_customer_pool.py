from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .xtools_contract import SIGNED_STATES
from .xtools_customer import CUSTOMER_LEVELS


class XtoolsCustomerPool(models.Model):
    """A customer pool 公海: where customers nobody follows up go, for another salesperson to claim.

    Its members (users, the members and leaders of its teams, or every salesperson) see its customers and may claim
    them; its managers assign them. Its rules send owned customers back automatically (nightly cron on
    ``xtools.customer``): the customers of the salespeople the pool covers (the first pool by sequence that has them
    as members) return after ``days_without_action`` days without an action or ``days_without_deal`` days without a
    signed contract (0 = rule off; per customer level in ``level_rule_ids``).
    """

    _name = "xtools.customer.pool"
    _description = "Customer Pool"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Pool Name", required=True, translate=True)
    sequence = fields.Integer(default=10, help="A salesperson's customers return to the first pool that has them as "
                                               "member.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    all_sales = fields.Boolean(
        string="All Salespeople",
        help="Every salesperson of the company is a member: sees the pool's customers and may claim them.",
    )
    member_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_pool_member_rel",
        "pool_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False)]",
        help="Who sees the pool's customers and may claim them (with the members and leaders of its sales teams).",
    )
    team_ids = fields.Many2many(
        "crm.team", "xtools_customer_pool_team_rel", "pool_id", "team_id", string="Sales Teams", check_company=True
    )
    manager_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_pool_manager_rel",
        "pool_id",
        "user_id",
        string="Pool Managers",
        domain="[('share', '=', False)]",
        help="Who may assign the pool's customers to a salesperson. The boss always may.",
    )
    days_without_action = fields.Integer(
        string="Days without Action",
        default=30,
        help="An owned customer returns to the pool after this many days without an action in its history "
        "(counted from the last action, or from when its owner got it). 0 = rule off.",
    )
    days_without_deal = fields.Integer(
        string="Days without Deal",
        default=0,
        help="An owned customer returns to the pool after this many days without a signed contract (counted from "
        "the last signing, or from when its owner got it). 0 = rule off.",
    )
    exclude_signed = fields.Boolean(
        string="Signed Customers Stay",
        default=True,
        help="Signed customers (正式客户) never return to the pool automatically.",
    )
    warn_days = fields.Integer(
        string="Warning Days",
        default=3,
        help="The owner gets a task this many days before the customer returns to the pool.",
    )
    reclaim_block_days = fields.Integer(
        default=30,
        help="A former owner may claim the customer back only this many days after it went to the pool. 0 = no "
        "block.",
    )
    max_claims_per_day = fields.Integer(
        string="Claims per Day",
        default=5,
        help="How many customers one salesperson may claim from this pool per day. 0 = no limit.",
    )
    level_rule_ids = fields.One2many(
        "xtools.customer.pool.level", "pool_id", string="Days per Customer Level", copy=True
    )
    customer_ids = fields.One2many("xtools.customer", "pool_id", string="Customers in the Pool")
    customer_count = fields.Integer(string="Number of Customers", compute="_compute_customer_count")
    note = fields.Text(string="Notes", translate=True)

    _sql_constraints = [
        (
            "days_not_negative",
            "CHECK (days_without_action >= 0 AND days_without_deal >= 0 AND warn_days >= 0 "
            "AND reclaim_block_days >= 0 AND max_claims_per_day >= 0)",
            "The day counts and the claims per day of a customer pool cannot be negative.",
        ),
    ]

    @api.depends_context("uid")
    def _compute_customer_count(self):
        # Counted under the caller's rules: a member counts the customers they see in the pool.
        counts = dict(self.env["xtools.customer"]._read_group([("pool_id", "in", self.ids)], ["pool_id"], ["__count"]))
        for pool in self:
            pool.customer_count = counts.get(pool, 0)

    @api.constrains("warn_days", "days_without_action", "days_without_deal", "level_rule_ids")
    def _check_warn_days(self):
        for pool in self:
            for level in (False, *dict(CUSTOMER_LEVELS)):
                for days in pool._get_level_days(level):
                    if days and pool.warn_days >= days:
                        raise ValidationError(
                            _(
                                "The %(warn)s warning days of the pool “%(pool)s” must be fewer than its %(days)s "
                                "days before a customer returns.",
                                warn=pool.warn_days,
                                pool=pool.name,
                                days=days,
                            )
                        )

    # ------------------------------------------------------------------
    # Who: members (see and claim), managers (assign), covered owners (automatic return)
    # ------------------------------------------------------------------
    @api.model
    def _get_member_domain(self, user, prefix=""):
        """The pools ``user`` is a member of, as a domain read through ``prefix`` (e.g. ``"pool_id."``). The record
        rules of customers and partners in a pool repeat it with ``user.id`` (``security/ir_rules.xml``)."""
        return [
            "|", "|", "|", "|",
            (f"{prefix}all_sales", "=", True),
            (f"{prefix}member_user_ids", "in", user.id),
            (f"{prefix}team_ids.member_ids", "=", user.id),
            (f"{prefix}team_ids.user_id", "=", user.id),
            (f"{prefix}manager_user_ids", "in", user.id),
        ]

    def _filtered_member(self, user):
        """The pools of ``self`` whose customers ``user`` sees and may claim (the boss: all of them)."""
        if user.has_group("xtools_crm.group_boss"):
            return self
        if not user.has_group("xtools_crm.group_sales"):
            return self.browse()
        return self.with_context(active_test=False).search(
            expression.AND([[("id", "in", self.ids)], self._get_member_domain(user)])
        )

    def _is_manager(self, user):
        self.ensure_one()
        return user in self.manager_user_ids or user.has_group("xtools_crm.group_boss")

    def _covers(self, user):
        """Whether the customers owned by ``user`` are this pool's to take back automatically."""
        self.ensure_one()
        return (
            (self.all_sales and user.has_group("xtools_crm.group_sales"))
            or user in self.member_user_ids
            or user in self.team_ids.member_ids
            or user in self.team_ids.user_id
        )

    @api.model
    def _get_owner_pools(self, users, companies):
        """``{(company id, user id): pool}``: the pool each user's customers return to in each company (the first
        active pool by sequence that covers them), for the users a pool covers."""
        pools = self.sudo().search([("company_id", "in", companies.ids)], order="sequence, id")
        result = {}
        by_company = pools.grouped("company_id")
        for company in companies:
            company_pools = by_company.get(company, pools.browse())
            for user in users:
                pool = next((p for p in company_pools if p._covers(user)), None)
                if pool:
                    result[company.id, user.id] = pool.with_env(self.env)
        return result

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _get_level_days(self, level):
        """``(days without action, days without deal)`` for customers of ``level`` (False: no level)."""
        self.ensure_one()
        rule = self.level_rule_ids.filtered(lambda r: r.level == level)[:1] if level else False
        if rule:
            return rule.days_without_action, rule.days_without_deal
        return self.days_without_action, self.days_without_deal

    def _get_release_domain(self, users, shift_days=0):
        """The customers owned by ``users`` that the rules of this pool send back as of ``shift_days`` days from
        now (the warnings look ``warn_days`` ahead)."""
        self.ensure_one()
        now = fields.Datetime.now() + timedelta(days=shift_days)
        levels_by_days = defaultdict(list)
        for level in (False, *dict(CUSTOMER_LEVELS)):
            levels_by_days[self._get_level_days(level)].append(level)
        parts = []
        for (days_action, days_deal), levels in levels_by_days.items():
            rules = []
            if days_action:
                cutoff = now - timedelta(days=days_action)
                rules.append([
                    ("owner_date", "<", cutoff),
                    "|", ("last_action_date", "=", False), ("last_action_date", "<", cutoff),
                ])
            if days_deal:
                cutoff = now - timedelta(days=days_deal)
                rules.append([
                    ("owner_date", "<", cutoff),
                    ("contract_ids", "not any", [("state", "in", SIGNED_STATES), ("sign_date", ">", cutoff.date())]),
                ])
            if rules:
                parts.append(expression.AND([[("level", "in", levels)], expression.OR(rules)]))
        if not parts or not users:
            return expression.FALSE_DOMAIN
        domain = [("company_id", "=", self.company_id.id), ("user_id", "in", users.ids), ("pool_id", "=", False)]
        if self.exclude_signed:
            domain.append(("lifecycle", "!=", "customer"))
        return expression.AND([domain, expression.OR(parts)])

    def _check_reclaim_block(self, customer, user):
        """A former owner claims a customer back only ``reclaim_block_days`` after it went to the pool."""
        self.ensure_one()
        if not self.reclaim_block_days:
            return
        since = fields.Datetime.now() - timedelta(days=self.reclaim_block_days)
        # Only tells whether this user gave the customer up lately (a count of the audit log, read as superuser).
        last = self.env["xtools.customer.pool.log"].sudo().search(
            [("customer_id", "=", customer.id), ("operation", "in", ("release", "return")),
             ("previous_user_id", "=", user.id), ("date", ">=", since)],
            order="date desc", limit=1,
        )
        if last:
            free_on = fields.Date.context_today(self, last.date + timedelta(days=self.reclaim_block_days))
            raise UserError(
                _(
                    "You owned “%(customer)s” until %(date)s: a former owner may claim a customer back only "
                    "%(days)s days after it went to the pool “%(pool)s”, that is from %(free)s on.",
                    customer=customer.name,
                    date=fields.Date.context_today(self, last.date),
                    days=self.reclaim_block_days,
                    pool=self.name,
                    free=free_on,
                )
            )

    def _check_daily_claims(self, user, count):
        """``user`` claims ``count`` more customers from this pool today: refuse beyond ``max_claims_per_day``.
        Call it with the user's owner row locked (``xtools.customer._lock_owners``)."""
        self.ensure_one()
        if not self.max_claims_per_day:
            return
        start = self._today_start()
        # Only counts this user's claims of today (the audit log, read as superuser).
        claimed = self.env["xtools.customer.pool.log"].sudo().search_count(
            [("pool_id", "=", self.id), ("operation", "=", "claim"), ("new_user_id", "=", user.id),
             ("date", ">=", start)]
        )
        if claimed + count > self.max_claims_per_day:
            raise UserError(
                _(
                    "Claim limit reached: %(user)s has claimed %(claimed)s customers from the pool “%(pool)s” today "
                    "and may claim %(limit)s per day (this claim asks for %(count)s more).",
                    user=user.name,
                    claimed=claimed,
                    pool=self.name,
                    limit=self.max_claims_per_day,
                    count=count,
                )
            )

    def _today_start(self):
        """The UTC datetime at which today starts in the user's time zone."""
        local = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(pytz.utc).replace(tzinfo=None)

    def action_open_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_customer_action_pool")
        action["domain"] = [("pool_id", "=", self.id)]
        action["display_name"] = self.name
        return action
