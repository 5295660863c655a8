from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """XTools CRM's page in Settings. Feature toggles are ``group_*`` booleans with ``implied_group``; global
    options are ``config_parameter='xtools_crm.<key>'`` fields."""

    _inherit = "res.config.settings"

    # Contracts and receivables
    xtools_contract_text_required = fields.Boolean(
        string="Contract Text Required for Signing",
        config_parameter="xtools_crm.contract_text_required",
        help="A contract can be signed only once its text (scan or electronic file) is attached.",
    )
