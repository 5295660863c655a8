import textwrap

from odoo import models


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _action_send_sms_mass(self, records=None):
        result = super()._action_send_sms_mass(records=records)
        if self.env.context.get("xtools_message_customer_ids"):
            excerpt = textwrap.shorten(self.body or "", 40, placeholder="…")
            self.env["xtools.customer.message.wizard"]._xtools_log_on_customers("sms", excerpt)
        return result
