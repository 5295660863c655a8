from odoo import _, api, models
from odoo.exceptions import UserError

# Lets ``_write_state`` through ``write``: a context value no RPC caller can send (JSON has no such object), so a
# status changes only through the model's action_* methods, with their checks, and through the whole ``write``
# chain of the model.
_STATE_WRITE = object()


class XtoolsStateMixin(models.AbstractModel):
    """A document whose status (and the fields set with it, ``_state_fields``) changes only through its action_*
    methods: ``write`` refuses them, ``create`` starts in ``_state_initial`` with those fields empty (checked on the
    created records, so that ``default_*`` context values count too)."""

    _name = "xtools.state.mixin"
    _description = "Status Changed by Buttons Only"
    _state_fields = ("state",)
    _state_initial = "draft"

    def _state_write_error(self):
        return _("The status of “%(record)s” changes only through its buttons.", record=self[:1].display_name)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            if record.state != self._state_initial or any(record[f] for f in self._state_fields if f != "state"):
                raise UserError(_(
                    "A new %(model)s starts as “%(state)s”; its status then changes through its buttons.",
                    model=self.env["ir.model"]._get(self._name).name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self._state_initial],
                ))
        return records

    def write(self, vals):
        if set(self._state_fields) & vals.keys() and self.env.context.get("xtools_state_write") is not _STATE_WRITE:
            raise UserError(self._state_write_error())
        return super().write(vals)

    def _write_state(self, vals):
        """Write the status and its fields (``vals``) for an action_* method that checked the change."""
        return self.with_context(xtools_state_write=_STATE_WRITE).write(vals)
