"""Measure the addon against Odoo's own apps on a generated data set (``bench/generate.py``), through the ORM with
the record rules of a salesperson, a manager and the boss of the generated company.

    python bench/measure.py -d xtools_bench --rounds 7 [--only list,funnel] [--import-rows 10000]

Each pair (ours, Odoo's) is measured interleaved, A B A B…, so that the machine's noise falls on both; every call
starts with cold record caches (``invalidate_all``) and warm registry caches. For each call: the median time, the
SQL queries of the call (median), and ours / Odoo's. Writes ``bench/results/<scale>.json`` and
``bench/results/latest.json`` (with the commit, scale, date and machine), nothing in the database (every write is
rolled back).
"""
import io
import json
import os
import platform
import statistics
import subprocess
import time

from odoo_env import ROOT, add_odoo_arguments, odoo_env

RESULTS = os.path.join(ROOT, "bench", "results")
ROLES = ("sales", "manager", "boss")
KANBAN_LIMIT = 40
LIST_LIMIT = 80
COUNT_LIMIT = 10001


def _spec(model, view_xmlid=None, view_type="list"):
    from lxml import etree

    from odoo.addons.xtools_crm.tests.test_performance import _view_spec

    view_id = model.env.ref(view_xmlid).id if view_xmlid else False
    arch = model.get_views([(view_id, view_type)])["views"][view_type]["arch"]
    return _view_spec(model, etree.fromstring(arch))


class Bench:
    def __init__(self, env, rounds, import_rows, import_rounds):
        self.env = env
        self.rounds = rounds
        self.import_rows = import_rows
        self.import_rounds = import_rounds
        self.results = []
        users = env["res.users"]
        self.role_users = {
            "sales": users.search([("login", "=", "bench_sales_001")]),
            "manager": users.search([("login", "=", "bench_manager_01")]),
            "boss": users.search([("login", "=", "bench_boss")]),
        }
        if not self.role_users["boss"]:
            raise SystemExit("No generated data set here: run bench/generate.py first.")
        self.has_crm = "crm.lead" in env

    def user_env(self, role):
        user = self.role_users[role]
        return self.env(user=user.id, su=False, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})

    # ------------------------------------------------------------------
    # Timing
    # ------------------------------------------------------------------
    def _call(self, env, func):
        env.invalidate_all()
        cr = env.cr
        with cr.savepoint(flush=False) as savepoint:
            before = cr.sql_log_count
            started = time.perf_counter()
            func(env)
            env.flush_all()
            elapsed = time.perf_counter() - started
            queries = cr.sql_log_count - before
            savepoint.rollback()
        env.invalidate_all()
        return elapsed, queries

    def pair(self, name, role, ours, theirs=None, per=1, rounds=None, warmup=True):
        """Measure ``ours`` and ``theirs`` (functions of an environment) interleaved; ``per`` divides the time
        and the queries of a call (items per call, for a throughput)."""
        env = self.user_env(role) if role in ROLES else self.env
        funcs = [("ours", ours)] + ([("odoo", theirs)] if theirs else [])
        for _label, func in funcs if warmup else ():  # warm the registry's caches (views, rules, translations)
            self._call(env, func)
        samples = {label: [] for label, _f in funcs}
        for _round in range(rounds or self.rounds):
            for label, func in funcs:
                samples[label].append(self._call(env, func))
        row = {"name": name, "role": role, "rounds": rounds or self.rounds, "per": per}
        for label, _f in funcs:
            times = [t / per for t, _q in samples[label]]
            queries = [q / per for _t, q in samples[label]]
            row[label] = {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
                          "queries": round(statistics.median(queries), 1)}
            if per > 1:
                row[label]["per_second"] = round(1 / statistics.median(times), 1)
        if theirs:
            row["ratio"] = round(row["ours"]["median_s"] / row["odoo"]["median_s"], 2)
        self.results.append(row)
        line = f"{name:<28} {role:<8} ours {row['ours']['median_s'] * 1000:8.1f} ms {row['ours']['queries']:6.1f} q"
        if theirs:
            line += (f" | odoo {row['odoo']['median_s'] * 1000:8.1f} ms {row['odoo']['queries']:6.1f} q"
                     f" | ratio {row['ratio']:.2f}")
        print(line, flush=True)
        return row

    # ------------------------------------------------------------------
    # The measures
    # ------------------------------------------------------------------
    def measure_customer_views(self):
        env = self.env
        Customer, Partner = env["xtools.customer"], env["res.partner"]
        specs = {
            "list": (_spec(Customer, view_type="list"), _spec(Partner, "base.view_partner_tree", "list")),
            "kanban": (_spec(Customer, view_type="kanban"), _spec(Partner, "base.res_partner_kanban_view", "kanban")),
        }
        form_spec = (_spec(Customer, view_type="form"), _spec(Partner, "base.view_partner_form", "form"))
        for role in ROLES:
            for view_type, limit in (("list", LIST_LIMIT), ("kanban", KANBAN_LIMIT)):
                ours_spec, odoo_spec = specs[view_type]
                self.pair(f"customer {view_type}", role,
                          lambda e, s=ours_spec, n=limit: e["xtools.customer"].web_search_read(
                              [], s, limit=n, count_limit=COUNT_LIMIT),
                          lambda e, s=odoo_spec, n=limit: e["res.partner"].web_search_read(
                              [], s, limit=n, count_limit=COUNT_LIMIT))
            # The 360° form of the role's biggest customer, vs the form of its baseline twin.
            customer = self.user_env(role)["xtools.customer"].search([], order="contract_amount_total desc", limit=1)
            twin = env["res.partner"].search([("name", "=", customer.name), ("xtools_customer_id", "=", False)],
                                             limit=1)
            self.pair("customer form 360°", role,
                      lambda e, c=customer.id: e["xtools.customer"].browse(c).web_read(form_spec[0]),
                      lambda e, p=twin.id: e["res.partner"].browse(p).web_read(form_spec[1]))

    def _funnel(self, Model, domain, amount, spec):
        result = Model.web_read_group(domain, [f"{amount}:sum"], ["stage_id"], lazy=True)
        Model.read_progress_bar(domain, "stage_id", {
            "field": "activity_state", "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
            "sum_field": amount,
        })
        for group in result["groups"]:
            if not group.get("__fold"):
                Model.web_search_read(group["__domain"], spec, limit=KANBAN_LIMIT, count_limit=COUNT_LIMIT)

    def measure_funnel(self):
        ours_spec = _spec(self.env["xtools.opportunity"], view_type="kanban")
        theirs = None
        if self.has_crm:
            lead_spec = _spec(self.env["crm.lead"], "crm.crm_case_kanban_view_leads", "kanban")
            theirs = lambda e: self._funnel(  # noqa: E731
                e["crm.lead"], [("type", "=", "opportunity")], "expected_revenue", lead_spec)
        for role in ROLES:
            self.pair("funnel kanban", role,
                      lambda e: self._funnel(e["xtools.opportunity"], [("state", "!=", "lost")], "expected_amount",
                                             ours_spec), theirs)

    def measure_name_search(self):
        for role in ROLES:
            customer = self.user_env(role)["xtools.customer"].search([("short_name", "!=", False)], limit=1)
            word = customer.short_name[-2:]  # the brand, e.g. 瑞博
            initials = customer.pinyin_keys.split()[-1] if customer.pinyin_keys else word
            self.pair("name_search (汉字)", role,
                      lambda e, w=word: e["xtools.customer"].name_search(w, limit=8),
                      lambda e, w=word: e["res.partner"].name_search(w, limit=8))
            self.pair("name_search (pinyin)", role,
                      lambda e, w=initials: e["xtools.customer"].name_search(w, limit=8),
                      lambda e, w=word: e["res.partner"].name_search(w, limit=8))

    def _import_file(self, rows, ours):
        import xlsxwriter

        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        if ours:
            header = ["名称", "助记名称", "客户类型", "电话", "联系人/名称", "联系人/手机"]
        else:
            header = ["name", "ref", "is_company", "phone", "child_ids/name", "child_ids/mobile"]
        for col, title in enumerate(header):
            sheet.write_string(0, col, title)
        for index, row in enumerate(rows):
            values = [row["name"], row["short_name"], "企业客户" if ours else "True", row["phone"],
                      row["contact"], row["mobile"]]
            for col, value in enumerate(values):
                sheet.write_string(index + 1, col, value)
        book.close()
        return header, buffer.getvalue()

    def _import_rows(self, count):
        from generate import Generator

        from odoo.addons.xtools_crm.tools.phone import normalize_phone

        generator = Generator(self.env, "small", seed=4242)
        generator._used_names = set(
            self.env["xtools.customer"].with_context(active_test=False).search([]).mapped("name")
        )
        # Phones no customer has yet: a duplicate fails the import's batch, which Odoo then retries row by row.
        self.env.cr.execute("SELECT phone FROM res_partner WHERE phone IS NOT NULL"
                            " UNION SELECT mobile FROM res_partner WHERE mobile IS NOT NULL")
        taken = {number for number, in self.env.cr.fetchall()}
        rows = []
        while len(rows) < count:
            name, city, brand = generator.company_name()
            phone = generator.landline(city)
            if normalize_phone(phone) in taken:
                continue
            rows.append({"name": name, "short_name": f"{brand}{len(rows)}", "phone": phone,
                         "contact": generator.person_name(), "mobile": generator.mobile()})
        return rows

    def _run_import(self, env, model, header, data):
        importer = env["base_import.import"].create({
            "res_model": model, "file": data, "file_name": "bench.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        options = {"has_headers": True, "quoting": '"', "separator": ",", "advanced": True}
        preview = importer.parse_preview(dict(options))
        fields = ["/".join(preview["matches"][i]) if i in preview["matches"] else False for i in range(len(header))]
        if not all(fields):
            raise RuntimeError(f"import of {model}: columns not matched: {header} → {fields}")
        result = importer.execute_import(fields, header, dict(options))
        errors = [m for m in result["messages"] if m.get("type") == "error"]
        if errors or len(result["ids"] or []) != self.import_rows:
            raise RuntimeError(f"import of {model} failed: {errors[:3]}")

    def measure_import(self):
        rows = self._import_rows(self.import_rows)
        ours = self._import_file(rows, ours=True)
        theirs = self._import_file(rows, ours=False)
        self.pair(f"import {self.import_rows} rows", "sales",
                  lambda e: self._run_import(e, "xtools.customer", *ours),
                  lambda e: self._run_import(e, "res.partner", *theirs),
                  per=self.import_rows, rounds=self.import_rounds, warmup=False)

    def measure_create(self, count=500):
        rows = self._import_rows(count)
        user = self.role_users["sales"]
        self.pair(f"batched create {count}", "sales",
                  lambda e: e["xtools.customer"].create([
                      {"name": r["name"], "short_name": r["short_name"], "phone": r["phone"], "user_id": user.id,
                       "child_ids": [(0, 0, {"name": r["contact"], "mobile": r["mobile"]})]} for r in rows]),
                  lambda e: e["res.partner"].create([
                      {"name": r["name"], "is_company": True, "ref": r["short_name"], "phone": r["phone"],
                       "user_id": user.id, "child_ids": [(0, 0, {"name": r["contact"], "mobile": r["mobile"]})]}
                      for r in rows]),
                  per=count, rounds=max(3, self.rounds // 2))

    def measure_workbench(self):
        for role, scope in (("sales", "mine"), ("manager", "mine"), ("boss", "mine")):
            self.pair(f"workbench ({scope})", role, lambda e, s=scope: e["xtools.workbench"].get_workbench_data(s))
        team = self.env["crm.team"].search([("user_id", "=", self.role_users["manager"].id)], limit=1)
        self.pair("workbench (team)", "manager",
                  lambda e: e["xtools.workbench"].get_workbench_data(f"team:{team.id}"))
        self.pair("workbench (company)", "boss", lambda e: e["xtools.workbench"].get_workbench_data("company"))

    def measure_daily_report(self):
        Report = self.env["xtools.daily.report"]
        users = self.env["res.users"].search([("login", "=like", "bench_%")])
        today = Report._company_today(self.env.company)
        for role in ROLES:
            user = self.role_users[role]
            self.pair("daily report (1 user)", role,
                      lambda e, u=user.id: Report.with_env(self.env)._generate(self.env["res.users"].browse(u), today),
                      rounds=self.rounds)
        self.pair(f"daily report cron ({len(users)} users)", "cron",
                  lambda e: Report.with_env(e)._generate(users, today), per=len(users), rounds=3)

    def measure_payments(self, count=50):
        env = self.user_env("sales")
        contracts = env["xtools.contract"].search([("state", "=", "running"), ("unpaid_amount", ">", 1000)],
                                                  limit=count)
        if not contracts:
            return

        def record(e):
            for index in range(count):
                contract = e["xtools.contract"].browse(contracts[index % len(contracts)].id)
                e["xtools.payment"].create({"contract_id": contract.id, "amount": 1.0, "date": today})

        today = env["xtools.daily.report"]._company_today(env.company)
        self.pair(f"payment create ×{count}", "sales", record, per=count, rounds=3)

    def run(self, only=None):
        steps = {
            "views": self.measure_customer_views, "funnel": self.measure_funnel,
            "name_search": self.measure_name_search, "workbench": self.measure_workbench,
            "daily_report": self.measure_daily_report, "payments": self.measure_payments,
            "create": self.measure_create, "import": self.measure_import,
        }
        for key, step in steps.items():
            if not only or key in only:
                step()
        return self.results


def _scale_of(env):
    from generate import SCALES

    customers = env["xtools.customer"].with_context(active_test=False).search_count([])
    return min(SCALES, key=lambda s: abs(SCALES[s]["customers"] - customers)), customers


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--import-rows", type=int, default=10000)
    parser.add_argument("--import-rounds", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated: views,funnel,name_search,workbench,"
                        "daily_report,payments,create,import")
    parser.add_argument("--output", default="", help="file name under bench/results (default: <scale>.json)")
    add_odoo_arguments(parser)
    args = parser.parse_args()
    with odoo_env(args) as env:
        scale, customers = _scale_of(env)
        # bench/run.sh sets the database's (BENCH_JIT, BENCH_RANDOM_PAGE_COST, BENCH_PARALLEL), as the README's
        # deployment does.
        settings = {}
        for name in ("jit", "random_page_cost", "max_parallel_workers_per_gather"):
            env.cr.execute(f"SHOW {name}")
            settings[name] = env.cr.fetchone()[0]
        print(f"measuring {args.database}: scale {scale} ({customers} customers), {args.rounds} rounds, "
              f"PostgreSQL {settings}", flush=True)
        bench = Bench(env, args.rounds, args.import_rows, args.import_rounds)
        results = bench.run(set(filter(None, args.only.split(","))))
        env.cr.rollback()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    report = {
        "commit": commit.stdout.strip(), "scale": scale, "customers": customers,
        "date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()} {os.cpu_count()} cores",
        "rounds": args.rounds, "postgresql": settings, "results": results,
    }
    os.makedirs(RESULTS, exist_ok=True)
    for name in (args.output or f"{scale}.json", "latest.json"):
        with open(os.path.join(RESULTS, name), "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    print(f"results: bench/results/{args.output or scale + '.json'} and latest.json", flush=True)


if __name__ == "__main__":
    main()
