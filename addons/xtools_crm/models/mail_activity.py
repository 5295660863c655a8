import logging
import threading

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.phone import DEFAULT_REGION, normalize_phone

_logger = logging.getLogger(__name__)

# Models whose activities are this module's tasks 待办任务 ("My Tasks", the workbench). Extend it in one place
# when a model gets tasks (opportunities, contracts).
XTOOLS_TASK_MODELS = ["xtools.customer", "xtools.opportunity", "xtools.contract", "xtools.complaint"]
# A reminder whose SMS failed is queued again at most this many times in all.
SMS_REMINDER_MAX_ATTEMPTS = 3
# The reminder's own bookkeeping: written by the system only (``_xtools_set_sms_state``), never by the user.
SMS_REMINDER_INTERNAL_FIELDS = {"xtools_sms_state", "xtools_sms_attempts", "xtools_sms_id", "xtools_sms_error"}
SMS_REMINDER_STATES = [
    ("pending", "Waiting"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]


class MailActivity(models.Model):
    """Tasks 待办任务 are activities on the module's records; they can ask for an SMS reminder to the owner.

    Reminders are sent by ``_cron_send_sms_reminders`` through Odoo's ``sms.sms`` queue, exactly once: a due
    reminder is locked (``FOR UPDATE SKIP LOCKED``), marked queued and its SMS created in one transaction, so a
    crash or a second worker can neither lose nor repeat it. A failed SMS is queued again a bounded number of times,
    then the reminder is ``failed`` (listed for the administrator).
    """

    _inherit = "mail.activity"

    xtools_sms_reminder = fields.Boolean(
        string="SMS Reminder", help="Send an SMS to the owner's mobile at the chosen time."
    )
    xtools_sms_remind_at = fields.Datetime(string="Remind At", index="btree_not_null")
    xtools_sms_state = fields.Selection(
        SMS_REMINDER_STATES, string="SMS Reminder Status", default="pending", readonly=True, copy=False,
    )
    xtools_sms_attempts = fields.Integer(string="SMS Attempts", readonly=True, copy=False)
    xtools_sms_id = fields.Many2one("sms.sms", string="Reminder SMS", readonly=True, copy=False, ondelete="set null")
    xtools_sms_error = fields.Char(string="SMS Error", readonly=True, copy=False)
    xtools_is_return_visit = fields.Boolean(string="Is a Return Visit", compute="_compute_xtools_is_return_visit")

    @api.depends("activity_type_id")
    def _compute_xtools_is_return_visit(self):
        visit_type = self.env.ref("xtools_crm.mail_activity_type_return_visit", raise_if_not_found=False)
        for activity in self:
            activity.xtools_is_return_visit = bool(visit_type) and activity.activity_type_id == visit_type

    @api.onchange("xtools_sms_reminder")
    def _onchange_xtools_sms_reminder(self):
        if self.xtools_sms_reminder and not self.xtools_sms_remind_at and self.date_deadline:
            self.xtools_sms_remind_at = fields.Datetime.to_datetime(self.date_deadline).replace(hour=1)

    @api.constrains("xtools_sms_reminder", "xtools_sms_remind_at")
    def _check_xtools_sms_remind_at(self):
        for activity in self:
            if activity.xtools_sms_reminder and not activity.xtools_sms_remind_at:
                raise ValidationError(
                    _("Choose when the SMS reminder of the task “%(task)s” is sent.",
                      task=activity.summary or activity.activity_type_id.name)
                )

    def write(self, vals):
        if SMS_REMINDER_INTERNAL_FIELDS & vals.keys() and not self.env.su:
            raise UserError(_("The status of an SMS reminder is kept by the system; change its time instead."))
        if {"xtools_sms_reminder", "xtools_sms_remind_at"} & vals.keys():
            # A new reminder time (or a reminder switched on again) asks for a new SMS, once; saving the same
            # values again changes nothing.
            changed = self.filtered(
                lambda a: a.xtools_sms_reminder != vals.get("xtools_sms_reminder", a.xtools_sms_reminder)
                or a.xtools_sms_remind_at
                != fields.Datetime.to_datetime(vals.get("xtools_sms_remind_at", a.xtools_sms_remind_at))
            )
            if changed:
                changed.xtools_sms_id.sudo().filtered(lambda sms: sms.state == "outgoing").action_set_canceled()
                changed._xtools_set_sms_state(
                    {"xtools_sms_state": "pending", "xtools_sms_attempts": 0, "xtools_sms_error": False}
                )
        return super().write(vals)

    def _xtools_set_sms_state(self, vals):
        """Write the reminder's bookkeeping (``SMS_REMINDER_INTERNAL_FIELDS``) as the system."""
        return self.sudo().write(vals)

    def _action_done(self, feedback=False, attachment_ids=None):
        self._xtools_cancel_sms_reminder()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_cancel_sms_reminder(self):
        self._xtools_cancel_sms_reminder()

    def _xtools_cancel_sms_reminder(self):
        """No SMS for a done or cancelled task: drop the SMS still waiting in the queue."""
        waiting = self.filtered(lambda a: a.xtools_sms_state in ("pending", "queued") and a.xtools_sms_reminder)
        waiting.xtools_sms_id.sudo().filtered(lambda sms: sms.state == "outgoing").action_set_canceled()
        if waiting:
            waiting._xtools_set_sms_state({"xtools_sms_state": "cancelled"})

    # ------------------------------------------------------------------
    # Return visits 回访 (models/xtools_return_visit_mixin.py)
    # ------------------------------------------------------------------
    def action_xtools_record_return_visit(self):
        """Open the service record of this return visit, filled in from the contract or complaint it was planned
        on; saving it marks the task done."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id) if self.res_model in self.env else None
        if not self.xtools_is_return_visit or record is None or not hasattr(record, "_get_return_visit_service_values"):
            raise UserError(_("The task “%(task)s” is not a return visit.", task=self.summary or self.res_name))
        defaults = {f"default_{key}": value for key, value in record._get_return_visit_service_values().items()}
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Return Visit"),
            "res_model": "xtools.service",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                **defaults,
                "default_service_type": "return_visit",
                "default_user_id": self.env.uid,
                "xtools_return_visit_activity_id": self.id,
            },
        }

    def _xtools_done_by_return_visit(self, service):
        """Mark this return visit done once ``service`` records it (only when the service is filed under the
        contract or complaint the visit was planned on)."""
        activity = self.exists()
        if not activity or not activity.xtools_is_return_visit:
            return
        target = (activity.res_model, activity.res_id)
        if target not in {("xtools.contract", service.contract_id.id), ("xtools.complaint", service.complaint_id.id)}:
            return
        activity.action_feedback(feedback=_("Recorded in the service record “%(service)s”.", service=service.name))

    # ------------------------------------------------------------------
    # "My Tasks"
    # ------------------------------------------------------------------
    @api.model
    def _xtools_task_models(self):
        return list(XTOOLS_TASK_MODELS)

    @api.model
    def _xtools_task_domain(self):
        """The tasks (activities on ``XTOOLS_TASK_MODELS``) the current user may see, as a domain to search
        ``mail.activity`` as superuser (its subqueries name the activity's table).

        It is ``mail.activity._search``'s own condition — the user's activities, or any on a record they may post
        on (the record's ``_mail_post_access`` rights and rules) — as one subquery per model. Odoo's search reads
        every matching activity and checks each one's record in Python: a count of a whole company's tasks reads
        tens of thousands of records."""
        access = [[("user_id", "=", self.env.uid)]]
        # The rules read the customers' access relations, which a share or a transfer may have left to compute.
        self.env["xtools.customer"]._xtools_flush_access()
        for model in self._xtools_task_models():
            Model = self.env[model]
            operation = getattr(Model, "_mail_post_access", "read")
            if not self.env["ir.model.access"].check(model, operation, raise_exception=False):
                continue
            rules = self.env["ir.rule"]._compute_domain(model, operation)
            records = Model.sudo().with_context(active_test=False)._search(rules or [])
            # Correlated with the activity: its one record is looked up by primary key. Uncorrelated, PostgreSQL
            # would hash every visible record of the model (under the OR, it cannot join them) for each search.
            records.add_where(
                SQL("%s = %s", SQL.identifier(records.table, "id"), SQL.identifier(self._table, "res_id"))
            )
            access.append([("res_model", "=", model), ("res_id", "in", records.subselect())])
        return expression.AND([[("res_model", "in", self._xtools_task_models())], expression.OR(access)])

    @api.model
    def action_xtools_my_tasks(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.mail_activity_action_xtools_my_tasks")
        action["domain"] = [("res_model", "in", self._xtools_task_models())]
        return action

    # ------------------------------------------------------------------
    # SMS reminders
    # ------------------------------------------------------------------
    @api.model
    def _xtools_sms_due_domain(self):
        return [
            ("xtools_sms_reminder", "=", True),
            ("xtools_sms_state", "=", "pending"),
            ("xtools_sms_remind_at", "<=", fields.Datetime.now()),
        ]

    def _xtools_sms_reminder_body(self):
        self.ensure_one()
        return _(
            "Reminder: %(task)s (%(record)s), due %(date)s.",
            task=self.summary or self.activity_type_id.name,
            record=self.res_name or "",
            date=fields.Date.to_string(self.date_deadline),
        )

    def _xtools_sms_number(self):
        """The owner's mobile (phone as fallback) in E.164, or ``None``."""
        self.ensure_one()
        user = self.user_id
        region = (user.company_id.country_id.code or DEFAULT_REGION) if user else DEFAULT_REGION
        return normalize_phone(user.mobile or user.phone, region) if user else None

    def _xtools_queue_sms_reminder(self):
        """Create the reminder's SMS and mark it queued (the caller holds the row lock)."""
        self.ensure_one()
        number = self._xtools_sms_number()
        if not number:
            self._xtools_set_sms_state(
                {"xtools_sms_state": "failed", "xtools_sms_error": _("The owner has no valid mobile number.")}
            )
            return
        sms = self.env["sms.sms"].sudo().create(
            {"number": number, "body": self._xtools_sms_reminder_body(), "partner_id": self.user_id.partner_id.id}
        )
        self._xtools_set_sms_state(
            {"xtools_sms_state": "queued", "xtools_sms_id": sms.id, "xtools_sms_attempts": self.xtools_sms_attempts + 1}
        )

    def _xtools_follow_sms_reminder(self):
        """For a queued reminder: done when its SMS left; on failure queue it again, at most
        ``SMS_REMINDER_MAX_ATTEMPTS`` times in all, then ``failed``."""
        self.ensure_one()
        sms = self.xtools_sms_id.sudo()
        if not sms or sms.state in ("pending", "sent") or sms.to_delete:
            # Sent SMS are marked for deletion and garbage-collected: a vanished SMS has left.
            self._xtools_set_sms_state({"xtools_sms_state": "sent", "xtools_sms_error": False})
        elif sms.state == "canceled":
            self._xtools_set_sms_state({"xtools_sms_state": "cancelled"})
        elif sms.state == "error":
            error = dict(sms._fields["failure_type"]._description_selection(self.env)).get(sms.failure_type, "")
            if self.xtools_sms_attempts >= SMS_REMINDER_MAX_ATTEMPTS:
                self._xtools_set_sms_state({"xtools_sms_state": "failed", "xtools_sms_error": error})
            else:
                sms.action_set_outgoing()
                self._xtools_set_sms_state(
                    {"xtools_sms_attempts": self.xtools_sms_attempts + 1, "xtools_sms_error": error}
                )

    def _xtools_lock_for_reminder(self, states):
        """Lock this reminder's row if no other transaction holds it and it is still in ``states``."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM mail_activity WHERE id = %s AND active AND xtools_sms_reminder "
                "AND xtools_sms_state IN %s FOR UPDATE SKIP LOCKED",
                self.id,
                tuple(states),
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _cron_send_sms_reminders(self, batch_size=200):
        """Queue due SMS reminders, each exactly once, and follow the queued ones (retries, final state).

        One transaction per reminder (committed here, in the cron only); a reminder another worker holds is
        skipped, one it already handled no longer matches the locked ``SELECT``.
        """
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        due = self.search(self._xtools_sms_due_domain(), order="xtools_sms_remind_at, id", limit=batch_size)
        queued = self.search(
            [("xtools_sms_reminder", "=", True), ("xtools_sms_state", "=", "queued")], limit=batch_size
        )
        todo = [(activity, ("pending",), "_xtools_queue_sms_reminder") for activity in due]
        todo += [(activity, ("queued",), "_xtools_follow_sms_reminder") for activity in queued]
        cron = self.env["ir.cron"]
        done = 0
        for activity, states, method in todo:
            try:
                with self.env.cr.savepoint():
                    if activity._xtools_lock_for_reminder(states):
                        activity.invalidate_recordset()
                        getattr(activity, method)()
            except psycopg2.errors.SerializationFailure:
                # Another worker changed this reminder after our snapshot: it is theirs.
                _logger.info("SMS reminder of activity %s handled by another worker", activity.id)
            except Exception:
                _logger.exception("SMS reminder of activity %s failed", activity.id)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            done += 1
            cron._notify_progress(done=done, remaining=len(todo) - done)
        if len(due) == batch_size:
            # More were due than one batch: report them so that the cron runs again right away.
            cron._notify_progress(done=done, remaining=self.search_count(self._xtools_sms_due_domain()))
        if due or queued:
            self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()
        return done
