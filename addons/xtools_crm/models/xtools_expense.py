from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_amount

EXPENSE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Declined"),
]
# The submission and the decision, written with the state by the action_* methods only (``_xtools_write_state``).
DECISION_FIELDS = {"submit_date", "approver_id", "approve_date", "reject_reason"}
# What the expense is. Frozen once submitted; a rejected expense is corrected in ``CORRECTABLE_FIELDS`` and
# submitted again.
EXPENSE_FIELDS = {
    "customer_id", "company_id", "opportunity_id", "contact_id", "date", "amount", "category_id", "description",
    "user_id",
}
CORRECTABLE_FIELDS = {"opportunity_id", "contact_id", "date", "amount", "category_id", "description"}


class XtoolsExpense(models.Model):
    """A sales expense 销售费用 spent for a customer, approved by a manager of the requester's team or the boss.

    The requester (``user_id``) is the user who records it. Draft → submitted → approved or rejected; a rejected
    expense is corrected and submitted again. Nobody decides on their own expense; a manager decides on the
    expenses of the members of the teams they lead, the boss on everybody's (``res.users._xtools_managed_domain``).
    Only approved expenses count in the customer's expense total.
    """

    _name = "xtools.expense"
    _description = "Sales Expense"
    _inherit = ["xtools.customer.document", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["description", "customer_id"]
    _check_company_auto = True
    _xtools_state = ("state", "draft")

    customer_id = fields.Many2one(tracking=True)
    user_id = fields.Many2one(string="Requester", required=True, readonly=True, tracking=True)
    opportunity_id = fields.Many2one(
        "xtools.opportunity",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('customer_id', '=', customer_id)]",
        help="The sales opportunity this money was spent on, if any.",
    )
    date = fields.Date(string="Expense Date", required=True, default=fields.Date.context_today, index=True,
                       tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary(required=True, tracking=True)
    category_id = fields.Many2one(
        "xtools.expense.category", required=True, index=True, ondelete="restrict", tracking=True
    )
    description = fields.Char(required=True, tracking=True,
                              help="What the money was spent on, e.g. 请客户技术团队吃饭.")
    state = fields.Selection(
        EXPENSE_STATES, string="Status", required=True, default="draft", readonly=True, copy=False, index=True,
        tracking=True,
    )
    submit_date = fields.Datetime(string="Submitted On", readonly=True, copy=False, index="btree_not_null",
                                  help="When the expense was (last) submitted for approval.")
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False,
                                  index="btree_not_null")
    approve_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False)
    can_approve = fields.Boolean(
        string="I Can Approve",
        compute="_compute_can_approve",
        search="_search_can_approve",
        help="Submitted by a member of a team you lead (by anybody else, for the boss).",
    )
    receipt_count = fields.Integer(string="Receipts", compute="_compute_receipt_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("state", "user_id")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        user = self.env.user
        managed = self.user_id._xtools_filtered_managed_by(user)
        for expense in self:
            expense.can_approve = (
                expense.state == "submitted" and expense.user_id != user and expense.user_id in managed
            )

    def _search_can_approve(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “I Can Approve”."))
        domain = [
            ("state", "=", "submitted"),
            ("user_id", "!=", self.env.uid),
            ("user_id", "any", self.env["res.users"]._xtools_managed_domain()),
        ]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    def _compute_receipt_count(self):
        counts = dict(self.env["ir.attachment"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self._origin.ids)], ["res_id"], ["__count"]
        ))
        for expense in self:
            expense.receipt_count = counts.get(expense._origin.id, 0)

    @api.depends("description", "amount", "category_id")
    def _compute_display_name(self):
        for expense in self:
            amount = format_amount(self.env, expense.amount, expense.currency_id) if expense.currency_id else ""
            expense.display_name = " ".join(filter(None, [expense.category_id.name, amount, expense.description]))

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.currency_id.compare_amounts(expense.amount, 0.0) <= 0:
                raise ValidationError(_(
                    "The amount of the expense “%(expense)s” must be more than zero, not %(amount)s.",
                    expense=expense.description, amount=expense.amount,
                ))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        expenses = super().create(vals_list)
        # On the created records, so that default_* context values count too.
        if not self.env.su:
            decided = expenses.filtered(
                lambda e: e.submit_date or e.approver_id or e.approve_date or e.reject_reason
            )
            if decided:
                raise UserError(_("An expense is created as a draft and decided with the Approve and Reject buttons."))
            others = expenses.filtered(lambda e: e.user_id != self.env.user)
            if others:
                raise AccessError(_(
                    "You record your own expenses only, not those of %(user)s.", user=others[0].user_id.name
                ))
        return expenses

    def write(self, vals):
        if DECISION_FIELDS & vals.keys() and not self.env.su:
            raise UserError(_(
                "The decision on an expense is made only through its buttons (Submit, Approve, Reject)."
            ))
        if "user_id" in vals and not self.env.su:
            raise UserError(_("The requester of an expense cannot be changed."))
        changed = EXPENSE_FIELDS & vals.keys()
        if changed:
            locked = self.filtered(
                lambda e: (
                    e.state in ("submitted", "approved") or (e.state == "rejected" and changed - CORRECTABLE_FIELDS)
                )
            )
            if locked:
                raise UserError(_(
                    "The expense “%(expense)s” is %(state)s: it can no longer be changed.",
                    expense=locked[0].display_name,
                    state=dict(locked._fields["state"]._description_selection(self.env))[locked[0].state],
                ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.env.su or self.env.user.has_group("xtools_crm.group_boss"):
            return
        locked = self.filtered(lambda e: e.state in ("submitted", "approved"))
        if locked:
            raise UserError(_(
                "Submitted and approved expenses cannot be deleted: %(names)s",
                names=", ".join(locked.mapped("display_name")),
            ))

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------
    def _get_refusal_reason(self):
        """Why the current user may not decide on this expense, or ``None`` when they may."""
        self.ensure_one()
        if self.state != "submitted":
            return _("not submitted")
        if self.user_id == self.env.user:
            return _("your own expense")
        if not self.can_approve:
            return _("not of a team you lead")
        return None

    def _split_decidable(self):
        """Return (the expenses the current user may decide on, ``[(expense, reason), ...]`` for the others)."""
        refused = [(expense, expense._get_refusal_reason()) for expense in self]
        refused = [(expense, reason) for expense, reason in refused if reason]
        return self - self.browse([expense.id for expense, _reason in refused]), refused

    def _decision_result(self, decided, refused, done_message):
        """The notification after a decision on a selection: what was decided, and each refused expense by name
        with the reason. Nothing decided at all is an error."""
        refused_lines = ", ".join(f"{expense.display_name}（{reason}）" for expense, reason in refused)
        if not decided:
            raise UserError(_("None of these expenses can be decided by you: %(refused)s", refused=refused_lines))
        message = done_message
        if refused:
            message = _("%(done)s Not decided: %(refused)s", done=done_message, refused=refused_lines)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if refused else "success",
                "message": message,
                "sticky": bool(refused),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_submit(self):
        for expense in self:
            if expense.state not in ("draft", "rejected"):
                raise UserError(_(
                    "Only a draft or rejected expense can be submitted: “%(expense)s” is not.",
                    expense=expense.display_name,
                ))
            if expense.user_id != self.env.user and not self.env.su:
                raise AccessError(_(
                    "Only %(user)s submits the expense “%(expense)s”.",
                    user=expense.user_id.name, expense=expense.display_name,
                ))
        self._xtools_write_state({"state": "submitted", "submit_date": fields.Datetime.now(), "approver_id": False,
                                  "approve_date": False, "reject_reason": False})
        return True

    def action_withdraw(self):
        """The requester takes a submitted expense back to draft to change it."""
        for expense in self:
            if expense.state != "submitted":
                raise UserError(_("Only a submitted expense can be withdrawn: “%(expense)s” is not.",
                                  expense=expense.display_name))
            if expense.user_id != self.env.user and not self.env.su:
                raise AccessError(_("Only %(user)s withdraws the expense “%(expense)s”.",
                                    user=expense.user_id.name, expense=expense.display_name))
        self._xtools_write_state({"state": "draft", "submit_date": False})
        return True

    def action_approve(self):
        """Approve 同意 what the current user may decide on; name the refused ones."""
        approved, refused = self._split_decidable()
        if approved:
            approved._xtools_write_state({
                "state": "approved", "approver_id": self.env.uid, "approve_date": fields.Datetime.now(),
                "reject_reason": False,
            })
            approved._notify_requesters()
        return self._decision_result(
            approved, refused, _("%(count)s expense(s) approved.", count=len(approved))
        )

    def action_reject(self, reason=None):
        """Reject 否决: without a reason, ask for it in the wizard; with it, reject what the current user may decide
        on and name the refused ones."""
        if reason is None:
            return {
                "type": "ir.actions.act_window",
                "name": _("Reject Expenses"),
                "res_model": "xtools.expense.reject.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_expense_ids": self.ids},
            }
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason why the expenses are rejected."))
        rejected, refused = self._split_decidable()
        if rejected:
            rejected._xtools_write_state({
                "state": "rejected", "approver_id": self.env.uid, "approve_date": fields.Datetime.now(),
                "reject_reason": reason,
            })
            rejected._notify_requesters()
        return self._decision_result(
            rejected, refused, _("%(count)s expense(s) rejected.", count=len(rejected))
        )

    def _notify_requesters(self):
        """Tell each requester the decision in the chatter (as a notification to them) and, when Settings ask for
        it, by e-mail."""
        by_email = self.env["ir.config_parameter"].sudo().get_param("xtools_crm.expense_notify_email")
        template = self.env.ref("xtools_crm.mail_template_xtools_expense_decision", raise_if_not_found=False)
        for expense in self:
            # In the requester's language: the note is written for them.
            env = expense.with_context(lang=expense.user_id.lang or self.env.lang).env
            name = expense.with_env(env).display_name
            if expense.state == "approved":
                body = env._("Your expense %(expense)s was approved by %(approver)s.",
                             expense=name, approver=self.env.user.name)
            else:
                body = env._("Your expense %(expense)s was rejected by %(approver)s: %(reason)s",
                             expense=name, approver=self.env.user.name, reason=expense.reject_reason)
            expense.message_post(body=body, partner_ids=expense.user_id.partner_id.ids,
                                 subtype_xmlid="mail.mt_note")
            if by_email and template and expense.user_id.email:
                template.send_mail(expense.id)

    def attach_document(self, **kwargs):
        """The Attach Receipt button: the uploaded receipts are listed in the chatter."""
        self.ensure_one()
        self.message_post(body=_("Receipt attached."), attachment_ids=kwargs.get("attachment_ids", []))
        return True
