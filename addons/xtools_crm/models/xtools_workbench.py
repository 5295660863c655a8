import calendar
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.period import local_midnight_utc
from .xtools_contract import SIGNED_STATES

# Items listed per panel: the header shows the full count, the title opens the full list.
PANEL_LIMIT = 8
# Salespeople listed in the monthly sales summary.
SUMMARY_LIMIT = 10
SCHEDULE_DAYS = 7
RECEIVABLE_DAYS = 30
DELIVERY_DAYS = 7
BIRTHDAY_DAYS = 7
DEFAULT_CONTRACT_EXPIRY_DAYS = 30


class WorkbenchScope:
    """Whose items the workbench shows: ``user_ids``, or ``None`` for everything the caller may see; ``owner`` is
    ``(model, id)`` of whom the scope's targets are set for (a user, a sales team or the company)."""

    __slots__ = ("key", "kind", "label", "owner", "user_ids")

    def __init__(self, key, kind, label, user_ids, owner):
        self.key, self.kind, self.label, self.user_ids, self.owner = key, kind, label, user_ids, owner

    def domain(self, *fnames):
        """Records whose ``fnames`` (any of them) hold a user of the scope."""
        if self.user_ids is None:
            return []
        return expression.OR([[(fname, "in", self.user_ids)] for fname in fnames])

    def to_dict(self):
        return {"key": self.key, "kind": self.kind, "label": self.label}


class WorkbenchRef(dict):
    """A many2one as the client reads it, ``{"id", "name"}``. The panels only note the record: the names of every
    panel's records are read together once the panels are built (``XtoolsWorkbench._read_ref_names``), one read per
    model instead of one per panel."""

    __slots__ = ("record",)

    def __init__(self, record):
        super().__init__(id=record.id, name="")
        self.record = record


class XtoolsWorkbench(models.AbstractModel):
    """The workbench 工作台: the home screen that gathers what is due for the user (or, for a manager, a member
    of a team they lead or the whole team; for the boss also the whole company).

    ``get_workbench_data`` is the one RPC of the client action ``xtools_crm.workbench``. It reads everything with
    ``search_fetch`` / ``_read_group`` under the caller's record rules, lists at most ``PANEL_LIMIT`` items per panel
    beside the full count, so its query count does not depend on the amount of data.

    Panels form a registry: ``_get_panels`` lists their keys in display order and each key ``k`` has a method
    ``_panel_k(scope)`` returning plain data built by ``_make_panel`` (or ``None`` when the panel does not apply to
    the user). A new panel is one method, its key in ``_get_panels`` and its entry in the client's ``PANELS``
    (``static/src/workbench/workbench.js``).
    """

    _name = "xtools.workbench"
    _description = "Workbench"

    # ------------------------------------------------------------------
    # The RPC
    # ------------------------------------------------------------------
    @api.readonly
    @api.model
    def get_workbench_data(self, scope=None):
        """Everything the workbench shows, as plain JSON.

        :param scope: ``"mine"`` (default), ``"user:<id>"`` (a member of a team the caller leads),
            ``"team:<id>"`` (a team the caller leads, aggregated) or ``"company"`` (the boss only)
        :raise AccessError: for a user outside the sales groups or a scope outside the caller's teams
        """
        if not self.env.user.has_group("xtools_crm.group_sales"):
            raise AccessError(_("The workbench is for the users of XTools CRM."))
        # Every panel's search embeds the customers' record rules as subqueries: PostgreSQL estimates them so costly
        # that it JIT-compiles each statement (1 to 4 s per panel at 10,000 customers) although they run in a few
        # milliseconds. No JIT for the rest of this read-only transaction.
        self.env.cr.execute("SET LOCAL jit = off")
        # One time zone for "today", the day bounds and the months grouped by _read_group.
        return self.with_context(tz=self._tz_name())._get_workbench_data(scope or "mine")

    def _get_workbench_data(self, scope):
        options = self._get_scope_options()
        current = self._resolve_scope(scope, options)
        panels = []
        for key in self._get_panels():
            panel = getattr(self, f"_panel_{key}")(current)
            if panel is not None:
                panels.append(panel)
        self._read_ref_names(panels)
        return {
            "user": {"id": self.env.user.id, "name": self.env.user.name},
            "today": fields.Date.to_string(self._today()),
            "currency_id": self.env.company.currency_id.id,
            "scope": current.to_dict(),
            "scopes": [option.to_dict() for option in options],
            "panels": panels,
        }

    # ------------------------------------------------------------------
    # Scopes
    # ------------------------------------------------------------------
    def _get_scope_options(self):
        """The scopes the caller may switch to: themself; each team they lead (aggregated, leader included) and
        each of its members; the boss every team of their companies and the whole company."""
        user = self.env.user
        options = [WorkbenchScope("mine", "mine", _("Mine"), [user.id], ("res.users", user.id))]
        if not user.has_group("xtools_crm.group_manager"):
            return options
        is_boss = user.has_group("xtools_crm.group_boss")
        team_domain = [] if is_boss else [("user_id", "=", user.id)]
        teams = self.env["crm.team"].search_fetch(team_domain, ["name", "user_id"], order="sequence, id")
        # The teams' active memberships in one search (``member_ids`` is computed team by team from them).
        team_users = {team: team.user_id for team in teams}
        for membership in self.env["crm.team.member"].search_fetch(
            [("crm_team_id", "in", teams.ids)], ["crm_team_id", "user_id"]
        ):
            team_users[membership.crm_team_id] |= membership.user_id
        # Only active people who work in XTools CRM have a workbench: one search for all teams, with their names.
        sales = self.env.ref("xtools_crm.group_sales")
        people = self.env["res.users"].search_fetch(
            [("id", "in", [uid for users in team_users.values() for uid in users.ids]), ("groups_id", "in", sales.id)],
            ["name"], order="name, id",
        )
        people.mapped("name")  # the names of all at once: each team's members below are a recordset of their own
        seen = {user.id}
        for team in teams:
            members = people & team_users[team]
            if not members:
                continue
            options.append(WorkbenchScope(f"team:{team.id}", "team", team.name, members.ids, ("crm.team", team.id)))
            for member in members:
                if member.id not in seen:
                    seen.add(member.id)
                    options.append(WorkbenchScope(
                        f"user:{member.id}", "user", member.name, [member.id], ("res.users", member.id)
                    ))
        if is_boss:
            options.append(WorkbenchScope(
                "company", "company", _("Whole Company"), None, ("res.company", self.env.company.id)
            ))
        return options

    def _resolve_scope(self, key, options):
        for option in options:
            if option.key == key:
                return option
        raise AccessError(
            _("You cannot open the workbench of “%(scope)s”: it is outside the sales teams you lead.", scope=key)
        )

    def _get_panels(self):
        """The panels' keys in display order; each has its ``_panel_<key>`` method."""
        return [
            "motivation",
            "announcements",
            "tasks",
            "expense_approvals",
            "schedules",
            "receivables",
            "complaints",
            "calls",
            "deliveries",
            "contracts_expiring",
            "birthdays",
            "pool_returns",
            "sales_summary",
        ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _today(self):
        return fields.Date.context_today(self)

    def _tz_name(self):
        tz = self.env.context.get("tz") or self.env.user.tz
        return tz if tz in pytz.all_timezones_set else "UTC"

    def _to_utc(self, day):
        """Midnight starting ``day`` in the user's time zone, as a naive UTC datetime (how Odoo stores them)."""
        return local_midnight_utc(day, pytz.timezone(self._tz_name()))

    def _view_id(self, xmlid):
        # Cached lookup: no query per panel (``env.ref`` would check that the record exists).
        return self.env["ir.model.data"]._xmlid_to_res_id(xmlid)

    def _list_action(self, name, model, domain, views, context=None, search_view=None):
        """The window action that opens a panel's full list: exactly the records of the panel."""
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "domain": domain,
            "views": [[self._view_id(xmlid) if xmlid else False, view_type] for xmlid, view_type in views],
            "context": context or {},
            "target": "current",
        }
        if search_view:
            action["search_view_id"] = [self._view_id(search_view), search_view]
        return action

    def _document_action(self, name, model, domain, context=None):
        """``_list_action`` on one of the module's models, with its own list, form and search views."""
        prefix = f"xtools_crm.{model.replace('.', '_')}_view_"
        return self._list_action(
            name, model, domain, [(f"{prefix}list", "list"), (f"{prefix}form", "form")], context=context,
            search_view=f"{prefix}search",
        )

    @api.model
    def _late_totals(self, Model, domain, date_field, before, amount_field=None):
        """How many records of ``domain`` there are and how many are late (``date_field`` before ``before``), in one
        statement under the user's rules; with ``amount_field``, also the sum of it over both.

        :return: ``(count, late_count)`` or ``(count, late_count, total, late_total)``
        """
        query = Model._search(domain)
        late = SQL("%s < %s", Model._field_to_sql(Model._table, date_field, query), before)
        columns = [SQL("COUNT(*)"), SQL("COUNT(*) FILTER (WHERE %s)", late)]
        if amount_field:
            amount = Model._field_to_sql(Model._table, amount_field, query)
            columns += [
                SQL("COALESCE(SUM(%s), 0)", amount), SQL("COALESCE(SUM(%s) FILTER (WHERE %s), 0)", amount, late),
            ]
        [row] = self.env.execute_query(query.select(*columns))
        return row

    def _make_panel(self, key, title, icon, items, count, action, empty, form=None, **extra):
        """A panel as the client reads it.

        :param items: at most ``PANEL_LIMIT`` plain dicts, each with its ``id`` (and ``res_model`` when it is not
            the panel's model)
        :param count: how many records the panel has in all
        :param action: the window action of the full list (``_list_action``)
        :param empty: the sentence shown when there is nothing
        :param form: how an item opens: ``{"res_model", "target" ("current" or "new"), "view_id"}``
        :param extra: e.g. ``item_buttons``, buttons on each item: ``[{"method", "label", "icon", "class",
            "unless"}]`` call ``method`` of ``form["res_model"]`` on the item (the action it returns, e.g. a wizard,
            is opened), then reload; ``unless`` names an item key that hides the button when true
        """
        return {
            "key": key,
            "title": title,
            "icon": icon,
            "items": items,
            "count": count,
            "action": action,
            "empty": empty,
            "form": form or {},
            **extra,
        }

    @staticmethod
    def _ref(record):
        """A many2one as the client reads it (its name is read with the others', see ``WorkbenchRef``)."""
        return WorkbenchRef(record) if record else False

    def _read_ref_names(self, data):
        """Fill the names of the ``WorkbenchRef`` found in ``data`` (plain lists and dicts), one read of the display
        names per model (and environment: each name is read with the rights its panel read the record with)."""
        by_model = {}
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, WorkbenchRef):
                by_model.setdefault((value.record._name, value.record.env), []).append(value)
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        for refs in by_model.values():
            records = refs[0].record.browse({ref["id"]: None for ref in refs})
            names = {record.id: record.display_name for record in records}
            for ref in refs:
                ref["name"] = names[ref["id"]]

    @staticmethod
    def _date(value):
        return fields.Date.to_string(value) if value else False

    @staticmethod
    def _datetime(value):
        return fields.Datetime.to_string(value) if value else False

    # ------------------------------------------------------------------
    # Panels
    # ------------------------------------------------------------------
    def _panel_tasks(self, scope):
        """Open to-do tasks 待办任务 (activities on the module's records), overdue first."""
        Activity = self.env["mail.activity"]
        today = self._today()
        scope_domain = scope.domain("user_id")
        # The list the panel opens, where Odoo checks each activity's access itself.
        domain = [("res_model", "in", Activity._xtools_task_models())] + scope_domain
        # Odoo's access condition on activities as subqueries (the task models included), searched as superuser
        # (see _xtools_task_domain).
        Tasks = Activity.sudo()
        visible = scope_domain + Activity._xtools_task_domain()
        count, late_count = self._late_totals(Tasks, visible, "date_deadline", today)
        activities = Tasks.search_fetch(
            visible,
            ["summary", "activity_type_id", "res_model", "res_id", "res_name", "date_deadline", "user_id"],
            limit=PANEL_LIMIT,
            order="date_deadline, id",
        )
        items = [
            {
                "id": activity.id,
                "title": activity.summary or activity.activity_type_id.name,
                "type": activity.activity_type_id.name or "",
                "icon": activity.activity_type_id.icon or "fa-tasks",
                "record": {"model": activity.res_model, "id": activity.res_id, "name": activity.res_name or ""},
                "date": self._date(activity.date_deadline),
                "late": activity.date_deadline < today,
                "user": self._ref(activity.user_id) if scope.kind != "mine" else False,
            }
            for activity in activities
        ]
        return self._make_panel(
            "tasks",
            _("To-do Tasks"),
            "fa-check-square-o",
            items,
            count,
            self._list_action(
                _("To-do Tasks"),
                "mail.activity",
                domain,
                [
                    ("xtools_crm.mail_activity_view_list_xtools_tasks", "list"),
                    ("mail.mail_activity_view_form_popup", "form"),
                ],
                search_view="mail.mail_activity_view_search",
            ),
            _("No open task. Plan the next step when you log an action."),
            form={
                "res_model": "mail.activity",
                "target": "new",
                "view_id": self._view_id("mail.mail_activity_view_form_popup"),
            },
            late_count=late_count,
            item_buttons=[{"method": "action_done", "label": _("Mark Done"), "icon": "fa-check"}],
        )

    def _panel_announcements(self, scope):
        """Current internal announcements 内部公告 addressed to the caller, pinned first, unread ones marked and
        marked read in place. They are the reader's own, whatever the scope shown."""
        Announcement = self.env["xtools.announcement"]
        domain = Announcement._get_current_domain()
        items = [
            {
                "id": announcement["id"],
                "title": announcement["name"],
                "pinned": announcement["pinned"],
                "is_read": announcement["is_read"],
                "date": self._date(announcement["publish_date"]),
                "expiry_date": self._date(announcement["expiry_date"]),
                "author": announcement["author"] or "",
            }
            for announcement in Announcement._get_current_for_user(limit=PANEL_LIMIT)
        ]
        return self._make_panel(
            "announcements",
            _("Announcements"),
            "fa-bullhorn",
            items,
            Announcement.search_count(domain),
            self._list_action(
                _("Announcements"),
                "xtools.announcement",
                domain,
                [
                    ("xtools_crm.xtools_announcement_view_list", "list"),
                    ("xtools_crm.xtools_announcement_view_form", "form"),
                ],
                context={"create": False},
                search_view="xtools_crm.xtools_announcement_view_search",
            ),
            _("No announcement for you right now."),
            form={
                "res_model": "xtools.announcement",
                "target": "new",
                "view_id": self._view_id("xtools_crm.xtools_announcement_view_form"),
            },
            unread_count=Announcement._get_unread_count(),
            item_buttons=[
                {"method": "action_mark_read", "label": _("Mark as Read"), "icon": "fa-eye", "unless": "is_read"},
            ],
        )

    def _panel_complaints(self, scope):
        """Unresolved complaints 未处理投诉 (未处理 and 处理中) handled by the scope's users or about their
        customers, the nearest deadline first (so the overdue ones lead), overdue ones flagged."""
        Complaint = self.env["xtools.complaint"]
        domain = Complaint._get_unresolved_domain() + scope.domain("user_id", "customer_id.user_id")
        # Overdue: unresolved (the domain) after the deadline, as ``is_overdue`` searches it.
        count, late_count = self._late_totals(Complaint, domain, "deadline", fields.Datetime.now())
        complaints = Complaint.search_fetch(
            domain, ["name", "customer_id", "complaint_type", "urgency", "state", "date", "deadline", "user_id"],
            limit=PANEL_LIMIT, order="deadline, id",
        )
        urgencies = dict(Complaint._fields["urgency"]._description_selection(self.env))
        states = dict(Complaint._fields["state"]._description_selection(self.env))
        items = [
            {
                "id": complaint.id,
                "title": complaint.name,
                "customer": self._ref(complaint.customer_id),
                "urgency": complaint.urgency,
                "urgency_label": urgencies.get(complaint.urgency, ""),
                "state": complaint.state,
                "state_label": states.get(complaint.state, ""),
                "datetime": self._datetime(complaint.date),
                "deadline": self._datetime(complaint.deadline),
                "late": complaint.is_overdue,
                "user": self._ref(complaint.user_id) if scope.kind != "mine" else False,
            }
            for complaint in complaints
        ]
        return self._make_panel(
            "complaints",
            _("Unresolved Complaints"),
            "fa-exclamation-triangle",
            items,
            count,
            self._document_action(_("Unresolved Complaints"), "xtools.complaint", domain),
            _("No complaint waiting to be resolved."),
            form={"res_model": "xtools.complaint", "target": "current"},
            late_count=late_count,
        )

    def _panel_expense_approvals(self, scope):
        """Expenses waiting for my approval 待审批费用 (managers and the boss): submitted by the members of the teams
        the caller leads (by anybody else, for the boss), never their own; for a team or member scope, only
        theirs. 同意 in place, 否决 asks the reason in the reject wizard."""
        if not self.env.user.has_group("xtools_crm.group_manager"):
            return None
        Expense = self.env["xtools.expense"]
        # "Mine" is whatever the caller may decide on; otherwise the scope's members' expenses among those.
        domain = [("can_approve", "=", True)] + ([] if scope.kind == "mine" else scope.domain("user_id"))
        [(count, total)] = Expense._read_group(domain, [], ["__count", "amount:sum"])
        expenses = Expense.search_fetch(
            domain, ["description", "amount", "date", "submit_date", "category_id", "customer_id", "user_id",
                     "company_id"],
            limit=PANEL_LIMIT, order="submit_date, id",
        )
        items = [
            {
                "id": expense.id,
                "title": expense.description,
                "category": expense.category_id.name or "",
                "customer": self._ref(expense.customer_id),
                "user": self._ref(expense.user_id),
                "amount": expense.amount,
                "currency_id": expense.company_id.currency_id.id,
                "date": self._date(expense.date),
                "submitted": self._datetime(expense.submit_date),
            }
            for expense in expenses
        ]
        return self._make_panel(
            "expense_approvals",
            _("Expenses to Approve"),
            "fa-credit-card",
            items,
            count,
            self._document_action(_("Expenses to Approve"), "xtools.expense", domain, context={"create": False}),
            _("No expense waiting for your approval."),
            form={"res_model": "xtools.expense", "target": "current"},
            total=total or 0.0,
            item_buttons=[
                {"method": "action_approve", "label": _("Approve"), "icon": "fa-check", "class": "text-success"},
                {"method": "action_reject", "label": _("Reject"), "icon": "fa-times", "class": "text-danger"},
            ],
        )

    def _attendee_scope_domain(self, scope):
        """Events organised by a user of the scope or attended by one: the attendees are matched on the users' own
        partners by id, so that the search does not embed the partners' record rules once per event (a correlated
        subquery whose estimated cost made PostgreSQL JIT-compile the query: seconds at 10,000 customers)."""
        if scope.user_ids is None:
            return []
        partners = self.env["res.users"].browse(scope.user_ids).partner_id
        return expression.OR([[("user_id", "in", scope.user_ids)], [("partner_ids", "in", partners.ids)]])

    def _panel_schedules(self, scope):
        """Schedules 日程 with customers from today to the end of the 7th day."""
        Event = self.env["calendar.event"]
        today = self._today()
        start, stop = self._to_utc(today), self._to_utc(today + timedelta(days=SCHEDULE_DAYS))
        domain = [
            ("xtools_customer_id", "!=", False),
            ("start", "<", fields.Datetime.to_string(stop)),
            ("stop", ">=", fields.Datetime.to_string(start)),
        ] + self._attendee_scope_domain(scope)
        events = Event.search(domain, limit=PANEL_LIMIT, order="start, id")
        # Odoo hides the private events of others (``calendar.event._fetch_query``) by reading their attendees
        # through the partners' record rules, a scan of every partner per read. The attendees are only compared
        # with the user's partner: the events found through the user's rules are read as superuser, and Odoo's own
        # check (``_check_private_event_conditions``) decides, on those values, which ones show as busy.
        events.sudo().fetch([
            "name", "start", "stop", "allday", "location", "user_id", "xtools_customer_id", "privacy", "partner_ids",
        ])
        hidden = events.filtered(lambda event: event._check_private_event_conditions())
        items = [
            {
                "id": event.id,
                "title": _("Busy") if event in hidden else event.name,
                "start": self._datetime(event.start),
                "stop": self._datetime(event.stop),
                "allday": event.allday,
                "location": "" if event in hidden else event.location or "",
                "customer": False if event in hidden else self._ref(event.xtools_customer_id),
                "user": self._ref(event.user_id) if scope.kind != "mine" else False,
            }
            for event in events
        ]
        return self._make_panel(
            "schedules",
            _("Schedules in the Next 7 Days"),
            "fa-calendar",
            items,
            Event.search_count(domain),
            self._list_action(
                _("Schedules in the Next 7 Days"),
                "calendar.event",
                domain,
                [
                    ("xtools_crm.calendar_event_view_list_xtools_schedule", "list"),
                    ("calendar.view_calendar_event_calendar", "calendar"),
                    ("xtools_crm.calendar_event_view_form_xtools_schedule", "form"),
                ],
            ),
            _("Nothing scheduled with customers in the next 7 days."),
            form={
                "res_model": "calendar.event",
                "target": "new",
                "view_id": self._view_id("xtools_crm.calendar_event_view_form_xtools_schedule"),
            },
        )

    def _panel_receivables(self, scope):
        """Receivables 应收款: payment plans of signed contracts still owed, due within 30 days or overdue."""
        Plan = self.env["xtools.payment.plan"]
        today = self._today()
        domain = [
            ("residual_amount", ">", 0),
            ("contract_state", "in", SIGNED_STATES),
            ("due_date", "<=", self._date(today + timedelta(days=RECEIVABLE_DAYS))),
        ] + scope.domain("user_id")
        count, late_count, total, late_total = self._late_totals(Plan, domain, "due_date", today, "residual_amount")
        plans = Plan.search_fetch(
            domain, ["name", "due_date", "amount", "residual_amount", "contract_id", "customer_id"],
            limit=PANEL_LIMIT, order="due_date, id",
        )
        items = [
            {
                "id": plan.id,
                "title": plan.contract_id.display_name,
                "installment": plan.name or "",
                "customer": self._ref(plan.customer_id),
                "date": self._date(plan.due_date),
                "late": plan.due_date < today,
                "amount": plan.residual_amount,
                "planned_amount": plan.amount,
                "currency_id": plan.currency_id.id,
            }
            for plan in plans
        ]
        return self._make_panel(
            "receivables",
            _("Receivables Due within 30 Days and Overdue"),
            "fa-jpy",
            items,
            count,
            self._document_action(
                _("Receivables Due within 30 Days and Overdue"),
                "xtools.payment.plan",
                domain,
            ),
            _("No payment due within 30 days, nothing overdue."),
            form={"res_model": "xtools.payment.plan", "target": "current"},
            total=float(total),
            late_count=late_count,
            late_total=float(late_total),
        )

    def _panel_calls(self, scope):
        """Quick calls 快速来电 not processed yet, received by the scope's users or about their customers."""
        Call = self.env["xtools.call"]
        domain = [("state", "=", "new")] + scope.domain("receiver_id", "customer_id.user_id")
        calls = Call.search_fetch(
            domain, ["phone", "caller_name", "call_time", "content", "customer_id", "receiver_id"],
            limit=PANEL_LIMIT, order="call_time desc, id desc",
        )
        items = [
            {
                "id": call.id,
                "title": call.caller_name or call.phone,
                "phone": call.phone,
                "content": (call.content or "")[:120],
                "datetime": self._datetime(call.call_time),
                "customer": self._ref(call.customer_id),
                "user": self._ref(call.receiver_id) if scope.kind != "mine" else False,
            }
            for call in calls
        ]
        return self._make_panel(
            "calls",
            _("Unprocessed Quick Calls"),
            "fa-phone",
            items,
            Call.search_count(domain),
            self._document_action(
                _("Unprocessed Quick Calls"),
                "xtools.call",
                domain,
            ),
            _("No call waiting to be processed."),
            form={"res_model": "xtools.call", "target": "current"},
            item_buttons=[{"method": "action_mark_processed", "label": _("Processed"), "icon": "fa-check"}],
        )

    def _panel_deliveries(self, scope):
        """Contract delivery reminders 合同交付提醒: deliveries of signed contracts due within 7 days or late."""
        Delivery = self.env["xtools.delivery"]
        today = self._today()
        domain = [
            ("is_delivered", "=", False),
            ("contract_id.state", "in", SIGNED_STATES),
            ("planned_date", "<=", self._date(today + timedelta(days=DELIVERY_DAYS))),
        ] + scope.domain("user_id")
        count, late_count = self._late_totals(Delivery, domain, "planned_date", today)
        deliveries = Delivery.search_fetch(
            domain, ["product_id", "planned_qty", "remaining_qty", "planned_date", "contract_id", "customer_id"],
            limit=PANEL_LIMIT, order="planned_date, id",
        )
        items = [
            {
                "id": delivery.id,
                "title": delivery.product_id.display_name,
                "contract": self._ref(delivery.contract_id),
                "customer": self._ref(delivery.customer_id),
                "date": self._date(delivery.planned_date),
                "late": delivery.planned_date < today,
                "remaining_qty": delivery.remaining_qty,
                "planned_qty": delivery.planned_qty,
            }
            for delivery in deliveries
        ]
        return self._make_panel(
            "deliveries",
            _("Contract Delivery Reminders"),
            "fa-truck",
            items,
            count,
            self._document_action(
                _("Contract Delivery Reminders"),
                "xtools.delivery",
                domain,
            ),
            _("No delivery due within 7 days, nothing late."),
            form={"res_model": "xtools.delivery", "target": "current"},
            late_count=late_count,
        )

    def _panel_contracts_expiring(self, scope):
        """Running contracts whose end date is within the days set in Settings (0: no panel), or already past."""
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(
                "xtools_crm.contract_expiry_days", DEFAULT_CONTRACT_EXPIRY_DAYS
            ) or 0
        )
        if days <= 0:
            return None
        Contract = self.env["xtools.contract"]
        today = self._today()
        domain = [
            ("state", "=", "running"),
            ("end_date", "!=", False),
            ("end_date", "<=", self._date(today + timedelta(days=days))),
        ] + scope.domain("user_id")
        contracts = Contract.search_fetch(
            domain, ["code", "name", "end_date", "amount", "unpaid_amount", "customer_id", "currency_id"],
            limit=PANEL_LIMIT, order="end_date, id",
        )
        items = [
            {
                "id": contract.id,
                "title": contract.display_name,
                "customer": self._ref(contract.customer_id),
                "date": self._date(contract.end_date),
                "late": contract.end_date < today,
                "amount": contract.amount,
                "unpaid_amount": contract.unpaid_amount,
                "currency_id": contract.currency_id.id,
            }
            for contract in contracts
        ]
        title = _("Contracts Expiring within %(days)s Days", days=days)
        return self._make_panel(
            "contracts_expiring",
            title,
            "fa-hourglass-half",
            items,
            Contract.search_count(domain),
            self._document_action(
                title,
                "xtools.contract",
                domain,
            ),
            _("No running contract ends within %(days)s days.", days=days),
            form={"res_model": "xtools.contract", "target": "current"},
            days=days,
        )

    def _birthday_days(self, today):
        """``{birthday key (month × 100 + day): the day it is celebrated}`` for the next ``BIRTHDAY_DAYS`` days,
        across the new year; in a year without 29 February, those born on it are celebrated on the 28th."""
        days = {}
        for offset in range(BIRTHDAY_DAYS):
            day = today + timedelta(days=offset)
            days[day.month * 100 + day.day] = day
            if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
                days[229] = day
        return days

    def _panel_birthdays(self, scope):
        """Contacts of the scope's customers whose birthday is in the next 7 days (today included)."""
        Partner = self.env["res.partner"]
        today = self._today()
        days = self._birthday_days(today)
        domain = [
            ("xtools_customer_id", "!=", False),
            ("xtools_birthday_key", "in", list(days)),
        ] + scope.domain("xtools_customer_id.user_id")
        # One query gives every match per day; only the first PANEL_LIMIT (by day, then name) are read.
        by_key = Partner._read_group(domain, ["xtools_birthday_key"], ["id:array_agg"])
        ordered = sorted(by_key, key=lambda row: (days[row[0]], row[0]))
        ids = [pid for __, pids in ordered for pid in pids]
        partners = Partner.search_fetch(
            [("id", "in", ids[:PANEL_LIMIT])], ["name", "function", "xtools_birthday", "xtools_birthday_key",
                                                "xtools_customer_id"],
        )
        partners = partners.sorted(lambda p: (days[p.xtools_birthday_key], p.name or ""))
        items = []
        for partner in partners:
            day = days[partner.xtools_birthday_key]
            customer = partner.xtools_customer_id
            is_customer = customer.partner_id == partner
            items.append({
                "id": customer.id if is_customer else partner.id,
                "res_model": "xtools.customer" if is_customer else "res.partner",
                "title": partner.name,
                "function": partner.function or "",
                "customer": False if is_customer else self._ref(customer),
                "date": self._date(day),
                "days": (day - today).days,
            })
        return self._make_panel(
            "birthdays",
            _("Contacts' Birthdays in the Next 7 Days"),
            "fa-birthday-cake",
            items,
            len(ids),
            self._list_action(
                _("Contacts' Birthdays in the Next 7 Days"),
                "res.partner",
                domain,
                [
                    ("xtools_crm.res_partner_view_list_xtools_contact", "list"),
                    ("xtools_crm.res_partner_view_form_xtools_contact", "form"),
                ],
                search_view="xtools_crm.res_partner_view_search_xtools_contact",
            ),
            _("No contact has a birthday in the next 7 days."),
            form={
                "res_model": "res.partner",
                "target": "new",
                "view_id": self._view_id("xtools_crm.res_partner_view_form_xtools_contact"),
            },
        )

    def _panel_pool_returns(self, scope):
        """The scope's customers about to return to the customer pool 公海 即将退回公海: those a pool's rules send
        back within its warning days unless something happens (``xtools.customer._get_pool_warnings``), soonest
        first."""
        Customer = self.env["xtools.customer"]
        if scope.user_ids is None:
            # The company's users (the owners among them; a user without customers has no warning): not a grouping
            # of every customer by owner.
            owners = self.env["res.users"].search(
                [("share", "=", False), ("company_ids", "in", self.env.companies.ids)]
            )
        else:
            owners = self.env["res.users"].browse(scope.user_ids)
        warnings = Customer._get_pool_warnings(owners)
        today = self._today()
        levels = dict(Customer._fields["level"]._description_selection(self.env))
        items = [
            {
                "id": warning["id"],
                "title": warning["short_name"] or warning["name"],
                "name": warning["name"],
                "level": levels.get(warning["level"], ""),
                "pool": warning["pool"],
                "reason": warning["reason"],
                "date": self._date(warning["return_date"]),
                "late": warning["return_date"] <= today,
                "user": self._ref(warning["user_id"]) if scope.kind != "mine" else False,
            }
            for warning in warnings[:PANEL_LIMIT]
        ]
        title = _("Customers about to Return to the Pool")
        return self._make_panel(
            "pool_returns",
            title,
            "fa-sign-out",
            items,
            len(warnings),
            self._document_action(title, "xtools.customer", [("id", "in", [w["id"] for w in warnings])]),
            _("No customer returns to the customer pool within its warning days."),
            form={"res_model": "xtools.customer", "target": "current"},
        )

    def _month_starts(self):
        """First days of last month, this month and next month."""
        this_month = self._today().replace(day=1)
        return this_month - relativedelta(months=1), this_month, this_month + relativedelta(months=1)

    def _month_bound(self, model, date_field, day):
        """The start of ``day`` as ``date_field`` of ``model`` holds it (the user's midnight in UTC, for a
        datetime)."""
        if self.env[model]._fields[date_field].type == "datetime":
            return self._datetime(self._to_utc(day))
        return self._date(day)

    def _month_domain(self, model, date_field, month, months=1):
        """The records of ``model`` whose ``date_field`` is in the ``months`` months starting on ``month`` (the
        user's days, for a datetime)."""
        return [
            (date_field, ">=", self._month_bound(model, date_field, month)),
            (date_field, "<", self._month_bound(model, date_field, month + relativedelta(months=months))),
        ]

    def _this_and_last_month(self, model, domain, date_field, amount_field=None):
        """``((count, amount), (count, amount))`` of ``model``'s records in ``domain``, this month and last month,
        in one statement over the two months' range of ``date_field`` (read from its index; grouping by month would
        convert and truncate every row of the period). The amounts are ``0.0`` without ``amount_field``."""
        last_month, this_month, __ = self._month_starts()
        span = domain + self._month_domain(model, date_field, last_month, months=2)
        before = self._month_bound(model, date_field, this_month)
        count, last_count, *amounts = self._late_totals(self.env[model], span, date_field, before, amount_field)
        total, last_total = amounts or (0, 0)  # exact sums (numeric), subtracted before they become floats
        return (count - last_count, float(total - last_total)), (last_count, float(last_total))

    def _stat(self, key, label, kind, this, last, action, detail=False, target=None):
        """A figure of the month: ``kind`` "amount" or "count", ``last`` the same figure last month (or ``False``),
        ``action`` the list behind it (or ``False``), ``detail`` a line under the figure, ``target`` the month's
        target of the figure (0.0: none set), with the completion rate in % (``None`` without a target)."""
        stat = {"key": key, "label": label, "kind": kind, "value": this, "previous": last, "action": action,
                "detail": detail}
        if target is not None:
            stat["target"] = target
            stat["rate"] = round(this / target * 100.0, 1) if target else None
        return stat

    def _panel_motivation(self, scope):
        """Self-motivation 自我激励: this month against last month, for the scope's users — contracts signed
        (count, amount), payments received on their contracts, new customers they own, actions they logged — and
        the contract and payment amounts against the month's targets of the scope's owner (the user, the team or
        the company; one ``_read_group`` of the targets the caller may read). The completion rate is the figure
        shown over its target."""
        __, this_month, __ = self._month_starts()
        monthly = self._this_and_last_month
        contract_domain = [("state", "in", SIGNED_STATES)] + scope.domain("user_id")
        contracts, contracts_last = monthly("xtools.contract", contract_domain, "sign_date", "amount")
        payment_domain = scope.domain("salesperson_id")
        payments, payments_last = monthly("xtools.payment", payment_domain, "date", "amount")
        customer_domain = scope.domain("user_id")
        customers, customers_last = monthly("xtools.customer", customer_domain, "create_date")
        action_domain = scope.domain("user_id")
        actions, actions_last = monthly("xtools.action", action_domain, "date")
        owner_model, owner_id = scope.owner
        targets = self.env["xtools.sales.target"]._get_targets(self.env[owner_model].browse(owner_id), this_month)
        targets = targets[owner_id]

        stats = [
            self._stat(
                "contracts", _("Contracts Signed"), "amount", contracts[1], contracts_last[1],
                self._document_action(
                    _("Contracts Signed This Month"), "xtools.contract",
                    contract_domain + self._month_domain("xtools.contract", "sign_date", this_month),
                ),
                detail=_("%(count)s contracts", count=contracts[0]),
                target=targets["contract"],
            ),
            self._stat(
                "payments", _("Payments Collected"), "amount", payments[1], payments_last[1],
                self._document_action(
                    _("Payments Received This Month"), "xtools.payment",
                    payment_domain + self._month_domain("xtools.payment", "date", this_month),
                ),
                detail=_("%(count)s payments", count=payments[0]),
                target=targets["payment"],
            ),
            self._stat(
                "customers", _("New Customers"), "count", customers[0], customers_last[0],
                self._document_action(
                    _("New Customers This Month"), "xtools.customer",
                    customer_domain + self._month_domain("xtools.customer", "create_date", this_month),
                    context={"default_customer_type": "company"},
                ),
            ),
            self._stat(
                "actions", _("Actions Logged"), "count", actions[0], actions_last[0],
                self._document_action(
                    _("Actions Logged This Month"), "xtools.action",
                    action_domain + self._month_domain("xtools.action", "date", this_month),
                ),
            ),
        ]
        return self._make_panel(
            "motivation",
            _("Self-motivation"),
            "fa-line-chart",
            [],
            len(stats),
            stats[0]["action"],
            "",
            layout="stats",
            stats=stats,
            month=self._date(this_month),
        )

    def _company_stats(self, this_month, next_month):
        """The whole company's totals of the month, for everybody (the seed's 本月销售汇总 is the company's): numbers
        only (see ``xtools.report.sales._get_company_totals``), so no figure opens a list."""
        totals = self.env["xtools.report.sales"]._get_company_totals(this_month, next_month, self.env.company)
        return [
            self._stat(
                "company_contracts", _("Contracts Signed"), "amount", totals["contract_amount"], False, False,
                detail=_("%(count)s contracts", count=totals["contract_count"]),
            ),
            self._stat(
                "company_payments", _("Payments Collected"), "amount", totals["payment_amount"], False, False,
                detail=_("%(count)s payments", count=totals["payment_count"]),
            ),
            self._stat("company_customers", _("New Customers"), "count", totals["customer_count"], False, False),
        ]

    def _panel_sales_summary(self, scope):
        """The monthly sales summary 本月销售汇总.

        Everybody gets the whole company's totals of the month (contracts signed, payments received, new customers:
        aggregates only). Managers and the boss also get, under their own rules, what they may see: contracts
        signed, payments received, what is owed and overdue, and the salespeople of the month; for the boss that
        is already the whole company, so the company's totals are not repeated."""
        __, this_month, next_month = self._month_starts()
        is_manager = self.env.user.has_group("xtools_crm.group_manager")
        is_boss = self.env.user.has_group("xtools_crm.group_boss")
        company_stats = [] if is_boss else self._company_stats(this_month, next_month)
        if not is_manager:
            return self._make_panel(
                "sales_summary",
                _("Sales Summary of the Month"),
                "fa-bar-chart",
                [],
                0,
                False,
                "",
                layout="summary",
                subtitle=_("Whole company"),
                company_stats=company_stats,
                stats=[],
                month=self._date(this_month),
            )
        Contract, Payment = self.env["xtools.contract"], self.env["xtools.payment"]
        Plan = self.env["xtools.payment.plan"]

        contract_domain = [("state", "in", SIGNED_STATES)] + self._month_domain(
            "xtools.contract", "sign_date", this_month
        )
        payment_domain = self._month_domain("xtools.payment", "date", this_month)
        by_user = {}
        for user, count, amount in Contract._read_group(
            contract_domain, ["user_id"], ["__count", "amount:sum"], order="amount:sum desc"
        ):
            by_user[user] = {"user": self._ref(user), "contracts": count, "contract_amount": amount or 0.0,
                             "payment_amount": 0.0}
        for user, amount in Payment._read_group(payment_domain, ["salesperson_id"], ["amount:sum"]):
            row = by_user.setdefault(
                user, {"user": self._ref(user), "contracts": 0, "contract_amount": 0.0, "payment_amount": 0.0}
            )
            row["payment_amount"] = amount or 0.0
        rows = sorted(
            by_user.values(),
            key=lambda row: (-row["contract_amount"], -row["payment_amount"], (row["user"] or {}).get("name", "")),
        )
        [(receivable,)] = Contract._read_group([("state", "in", SIGNED_STATES)], [], ["unpaid_amount:sum"])
        overdue_domain = [("state", "=", "overdue")]
        [(overdue,)] = Plan._read_group(overdue_domain, [], ["residual_amount:sum"])
        totals = [
            self._stat(
                "contracts", _("Contracts Signed"), "amount",
                sum(row["contract_amount"] for row in rows), False,
                self._document_action(
                    _("Contracts Signed This Month"), "xtools.contract", contract_domain,
                ),
                detail=_("%(count)s contracts", count=sum(row["contracts"] for row in rows)),
            ),
            self._stat(
                "payments", _("Payments Collected"), "amount", sum(row["payment_amount"] for row in rows), False,
                self._document_action(
                    _("Payments Received This Month"), "xtools.payment", payment_domain,
                ),
            ),
            self._stat(
                "receivable", _("Receivable"), "amount", receivable or 0.0, False,
                self._document_action(
                    _("Contracts with Unpaid Amount"), "xtools.contract",
                    [("state", "in", SIGNED_STATES), ("unpaid_amount", ">", 0)],
                ),
            ),
            self._stat(
                "overdue", _("Overdue"), "amount", overdue or 0.0, False,
                self._document_action(
                    _("Overdue Payment Plans"), "xtools.payment.plan", overdue_domain,
                ),
            ),
        ]
        return self._make_panel(
            "sales_summary",
            _("Sales Summary of the Month"),
            "fa-bar-chart",
            rows[:SUMMARY_LIMIT],
            len(rows),
            totals[0]["action"],
            _("No contract signed and no payment received this month yet."),
            layout="summary",
            subtitle=_("Whole company") if is_boss else _("Customers you can see"),
            company_stats=company_stats,
            stats=totals,
            month=self._date(this_month),
        )
