from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SERVICE_TYPES = [
    ("installation", "Installation"),
    ("training", "Training"),
    ("maintenance", "Maintenance"),
    ("consultation", "Consultation"),
    ("return_visit", "Return Visit"),
    ("other", "Other"),
]
SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]


class XtoolsService(models.Model):
    """A service record 服务记录: installation, training, maintenance, consultation or a return visit 回访 given to
    a customer, with the hours spent and the customer's satisfaction (1–5)."""

    _name = "xtools.service"
    _description = "Service Record"
    _inherit = ["xtools.customer.document", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, index="trigram")
    customer_id = fields.Many2one(tracking=True)
    contract_id = fields.Many2one(
        "xtools.contract",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
    )
    complaint_id = fields.Many2one(
        "xtools.complaint",
        index="btree_not_null",
        check_company=True,
        domain="[('customer_id', '=', customer_id)]",
        help="The complaint this return visit follows up.",
    )
    date = fields.Date(string="Service Date", required=True, default=fields.Date.context_today, index=True)
    service_type = fields.Selection(SERVICE_TYPES, required=True, default="consultation",
                                    index=True)
    content = fields.Text(required=True)
    user_id = fields.Many2one(string="Handled By", required=True, tracking=True)
    hours = fields.Float(aggregator="sum")
    result = fields.Text()
    satisfaction = fields.Selection(SATISFACTION, required=True, tracking=True,
                                    help="The customer's satisfaction, from 1 (very dissatisfied) to 5.")
    satisfaction_score = fields.Float(
        string="Satisfaction (1–5)", compute="_compute_satisfaction_score", store=True, aggregator="avg",
        digits=(2, 1), help="The satisfaction as a number from 1 to 5; averaged in reports.",
    )

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for service in self:
            service.satisfaction_score = int(service.satisfaction or 0)

    @api.constrains("hours")
    def _check_hours(self):
        for service in self:
            if service.hours < 0:
                raise ValidationError(_("The hours of the service “%(service)s” cannot be negative (%(hours)s).",
                                        service=service.name, hours=service.hours))

    @api.model_create_multi
    def create(self, vals_list):
        services = super().create(vals_list)
        activity_id = self.env.context.get("xtools_return_visit_activity_id")
        if activity_id and len(services) == 1:
            self.env["mail.activity"].browse(activity_id)._xtools_done_by_return_visit(services)
        return services
