from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import create_index

from ..tools.sql import create_covering_index

ACTION_TYPES = [
    ("call", "Phone Call"),
    ("visit", "Visit"),
    ("email", "Email"),
    ("meeting", "Meeting"),
    ("sms", "SMS"),
    ("other", "Other"),
]
NEXT_STEPS = [("none", "Nothing Planned"), ("activity", "Task"), ("event", "Schedule")]


class XtoolsAction(models.Model):
    """Action history 行动历史: what happened at one contact with the customer.

    The form can plan the next step in the same save: a task (``mail.activity`` on the customer) or a schedule
    (``calendar.event`` linked to the customer, which also waits as a task). The plan is kept on the action together
    with the records it made.
    """

    _name = "xtools.action"
    _description = "Action History"
    _inherit = ["xtools.customer.document", "mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "subject"

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    contact_id = fields.Many2one(help="The customer's contact person this action was with.")
    opportunity_id = fields.Many2one(
        "xtools.opportunity",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
    )
    contract_id = fields.Many2one(
        "xtools.contract",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
    )
    action_type = fields.Selection(ACTION_TYPES, required=True, default="call", tracking=True)
    subject = fields.Char(required=True, index="trigram", tracking=True)
    description = fields.Text()
    user_id = fields.Many2one(string="Done By", required=True, tracking=True)

    # The next step, planned from the same form.
    next_step = fields.Selection(
        NEXT_STEPS,
        required=True,
        default="none",
        help="Plan the next contact in the same save: a task waits on the workbench until done, a schedule "
        "takes a time slot in the calendar.",
    )
    next_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Task Type",
        compute="_compute_next_activity_type_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'xtools.customer')]",
    )
    next_date = fields.Datetime(
        string="Next Step On", compute="_compute_next_date", store=True, readonly=False, precompute=True
    )
    next_summary = fields.Char(string="Next Step Summary")
    next_sms_reminder = fields.Boolean(
        string="Remind Me by SMS",
        help="A task sends an SMS to its owner's mobile at the next step's time; a schedule gets an SMS alarm "
        "30 minutes before it starts.",
    )
    next_activity_id = fields.Many2one(
        "mail.activity", string="Planned Task", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    next_event_id = fields.Many2one(
        "calendar.event", string="Planned Schedule", readonly=True, copy=False, ondelete="set null",
        index="btree_not_null",
    )

    def init(self):
        res = super().init()
        # The workbench counts the actions of a month, from these indexes alone without visiting the table: the
        # company's (hundreds of thousands of rows at scale), and a team's or a salesperson's with the columns
        # their rules check (their customers', in their companies).
        create_index(self.env.cr, "xtools_action_company_id_date_index", self._table, ["company_id", "date"])
        create_covering_index(
            self.env.cr, "xtools_action_user_id_date_index", self._table, ["user_id", "date"],
            include=["customer_id", "company_id"],
        )
        return res

    @api.depends("next_step")
    def _compute_next_activity_type_id(self):
        call_type = self.env.ref("xtools_crm.mail_activity_type_call", raise_if_not_found=False)
        for action in self:
            if action.next_step == "activity" and not action.next_activity_type_id:
                action.next_activity_type_id = call_type

    @api.depends("next_step", "next_activity_type_id")
    def _compute_next_date(self):
        for action in self:
            if action.next_step != "none" and not action.next_date:
                delay = action.next_activity_type_id.delay_count if action.next_step == "activity" else 0
                action.next_date = (fields.Datetime.now() + timedelta(days=max(delay, 1))).replace(
                    minute=0, second=0, microsecond=0
                )

    @api.constrains("next_step", "next_date", "next_activity_type_id")
    def _check_next_step(self):
        for action in self:
            if action.next_step == "none":
                continue
            if not action.next_date:
                raise ValidationError(_("Give the date of the next step of the action “%(subject)s”.",
                                        subject=action.subject))
            if action.next_step == "activity" and not action.next_activity_type_id:
                raise ValidationError(_("Choose the task type of the next step of the action “%(subject)s”.",
                                        subject=action.subject))

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._plan_next_step()
        return actions

    def write(self, vals):
        res = super().write(vals)
        if {"next_step", "next_date", "next_activity_type_id", "next_summary", "next_sms_reminder"} & vals.keys():
            self._plan_next_step()
        return res

    def _plan_next_step(self):
        """Create the planned task or schedule once per action (never again on later saves)."""
        for action in self:
            if action.next_step == "activity" and not action.next_activity_id:
                action.next_activity_id = action.customer_id.activity_schedule(
                    activity_type_id=action.next_activity_type_id.id,
                    date_deadline=fields.Date.context_today(action, action.next_date),
                    summary=action.next_summary or action.next_activity_type_id.summary or action.subject,
                    note=action.description and _("Follows up: %(subject)s", subject=action.subject) or False,
                    user_id=action.user_id.id or self.env.uid,
                    xtools_sms_reminder=action.next_sms_reminder,
                    xtools_sms_remind_at=action.next_sms_reminder and action.next_date,
                )
            elif action.next_step == "event" and not action.next_event_id:
                action.next_event_id = action.customer_id._create_schedule(
                    name=action.next_summary or action.subject,
                    start=action.next_date,
                    user=action.user_id or self.env.user,
                )
                if action.next_sms_reminder:
                    action.next_event_id.alarm_ids = [
                        fields.Command.link(self.env.ref("xtools_crm.calendar_alarm_sms_owner_30min").id)
                    ]
                # The schedule waits as a task too (its meeting activity on the customer), as in My Tasks.
                action.next_activity_id = action.next_event_id.activity_ids[:1]
