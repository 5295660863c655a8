import logging
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date, html2plaintext
from odoo.tools.translate import LazyTranslate

from ..tools.period import company_tz, local_midnight_utc
from .mail_activity import XTOOLS_TASK_MODELS

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# The nightly run is planned at this local time of the company's time zone.
NIGHTLY_RUN_AT = time(23, 30)

# What a daily report counts, one entry per source of the day's CRM work. Each source is read with one
# ``_read_group`` for all the users of a batch (never one query per user):
#   model        the model holding the work
#   date_field   the Datetime (local day of the company's time zone) or Date (equal to the day) of the work
#   user_field   who did the work
#   domain       what counts, on top of the day and the users
#   count_field  the report's field receiving the number of records
#   amount       optional ``(source field, report field)`` summed
#   split        optional ``(source field, report field pattern)``: one more count per value of the field
#   action       optional window action whose views open the figure's records
#   groups       optional groups that see the figure (a feature switch)
DAILY_REPORT_SOURCES = [
    {
        "key": "customers",
        "model": "xtools.customer",
        "date_field": "create_date",
        "user_field": "create_uid",
        "domain": [],
        "count_field": "customer_count",
        "action": "xtools_crm.xtools_customer_action",
    },
    {
        "key": "contacts",
        "model": "res.partner",
        "date_field": "create_date",
        "user_field": "create_uid",
        "domain": [("xtools_customer_id", "!=", False), ("parent_id", "!=", False), ("type", "=", "contact")],
        "count_field": "contact_count",
        "action": "xtools_crm.res_partner_action_xtools_contact",
    },
    {
        "key": "actions",
        "model": "xtools.action",
        "date_field": "date",
        "user_field": "user_id",
        "domain": [],
        "count_field": "action_count",
        "split": ("action_type", "action_%s_count"),
        "action": "xtools_crm.xtools_action_action",
    },
    {
        # A task marked done posts a message carrying its activity type on the record (mail.activity._action_done);
        # the activity itself is deleted (or archived when its type keeps done tasks).
        "key": "tasks",
        "model": "mail.message",
        "date_field": "date",
        "user_field": "create_uid",
        "domain": [("mail_activity_type_id", "!=", False), ("model", "in", XTOOLS_TASK_MODELS)],
        "count_field": "task_count",
        "action": "xtools_crm.mail_message_action_xtools_done_tasks",
    },
    {
        "key": "events",
        "model": "calendar.event",
        "date_field": "start",
        "user_field": "user_id",
        "domain": [("res_model", "=", "xtools.customer")],
        "count_field": "event_count",
        "action": "xtools_crm.calendar_event_action_xtools_schedule",
    },
    {
        "key": "opportunities",
        "model": "xtools.opportunity",
        "date_field": "create_date",
        "user_field": "create_uid",
        "domain": [],
        "count_field": "opportunity_count",
        "amount": ("expected_amount", "opportunity_amount"),
        "action": "xtools_crm.xtools_opportunity_action",
        "groups": "xtools_crm.group_use_opportunity",
    },
    {
        "key": "advances",
        "model": "xtools.opportunity.history",
        "date_field": "date",
        "user_field": "user_id",
        "domain": [("is_stage_change", "=", True)],
        "count_field": "opportunity_advance_count",
        "groups": "xtools_crm.group_use_opportunity",
    },
    {
        "key": "contracts",
        "model": "xtools.contract",
        "date_field": "sign_date",
        "user_field": "user_id",
        "domain": [("state", "in", ("running", "done"))],
        "count_field": "contract_count",
        "amount": ("amount", "contract_amount"),
        "action": "xtools_crm.xtools_contract_action",
    },
    {
        # The handler 经手人 of the payment did the work (the targets credit the contract's salesperson instead).
        "key": "payments",
        "model": "xtools.payment",
        "date_field": "date",
        "user_field": "user_id",
        "domain": [],
        "count_field": "payment_count",
        "amount": ("amount", "payment_amount"),
        "action": "xtools_crm.xtools_payment_action",
    },
    {
        # Submitted that day (the last submission of a rejected one submitted again), by the requester; an expense
        # taken back to draft no longer counts.
        "key": "expenses",
        "model": "xtools.expense",
        "date_field": "submit_date",
        "user_field": "user_id",
        "domain": [("state", "!=", "draft")],
        "count_field": "expense_count",
        "amount": ("amount", "expense_amount"),
        "action": "xtools_crm.xtools_expense_action",
    },
    {
        # Complaints received that day, by their handler.
        "key": "complaints",
        "model": "xtools.complaint",
        "date_field": "date",
        "user_field": "user_id",
        "domain": [],
        "count_field": "complaint_count",
        "action": "xtools_crm.xtools_complaint_action",
    },
    {
        # Resolved that day by their handler (and not reopened since).
        "key": "complaints_resolved",
        "model": "xtools.complaint",
        "date_field": "resolved_date",
        "user_field": "user_id",
        "domain": [("state", "in", ("resolved", "closed"))],
        "count_field": "complaint_resolved_count",
        "action": "xtools_crm.xtools_complaint_action",
    },
    {
        # Closed that day by their handler (and not reopened since).
        "key": "complaints_closed",
        "model": "xtools.complaint",
        "date_field": "closed_date",
        "user_field": "user_id",
        "domain": [("state", "=", "closed")],
        "count_field": "complaint_closed_count",
        "action": "xtools_crm.xtools_complaint_action",
    },
]
DAILY_REPORT_SOURCE_KEYS = {source["key"]: source for source in DAILY_REPORT_SOURCES}
# The action types as the summary names them (code terms: translated even before the module's field labels are
# loaded, as when the demo data writes its reports).
ACTION_TYPE_WORDS = {
    "call": _lt("Phone Call"),
    "visit": _lt("Visit"),
    "email": _lt("Email"),
    "meeting": _lt("Meeting"),
    "sms": _lt("SMS"),
    "other": _lt("Other"),
}
CRON_STATES = [("pending", "To Compute"), ("digest", "To Send to Managers")]


class XtoolsDailyReport(models.Model):
    """The daily marketing report 营销日报 of one user for one day, written from the day's CRM work.

    Nobody writes it by hand: the nightly cron (``_cron_generate_daily_reports``) writes one per active CRM user, and
    a user can bring today's up to date. Its figures come from the sources of ``DAILY_REPORT_SOURCES``; each figure
    opens the records it counts (under the reader's own rules). Managers comment 点评 on it in the chatter.
    Visibility follows the user: own reports, those of the members of the teams one leads, all for the boss.
    """

    _name = "xtools.daily.report"
    _description = "Daily Marketing Report"
    _inherit = ["mail.thread"]
    _order = "date desc, user_id"
    _rec_name = "user_id"
    _check_company_auto = True
    # A manager comments on a report they may only read.
    _mail_post_access = "read"

    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True, readonly=True,
                              ondelete="cascade")
    date = fields.Date(required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", index="btree_not_null", readonly=True,
                              help="The salesperson's sales team on the day of the report.")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    customer_count = fields.Integer(string="New Customers", readonly=True)
    contact_count = fields.Integer(string="New Contacts", readonly=True)
    action_count = fields.Integer(string="Actions", readonly=True)
    action_call_count = fields.Integer(string="Phone Calls", readonly=True)
    action_visit_count = fields.Integer(string="Visits", readonly=True)
    action_email_count = fields.Integer(string="Emails", readonly=True)
    action_meeting_count = fields.Integer(string="Meetings", readonly=True)
    action_sms_count = fields.Integer(string="SMS Sent", readonly=True)
    action_other_count = fields.Integer(string="Other Actions", readonly=True)
    task_count = fields.Integer(string="Tasks Done", readonly=True)
    event_count = fields.Integer(string="Schedules", readonly=True)
    opportunity_count = fields.Integer(string="New Opportunities", readonly=True)
    opportunity_amount = fields.Monetary(string="New Opportunities Amount", readonly=True)
    opportunity_advance_count = fields.Integer(string="Opportunities Advanced", readonly=True,
                                               help="Stage moves of opportunities made that day.")
    contract_count = fields.Integer(string="Contracts Signed", readonly=True)
    contract_amount = fields.Monetary(readonly=True)
    payment_count = fields.Integer(string="Payments Received", readonly=True)
    payment_amount = fields.Monetary(readonly=True)
    expense_count = fields.Integer(string="Expenses Submitted", readonly=True)
    expense_amount = fields.Monetary(readonly=True,
                                     help="Amount of the expenses submitted that day.")
    complaint_count = fields.Integer(string="Complaints Received", readonly=True,
                                     help="Complaints received that day that the salesperson handles.")
    complaint_resolved_count = fields.Integer(string="Complaints Resolved", readonly=True)
    complaint_closed_count = fields.Integer(string="Complaints Closed", readonly=True)
    operation_count = fields.Integer(
        string="CRM Operations", readonly=True,
        help="Everything counted in the report: how much the salesperson worked with the CRM that day.",
    )
    summary = fields.Html(readonly=True, sanitize=True)
    generated_at = fields.Datetime(string="Updated on", readonly=True)
    comment_count = fields.Integer(string="Comments", readonly=True)
    is_today = fields.Boolean(compute="_compute_is_today")
    cron_state = fields.Selection(CRON_STATES, string="Nightly Run", readonly=True, index="btree_not_null", copy=False)

    _sql_constraints = [
        ("user_date_uniq", "unique (user_id, date)", "A salesperson has one daily report per day."),
    ]

    @api.depends("user_id", "date")
    def _compute_display_name(self):
        for report in self:
            day = format_date(self.env, report.date) if report.date else ""
            report.display_name = _("%(user)s's Daily Report %(date)s", user=report.user_id.name or "", date=day)

    def _compute_is_today(self):
        for report in self:
            report.is_today = report.date == self._company_today(report.company_id)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("Daily reports are written by the system from the day's CRM work."))
        reports = super().create(vals_list)
        for report in reports:
            report.message_subscribe(partner_ids=report.user_id.partner_id.ids)
        return reports

    # ------------------------------------------------------------------
    # Days and time zones
    # ------------------------------------------------------------------
    @api.model
    def _company_today(self, company):
        return datetime.now(pytz.utc).astimezone(company_tz(company)).date()

    @api.model
    def _nightly_day(self, company):
        """The day a nightly run reports on: the day ending at 23:30; a late run before noon reports on the
        day before."""
        now = datetime.now(pytz.utc).astimezone(company_tz(company))
        return (now - timedelta(hours=12)).date()

    @api.model
    def _day_bounds(self, day, company):
        """The UTC start (included) and end (excluded) of ``day`` in the company's time zone, as naive datetimes."""
        tz = company_tz(company)
        return local_midnight_utc(day, tz), local_midnight_utc(day + timedelta(days=1), tz)

    @api.model
    def _get_next_nightly_call(self, company=None):
        """The next 23:30 in the company's time zone, in UTC (naive): the cron's next call."""
        company = company or self.env.company
        tz = company_tz(company)
        now = datetime.now(pytz.utc).astimezone(tz)
        nextcall = tz.localize(datetime.combine(now.date(), NIGHTLY_RUN_AT))
        if nextcall <= now:
            nextcall = tz.localize(datetime.combine(now.date() + timedelta(days=1), NIGHTLY_RUN_AT))
        return nextcall.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _schedule_nightly_cron(self):
        """Plan the cron at the next 23:30 of the main company's time zone (called at install and from Settings,
        the cron then runs every 24 hours)."""
        cron = self.env.ref("xtools_crm.ir_cron_generate_daily_reports", raise_if_not_found=False)
        if cron:
            cron.sudo().nextcall = self._get_next_nightly_call(self.env.ref("base.main_company", False))

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    @api.model
    def _get_sources(self):
        """The sources of the figures (see ``DAILY_REPORT_SOURCES``); a module adding one extends this list."""
        return [source for source in DAILY_REPORT_SOURCES if source["model"] in self.env]

    @api.model
    def _source_domain(self, source, users, day, company):
        field = self.env[source["model"]]._fields[source["date_field"]]
        if field.type == "date":
            date_domain = [(source["date_field"], "=", day)]
        else:
            start, end = self._day_bounds(day, company)
            date_domain = [(source["date_field"], ">=", start), (source["date_field"], "<", end)]
        return list(source["domain"]) + date_domain + [(source["user_field"], "in", users.ids)]

    @api.model
    def _empty_figures(self):
        figures = {}
        for source in self._get_sources():
            figures[source["count_field"]] = 0
            if source.get("amount"):
                figures[source["amount"][1]] = 0.0
            if source.get("split"):
                fname, pattern = source["split"]
                for value, _label in self.env[source["model"]]._fields[fname].selection:
                    figures[pattern % value] = 0
        return figures

    @api.model
    def _compute_day_figures(self, users, day, company):
        """The figures of ``users`` on ``day``: ``{user: {report field: value}}``, with one ``_read_group`` per source
        for all the users. Counted as superuser: a report counts the user's whole day, whoever reads it."""
        figures = {user: self._empty_figures() for user in users}
        for source in self._get_sources():
            Model = self.env[source["model"]].sudo().with_context(active_test=False)
            groupby = [source["user_field"]]
            if source.get("split"):
                groupby.append(source["split"][0])
            aggregates = ["__count"]
            if source.get("amount"):
                aggregates.append(f"{source['amount'][0]}:sum")
            for row in Model._read_group(self._source_domain(source, users, day, company), groupby, aggregates):
                values = figures[row[0]]
                count = row[len(groupby)]
                values[source["count_field"]] += count
                if source.get("split"):
                    values[source["split"][1] % row[1]] = count
                if source.get("amount"):
                    values[source["amount"][1]] += row[len(groupby) + 1] or 0.0
        for values in figures.values():
            values["operation_count"] = sum(
                values[source["count_field"]] for source in self._get_sources()
            )
        return figures

    def _prepare_summary(self, values):
        """A readable account of the day in the salesperson's language (Chinese for the demo company), built from
        the figures ``values``; numbers in bold, every value escaped."""
        self.ensure_one()
        env = self.with_context(lang=self.user_id.lang or self.env.lang).env
        currency = self.company_id.currency_id
        lines = []

        def line(message, plain=None, **numbers):
            values = {key: Markup("<b>%s</b>") % value for key, value in numbers.items()}
            values.update(plain or {})
            lines.append(Markup("<li>%s</li>") % (Markup(message) % values))

        if values.get("customer_count") or values.get("contact_count"):
            line(env._("Created %(customers)s customers and %(contacts)s contacts."),
                 customers=values.get("customer_count", 0), contacts=values.get("contact_count", 0))
        if values.get("action_count"):
            separator = "、" if (env.lang or "").startswith("zh") else ", "
            detail = separator.join(
                f"{env._(word)} {values[f'action_{value}_count']}"
                for value, word in ACTION_TYPE_WORDS.items() if values.get(f"action_{value}_count")
            )
            line(env._("Logged %(count)s actions (%(detail)s)."), plain={"detail": detail},
                 count=values["action_count"])
        if values.get("task_count") or values.get("event_count"):
            line(env._("Finished %(tasks)s tasks; %(events)s schedules on the day."),
                 tasks=values.get("task_count", 0), events=values.get("event_count", 0))
        if values.get("opportunity_count") or values.get("opportunity_advance_count"):
            line(env._("Opened %(count)s opportunities worth %(amount)s; moved opportunities to another stage "
                       "%(moves)s times."),
                 count=values.get("opportunity_count", 0),
                 amount=format_amount(env, values.get("opportunity_amount", 0.0), currency),
                 moves=values.get("opportunity_advance_count", 0))
        if values.get("contract_count"):
            line(env._("Signed %(count)s contracts for %(amount)s."), count=values["contract_count"],
                 amount=format_amount(env, values["contract_amount"], currency))
        if values.get("payment_count"):
            line(env._("Received %(count)s payments for %(amount)s."), count=values["payment_count"],
                 amount=format_amount(env, values["payment_amount"], currency))
        if values.get("expense_count"):
            line(env._("Submitted %(count)s expenses for %(amount)s."), count=values["expense_count"],
                 amount=format_amount(env, values["expense_amount"], currency))
        if values.get("complaint_count") or values.get("complaint_resolved_count") \
                or values.get("complaint_closed_count"):
            line(env._("Complaints: %(received)s received, %(resolved)s resolved, %(closed)s closed."),
                 received=values.get("complaint_count", 0), resolved=values.get("complaint_resolved_count", 0),
                 closed=values.get("complaint_closed_count", 0))
        if not lines:
            lines.append(Markup("<li>%s</li>") % env._("No CRM work recorded on this day."))
        return Markup("<ul>%s</ul>") % Markup().join(lines)

    def _write_figures(self, values):
        self.ensure_one()
        values = dict(values, summary=self._prepare_summary(values), generated_at=fields.Datetime.now(),
                      team_id=self.user_id.sale_team_id.id)
        self.sudo().write(values)

    @api.model
    def _get_report_users(self, companies=None):
        """The users a nightly run writes a report for: active internal users of the CRM."""
        domain = [("groups_id", "in", self.env.ref("xtools_crm.group_sales").id), ("share", "=", False)]
        if companies:
            domain.append(("company_id", "in", companies.ids))
        return self.env["res.users"].sudo().search(domain, order="id")

    @api.model
    def _ensure_reports(self, users, day):
        """The reports of ``users`` on ``day``, the missing ones created (empty)."""
        Report = self.sudo()
        reports = Report.search([("user_id", "in", users.ids), ("date", "=", day)])
        missing = users - reports.user_id
        if missing:
            reports |= Report.create([
                {"user_id": user.id, "date": day, "company_id": user.company_id.id,
                 "team_id": user.sale_team_id.id}
                for user in missing
            ])
        return reports

    def _recompute_figures(self):
        """Compute the figures of these reports, grouped by day and company (one query per source and group)."""
        for (day, company), reports in self.grouped(lambda r: (r.date, r.company_id)).items():
            figures = self._compute_day_figures(reports.user_id, day, company)
            for report in reports:
                report._write_figures(figures[report.user_id])

    @api.model
    def _generate(self, users, day):
        """Write (or update) the reports of ``users`` on ``day`` and return them."""
        reports = self._ensure_reports(users, day)
        reports._recompute_figures()
        return reports.with_env(self.env)

    @api.model
    def _backfill(self, days=7):
        """Write the reports of every CRM user for the last ``days`` days, today included (the demo data; a
        database that already holds CRM work before the module's reports)."""
        users = self._get_report_users()
        for company, company_users in users.grouped("company_id").items():
            today = self._company_today(company)
            for offset in range(days):
                self._generate(company_users, today - timedelta(days=offset))

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_generate_today(self):
        """List and kanban button (whatever the selection): bring the current user's report of today up to date
        and open it."""
        user = self.env.user
        if not user.has_group("xtools_crm.group_sales"):
            raise AccessError(_("Only users of XTools CRM have a daily report."))
        report = self._generate(user, self._company_today(user.company_id))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": report.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_refresh(self):
        """Update a report of today from the day's work so far (the owner's own, or any for a manager)."""
        for report in self:
            if report.user_id != self.env.user and not self.env.user.has_group("xtools_crm.group_manager"):
                raise AccessError(_("Only the salesperson or a manager brings a daily report up to date."))
            if report.date != self._company_today(report.company_id):
                raise UserError(_("Only today's report is brought up to date; %(date)s was written at night.",
                                  date=format_date(self.env, report.date)))
        self.check_access("read")
        self._recompute_figures()
        return True

    def action_open_figure(self):
        """Open the records behind one figure (``xtools_source`` in the context): the source's list, filtered on
        the report's user and day, under the reader's own rules."""
        self.ensure_one()
        source = DAILY_REPORT_SOURCE_KEYS.get(self.env.context.get("xtools_source"))
        if not source or source not in self._get_sources():
            raise UserError(_("Unknown figure of the daily report."))
        domain = self._source_domain(source, self.user_id, self.date, self.company_id)
        if source.get("action"):
            action = self.env["ir.actions.act_window"]._for_xml_id(source["action"])
        else:
            action = {"type": "ir.actions.act_window", "res_model": source["model"], "view_mode": "list,form",
                      "views": [(False, "list"), (False, "form")]}
        action.update({
            "name": _("%(figure)s of %(report)s", figure=self._fields[source["count_field"]]._description_string(
                self.env), report=self.display_name),
            "domain": domain,
            "context": {"create": False, "active_test": False},
            "target": "current",
        })
        action.pop("path", None)
        action.pop("id", None)
        return action

    def action_open_comment_wizard(self):
        self.ensure_one()
        self._check_can_comment()
        return {
            "type": "ir.actions.act_window",
            "name": _("Comment on the Daily Report"),
            "res_model": "xtools.daily.report.comment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    def _check_can_comment(self):
        for report in self:
            if not self.env.user.has_group("xtools_crm.group_manager"):
                raise AccessError(_("Only managers and the boss comment on daily reports."))
            if report.user_id == self.env.user:
                raise UserError(_("You cannot comment on your own daily report."))
        self.check_access("read")

    def _post_comment(self, body):
        """A manager's comment 点评: a chatter message of its own subtype, notifying the salesperson."""
        self.ensure_one()
        self._check_can_comment()
        if not html2plaintext(body or "").strip():
            raise UserError(_("Write the comment on the daily report first."))
        message = self.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="xtools_crm.mt_daily_report_comment",
            partner_ids=self.user_id.partner_id.ids,
        )
        self.sudo().comment_count += 1
        return message

    # ------------------------------------------------------------------
    # Nightly run
    # ------------------------------------------------------------------
    @api.model
    def _start_nightly_run(self):
        """Mark the reports of the day that is ending, one per CRM user, as to compute (the missing ones created).
        Their mark survives an interruption, so a rerun continues where the run stopped."""
        users = self._get_report_users()
        reports = self.sudo().browse()
        for company, company_users in users.grouped("company_id").items():
            reports |= self._ensure_reports(company_users, self._nightly_day(company))
        reports.write({"cron_state": "pending"})
        return reports

    @api.model
    def _cron_generate_daily_reports(self, batch_size=50):
        """Nightly run (23:30 in the company's time zone): write one report per CRM user for the day, then send each
        team manager the digest of their team when Settings ask for it.

        Every report is written in its own savepoint and committed (in the cron only) with its mark cleared: an
        interrupted run resumes with the reports left; a run after a completed one updates every report again."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        Report = self.sudo()
        pending = Report.search([("cron_state", "=", "pending")], order="date, id")
        if not pending and not Report.search_count([("cron_state", "=", "digest")]):
            pending = Report._start_nightly_run()
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        digest = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.daily_report_digest")
        next_state = "digest" if digest else False
        cron = self.env["ir.cron"]
        batch = pending[:batch_size]
        done = 0
        for (day, company), reports in batch.grouped(lambda r: (r.date, r.company_id)).items():
            figures = Report._compute_day_figures(reports.user_id, day, company)
            for report in reports:
                try:
                    with self.env.cr.savepoint():
                        report._write_figures(figures[report.user_id])
                        report.cron_state = next_state
                except Exception:
                    _logger.exception("Daily report %s of %s could not be written", day, report.user_id.login)
                    report.cron_state = False  # logged; the report keeps its former figures
                if auto_commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                done += 1
                cron._notify_progress(done=done, remaining=len(pending) - done)
        if len(pending) > done:
            return done
        Report._send_digests(auto_commit=auto_commit)
        return done

    @api.model
    def _get_digest_recipients(self, reports):
        """``{manager: reports}``: each leader of a team gets the reports of its members (not their own)."""
        by_manager = defaultdict(lambda: self.browse())
        teams = self.env["crm.team"].sudo().search(
            [("user_id", "!=", False), ("member_ids", "in", reports.user_id.ids)])
        for team in teams:
            members = reports.filtered(lambda r, team=team: r.user_id in team.member_ids and r.user_id != team.user_id)
            if members:
                by_manager[team.user_id] |= members
        return by_manager

    @api.model
    def _send_digests(self, auto_commit=False):
        """Queue one e-mail per team manager with the figures of their team's reports, then clear the marks."""
        reports = self.sudo().search([("cron_state", "=", "digest")])
        if not reports:
            return
        template = self.env.ref("xtools_crm.mail_template_daily_report_digest", raise_if_not_found=False)
        for manager, manager_reports in self._get_digest_recipients(reports).items():
            if not template or not manager.email:
                continue
            try:
                with self.env.cr.savepoint():
                    template.with_context(
                        xtools_reports=manager_reports.sorted(lambda r: (r.date, r.user_id.name or "")),
                    ).send_mail(manager.id, email_layout_xmlid="mail.mail_notification_light")
            except Exception:
                _logger.exception("Daily report digest to %s could not be queued", manager.login)
        reports.write({"cron_state": False})
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
