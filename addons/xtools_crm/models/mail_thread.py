from odoo import _, models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    """On the records of XTools CRM, followers and recipients are partners the user may see: adding a hidden
    contact as follower or recipient would show their name and e-mail and send them mail."""

    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        self._xtools_check_partners_visible(partner_ids)
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def message_post(self, **kwargs):
        self._xtools_check_partners_visible(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def _xtools_check_partners_visible(self, partner_ids):
        if not partner_ids or self.env.su or not hasattr(self, "_xtools_customer_path"):
            return
        partners = self.env["res.partner"].browse(partner_ids)
        hidden = partners - partners._filtered_access("read")
        if hidden:
            raise AccessError(
                _("You cannot address the contact #%(id)s, whom you are not allowed to see.", id=hidden[0].id)
            )
