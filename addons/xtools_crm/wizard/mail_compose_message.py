from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        result = super()._action_send_mail(auto_commit=auto_commit)
        if self.env.context.get("xtools_message_customer_ids") and self.composition_mode == "mass_mail":
            self.env["xtools.customer.message.wizard"]._xtools_log_on_customers("email", self.subject or "")
        return result
