import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.phone import DEFAULT_REGION, normalize_phone
from ..tools.sms_gateway import DEFAULT_TEMPLATE

_logger = logging.getLogger(__name__)

CONTRACT_SEQUENCE = "xtools_crm.seq_xtools_contract"


class XtoolsCrmSettings(models.TransientModel):
    """XTools CRM's settings page 系统设置 (配置 › 设置), opened and saved by the boss 老板 without being an Odoo
    administrator.

    Odoo's ``res.config.settings`` lets only administrators save (``execute`` checks ``is_admin``), and giving
    the boss access to it would give them every setting of the database. This page is a model of its own: it
    holds only XTools CRM's settings, written as superuser by ``execute`` for the boss. Fields follow Odoo's
    settings conventions: ``config_parameter='xtools_crm.<key>'`` for global options, ``implied_group=`` for
    feature toggles (implied by every internal user); other fields are read in ``_get_values`` and written in
    ``_set_values``.
    """

    _name = "xtools.crm.settings"
    _description = "XTools CRM Settings"

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
    xtools_contract_prefix = fields.Char(
        string="Contract Code Prefix",
        help="Put before the number of each new contract; %(year)s is the year, %(month)s the month.",
    )
    xtools_contract_padding = fields.Integer(string="Contract Number Digits")
    xtools_contract_next_number = fields.Integer(string="Next Contract Number")
    xtools_contract_code_example = fields.Char(string="Next Contract Code", compute="_compute_contract_code_example")
    # Reminders
    xtools_receivable_reminder_days = fields.Integer(
        string="Receivables Due Within (Days)",
        default=30,
        config_parameter="xtools_crm.receivable_reminder_days",
        help="Payment plans due within this many days (or overdue) are listed as due soon.",
    )
    xtools_contract_expiry_days = fields.Integer(
        string="Contracts Expiring Within (Days)",
        default=30,
        config_parameter="xtools_crm.contract_expiry_days",
        help="Running contracts that end within this many days are listed as expiring.",
    )
    # Daily marketing report (models/xtools_daily_report.py)
    xtools_daily_report_digest = fields.Boolean(
        string="E-mail Digest to Managers",
        config_parameter="xtools_crm.daily_report_digest",
        help="After the nightly run, each team manager receives the figures of their team's daily reports.",
    )
    xtools_daily_report_nextcall = fields.Datetime(
        string="Next Nightly Run", compute="_compute_xtools_daily_report_nextcall",
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
    # Customer pool rules 公海规则 and the owned-customer limit (models/xtools_customer_ownership.py); the rules of
    # each pool are kept on the pool (xtools.customer.pool), opened from this block.
    xtools_max_customers_per_user = fields.Integer(
        string="Customers per Salesperson",
        config_parameter="xtools_crm.max_customers_per_user",
        help="The most customers one salesperson may own; creating, importing, claiming, assigning or transferring "
        "beyond it is refused. 0 = no limit.",
    )
    xtools_limit_counts_signed = fields.Boolean(
        string="Signed Customers Count",
        config_parameter="xtools_crm.limit_counts_signed",
        help="Signed customers (正式客户) count towards the limit; otherwise only potential and lost ones do.",
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

    def _compute_xtools_daily_report_nextcall(self):
        cron = self.env.ref("xtools_crm.ir_cron_generate_daily_reports", raise_if_not_found=False)
        for settings in self:
            settings.xtools_daily_report_nextcall = cron.sudo().nextcall if cron else False

    def _valid_field_parameter(self, field, name):
        return name in ("config_parameter", "implied_group") or super()._valid_field_parameter(field, name)

    @api.depends("xtools_contract_prefix", "xtools_contract_padding", "xtools_contract_next_number")
    def _compute_contract_code_example(self):
        for settings in self:
            try:
                prefix, _suffix = self.env["ir.sequence"].new(
                    {"prefix": settings.xtools_contract_prefix or "", "suffix": ""}
                )._get_prefix_suffix()
            except (UserError, KeyError, ValueError, TypeError):
                prefix = settings.xtools_contract_prefix or ""
            digits = min(max(settings.xtools_contract_padding, 0), 12)
            settings.xtools_contract_code_example = prefix + str(max(settings.xtools_contract_next_number, 1)).zfill(
                digits
            )

    # ------------------------------------------------------------------
    # Reading and saving
    # ------------------------------------------------------------------
    def _param_fields(self):
        return {name: field for name, field in self._fields.items() if getattr(field, "config_parameter", None)}

    def _group_fields(self):
        return {name: field for name, field in self._fields.items() if getattr(field, "implied_group", None)}

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        employee = self.env.ref("base.group_user").sudo()
        for name, field in self._param_fields().items():
            if name not in fields_list:
                continue
            value = params.get_param(field.config_parameter)
            if value in (None, False):
                continue
            if field.type == "boolean":
                res[name] = value not in ("False", "0", "")
            elif field.type == "integer":
                try:
                    res[name] = int(value)
                except ValueError:
                    _logger.warning("Setting %s: %r is not a number, the default is shown", name, value)
            else:
                res[name] = value
        for name, field in self._group_fields().items():
            if name in fields_list:
                res[name] = self.env.ref(field.implied_group) in employee.implied_ids
        res.update({k: v for k, v in self._get_values().items() if k in fields_list})
        return res

    @api.model
    def _get_values(self):
        sequence = self.env.ref(CONTRACT_SEQUENCE, raise_if_not_found=False)
        if not sequence:
            return {}
        sequence = sequence.sudo()
        return {
            "xtools_contract_prefix": sequence.prefix,
            "xtools_contract_padding": sequence.padding,
            "xtools_contract_next_number": sequence.number_next_actual,
        }

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

    @api.constrains("xtools_contract_padding", "xtools_receivable_reminder_days", "xtools_contract_expiry_days",
                    "xtools_max_customers_per_user")
    def _check_numbers(self):
        for settings in self:
            if settings.xtools_max_customers_per_user < 0:
                raise ValidationError(
                    _("%(field)s must be 0 (no limit) or more, not %(count)s.",
                      field=self._fields["xtools_max_customers_per_user"]._description_string(self.env),
                      count=settings.xtools_max_customers_per_user)
                )
            if not 1 <= settings.xtools_contract_padding <= 12:
                raise ValidationError(
                    _("The contract number has between 1 and 12 digits, not %(digits)s.",
                      digits=settings.xtools_contract_padding)
                )
            if not 1 <= settings.xtools_receivable_reminder_days <= 366:
                raise ValidationError(
                    _("%(field)s must be between 1 and 366 days, not %(days)s.",
                      field=self._fields["xtools_receivable_reminder_days"]._description_string(self.env),
                      days=settings.xtools_receivable_reminder_days)
                )
            if not 0 <= settings.xtools_contract_expiry_days <= 366:
                raise ValidationError(
                    _("%(field)s must be between 0 (no reminder) and 366 days, not %(days)s.",
                      field=self._fields["xtools_contract_expiry_days"]._description_string(self.env),
                      days=settings.xtools_contract_expiry_days)
                )

    def _check_boss(self):
        if not (self.env.su or self.env.user.has_group("xtools_crm.group_boss")):
            raise AccessError(_("Only the boss may change the XTools CRM settings."))

    def _set_values(self):
        """Write the settings as superuser: only the fields of this model, i.e. XTools CRM's own parameters,
        feature groups and contract sequence."""
        self.ensure_one()
        self._check_boss()
        params = self.env["ir.config_parameter"].sudo()
        for name, field in self._param_fields().items():
            value = self[name]
            if field.type == "char":
                value = (value or "").strip() or False
            elif field.type == "integer":
                value = str(value)
            if params.get_param(field.config_parameter) != (value if value is False else str(value)):
                params.set_param(field.config_parameter, value)
        employee = self.env.ref("base.group_user").sudo()
        for name, field in self._group_fields().items():
            group = self.env.ref(field.implied_group).sudo()
            if self[name] and group not in employee.implied_ids:
                employee._apply_group(group)
            elif not self[name] and group in employee.implied_ids:
                employee._remove_group(group)
        sequence = self.env.ref(CONTRACT_SEQUENCE, raise_if_not_found=False)
        if sequence:
            values = {
                "prefix": (self.xtools_contract_prefix or "").strip(),
                "padding": self.xtools_contract_padding,
            }
            if (
                self.xtools_contract_next_number
                and self.xtools_contract_next_number != sequence.sudo().number_next_actual
            ):
                values["number_next_actual"] = self.xtools_contract_next_number
            try:
                self.env["ir.sequence"].new({"prefix": values["prefix"], "suffix": ""})._get_prefix_suffix()
            except (UserError, KeyError, ValueError, TypeError):
                raise ValidationError(
                    _("The contract code prefix “%(prefix)s” is not valid: use %%(year)s or %%(month)s for dates.",
                      prefix=values["prefix"])
                ) from None
            sequence.sudo().write(values)
        # The company's time zone may have changed: the nightly run stays at 23:30 local time.
        self.env["xtools.daily.report"].sudo()._schedule_nightly_cron()

    def execute(self):
        """The page's Save button (Odoo's settings view calls ``execute``)."""
        self.ensure_one()
        self._set_values()
        return {"type": "ir.actions.client", "tag": "reload"}

    def cancel(self):
        return self.env["ir.actions.act_window"]._for_xml_id("xtools_crm.xtools_crm_settings_action")

    def action_xtools_send_test_sms(self):
        """Save the settings and send one SMS through them right away; tell the result."""
        self.ensure_one()
        region = self.env.company.country_id.code or DEFAULT_REGION
        number = normalize_phone(self.xtools_sms_test_number, region)
        if not number:
            raise UserError(
                _(
                    "“%(number)s” is not a valid mobile number for the test SMS.",
                    number=self.xtools_sms_test_number or "",
                )
            )
        self._set_values()
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
