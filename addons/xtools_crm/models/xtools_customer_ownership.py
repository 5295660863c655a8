from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class XtoolsCustomer(models.Model):
    """Ownership of customers: the owner 负责人, the users a customer is shared with 共享, and the transfer 转移 of
    customers (with what goes along) — who may do what, and the chatter lines that record it."""

    _inherit = "xtools.customer"

    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The salesperson responsible for the customer. They and the users it is shared with see the "
        "customer and everything filed under it.",
    )
    shared_user_ids = fields.Many2many(
        "res.users",
        "xtools_customer_shared_user_rel",
        "customer_id",
        "user_id",
        string="Shared With",
        check_company=True,
        domain="[('share', '=', False)]",
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        customers = super().create(vals_list)
        customers._check_owner_allowed()
        return customers

    def write(self, vals):
        if {"user_id", "shared_user_ids"} & vals.keys():
            self._check_ownership_change()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Ownership: who may share and transfer
    # ------------------------------------------------------------------
    def _filtered_ownership_managed(self):
        """Return the customers whose ownership the current user may change: their own; for a manager,
        also those owned by members of the teams they lead; for the boss, all of them."""
        user = self.env.user
        if self.env.su:
            return self
        managed = self.user_id._xtools_filtered_managed_by(user)
        return self.filtered(lambda c: c.user_id == user or c.user_id in managed)

    def _check_ownership_change(self):
        forbidden = self - self._filtered_ownership_managed()
        if forbidden:
            raise AccessError(
                _(
                    "Only the owner, the manager of the owner's sales team or the boss may share or transfer "
                    "these customers: %(names)s",
                    names=", ".join(forbidden.mapped("display_name")),
                )
            )

    def _check_owner_allowed(self):
        """A salesperson creates customers for themselves; a manager for themselves and their teams' members; the
        boss for anyone. Checked on the created records, so that a ``default_user_id`` in the context counts too."""
        user = self.env.user
        if self.env.su:
            return
        allowed = user | self.user_id._xtools_filtered_managed_by(user)
        for customer in self:
            if customer.user_id not in allowed:
                raise AccessError(
                    _("You cannot create a customer owned by %(user)s.", user=customer.user_id.name)
                )

    def _share_with(self, users):
        self._check_ownership_change()
        for customer in self:
            added = users - customer.shared_user_ids - customer.user_id
            if not added:
                continue
            customer.shared_user_ids = [fields.Command.link(user.id) for user in added]
            customer.message_post(
                body=_("Customer shared with %(users)s.", users=", ".join(added.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    def _unshare_with(self, users):
        self._check_ownership_change()
        for customer in self:
            removed = users & customer.shared_user_ids
            if not removed:
                continue
            customer.shared_user_ids = [fields.Command.unlink(user.id) for user in removed]
            customer.message_post(
                body=_("Customer no longer shared with %(users)s.", users=", ".join(removed.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _get_transfer_documents(self):
        """What a transfer may carry to the new owner: option → (model, domain of the records to carry).
        Options whose model is not installed are left out."""
        options = {
            "opportunities": ("xtools.opportunity", [("state", "=", "open")]),
            "contracts": ("xtools.contract", [("state", "=", "running")]),
            "payment_plans": ("xtools.payment.plan", [("state", "in", ("planned", "partial", "overdue"))]),
        }
        return {key: value for key, value in options.items() if value[0] in self.env}

    def _transfer_to(self, user, carry=()):
        """Give the customers to ``user``. ``carry`` names what goes along (keys of
        ``_get_transfer_documents`` and ``"activities"``): only the old owner's open records move.

        One search per kind of document for all the customers. The carried documents are handed over as
        superuser: the transfer is allowed by the customer's ownership (checked here), not by the documents'
        own locks (a signed contract's salesperson is otherwise for managers only)."""
        self._check_ownership_change()
        customers = self.filtered(lambda c: c.user_id != user)
        if not customers:
            return
        previous = {customer.id: customer.user_id for customer in customers}
        carried = {customer.id: [] for customer in customers}
        searches = [
            (self.env[model], [("customer_id", "in", customers.ids), *domain], "customer_id",
             self.env["ir.model"]._get(model).name)
            for key, (model, domain) in self._get_transfer_documents().items() if key in carry
        ]
        if "activities" in carry:
            searches.append((
                self.env["mail.activity"], [("res_model", "=", self._name), ("res_id", "in", customers.ids)],
                "res_id", _("Activities"),
            ))
        for Model, domain, customer_field, label in searches:
            records = Model.search(domain + [("user_id", "in", customers.user_id.ids)])
            by_customer = {}
            for record in records:
                customer_id = record[customer_field] if customer_field == "res_id" else record[customer_field].id
                if record.user_id == previous[customer_id]:
                    by_customer.setdefault(customer_id, Model.browse())
                    by_customer[customer_id] |= record
            moving = Model.browse([rid for group in by_customer.values() for rid in group.ids])
            if moving:
                moving.sudo().write({"user_id": user.id})
            for customer_id, group in by_customer.items():
                carried[customer_id].append(f"{label} × {len(group)}")
        for customer in customers:
            body = _(
                "Customer transferred from %(old)s to %(new)s by %(by)s.",
                old=previous[customer.id].name,
                new=user.name,
                by=self.env.user.name,
            )
            if carried[customer.id]:
                body = _("%(transfer)s Carried along: %(carried)s.", transfer=body,
                         carried=", ".join(carried[customer.id]))
            # Post before the write: once transferred, a salesperson may no longer see the customer.
            customer.message_post(body=body, subtype_xmlid="mail.mt_note")
        customers.with_context(tracking_disable=True).write(
            {"user_id": user.id, "shared_user_ids": [fields.Command.unlink(user.id)]}
        )

    def _action_batch_wizard(self, operation):
        self._check_ownership_change()
        return {
            "type": "ir.actions.act_window",
            "name": _("Share Customers") if operation == "share" else _("Transfer Customers"),
            "res_model": "xtools.customer.batch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_customer_ids": self.ids, "default_operation": operation},
        }

    def action_share(self):
        return self._action_batch_wizard("share")

    def action_transfer(self):
        return self._action_batch_wizard("transfer")
