from odoo import models


class ResConfigSettings(models.TransientModel):
    """XTools CRM's page in Settings. Feature toggles are ``group_*`` booleans with ``implied_group``; global
    options are ``config_parameter='xtools_crm.<key>'`` fields."""

    _inherit = "res.config.settings"
