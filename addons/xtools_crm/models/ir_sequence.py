from odoo import api, models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _xtools_fill_codes(self, vals_list, fname, sequence_code, new_label):
        """Give the rows of ``vals_list`` without ``fname`` (or with ``new_label``, the form's placeholder) the next
        numbers of the sequence ``sequence_code``, as ``next_by_code`` would one by one (same rights, same choice
        of sequence), with the sequence searched once for the batch instead of once per row (an import)."""
        pending = [vals for vals in vals_list if not vals.get(fname) or vals[fname] == new_label]
        if not pending:
            return
        self.browse().check_access("read")
        sequence = self.search(
            [("code", "=", sequence_code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id", limit=1,
        )
        for vals in pending:
            vals[fname] = (sequence._next() if sequence else False) or new_label
