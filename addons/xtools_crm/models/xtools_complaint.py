from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

COMPLAINT_TYPES = [
    ("product", "Product Quality"),
    ("service", "Service"),
    ("delivery", "Delivery"),
    ("price", "Price"),
    ("other", "Other"),
]
URGENCIES = [("normal", "Normal"), ("urgent", "Urgent"), ("critical", "Critical")]
COMPLAINT_STATES = [
    ("new", "Not Handled"),
    ("processing", "Processing"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
]
# Still to be dealt with: shown on the workbench, can be overdue.
UNRESOLVED_STATES = ("new", "processing")
# Hours to resolve a complaint, per urgency, when Settings say nothing (config parameter
# ``xtools_crm.complaint_hours_<urgency>``).
DEFAULT_COMPLAINT_HOURS = {"normal": 72, "urgent": 24, "critical": 4}


class XtoolsComplaint(models.Model):
    """A customer complaint 客户投诉 and its handling: 未处理 → 处理中 → 已解决 → 已关闭 (reopened when needed).

    Its urgency sets the deadline (hours per urgency in Settings, from the complaint's date); an unresolved
    complaint past its deadline is overdue, computed against the current time on every read and search.
    """

    _name = "xtools.complaint"
    _description = "Customer Complaint"
    _inherit = ["xtools.customer.document", "xtools.return.visit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _xtools_state = ("state", "new")

    name = fields.Char(string="Subject", required=True, index="trigram", tracking=True)
    customer_id = fields.Many2one(tracking=True)
    contract_id = fields.Many2one(
        "xtools.contract",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
    )
    date = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now, index=True)
    complaint_type = fields.Selection(COMPLAINT_TYPES, string="Type", required=True, default="product",
                                      tracking=True)
    urgency = fields.Selection(URGENCIES, required=True, default="normal", tracking=True)
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        precompute=True,
        index=True,
        help="When the complaint should be resolved: its date plus the hours Settings give its urgency.",
    )
    user_id = fields.Many2one(string="Handled By", tracking=True)
    description = fields.Text(string="Complaint Details", required=True)
    resolution = fields.Text(tracking=True)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        COMPLAINT_STATES, string="Status", required=True, default="new", readonly=True, copy=False, index=True,
        tracking=True, group_expand="_read_group_expand_states",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue",
        help="Not resolved after its deadline.",
    )
    service_ids = fields.One2many("xtools.service", "complaint_id", string="Return Visits")

    @api.model
    def _get_complaint_hours(self, urgency):
        param = self.env["ir.config_parameter"].sudo().get_param(f"xtools_crm.complaint_hours_{urgency}")
        try:
            hours = int(param)
        except (TypeError, ValueError):
            hours = 0
        return hours if hours > 0 else DEFAULT_COMPLAINT_HOURS[urgency]

    @api.depends("date", "urgency")
    def _compute_deadline(self):
        hours = {urgency: self._get_complaint_hours(urgency) for urgency, _label in URGENCIES}
        for complaint in self:
            if complaint.date and complaint.urgency:
                complaint.deadline = complaint.date + timedelta(hours=hours[complaint.urgency])
            else:
                complaint.deadline = False

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.state in UNRESOLVED_STATES and complaint.deadline and complaint.deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “Overdue”."))
        domain = [("state", "in", UNRESOLVED_STATES), ("deadline", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    @api.model
    def _read_group_expand_states(self, states, domain):
        return [key for key, _label in COMPLAINT_STATES]

    @api.model
    def _get_unresolved_domain(self):
        """The complaints still to be dealt with (未处理 + 处理中), e.g. for the workbench."""
        return [("state", "in", UNRESOLVED_STATES)]

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        if not self.env.su and complaints.filtered(lambda c: c.resolved_date or c.closed_date):
            raise UserError(_("The resolved and closed dates of a complaint are set by its Resolve button and "
                              "its Close button."))
        return complaints

    def write(self, vals):
        if {"resolved_date", "closed_date"} & vals.keys() and not self.env.su:
            raise UserError(_("The status of a complaint changes only through its buttons (Start, Resolve, Close, "
                              "Reopen)."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------
    def _check_states(self, allowed, action):
        for complaint in self:
            if complaint.state not in allowed:
                raise UserError(_(
                    "The complaint “%(complaint)s” is %(state)s: it cannot be %(action)s.",
                    complaint=complaint.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[complaint.state],
                    action=action,
                ))

    def action_start(self):
        """未处理 → 处理中."""
        self._check_states(("new",), _("taken on"))
        self._xtools_write_state({"state": "processing"})
        return True

    def action_resolve(self):
        """→ 已解决, with the resolution written down."""
        self._check_states(UNRESOLVED_STATES, _("resolved"))
        missing = self.filtered(lambda c: not (c.resolution or "").strip())
        if missing:
            raise UserError(_("Write down the resolution of the complaint “%(complaint)s” before resolving it.",
                              complaint=missing[0].name))
        self._xtools_write_state({"state": "resolved", "resolved_date": fields.Datetime.now()})
        return True

    def action_close(self):
        """已解决 → 已关闭."""
        self._check_states(("resolved",), _("closed"))
        self._xtools_write_state({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    def action_reopen(self):
        """已解决 / 已关闭 → 处理中: the customer is not satisfied after all."""
        self._check_states(("resolved", "closed"), _("reopened"))
        self._xtools_write_state({"state": "processing", "resolved_date": False, "closed_date": False})
        return True

    # ------------------------------------------------------------------
    # Return visits
    # ------------------------------------------------------------------
    def _can_plan_return_visit(self):
        self.ensure_one()
        return self.state in ("resolved", "closed")

    def _get_return_visit_service_values(self):
        self.ensure_one()
        return {
            "customer_id": self.customer_id.id,
            "contact_id": self.contact_id.id,
            "contract_id": self.contract_id.id,
            "complaint_id": self.id,
            "name": _("Return visit: %(complaint)s", complaint=self.name),
        }
