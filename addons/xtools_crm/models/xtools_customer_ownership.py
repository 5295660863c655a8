import logging
import threading
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, split_every

_logger = logging.getLogger(__name__)

# Written only by the pool operations (as superuser, after their checks) and the ORM: a plain write of these would
# put a customer into a pool, take it out, or move the day it returns.
POOL_FIELDS = {"pool_id", "pool_date", "pool_previous_user_id", "pool_warning_date", "owner_date", "last_action_date"}
LIMIT_PARAM = "xtools_crm.max_customers_per_user"
LIMIT_SIGNED_PARAM = "xtools_crm.limit_counts_signed"


class XtoolsCustomer(models.Model):
    """Ownership of customers: the owner 负责人, the users a customer is shared with 共享, the transfer 转移 of
    customers (with what goes along), the customer pool 公海 (release, claim, assignment, automatic return) and the
    owned-customer limit — who may do what, and the chatter and audit lines that record it.

    A customer has an owner unless it is in a pool. Pool members read the pool's customers (the customer and its
    own partner, read only: ``security/ir_rules.xml``), not their contacts nor the documents filed under them (see
    ``_search_pool_member_visible``); claiming or being assigned one makes it theirs with its whole file."""

    _inherit = "xtools.customer"

    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The salesperson responsible for the customer. They and the users it is shared with see the "
        "customer and everything filed under it. A customer in a pool has no owner.",
    )
    shared_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_shared_user_rel",
        "customer_id",
        "user_id",
        string="Shared With",
        check_company=True,
        domain="[('share', '=', False)]",
        copy=False,
    )
    # The customer's record rules read this one indexed relation (its (user_id, customer_id) index answers "the
    # customers of this user"), not the owner's column OR the shares' relation, which PostgreSQL can only answer
    # by scanning every customer, in every statement that reads anything filed under a customer.
    access_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_access_user_rel",
        "customer_id",
        "user_id",
        string="Visible To",
        compute="_compute_access_user_ids",
        store=True,
        copy=False,
        help="Technical: the owner and the users the customer is shared with (read by the record rules).",
    )
    # A manager's rule reads this one: the same users and the leaders of the owner's teams. One relation per rule,
    # so that no ``OR`` of two conditions keeps PostgreSQL from the index (``ir.rule._get_rules`` leaves the
    # salesperson's rule out for a manager, whose rule contains it).
    team_access_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_team_access_user_rel",
        "customer_id",
        "user_id",
        string="Visible To (Teams)",
        compute="_compute_team_access_user_ids",
        store=True,
        copy=False,
        help="Technical: the owner, the users the customer is shared with and the leaders of the owner's sales "
        "teams (read by the managers' record rule).",
    )
    owner_date = fields.Datetime(
        string="Owned Since",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        index=True,
        help="When the owner got the customer (created, claimed, assigned or transferred). The pool's rules count "
        "from here when nothing happened since.",
    )
    pool_id = fields.Many2one(
        "xtools.customer.pool",
        string="Customer Pool",
        readonly=True,
        copy=False,
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
        help="Set while the customer is in a pool 公海: it has no owner then, and the pool's members may claim it.",
    )
    pool_date = fields.Datetime(string="In the Pool Since", readonly=True, copy=False)
    pool_previous_user_id = fields.Many2one("res.users", string="Previous Owner", readonly=True, copy=False)
    pool_warning_date = fields.Date(
        string="Pool Warning Sent On", readonly=True, copy=False,
        help="When the owner was last warned that the customer returns to the pool soon.",
    )
    pool_days = fields.Integer(string="Days in the Pool", compute="_compute_pool_days")
    pool_return_date = fields.Date(
        string="Returns to the Pool On",
        compute="_compute_pool_return_date",
        help="When the pool's rules send the customer back unless something happens before (an action, a signed "
        "contract).",
    )

    pool_member_visible = fields.Boolean(
        string="In a Pool of Mine",
        compute="_compute_pool_member_visible",
        search="_search_pool_member_visible",
        help="Technical: the customer is in a pool the user is a member of (the pool members' read-only rule).",
    )

    @api.depends_context("uid")
    def _compute_pool_member_visible(self):
        # Odoo checks the rules of given records in memory (``filtered_domain``): the same domain as the search.
        real = self._origin.filtered("id")
        mine = real.sudo().with_context(active_test=False).search(
            [("id", "in", real.ids), *self._search_pool_member_visible("=", True)]
        ) if real else real
        for customer in self:
            customer.pool_member_visible = customer._origin in mine

    def _search_pool_member_visible(self, operator, value):
        """The customers in a pool the current user is a member of. The search of the customers whose file a user
        sees (``xtools.customer.linked._xtools_visible_domain``) leaves the pool rule out (``ir.rule._get_rules``):
        a pool member reads the pool customer, but its contacts, documents and schedules stay closed until they
        claim it, and nobody files anything under it."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        Pool = self.env["xtools.customer.pool"].sudo().with_context(active_test=False)
        domain = [("pool_id", "in", Pool._search(Pool._get_member_domain(self.env.user)))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("user_id", "shared_user_ids")
    def _compute_access_user_ids(self):
        # By set of users: one write of the relation per owner (and shares), not one per customer of a batch.
        for users, customers in self.grouped(lambda customer: customer.user_id | customer.shared_user_ids).items():
            customers.access_user_ids = users

    @api.depends(
        "user_id", "shared_user_ids", "user_id.crm_team_member_ids.active",
        "user_id.crm_team_member_ids.crm_team_id.user_id", "user_id.crm_team_member_ids.crm_team_id.active",
    )
    def _compute_team_access_user_ids(self):
        # The leaders of the active teams the owner is an active member of, as the rule ``user_id.crm_team_ids.
        # user_id`` read them: one write of the relation per set of users.
        def users(customer):
            teams = customer.user_id.crm_team_member_ids.crm_team_id.filtered("active")
            return customer.user_id | customer.shared_user_ids | teams.user_id

        for access_users, customers in self.grouped(users).items():
            customers.team_access_user_ids = access_users

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # The record rules read ``access_user_ids`` and ``team_access_user_ids`` in SQL. Before a query Odoo
        # flushes the fields its SQL names, which a many2many condition does not (odoo/osv/expression.py): the
        # values a share, a transfer or a new team leader left pending are computed first, or the search would not
        # see them yet. A superuser's search has no rules (and the fields' own computation searches as superuser).
        if not self.env.su:
            self._xtools_flush_access()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _xtools_flush_access(self):
        """Compute the access relations the record rules read, before SQL reads them."""
        self.flush_model(["access_user_ids", "team_access_user_ids"])

    def _compute_pool_days(self):
        now = fields.Datetime.now()
        for customer in self:
            customer.pool_days = (now - customer.pool_date).days if customer.pool_id and customer.pool_date else 0

    @api.depends("user_id", "level", "lifecycle", "last_action_date", "owner_date")
    def _compute_pool_return_date(self):
        due = self._get_pool_due()
        for customer in self:
            entry = due.get(customer._origin)
            customer.pool_return_date = entry and fields.Date.context_today(customer, entry[0])

    @api.constrains("user_id", "pool_id", "shared_user_ids")
    def _check_owner_or_pool(self):
        for customer in self:
            if customer.pool_id and (customer.user_id or customer.shared_user_ids):
                raise ValidationError(
                    _(
                        "The customer “%(name)s” is in the customer pool “%(pool)s”: it has no owner and is shared "
                        "with nobody. Claim it or assign it from the pool.",
                        name=customer.name,
                        pool=customer.pool_id.name,
                    )
                )
            if not customer.pool_id and not customer.user_id:
                raise ValidationError(
                    _("The customer “%(name)s” needs an owner (only customers in a pool have none).",
                      name=customer.name)
                )

    def _check_new_customers(self):
        res = super()._check_new_customers()
        # On the created records, default_* context values included: a customer starts owned, now.
        if not self.env.su and self.filtered(
            lambda c: c.pool_id or c.pool_date or c.pool_previous_user_id or c.pool_warning_date
            or (c.owner_date and c.owner_date > fields.Datetime.now() + timedelta(minutes=5))
        ):
            raise UserError(_("A customer is created with an owner; it goes to a pool with Release."))
        self._check_owner_allowed()
        self._check_customer_limit(self.user_id)
        return res

    def write(self, vals):
        if POOL_FIELDS & vals.keys() and not self.env.su:
            raise UserError(
                _("A customer goes into a pool and out of it only with Release, Claim and Assign.")
            )
        if {"user_id", "shared_user_ids"} & vals.keys():
            self._check_ownership_change()
        if "user_id" in vals:
            vals = dict(vals, owner_date=vals.get("owner_date") or fields.Datetime.now())
        res = super().write(vals)
        if vals.get("user_id"):
            self._check_customer_limit(self.user_id)
        return res

    # ------------------------------------------------------------------
    # Ownership: who may share and transfer
    # ------------------------------------------------------------------
    def _filtered_ownership_managed(self):
        """Return the customers whose ownership the current user may change: their own; for a manager,
        also those owned by members of the teams they lead; for the boss, all of them."""
        user = self.env.user
        if self.env.su:
            return self
        managed = self.user_id._xtools_filtered_managed_by(user)
        return self.filtered(lambda c: c.user_id == user or c.user_id in managed)

    def _check_ownership_change(self):
        in_pool = self.filtered("pool_id") if not self.env.su else self.browse()
        if in_pool:
            # Nobody owns it: it leaves the pool only through a claim or an assignment (with their checks and log).
            raise UserError(
                _(
                    "“%(name)s” is in the customer pool “%(pool)s”: claim it or have a pool manager assign it.",
                    name=in_pool[0].name,
                    pool=in_pool[0].pool_id.name,
                )
            )
        forbidden = self - self._filtered_ownership_managed()
        if forbidden:
            raise AccessError(
                _(
                    "Only the owner, the manager of the owner's sales team or the boss may share or transfer "
                    "these customers: %(names)s",
                    names=", ".join(forbidden.mapped("display_name")),
                )
            )

    def _check_owner_allowed(self):
        """A salesperson creates customers for themselves; a manager for themselves and their teams' members; the
        boss for anyone. Checked on the created records, so that a ``default_user_id`` in the context counts too."""
        user = self.env.user
        if self.env.su:
            return
        allowed = user | self.user_id._xtools_filtered_managed_by(user)
        for customer in self:
            if customer.user_id not in allowed:
                raise AccessError(
                    _("You cannot create a customer owned by %(user)s.", user=customer.user_id.name)
                )

    def _share_with(self, users):
        self._check_ownership_change()
        for customer in self:
            added = users - customer.shared_user_ids - customer.user_id
            if not added:
                continue
            customer.shared_user_ids = [fields.Command.link(user.id) for user in added]
            customer.message_post(
                body=_("Customer shared with %(users)s.", users=", ".join(added.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    def _unshare_with(self, users):
        self._check_ownership_change()
        for customer in self:
            removed = users & customer.shared_user_ids
            if not removed:
                continue
            customer.shared_user_ids = [fields.Command.unlink(user.id) for user in removed]
            customer.message_post(
                body=_("Customer no longer shared with %(users)s.", users=", ".join(removed.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _get_transfer_documents(self):
        """What a transfer may carry to the new owner: option → (model, domain of the records to carry).
        Options whose model is not installed are left out."""
        options = {
            "opportunities": ("xtools.opportunity", [("state", "=", "open")]),
            "contracts": ("xtools.contract", [("state", "=", "running")]),
            "payment_plans": ("xtools.payment.plan", [("state", "in", ("planned", "partial", "overdue"))]),
        }
        return {key: value for key, value in options.items() if value[0] in self.env}

    def _transfer_to(self, user, carry=()):
        """Give the customers to ``user``. ``carry`` names what goes along (keys of
        ``_get_transfer_documents`` and ``"activities"``): only the old owner's open records move.

        One search per kind of document for all the customers. The carried documents are handed over as
        superuser: the transfer is allowed by the customer's ownership (checked here), not by the documents'
        own locks (a signed contract's salesperson is otherwise for managers only)."""
        self._check_ownership_change()
        customers = self.filtered(lambda c: c.user_id != user)
        if not customers:
            return
        previous = {customer.id: customer.user_id for customer in customers}
        carried = {customer.id: [] for customer in customers}
        searches = [
            (self.env[model], [("customer_id", "in", customers.ids), *domain], "customer_id",
             self.env["ir.model"]._get(model).name)
            for key, (model, domain) in self._get_transfer_documents().items() if key in carry
        ]
        if "activities" in carry:
            searches.append((
                self.env["mail.activity"], [("res_model", "=", self._name), ("res_id", "in", customers.ids)],
                "res_id", _("Activities"),
            ))
        for Model, domain, customer_field, label in searches:
            records = Model.search(domain + [("user_id", "in", customers.user_id.ids)])
            by_customer = {}
            for record in records:
                customer_id = record[customer_field] if customer_field == "res_id" else record[customer_field].id
                if record.user_id == previous[customer_id]:
                    by_customer.setdefault(customer_id, Model.browse())
                    by_customer[customer_id] |= record
            moving = Model.browse([rid for group in by_customer.values() for rid in group.ids])
            if moving:
                moving.sudo().write({"user_id": user.id})
            for customer_id, group in by_customer.items():
                carried[customer_id].append(f"{label} × {len(group)}")
        for customer in customers:
            body = _(
                "Customer transferred from %(old)s to %(new)s by %(by)s.",
                old=previous[customer.id].name,
                new=user.name,
                by=self.env.user.name,
            )
            if carried[customer.id]:
                body = _("%(transfer)s Carried along: %(carried)s.", transfer=body,
                         carried=", ".join(carried[customer.id]))
            # Post before the write: once transferred, a salesperson may no longer see the customer.
            customer.message_post(body=body, subtype_xmlid="mail.mt_note")
        customers.with_context(tracking_disable=True).write(
            {"user_id": user.id, "shared_user_ids": [fields.Command.unlink(user.id)]}
        )

    def _action_batch_wizard(self, operation):
        self._check_ownership_change()
        return {
            "type": "ir.actions.act_window",
            "name": _("Share Customers") if operation == "share" else _("Transfer Customers"),
            "res_model": "xtools.customer.batch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids, "default_operation": operation},
        }

    def action_share(self):
        return self._action_batch_wizard("share")

    def action_transfer(self):
        return self._action_batch_wizard("transfer")

    # ------------------------------------------------------------------
    # Owned-customer limit
    # ------------------------------------------------------------------
    @api.model
    def _get_customer_limit(self):
        """``(limit, signed customers count)`` from Settings; a limit of 0 means none."""
        params = self.env["ir.config_parameter"].sudo()
        try:
            limit = int(params.get_param(LIMIT_PARAM) or 0)
        except ValueError:
            limit = 0
        return max(limit, 0), bool(params.get_param(LIMIT_SIGNED_PARAM))

    @api.model
    def _lock_owners(self, users):
        """Serialize the transactions that give customers to ``users`` (create, import, claim, assignment,
        transfer), so that two of them cannot both pass a per-user count (the owned-customer limit, the claims per
        day). Touching the users' rows (a no-op update) makes a concurrent second transaction wait here and, once
        the first one committed, fail with a serialization error; its retry counts what the first one did."""
        if users.ids:
            self.env.cr.execute(
                SQL("UPDATE res_users SET write_date = write_date WHERE id IN %s", tuple(users.ids))
            )

    @api.model
    def _check_customer_limit(self, users):
        """Refuse when one of ``users`` owns more customers than Settings allow. Called on every path that gives
        customers an owner (create and import, claim, assignment, transfer), on the final records."""
        limit, counts_signed = self._get_customer_limit()
        users = users.filtered(lambda u: not u.share)
        if not limit or not users:
            return
        self._lock_owners(users)
        domain = [("user_id", "in", users.ids)]
        if not counts_signed:
            domain.append(("lifecycle", "!=", "customer"))
        # A count per owner, read as superuser: the owner may not see everything a manager gives them.
        counts = dict(self.sudo()._read_group(domain, ["user_id"], ["__count"]))
        for user in users:
            count = counts.get(user, 0)
            if count > limit:
                raise UserError(
                    _(
                        "Owned-customer limit reached: %(user)s would own %(count)s customers, and the limit is "
                        "%(limit)s customers per salesperson%(signed)s.",
                        user=user.name,
                        count=count,
                        limit=limit,
                        signed="" if counts_signed else _(" (signed customers not counted)"),
                    )
                )

    # ------------------------------------------------------------------
    # Customer pool 公海: release, claim, assign, automatic return
    # ------------------------------------------------------------------
    def action_release(self):
        """Header/list button: put the customers into a pool, asking the reason."""
        self._check_ownership_change()  # also refuses a customer already in a pool
        return {
            "type": "ir.actions.act_window",
            "name": _("Release to the Customer Pool"),
            "res_model": "xtools.customer.pool.release.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids},
        }

    def _release_to_pool(self, pool, reason, operation="release"):
        """Put the customers into ``pool``: no owner, no sharing, open tasks cancelled (with a note); open
        opportunities and running contracts stay with their salesperson. ``operation`` is ``release`` (by the
        owner, their manager or the boss: checked here) or ``return`` (the nightly cron). ``pool`` may be given by
        its id (as data files call it)."""
        # In this environment (its language names the pool in the note); data files pass its id.
        pool = self.env["xtools.customer.pool"].browse(pool if isinstance(pool, int) else pool.id)
        pool.ensure_one()
        if operation == "release":
            self._check_ownership_change()
            if not (reason or "").strip():
                raise UserError(_("Give the reason why the customers go to the pool."))
        for customer in self:
            if customer.pool_id:
                raise UserError(_("“%(name)s” is already in the customer pool.", name=customer.name))
            if customer.company_id != pool.company_id:
                raise UserError(
                    _("The customer “%(name)s” belongs to another company than the pool “%(pool)s”.",
                      name=customer.name, pool=pool.name)
                )
        self._lock_for_update()
        now = fields.Datetime.now()
        logs = []
        for customer in self:
            previous = customer.user_id
            shared = customer.shared_user_ids
            cancelled = customer._cancel_open_activities()
            if operation == "release":
                body = _(
                    "Released to the customer pool “%(pool)s” by %(user)s. Reason: %(reason)s",
                    pool=pool.name, user=self.env.user.name, reason=reason,
                )
            else:
                body = _("Returned automatically to the customer pool “%(pool)s”: %(reason)s",
                         pool=pool.name, reason=reason)
            if cancelled:
                body = _("%(body)s Open tasks cancelled: %(tasks)s.", body=body, tasks="; ".join(cancelled))
            customer._post_pool_note(body)
            # The checks are done: the pool fields, which no user writes, are written as superuser for a user who
            # may write the customer (the owner, their manager, the boss; the cron).
            customer.with_context(tracking_disable=True)._xtools_write_state({
                "pool_id": pool.id,
                "pool_date": now,
                "pool_previous_user_id": previous.id,
                "pool_warning_date": False,
                "user_id": False,
                "shared_user_ids": [fields.Command.clear()],
            })
            # Nobody follows a customer in the pool: its former owner and sharers no longer get its messages (the
            # user who released it may no longer read it).
            customer.sudo().message_unsubscribe(partner_ids=(previous | shared).partner_id.ids)
            logs.append(customer._prepare_pool_log(pool, operation, previous=previous, reason=reason, date=now))
        self.env["xtools.customer.pool.log"].sudo().create(logs)
        return True

    def _cancel_open_activities(self):
        """Cancel the customer's open tasks (nobody owns it any more); return their descriptions for the note."""
        self.ensure_one()
        activities = self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        )
        described = [
            f"{activity.activity_type_id.name or ''}: {activity.summary or activity.res_name} ({activity.user_id.name})"
            for activity in activities
        ]
        activities.action_cancel()
        return described

    def action_claim(self):
        """Button of the pool 公海: the current user takes the customers. One claim wins when two members claim the
        same customer at the same moment (the customer rows are locked before the checks)."""
        user = self.env.user
        self.browse().check_access("read")  # a salesperson at all
        # Checked below on fresh, locked rows (a concurrent claim may have taken a customer meanwhile): the state of
        # the pool is read as superuser, membership decides.
        customers = self.sudo()
        customers._lock_for_update()
        customers.invalidate_recordset()
        for customer in customers:
            customer._check_still_in_pool()
            if not customer.pool_id._filtered_member(user):
                raise AccessError(
                    _("Only the members of the customer pool “%(pool)s” may claim its customers.",
                      pool=customer.pool_id.name)
                )
            customer.pool_id._check_reclaim_block(customer, user)
        if any(customers.pool_id.mapped("max_claims_per_day")):
            self._lock_owners(user)
        for pool, pool_customers in customers.grouped("pool_id").items():
            pool._check_daily_claims(user, len(pool_customers))
        customers._take_from_pool(user, "claim")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Claimed: %(names)s. You find them among your customers.",
                             names=", ".join(customers.mapped("name"))),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _check_still_in_pool(self):
        """Refuse a customer that is not (or no longer) in a pool. Its name is said only to a user who may read it:
        the ids of a claim come from the client."""
        self.ensure_one()
        if not self.pool_id:
            if self.sudo(False).has_access("read"):
                raise UserError(_("“%(name)s” is no longer in the customer pool.", name=self.name))
            raise UserError(_("This customer is no longer in the customer pool: someone else has just taken it."))

    def action_assign_from_pool(self):
        """Button of the pool 公海: a pool manager assigns the customers to a salesperson."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Assign Customers"),
            "res_model": "xtools.customer.pool.assign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids},
        }

    def _assign_from_pool(self, user, reason=False):
        """A pool manager (or the boss) gives the customers of their pools to ``user`` (a user or its id)."""
        if isinstance(user, int):
            user = self.env["res.users"].browse(user)
        operator = self.env.user
        self.browse().check_access("read")  # a salesperson at all
        if user.share or not user.active:
            raise UserError(_("Customers are assigned to an active internal user, not to %(user)s.", user=user.name))
        customers = self.sudo()
        customers._lock_for_update()
        customers.invalidate_recordset()
        for customer in customers:
            customer._check_still_in_pool()
            if not customer.pool_id._is_manager(operator):
                raise AccessError(
                    _("Only the managers of the customer pool “%(pool)s” may assign its customers.",
                      pool=customer.pool_id.name)
                )
            if customer.company_id not in user.company_ids:
                raise UserError(
                    _("%(user)s does not work for the company of the customer “%(name)s”.",
                      user=user.name, name=customer.name)
                )
        customers._take_from_pool(user, "assign", reason=reason)
        return True

    def _take_from_pool(self, user, operation, reason=False):
        """Hand the (locked, checked) pool customers to ``user``; log and note it. The owned-customer limit is
        checked by ``write`` on the final records."""
        now = fields.Datetime.now()
        logs = [
            customer._prepare_pool_log(customer.pool_id, operation, new=user, reason=reason, date=now)
            for customer in self
        ]
        notes = {}
        for customer in self:
            if operation == "claim":
                notes[customer] = _("Claimed from the customer pool “%(pool)s” by %(user)s.",
                                    pool=customer.pool_id.name, user=user.name)
            else:
                notes[customer] = _(
                    "Assigned from the customer pool “%(pool)s” to %(user)s by %(by)s.%(reason)s",
                    pool=customer.pool_id.name, user=user.name, by=self.env.user.name,
                    reason=_(" Reason: %(reason)s", reason=reason) if reason else "",
                )
        self.with_context(tracking_disable=True).write({
            "user_id": user.id,
            "pool_id": False,
            "pool_date": False,
            "pool_previous_user_id": False,
            "pool_warning_date": False,
        })
        self.env["xtools.customer.pool.log"].sudo().create(logs)
        for customer, body in notes.items():
            customer._post_pool_note(body)

    def _prepare_pool_log(self, pool, operation, previous=None, new=None, reason=False, date=None):
        self.ensure_one()
        return {
            "customer_id": self.id,
            "pool_id": pool.id,
            "company_id": self.company_id.id,
            "operation": operation,
            "user_id": self.env.uid,
            "previous_user_id": previous.id if previous else False,
            "new_user_id": new.id if new else False,
            "date": date or fields.Datetime.now(),
            "reason": reason or False,
            "level": self.level,
        }

    def _post_pool_note(self, body):
        """A chatter note of a pool operation, by the user who did it: posted as superuser, since after a release the
        user may no longer see the customer, and a pool manager need not be allowed to edit it."""
        self.ensure_one()
        self.sudo().message_post(
            body=body, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id
        )

    # ------------------------------------------------------------------
    # Automatic return to the pool and the warnings ahead of it
    # ------------------------------------------------------------------
    def _get_pool_due(self, pool_of=None):
        """``{customer: (due datetime, pool, rule)}`` for the owned customers of ``self`` that a pool's rules send
        back: when, to which pool, and why (``("action", days)`` or ``("deal", days)``, see ``_get_pool_reason``).
        ``pool_of``: the owners' pools (``xtools.customer.pool._get_owner_pools``) when the caller has them."""
        owned = self._origin.filtered(lambda c: c.user_id and not c.pool_id)
        if not owned:
            return {}
        if pool_of is None:
            pool_of = self.env["xtools.customer.pool"]._get_owner_pools(owned.user_id, owned.company_id)
        from .xtools_contract import SIGNED_STATES  # noqa: PLC0415 (the contract models load after the customer's)

        # The date of the last signed contract only (read as superuser: the customers' contracts decide).
        deals = dict(self.env["xtools.contract"].sudo()._read_group(
            [("customer_id", "in", owned.ids), ("state", "in", SIGNED_STATES)], ["customer_id"], ["sign_date:max"]
        ))
        result = {}
        for customer in owned:
            pool = pool_of.get((customer.company_id.id, customer.user_id.id))
            if not pool or (pool.exclude_signed and customer.lifecycle == "customer"):
                continue
            days_action, days_deal = pool._get_level_days(customer.level)
            owned_since = customer.owner_date or customer.create_date
            candidates = []
            if days_action:
                since = max(d for d in (customer.last_action_date, owned_since) if d)
                candidates.append((since + timedelta(days=days_action), ("action", days_action)))
            if days_deal:
                signed = deals.get(customer)
                since = max(d for d in (signed and datetime.combine(signed, time.min), owned_since) if d)
                candidates.append((since + timedelta(days=days_deal), ("deal", days_deal)))
            if candidates:
                due, rule = min(candidates, key=lambda candidate: candidate[0])
                result[customer] = (due, pool, rule)
        return result

    def _get_pool_reason(self, rule):
        """The pool rule that sends a customer back, in words (in the language of ``self``'s environment)."""
        kind, days = rule
        if kind == "deal":
            return self.env._("no signed contract for %(days)s days", days=days)
        return self.env._("no action for %(days)s days", days=days)

    @api.model
    def _get_pool_candidate_domain(self, warnings=True):
        """Owned customers the pools' rules send back now or, with ``warnings``, within their warning days (and
        whose owner was not warned lately): a superset of what ``_get_pool_due`` decides on."""
        owned = self.sudo()._read_group([("user_id", "!=", False)], ["user_id", "company_id"])
        owners = self.env["res.users"].browse({user.id for user, _company in owned})
        companies = self.env["res.company"].browse({company.id for _user, company in owned})
        pool_of = self.env["xtools.customer.pool"]._get_owner_pools(owners, companies)
        users_by_pool = {}
        for (_company_id, user_id), pool in pool_of.items():
            users_by_pool.setdefault(pool, self.env["res.users"])
            users_by_pool[pool] |= self.env["res.users"].browse(user_id)
        today = fields.Date.context_today(self)
        parts = []
        for pool, users in users_by_pool.items():
            parts.append(pool._get_release_domain(users))
            if warnings and pool.warn_days:
                parts.append(expression.AND([
                    pool._get_release_domain(users, shift_days=pool.warn_days),
                    ["|", ("pool_warning_date", "=", False),
                     ("pool_warning_date", "<=", today - timedelta(days=pool.warn_days))],
                ]))
        return expression.OR(parts) if parts else expression.FALSE_DOMAIN

    @api.model
    def _cron_release_to_pool(self, batch_size=200):
        """Nightly: return to their pool the customers its rules send back; warn the owners ``warn_days`` ahead
        with a task (once per customer and period). Batches are committed (in the cron only) and reported with
        ``_notify_progress``; each customer in its own savepoint, so one failure does not stop the others. A rerun
        after a crash finds only what is left: returned customers are in the pool, warned ones carry the date."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        cron = self.env["ir.cron"]
        ids = self.search(self._get_pool_candidate_domain(), order="id").ids
        done = returned = warned = 0
        for batch_ids in split_every(batch_size, ids):
            batch = self.browse(batch_ids)
            due = batch._get_pool_due()
            now = fields.Datetime.now()
            for customer in batch:
                entry = due.get(customer)
                if not entry:
                    continue
                due_date, pool, rule = entry
                # Notes and tasks in the language of the owner, who reads them.
                customer = customer.with_context(lang=customer.user_id.lang or self.env.lang)
                try:
                    with self.env.cr.savepoint():
                        if due_date <= now:
                            customer._release_to_pool(pool, customer._get_pool_reason(rule), operation="return")
                            returned += 1
                        elif due_date <= now + timedelta(days=pool.warn_days) and customer._needs_pool_warning(
                                due_date, pool):
                            customer._warn_pool_return(due_date, pool, customer._get_pool_reason(rule))
                            warned += 1
                except Exception:
                    _logger.exception("Customer pool: customer %s could not be returned or warned", customer.id)
            done += len(batch)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            cron._notify_progress(done=done, remaining=len(ids) - done)
        _logger.info("Customer pool: %s customers returned, %s owners warned", returned, warned)
        return returned, warned

    def _needs_pool_warning(self, due_date, pool):
        """Warned once per period: not again when the owner was warned since this period's warning days began."""
        self.ensure_one()
        window_start = fields.Date.context_today(self, due_date - timedelta(days=pool.warn_days))
        return not (self.pool_warning_date and self.pool_warning_date >= window_start)

    def _warn_pool_return(self, due_date, pool, reason):
        self.ensure_one()
        pool = pool.with_env(self.env)  # named in the owner's language
        day = fields.Date.context_today(self, due_date)
        self.activity_schedule(
            "xtools_crm.mail_activity_type_pool_warning",
            date_deadline=day,
            summary=self.env._("Returns to the pool “%(pool)s” on %(date)s", pool=pool.name, date=day),
            note=self.env._(
                "%(reason)s: the customer returns to the customer pool “%(pool)s” on %(date)s unless you log an "
                "action before.", reason=reason, pool=pool.name, date=day,
            ),
            user_id=self.user_id.id,
        )
        self.sudo().write({"pool_warning_date": fields.Date.context_today(self)})

    @api.model
    def _get_pool_warnings(self, users=None):
        """For the workbench panel 即将退回公海: the customers owned by ``users`` (default: the current user) that
        return to a pool within its warning days, soonest first, as ``[{"id", "name", "short_name", "level",
        "user_id", "last_action_date", "return_date", "pool", "reason"}]``. Read under the current user's rules:
        a manager sees those of the members of the teams they lead. Its query count does not grow with the number
        of customers."""
        users = self.env.user if users is None else users
        pool_of = self.env["xtools.customer.pool"]._get_owner_pools(users, self.env.companies)
        pools = {}
        for (_company_id, user_id), pool in pool_of.items():
            pools.setdefault(pool, self.env["res.users"])
            pools[pool] |= self.env["res.users"].browse(user_id)
        parts = [pool._get_release_domain(owners, shift_days=pool.warn_days) for pool, owners in pools.items()]
        if not parts:
            return []
        customers = self.search_fetch(
            expression.OR(parts),
            ["name", "short_name", "level", "last_action_date", "owner_date", "create_date", "user_id", "pool_id",
             "company_id", "lifecycle"],
            order="last_action_date, id",
        )
        due = customers._get_pool_due(pool_of)
        limit = fields.Datetime.now()
        warnings = [
            {
                "id": customer.id,
                "name": customer.name,
                "short_name": customer.short_name or "",
                "level": customer.level or False,
                "user_id": customer.user_id,
                "last_action_date": customer.last_action_date,
                "return_date": fields.Date.context_today(customer, due_date),
                "pool": pool.name,
                "reason": customer._get_pool_reason(rule),
            }
            for customer, (due_date, pool, rule) in due.items()
            if due_date <= limit + timedelta(days=pool.warn_days)
        ]
        return sorted(warnings, key=lambda w: (w["return_date"], w["id"]))
