"""Load test: salespeople of the generated company doing their daily routine over JSON-RPC.

    locust -f bench/locustfile.py --headless -u 20 -r 5 -t 2m --host http://127.0.0.1:8142   (bench/load.sh)

Each simulated user logs in as its own generated salesperson (bench_sales_001, 002…; BENCH_DB names the database)
and repeats: open the workbench, open one of its customers (list, then the 360° form), log an action, plan a task,
move an opportunity to another stage, record a payment. Any JSON-RPC error counts as a failure.
"""
import itertools
import os
import random

from locust import HttpUser, between, task

DATABASE = os.environ.get("BENCH_DB", "xtools_bench")
# Several Odoo servers (bench/scaleout.sh): each simulated user sticks to one of them, in turn.
HOSTS = [h for h in os.environ.get("BENCH_HOSTS", "").split(",") if h]
_logins = itertools.count(1)

CUSTOMER_LIST = {"name": {}, "short_name": {}, "code": {}, "customer_type": {}, "lifecycle": {}, "phone": {},
                 "mobile": {}, "user_id": {"fields": {"display_name": {}}}, "receivable_amount": {},
                 "group_ids": {"fields": {"display_name": {}}}}
CUSTOMER_FORM = dict(
    CUSTOMER_LIST, note={}, contract_amount_total={}, payment_amount_total={}, action_count={}, contract_count={},
    opportunity_count={}, payment_count={}, main_contact_id={"fields": {"display_name": {}}},
    child_ids={"fields": {"name": {}, "mobile": {}, "function": {}}, "limit": 40},
    action_ids={"fields": {"date": {}, "subject": {}, "action_type": {}, "user_id": {"fields": {"display_name": {}}}},
                "limit": 40},
    contract_ids={"fields": {"code": {}, "name": {}, "amount": {}, "state": {}}, "limit": 40},
    activity_ids={"fields": {}}, message_follower_ids={"fields": {}},
)


class Salesperson(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        number = next(_logins)
        self.login = f"bench_sales_{number:03d}"
        if HOSTS:
            self.client.base_url = HOSTS[(number - 1) % len(HOSTS)]
        self.rpc_id = 0
        self.rpc("/web/session/authenticate", {"db": DATABASE, "login": self.login, "password": self.login},
                 name="login")
        self.customer_ids = [r["id"] for r in self.call("xtools.customer", "search_read", [[]], {
            "fields": ["id"], "limit": 200}, name="setup")]
        self.stage_ids = self.call("xtools.opportunity.stage", "search", [[("is_won", "=", False)]], name="setup")

    def rpc(self, url, params, name):
        self.rpc_id += 1
        with self.client.post(url, json={"jsonrpc": "2.0", "method": "call", "params": params, "id": self.rpc_id},
                              name=name, catch_response=True) as response:
            data = response.json() if response.status_code == 200 else {}
            if response.status_code != 200 or "error" in data:
                message = data.get("error", {}).get("data", {}).get("message") or response.text[:200]
                response.failure(f"{name}: {message}")
                return None
            response.success()
            return data["result"]

    def call(self, model, method, args, kwargs=None, name=None):
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}",
                        {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                        name=name or f"{model}.{method}")

    @task
    def daily_routine(self):
        self.call("xtools.workbench", "get_workbench_data", [], name="workbench")
        self.call("xtools.customer", "web_search_read", [], {
            "domain": [], "specification": CUSTOMER_LIST, "limit": 80, "count_limit": 10001}, name="customer list")
        if not self.customer_ids:
            return
        customer_id = random.choice(self.customer_ids)
        self.call("xtools.customer", "web_read", [[customer_id]], {"specification": CUSTOMER_FORM},
                  name="customer form")
        self.call("xtools.action", "create", [{"customer_id": customer_id, "action_type": "call",
                                               "subject": "电话回访客户（压测）"}], name="log action")
        self.call("xtools.customer", "activity_schedule", [[customer_id]], {
            "act_type_xmlid": "mail.mail_activity_data_todo", "summary": "下周再次拜访（压测）",
            "user_id": self.uid_placeholder()}, name="plan task")
        opportunities = self.call("xtools.opportunity", "search_read", [[("state", "=", "open"),
                                                                         ("user_id", "=", self.uid_placeholder())]],
                                  {"fields": ["stage_id"], "limit": 20}, name="opportunity search")
        if opportunities:
            opportunity = random.choice(opportunities)
            stage = random.choice([s for s in self.stage_ids if s != opportunity["stage_id"][0]] or self.stage_ids)
            self.call("xtools.opportunity", "write", [[opportunity["id"]], {"stage_id": stage}],
                      name="move opportunity")
        contracts = self.call("xtools.contract", "search_read", [[("state", "=", "running"),
                                                                  ("unpaid_amount", ">", 10)]],
                              {"fields": ["id"], "limit": 20}, name="contract search")
        if contracts:
            self.call("xtools.payment", "create", [{"contract_id": random.choice(contracts)["id"], "amount": 1.0}],
                      name="record payment")

    def uid_placeholder(self):
        if not hasattr(self, "_uid"):
            info = self.rpc("/web/session/get_session_info", {}, name="setup")
            self._uid = info["uid"]
        return self._uid
