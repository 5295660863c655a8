from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class XtoolsCustomerMessageWizard(models.TransientModel):
    """Mass e-mail or SMS 群发 to the contacts of customers chosen directly or through their groups.

    It only chooses the recipients and lists those without an address; the sending itself is Odoo's mass-mode
    ``mail.compose.message`` or ``sms.composer`` on the contacts, which logs the sending on each customer
    (see ``_xtools_log_on_customers``).
    """

    _name = "xtools.customer.message.wizard"
    _description = "Mass Message to Customers"

    channel = fields.Selection([("email", "E-mail"), ("sms", "SMS")], string="Send", required=True, default="email")
    customer_ids = fields.Many2many("xtools.customer", string="Customers")
    group_ids = fields.Many2many("xtools.customer.group", string="Customer Groups")
    recipients = fields.Selection(
        [("main", "Main contact only"), ("all", "All contacts")],
        required=True,
        default="main",
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner", string="Will Receive", compute="_compute_recipients"
    )
    recipient_count = fields.Integer(compute="_compute_recipients")
    missing_html = fields.Html(string="Without Address", compute="_compute_recipients", sanitize=True)
    missing_count = fields.Integer(compute="_compute_recipients")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        context = self.env.context
        if (
            context.get("active_model") == "xtools.customer"
            and context.get("active_ids")
            and not res.get("customer_ids")
        ):
            res["customer_ids"] = [fields.Command.set(context["active_ids"])]
        if (
            context.get("active_model") == "xtools.customer.group"
            and context.get("active_ids")
            and not res.get("group_ids")
        ):
            res["group_ids"] = [fields.Command.set(context["active_ids"])]
        return res

    def _get_customers(self):
        customers = self.customer_ids
        if self.group_ids:
            customers |= self.env["xtools.customer"].search([("group_ids", "in", self.group_ids.ids)])
        return customers

    @api.depends("channel", "customer_ids", "group_ids", "recipients")
    def _compute_recipients(self):
        for wizard in self:
            partners = self.env["res.partner"]
            missing = []
            for customer in wizard._get_customers():
                contacts = customer.partner_id.child_ids.filtered(lambda p: p.type == "contact")
                if wizard.recipients == "main" and customer.main_contact_id:
                    contacts = customer.main_contact_id
                if not contacts:
                    # An individual customer, or a company without contacts: write to the customer itself.
                    contacts = customer.partner_id
                for contact in contacts:
                    if wizard._has_address(contact):
                        partners |= contact
                    else:
                        missing.append((customer, contact))
            wizard.recipient_partner_ids = partners
            wizard.recipient_count = len(partners)
            wizard.missing_count = len(missing)
            no_address = _("no e-mail address") if wizard.channel == "email" else _("no mobile number")
            wizard.missing_html = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s — %s: %s</li>") % (customer.display_name, contact.name, no_address)
                for customer, contact in missing
            ) if missing else False

    def _has_address(self, partner):
        if self.channel == "email":
            return bool(partner.email)
        return bool(partner.mobile or partner.phone)

    def action_compose(self):
        """Open Odoo's mass composer on the recipients."""
        self.ensure_one()
        if not self.recipient_partner_ids:
            raise UserError(_("None of the chosen customers has a contact with an address to send to."))
        context = {
            "xtools_message_customer_ids": self._get_customers().ids,
            "xtools_message_partner_ids": self.recipient_partner_ids.ids,
        }
        if self.channel == "email":
            template = self.env.ref("xtools_crm.mail_template_customer_greeting", raise_if_not_found=False)
            return {
                "type": "ir.actions.act_window",
                "name": _("Mass E-mail"),
                "res_model": "mail.compose.message",
                "view_mode": "form",
                "target": "new",
                "context": {
                    **context,
                    "default_composition_mode": "mass_mail",
                    "default_model": "res.partner",
                    "default_res_ids": self.recipient_partner_ids.ids,
                    "default_template_id": template.id if template else False,
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Mass SMS"),
            "res_model": "sms.composer",
            "view_mode": "form",
            "target": "new",
            "context": {
                **context,
                "default_composition_mode": "mass",
                "default_res_model": "res.partner",
                "default_res_ids": self.recipient_partner_ids.ids,
                "default_mass_keep_log": True,
            },
        }

    @api.model
    def _xtools_log_on_customers(self, channel, subject):
        """Called by the composers once sent: note on each customer who received what."""
        customer_ids = self.env.context.get("xtools_message_customer_ids")
        partner_ids = self.env.context.get("xtools_message_partner_ids") or []
        if not customer_ids:
            return
        partners = self.env["res.partner"].browse(partner_ids)
        for customer in self.env["xtools.customer"].browse(customer_ids).exists():
            reached = partners.filtered(lambda p, c=customer: p == c.partner_id or p.parent_id == c.partner_id)
            if not reached:
                continue
            if channel == "email":
                body = _(
                    "Mass e-mail “%(subject)s” sent to %(names)s.",
                    subject=subject,
                    names=", ".join(reached.mapped("name")),
                )
            else:
                body = _(
                    "Mass SMS “%(subject)s” sent to %(names)s.",
                    subject=subject,
                    names=", ".join(reached.mapped("name")),
                )
            customer.message_post(body=body, subtype_xmlid="mail.mt_note")
