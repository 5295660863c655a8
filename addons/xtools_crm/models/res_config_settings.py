from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.phone import DEFAULT_REGION, normalize_phone
from ..tools.sms_gateway import DEFAULT_TEMPLATE


class ResConfigSettings(models.TransientModel):
    """XTools CRM's page in Settings. Feature toggles are ``group_*`` booleans with ``implied_group``; global
    options are ``config_parameter='xtools_crm.<key>'`` fields."""

    _inherit = "res.config.settings"

    # Sales opportunities
    group_xtools_use_opportunity = fields.Boolean(
        string="Use sales opportunities",
        implied_group="xtools_crm.group_use_opportunity",
        help="Follow pre-sales with opportunities, the sales funnel and the forecast.",
    )
    # Contracts and receivables
    xtools_contract_text_required = fields.Boolean(
        string="Contract Text Required for Signing",
        config_parameter="xtools_crm.contract_text_required",
        help="A contract can be signed only once its text (scan or electronic file) is attached.",
    )
    # Workbench (models/xtools_workbench.py)
    xtools_contract_expiry_days = fields.Integer(
        string="Contracts Expiring within (Days)",
        default=30,
        config_parameter="xtools_crm.contract_expiry_days",
        help="The workbench lists the running contracts whose end date is within this many days (0: no such panel).",
    )
    # Service: expenses and complaints
    xtools_expense_notify_email = fields.Boolean(
        string="E-mail Expense Decisions",
        config_parameter="xtools_crm.expense_notify_email",
        help="Besides the chatter, send the requester an e-mail when their expense is approved or rejected.",
    )
    xtools_complaint_hours_normal = fields.Integer(
        string="Normal Complaints (Hours)", default=72, config_parameter="xtools_crm.complaint_hours_normal"
    )
    xtools_complaint_hours_urgent = fields.Integer(
        string="Urgent Complaints (Hours)", default=24, config_parameter="xtools_crm.complaint_hours_urgent"
    )
    xtools_complaint_hours_critical = fields.Integer(
        string="Critical Complaints (Hours)", default=4, config_parameter="xtools_crm.complaint_hours_critical"
    )
    # SMS transport (models/sms_sms.py)
    xtools_sms_provider = fields.Selection(
        [("iap", "Odoo IAP"), ("http", "HTTP SMS Gateway")],
        string="SMS Transport",
        default="iap",
        config_parameter="xtools_crm.sms_provider",
    )
    xtools_sms_http_url = fields.Char(string="Gateway URL", config_parameter="xtools_crm.sms_http_url")
    xtools_sms_http_method = fields.Selection(
        [("POST", "POST"), ("GET", "GET")],
        string="HTTP Method",
        default="POST",
        config_parameter="xtools_crm.sms_http_method",
    )
    xtools_sms_http_token = fields.Char(
        string="Access Token", config_parameter="xtools_crm.sms_http_token",
        help="Sent as a bearer token in the Authorization header.",
    )
    xtools_sms_http_template = fields.Char(
        string="Request Template",
        default=DEFAULT_TEMPLATE,
        config_parameter="xtools_crm.sms_http_template",
        help="A JSON object; {number} and {message} are replaced by the E.164 number and the text.",
    )
    xtools_sms_test_number = fields.Char(string="Test Mobile Number")
    # Daily marketing report (models/xtools_daily_report.py)
    xtools_daily_report_digest = fields.Boolean(
        string="E-mail Digest to Managers",
        config_parameter="xtools_crm.daily_report_digest",
        help="After the nightly run, each team manager receives the figures of their team's daily reports.",
    )
    xtools_daily_report_nextcall = fields.Datetime(
        string="Next Nightly Run", compute="_compute_xtools_daily_report_nextcall",
    )

    def _compute_xtools_daily_report_nextcall(self):
        cron = self.env.ref("xtools_crm.ir_cron_generate_daily_reports", raise_if_not_found=False)
        for settings in self:
            settings.xtools_daily_report_nextcall = cron.sudo().nextcall if cron else False

    def set_values(self):
        super().set_values()
        # The company's time zone may have changed: the nightly run stays at 23:30 local time.
        self.env["xtools.daily.report"]._schedule_nightly_cron()

    @api.constrains("xtools_contract_expiry_days")
    def _check_xtools_contract_expiry_days(self):
        for settings in self:
            if settings.xtools_contract_expiry_days < 0:
                raise ValidationError(
                    _("Contracts Expiring within (Days) cannot be negative, not %(days)s: give 0 to hide the reminder.",
                      days=settings.xtools_contract_expiry_days)
                )

    @api.constrains("xtools_complaint_hours_normal", "xtools_complaint_hours_urgent", "xtools_complaint_hours_critical")
    def _check_xtools_complaint_hours(self):
        for settings in self:
            for fname in ("xtools_complaint_hours_normal", "xtools_complaint_hours_urgent",
                          "xtools_complaint_hours_critical"):
                if settings[fname] <= 0:
                    raise ValidationError(_(
                        "“%(setting)s” must be a positive number of hours, not %(hours)s.",
                        setting=self._fields[fname]._description_string(self.env), hours=settings[fname],
                    ))

    def action_xtools_send_test_sms(self):
        """Save the settings and send one SMS through them right away; tell the result."""
        self.ensure_one()
        region = self.env.company.country_id.code or DEFAULT_REGION
        number = normalize_phone(self.xtools_sms_test_number, region)
        if not number:
            raise UserError(
                _("“%(number)s” is not a valid mobile number for the test SMS.", number=self.xtools_sms_test_number or "")
            )
        self.set_values()
        sms = self.env["sms.sms"].sudo().create({"number": number, "body": _("XTools CRM test SMS.")})
        sms._send(unlink_sent=False)
        if sms.state == "error":
            raise UserError(_("The test SMS to %(number)s failed: check the gateway settings.", number=number))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The test SMS to %(number)s was accepted by the gateway.", number=number),
            },
        }
