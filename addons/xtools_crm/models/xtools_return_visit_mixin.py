from odoo import _, fields, models
from odoo.exceptions import UserError

RETURN_VISIT_TYPE = "xtools_crm.mail_activity_type_return_visit"


class XtoolsReturnVisitMixin(models.AbstractModel):
    """A record a return visit 回访 is planned from (a signed contract, a resolved complaint).

    Planning makes a task (``mail.activity`` of type 回访) on the record; the task's "Record Return Visit" button
    opens a service record 服务记录 of type return visit filled in from the record, and saving that service marks
    the task done (``xtools.service.create``).
    """

    _name = "xtools.return.visit.mixin"
    _description = "Return Visit Planning"

    return_visit_activity_id = fields.Many2one(
        "mail.activity", string="Planned Return Visit", compute="_compute_return_visit_activity_id"
    )

    def _compute_return_visit_activity_id(self):
        visit_type = self.env.ref(RETURN_VISIT_TYPE, raise_if_not_found=False)
        activities = self.env["mail.activity"]
        if visit_type and self._origin.ids:
            activities = activities.search(
                [("res_model", "=", self._name), ("res_id", "in", self._origin.ids),
                 ("activity_type_id", "=", visit_type.id)],
                order="date_deadline desc, id desc",
            )
        first = {activity.res_id: activity for activity in activities}
        for record in self:
            record.return_visit_activity_id = first.get(record._origin.id, False)

    def _can_plan_return_visit(self):
        """Whether a return visit can be planned from this record now."""
        raise NotImplementedError

    def _get_return_visit_service_values(self):
        """The default values of the service record of a return visit planned from this record."""
        raise NotImplementedError

    def action_plan_return_visit(self):
        """Plan a return visit: a 回访 task on the record for the current user, opened to adjust date and owner."""
        self.ensure_one()
        if not self._can_plan_return_visit():
            raise UserError(_("A return visit is planned from a signed contract or a resolved complaint; "
                              "“%(record)s” is neither.", record=self.display_name))
        activity = self.activity_schedule(
            RETURN_VISIT_TYPE,
            summary=_("Return visit: %(record)s", record=self.display_name),
            user_id=self.env.uid,
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan Return Visit"),
            "res_model": "mail.activity",
            "res_id": activity.id,
            "view_mode": "form",
            "views": [(self.env.ref("mail.mail_activity_view_form_popup").id, "form")],
            "target": "new",
        }

    def action_record_return_visit(self):
        """Open the service record of the planned return visit, filled in."""
        self.ensure_one()
        if not self.return_visit_activity_id:
            raise UserError(_("No return visit is planned for “%(record)s”.", record=self.display_name))
        return self.return_visit_activity_id.action_xtools_record_return_visit()
