"""What the module's migration scripts share (``migrations/``)."""


def delete_rules(cr, names):
    """Delete the module's record rules of these XML ids, with their XML ids. Rules live in a ``noupdate`` file, so
    an upgrade keeps a rule whose domain changed: deleted first, the upgrade creates it again from
    ``security/ir_rules.xml``, and a rule that is no longer there stays deleted."""
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name = ANY(%s))
        """,
        [list(names)],
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name = ANY(%s)",
        [list(names)],
    )
