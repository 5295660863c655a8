"""Database helpers Odoo's own ``odoo.tools.sql`` does not have."""

from odoo.tools import SQL
from odoo.tools.sql import index_exists


def create_covering_index(cr, name, table, columns, include, where=None):
    """Create the btree index ``name`` on ``columns`` of ``table`` unless it exists, carrying ``include`` as well:
    a statement that reads only those columns is answered from the index alone (an index-only scan), without
    visiting the table's rows. ``where`` (an ``SQL`` condition) makes it a partial index of the rows it holds."""
    if index_exists(cr, name):
        return
    cr.execute(SQL(
        "CREATE INDEX %s ON %s (%s) INCLUDE (%s)%s",
        SQL.identifier(name),
        SQL.identifier(table),
        SQL(", ").join(SQL.identifier(column) for column in columns),
        SQL(", ").join(SQL.identifier(column) for column in include),
        SQL(" WHERE %s", where) if where else SQL(),
    ))
