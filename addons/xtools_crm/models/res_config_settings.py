from odoo import fields, models


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
