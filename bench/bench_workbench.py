"""Benchmark: the workbench's one RPC, ``xtools.workbench.get_workbench_data()``, for the demo salesperson sales1
with N more records in every panel (tasks, schedules, payment plans, deliveries, calls, expiring contracts,
birthdays, actions), then roll back. Run inside `odoo-bin shell`:

    BENCH=workbench bash bench/run.sh        (N=1000 by default; BENCH_WORKBENCH_ROWS=10000 for more)

Prints the number of queries and the median time of 5 warm calls; the line goes to bench/results/workbench.txt.
"""
import os
import statistics
import time
from datetime import date, datetime, timedelta

rows = int(os.environ.get("BENCH_WORKBENCH_ROWS", "1000"))
env = env(context=dict(env.context, lang="zh_CN", tz="Asia/Shanghai", tracking_disable=True,  # noqa: F821
                       mail_activity_quick_update=True, mail_create_nolog=True, no_mail_to_attendees=True))
user = env.ref("xtools_crm.user_sales1")
customer = env.ref("xtools_crm.customer_walisen")
product = env.ref("xtools_crm.product_server")
today = date.today()
model_id = env["ir.model"]._get_id("xtools.customer")
call_type = env.ref("xtools_crm.mail_activity_type_call")

env["mail.activity"].create([{
    "res_model_id": model_id, "res_id": customer.id, "activity_type_id": call_type.id, "summary": f"基准任务{i}",
    "date_deadline": today + timedelta(days=i % 5 - 2), "user_id": user.id,
} for i in range(rows)])
start = datetime.combine(today, datetime.min.time()) + timedelta(hours=12)
env["calendar.event"].create([{
    "name": f"基准日程{i}", "start": start + timedelta(minutes=i), "stop": start + timedelta(minutes=i + 30),
    "user_id": user.id, "partner_ids": [(6, 0, user.partner_id.ids)], "res_model_id": model_id, "res_id": customer.id,
} for i in range(rows)])
env["xtools.call"].create([{
    "phone": "13900000000", "caller_name": f"基准来电{i}", "customer_id": customer.id, "receiver_id": user.id,
} for i in range(rows)])
contracts = env["xtools.contract"].create([{
    "name": f"基准合同{i}", "customer_id": customer.id, "user_id": user.id, "state": "running", "sign_date": today,
    "end_date": today + timedelta(days=10), "amount": 100.0,
} for i in range(rows)])
env["xtools.contract.line"].create(
    {"contract_id": contracts[0].id, "product_id": product.id, "quantity": rows, "price_unit": 100}
)
env["xtools.payment.plan"].create([{
    "contract_id": contracts[0].id, "due_date": today + timedelta(days=i % 20 - 5), "amount": 100.0, "user_id": user.id,
} for i in range(rows)])
env["xtools.delivery"].create([{
    "contract_id": contracts[0].id, "product_id": product.id, "planned_qty": 1,
    "planned_date": today + timedelta(days=i % 7 - 2), "user_id": user.id,
} for i in range(rows)])
env["xtools.action"].create([{"customer_id": customer.id, "subject": f"基准行动{i}", "user_id": user.id}
                             for i in range(rows)])
env["res.partner"].create([{
    "name": f"基准联系人{i}", "parent_id": customer.partner_id.id, "type": "contact",
    "xtools_birthday": (today + timedelta(days=i % 7)).replace(year=1980),
} for i in range(rows)])
env.flush_all()
env.cr.execute("ANALYZE")

workbench = env["xtools.workbench"].with_user(user)
workbench.get_workbench_data()  # warm the caches
timings = []
for _run in range(5):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    began = time.perf_counter()
    data = workbench.get_workbench_data()
    timings.append(time.perf_counter() - began)
    queries = env.cr.sql_log_count - queries
counts = {panel["key"]: panel["count"] for panel in data["panels"] if not panel.get("layout")}
line = (f"{time.strftime('%Y-%m-%d %H:%M')} workbench sales1 rows_per_panel={rows} queries={queries} "
        f"median_ms={statistics.median(timings) * 1000:.0f} max_ms={max(timings) * 1000:.0f} "
        f"tasks={counts['tasks']} plans={counts['receivables']} birthdays={counts['birthdays']}")
print(line)
env.cr.rollback()
with open(os.path.join("bench", "results", "workbench.txt"), "a", encoding="utf-8") as f:
    f.write(line + "\n")
