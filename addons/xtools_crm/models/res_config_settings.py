from odoo import _, fields, models
from odoo.exceptions import UserError

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
    # Customer pool rules 公海规则 and the owned-customer limit (models/xtools_customer_ownership.py)
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
