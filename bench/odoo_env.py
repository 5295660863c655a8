"""Open an Odoo environment on a database from a plain Python script (the bench scripts run as
``python bench/<script>.py -d <db>`` with the project's venv, Odoo's source on its path)."""
import contextlib
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def add_odoo_arguments(parser):
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", default=os.path.join(ROOT, "odoo.conf"))
    parser.add_argument("--db_host", default=os.environ.get("DB_HOST", "localhost"))
    parser.add_argument("--db_port", default=os.environ.get("DB_PORT", "5432"))
    parser.add_argument("--db_user", default=os.environ.get("DB_USER", "xtools"))
    parser.add_argument("--db_password", default=os.environ.get("DB_PASSWORD", "xtools"))
    parser.add_argument("--data-dir", default=os.path.join(ROOT, ".local", "data"))


@contextlib.contextmanager
def odoo_env(args, log_level="warn"):
    """An environment of the superuser on ``args.database``, in a cursor committed by the caller."""
    import logging

    import odoo
    from odoo import SUPERUSER_ID, api

    # measure.py reuses the tests' helper that builds a view's web_read specification (tests/test_performance.py):
    # importing Odoo's test framework outside a test run logs an error meant for business modules.
    logging.getLogger("odoo.tests.common").setLevel(logging.CRITICAL)

    odoo.tools.config.parse_config([
        "-c", args.config, f"--db_host={args.db_host}", f"--db_port={args.db_port}", f"--db_user={args.db_user}",
        f"--db_password={args.db_password}", f"--data-dir={args.data_dir}", f"--log-level={log_level}",
        f"--addons-path={os.path.join(ROOT, 'addons')}",  # Odoo adds its own odoo/addons
    ])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})
