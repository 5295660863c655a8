"""Prove the routing of bench/scaleout.sh: on each server, the workbench RPC (``@api.readonly``) is answered from the
replica (its SELECTs appear in the replica's statement log, by an Odoo connection), and a write (an action logged)
lands on the primary (read back there). Writes bench/results/scaleout.json."""
import argparse
import json
import os
import re
import sys
import time

import psycopg2
import requests

parser = argparse.ArgumentParser()
parser.add_argument("--hosts", required=True)
parser.add_argument("--db", required=True)
parser.add_argument("--login", required=True)
parser.add_argument("--replica-log", required=True)
parser.add_argument("--replica-log-from", type=int, default=0)
parser.add_argument("--output", required=True)
parser.add_argument("--primary-port", default=os.environ.get("DB_PORT", "5432"))
args = parser.parse_args()


def rpc(session, host, url, params):
    response = session.post(f"{host}{url}", json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
    data = response.json()
    if "error" in data:
        raise SystemExit(f"{host}{url}: {data['error']['data']['message']}")
    return data["result"]


def call(session, host, model, method, args_=(), kwargs=None):
    return rpc(session, host, f"/web/dataset/call_kw/{model}/{method}",
               {"model": model, "method": method, "args": list(args_), "kwargs": kwargs or {}})


def replica_statements():
    with open(args.replica_log, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()[args.replica_log_from:]
    return [line for line in lines if " statement: " in line and f" {args.db} odoo" in line]


report = {"date": time.strftime("%Y-%m-%d %H:%M"), "servers": []}
ok = True
for host in args.hosts.split(","):
    session = requests.Session()
    rpc(session, host, "/web/session/authenticate", {"db": args.db, "login": args.login, "password": args.login})
    before = len(replica_statements())
    data = call(session, host, "xtools.workbench", "get_workbench_data")
    time.sleep(0.5)
    statements = replica_statements()[before:]
    workbench_reads = [s for s in statements if re.search(r"xtools_payment_plan|mail_activity|xtools_call", s)]
    writes = [s for s in statements if re.search(r"\b(INSERT|UPDATE|DELETE)\b", s.split(" statement: ", 1)[1])]
    customer = call(session, host, "xtools.customer", "search", [[]], {"limit": 1})
    subject = f"scale-out write check {host} {time.time():.0f}"
    action_id = call(session, host, "xtools.action", "create", [{"customer_id": customer[0], "subject": subject}])
    after_write = replica_statements()[before + len(statements):]
    inserted_on_replica = [s for s in after_write if "INSERT INTO \"xtools_action\"" in s]
    with psycopg2.connect(
        dbname=args.db,
        host=os.environ.get("DB_HOST", "localhost"),
        port=args.primary_port,
        user=os.environ.get("DB_USER", "xtools"),
        password=os.environ.get("DB_PASSWORD", "xtools"),
    ) as conn:
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM xtools_action WHERE id = %s AND subject = %s", [action_id, subject])
            on_primary = cr.fetchone()[0] == 1
    server = {
        "host": host,
        "panels": len(data["panels"]),
        "replica_statements_for_workbench": len(statements),
        "replica_workbench_reads": len(workbench_reads),
        "replica_writes": len(writes),
        "action_created_id": action_id,
        "action_insert_on_replica": len(inserted_on_replica),
        "action_on_primary": on_primary,
        "sample": [s.split(" statement: ", 1)[1].strip()[:160] for s in workbench_reads[:3]],
    }
    report["servers"].append(server)
    ok = ok and bool(workbench_reads) and not writes and not inserted_on_replica and on_primary
    print(f"  {host}: workbench → {len(statements)} statements on the replica ({len(workbench_reads)} on the panels' "
          f"tables), {len(writes)} writes there; the action #{action_id} "
          f"{'was read back on the primary' if on_primary else 'is MISSING on the primary'}")
report["ok"] = ok
with open(args.output, "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False, indent=1)
sys.exit(0 if ok else 1)
