"""Turn locust's CSV statistics into bench/results/<name>.json: per request the count, failures, p50 and p95."""
import argparse
import csv
import json
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("csv_prefix")
parser.add_argument("output")
parser.add_argument("--users")
parser.add_argument("--time")
parser.add_argument("--hosts")
parser.add_argument("--workers")
parser.add_argument("--database", default="")
args = parser.parse_args()

requests = []
with open(f"{args.csv_prefix}_stats.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        requests.append({
            "name": row["Name"], "count": int(row["Request Count"]), "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0), "p95_ms": float(row["95%"] or 0),
            "rps": round(float(row["Requests/s"] or 0), 2),
        })
failures = []
with open(f"{args.csv_prefix}_failures.csv", encoding="utf-8") as f:
    failures = [{"name": r["Name"], "error": r["Error"][:300], "occurrences": int(r["Occurrences"])}
                for r in csv.DictReader(f)]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
report = {"commit": commit, "date": time.strftime("%Y-%m-%d %H:%M"), "database": args.database,
          "users": int(args.users), "duration": args.time,
          "hosts": args.hosts.split(","), "workers_per_server": int(args.workers), "requests": requests,
          "failures": failures}
with open(args.output, "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False, indent=1)
total = next((r for r in requests if r["name"] == "Aggregated"), None)
for r in requests:
    print(f"  {r['name']:<22} {r['count']:>6} req  {r['failures']:>4} failed  p50 {r['p50_ms']:>7.0f} ms  "
          f"p95 {r['p95_ms']:>7.0f} ms")
for failure in failures[:5]:
    print(f"  FAILED {failure['name']}: {failure['error']}")
print(f"results: {args.output}")
sys.exit(1 if total and total["failures"] else 0)
