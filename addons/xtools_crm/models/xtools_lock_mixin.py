from odoo import models
from odoo.tools import SQL


class XtoolsLockMixin(models.AbstractModel):
    """Row locks for checks over several rows (payments within a contract's amount, deliveries within a plan, one
    claim of a pool customer): lock the parent rows first, then check, so that two concurrent transactions cannot
    both pass the check."""

    _name = "xtools.lock.mixin"
    _description = "Row Lock for Checks over Several Rows"

    def _lock_for_update(self):
        """Lock the rows of ``self`` until the end of the transaction. Under Odoo's REPEATABLE READ isolation a second
        transaction waits here, and fails with a serialization error (then the request is retried) when the first
        one changed the rows; the retry sees the first one's result."""
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE", SQL.identifier(self._table), tuple(self.ids))
            )
