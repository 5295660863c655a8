import importlib.util
import os
import re
import subprocess
import tempfile

from odoo.tests import TransactionCase, tagged

from .common import XtoolsCrmCase

BENCH_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "bench"))
CHINESE = re.compile(r"^[\u4e00-\u9fff]+$")


def load_bench_module(name):
    """A script of the repository's ``bench/`` folder, imported by its path (it is no part of the addon)."""
    spec = importlib.util.spec_from_file_location(f"xtools_bench_{name}", os.path.join(BENCH_DIR, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestBenchGenerator(XtoolsCrmCase):
    """``bench/generate.py`` at the small scale: the counts it promises, a coherent company, the same data for the
    same seed. Without the baseline: the test database has no ``crm`` (the benchmark's database has)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generate = load_bench_module("generate")

    def test_small_scale_counts_and_invariants(self):
        counts = self.generate.SCALES["small"]
        generator = self.generate.Generator(self.env, "small", seed=7)
        stats = generator.run(with_baseline=False)

        users = generator.users
        self.assertEqual(len(users["teams"]), counts["teams"])
        self.assertEqual(len(users["sales"]), counts["salespeople"])
        self.assertTrue(users["boss"].has_group("xtools_crm.group_boss"))
        for team in users["teams"]:
            self.assertIn(team.user_id, users["managers"], "every team is led by a generated manager")
            self.assertTrue(team.user_id.has_group("xtools_crm.group_manager"))
            self.assertTrue(team.member_ids and team.member_ids <= users["sales"])
        self.assertFalse(users["sales"].filtered(lambda u: u.has_group("xtools_crm.group_manager")))

        customers = generator.customers
        self.assertEqual(len(customers), counts["customers"])
        # Created over the last years, as a company's file grows: this month's new customers are a few of them.
        ages = [(generator.now - customer.create_date).days for customer in customers]
        self.assertLess(max(ages), self.generate.CUSTOMER_YEARS * 365)
        self.assertGreater(max(ages), 365)
        self.assertLess(sum(age < 31 for age in ages), len(ages) / 10)
        self.assertTrue(customers.user_id <= users["owners"], "customers are owned by the salespeople and managers")
        contacts = customers.partner_id.child_ids.filtered(lambda p: p.type == "contact")
        self.assertEqual(len(contacts), counts["contacts"])
        self.assertTrue(all(c.main_contact_id for c in customers if c.partner_id.child_ids))
        for customer in customers:
            self.assertTrue(CHINESE.match(customer.name), customer.name)
            self.assertTrue(customer.mobile.startswith("+861"), customer.mobile)
            if customer.customer_type == "company":
                self.assertTrue(customer.short_name and customer.short_name in customer.name)
                self.assertTrue(customer.phone.startswith("+86"), customer.phone)
            self.assertTrue(customer.pinyin_keys)
        self.assertEqual(len(set(customers.mapped("name"))), len(customers))
        self.assertTrue(all(p.mobile.startswith("+861") for p in contacts), "contacts' phones are stored in E.164")

        Action = self.env["xtools.action"]
        self.assertEqual(Action.search_count([("customer_id", "in", customers.ids)]), counts["actions"])
        actions = Action.search([("customer_id", "in", customers.ids)])
        self.assertTrue(all(a.user_id == a.customer_id.user_id for a in actions))
        activities = self.env["mail.activity"].search([("res_model", "=", "xtools.customer"),
                                                       ("res_id", "in", customers.ids)])
        # Tasks, and the meeting activity Odoo adds for each schedule linked to a customer.
        self.assertEqual(len(activities.filtered(lambda a: not a.calendar_event_id)), counts["tasks"])
        self.assertEqual(len(activities.calendar_event_id), counts["events"])
        self.assertTrue(all(a.user_id == self.env["xtools.customer"].browse(a.res_id).user_id for a in activities))

        opportunities = generator.opportunities
        self.assertEqual(len(opportunities), counts["opportunities"])
        self.assertTrue(all(o.history_ids for o in opportunities), "every opportunity has its stage history")
        self.assertEqual(stats["xtools.opportunity.history"]["rows"], len(opportunities.history_ids))
        self.assertTrue(all(o.user_id == o.customer_id.user_id for o in opportunities))

        contracts = generator.contracts
        self.assertEqual(len(contracts), counts["contracts"])
        self.assertEqual(len(contracts.plan_ids), counts["plans"])
        signed = contracts.filtered(lambda c: c.state == "running")
        self.assertTrue(signed and len(signed) < len(contracts), "signed contracts and drafts")
        for contract in signed:
            self.assertAlmostEqual(sum(contract.plan_ids.mapped("amount")), contract.amount, places=2)
            self.assertEqual(contract.customer_id.lifecycle, "customer", "a signed contract makes a signed customer")
        payments = self.env["xtools.payment"].search([("contract_id", "in", contracts.ids)])
        self.assertEqual(len(payments), counts["payments"])
        self.assertTrue(payments.contract_id <= signed, "payments only on signed contracts")
        self.assertTrue(all(p.contract_id.sign_date <= p.date <= generator.today for p in payments),
                        "paid between the signature and today")
        self.assertLess(sum(p.date == generator.today for p in payments), len(payments) / 10, "not piled on today")
        for contract in signed:
            self.assertLessEqual(contract.paid_amount, contract.amount)
            self.assertAlmostEqual(contract.paid_amount, sum(contract.payment_ids.mapped("amount")), places=2)
            self.assertAlmostEqual(contract.customer_id.payment_amount_total,
                                   sum(contract.customer_id.payment_ids.mapped("amount")), places=2)

        for model in ("xtools.customer", "xtools.action", "xtools.opportunity", "xtools.contract", "xtools.payment"):
            self.assertGreater(stats[model]["rows_per_second"], 0, f"the rate of {model} is printed")

        # --backdate on a data set of the earlier generator, whose payments were clipped onto the generation day.
        self.env.cr.execute("UPDATE xtools_payment SET date = create_date::date WHERE id = ANY(%s)", [payments.ids])
        payments.invalidate_recordset(["date"])
        moved = generator.backdate_payments(payments.ids)
        self.assertEqual(moved, len(payments.filtered(lambda p: p.contract_id.sign_date < generator.today)))
        self.assertTrue(all(p.contract_id.sign_date <= p.date <= generator.today for p in payments))
        self.assertGreater(len(set(payments.mapped("date"))), len(payments) / 2, "spread over many days")

        # A salesperson sees exactly the customers they own or that are shared with them.
        sales = users["sales"][0]
        visible = self.env["xtools.customer"].with_user(sales).search([("id", "in", customers.ids)])
        self.assertEqual(visible, customers.filtered(lambda c: sales in (c.user_id | c.shared_user_ids)))

    def test_partner_baseline_mirrors_the_customers(self):
        generator = self.generate.Generator(self.env, "small", seed=8)
        generator.generate_users()
        generator.generate_customers()
        generator.generate_partner_baseline()
        partners = generator.baseline_partners
        self.assertEqual(partners.mapped("name"), generator.customers.mapped("name"))
        self.assertFalse(partners.xtools_customer_id, "the baseline is plain res.partner, no customer")
        self.assertEqual(
            [len(p.child_ids) for p in partners],
            [len(c.partner_id.child_ids) for c in generator.customers],
        )
        self.assertEqual(partners.user_id, generator.customers.user_id)

    def test_same_seed_same_data(self):
        def plan(seed):
            generator = self.generate.Generator(self.env, "small", seed=seed)
            return generator.plan_customers()

        first, again, other = plan(3), plan(3), plan(4)
        self.assertEqual(first, again)
        self.assertNotEqual([r["name"] for r in first], [r["name"] for r in other])
        self.assertEqual(sum(len(r["contacts"]) for r in first), self.generate.SCALES["small"]["contacts"])
        self.assertEqual(len(first), self.generate.SCALES["small"]["customers"])


class TestBenchScaleOut(TransactionCase):
    """``bench/scaleout.sh --dry-run``: the configuration of the replica and of the two servers, nothing started."""

    def test_dry_run_configuration(self):
        with tempfile.TemporaryDirectory() as tmp:
            replica_dir = os.path.join(tmp, "replica")
            env = dict(os.environ, BENCH_DB="xtools_bench_dry", REPLICA_PORT="5447", REPLICA_DIR=replica_dir,
                       SCALEOUT_PORTS="8244 8246", SCALEOUT_WORKERS="3", DB_PORT="5432")
            result = subprocess.run(["bash", os.path.join(BENCH_DIR, "scaleout.sh"), "--dry-run"], env=env,
                                    capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertFalse(os.path.exists(replica_dir), "a dry run creates nothing")
        lines = result.stdout.splitlines()
        backup = [line for line in lines if "pg_basebackup" in line and not line.startswith("#")]
        self.assertEqual(len(backup), 1)
        for option in ("-R", "-X stream", "-p 5432", f"-D {replica_dir}"):
            self.assertIn(option, backup[0])
        for setting in ("port = 5447", "hot_standby = on", "log_statement = 'all'"):
            self.assertIn(setting, result.stdout)
        self.assertTrue(any("pg_ctl" in line and f"-D {replica_dir}" in line and "start" in line for line in lines))
        servers = [line for line in lines if "odoo-bin" in line]
        self.assertEqual(len(servers), 2, "two Odoo servers")
        data_dirs = set()
        for server, port, cron in zip(servers, (8244, 8246), (1, 0), strict=False):
            args = server.split()
            for option in ("--db_replica_host=localhost", "--db_replica_port=5447", "--workers=3", "-d",
                           f"--http-port={port}", f"--gevent-port={port + 1}", f"--max-cron-threads={cron}",
                           "--db_port=5432"):
                self.assertIn(option, args)
            self.assertIn("xtools_bench_dry", args)
            data_dirs |= {a for a in args if a.startswith("--data-dir=")}
        self.assertEqual(len(data_dirs), 1, "both servers share one filestore and session store")
        load = [line for line in lines if "load.sh" in line and not line.startswith("#")]
        self.assertEqual(len(load), 1)
        self.assertIn("LOAD_HOSTS=http://127.0.0.1:8244,http://127.0.0.1:8246", load[0])
