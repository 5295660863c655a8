"""Seedable generator of a realistic Chinese sales company for the benchmark.

    python bench/generate.py -d xtools_bench --scale small|medium|large --seed 1   (run by `make bench`)

Creates, through the ORM with batched ``create`` (as superuser, tracking off, like an import):
users in sales teams (a boss, one manager per team, salespeople), customers with contacts, action history,
open tasks and schedules, opportunities with their stage histories, contracts with payment plans, payments.
With the baseline (``with_baseline=True``, the default of the command line) it also creates the same customers
and contacts as plain ``res.partner`` companies with child contacts, and the same opportunities as ``crm.lead``
(Odoo's ``crm`` must then be installed: ``make bench`` installs it in the benchmark database only).

Prints the rows and the rows per second of every model. ``Generator`` is also used by the test suite at the
small scale (``addons/xtools_crm/tests/test_bench_generator.py``), without the baseline.
"""
import random
import time
from datetime import datetime, timedelta

# Counts per scale. ``large`` is the data set; ``medium`` a tenth of it (generation and the measures fit
# in about a quarter of an hour on a 2-core machine); ``small`` is for the unit test.
SCALES = {
    "small": {"teams": 2, "salespeople": 4, "customers": 20, "contacts": 40, "actions": 60, "tasks": 6,
              "events": 4, "opportunities": 10, "contracts": 6, "plans": 18, "payments": 24},
    "medium": {"teams": 8, "salespeople": 41, "customers": 10_000, "contacts": 20_000, "actions": 30_000,
               "tasks": 1_000, "events": 200, "opportunities": 5_000, "contracts": 3_000, "plans": 9_000,
               "payments": 12_000},
    "large": {"teams": 8, "salespeople": 41, "customers": 100_000, "contacts": 200_000, "actions": 300_000,
              "tasks": 10_000, "events": 2_000, "opportunities": 50_000, "contracts": 30_000, "plans": 90_000,
              "payments": 120_000},
}
BATCH = 1000
ANALYZE_EVERY = 10  # batches (see Generator._create)
PAYMENT_DAYS = 200  # a contract's payments come within this many days of its signature (and by today)
CUSTOMER_YEARS = 3  # the customers' creation dates spread over these years (Generator.backdate_customers)
LOGIN_PREFIX = "bench_"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志远晓东海燕玉兰红梅文博浩然子涵雨欣思"
    "远俊杰鹏飞宇航佳怡欣怡梓萱一鸣天宇晨阳嘉豪"
)
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "重庆", "天津", "长沙",
          "郑州", "青岛", "宁波", "厦门", "合肥", "济南", "福州", "无锡", "东莞", "佛山", "昆明", "沈阳", "大连"]
# Area codes of the cities above (same order) for the landlines.
AREA_CODES = ["010", "021", "020", "0755", "0571", "025", "0512", "028", "027", "029", "023", "022", "0731",
              "0371", "0532", "0574", "0592", "0551", "0531", "0591", "0510", "0769", "0757", "0871", "024", "0411"]
BRAND_CHARS = "华瑞博信达通联创新源恒泰鑫盛宏远天宇嘉禾中科金诚云启智汇星辰海纳百川润丰佳和正道明德卓越优品"
INDUSTRIES = ["信息技术", "智能科技", "网络科技", "电子商务", "医疗器械", "生物科技", "机械制造", "新材料", "物流",
              "建筑工程", "环保科技", "文化传媒", "教育科技", "食品", "贸易", "汽车配件", "精密仪器", "软件"]
SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司"]
TEAMS = ["华北销售部", "华东销售部", "华南销售部", "西南销售部", "华中销售部", "西北销售部", "东北销售部", "大客户部"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                   "157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199"]
JOB_TITLES = ["总经理", "采购经理", "技术总监", "财务主管", "行政主管", "IT经理", "销售总监", "项目经理"]
ACTION_SUBJECTS = {
    "call": ["电话沟通需求", "电话回访", "电话确认报价"],
    "visit": ["上门拜访", "现场演示产品", "拜访采购负责人"],
    "email": ["发送产品资料", "邮件发送报价单"],
    "meeting": ["项目启动会", "方案评审会"],
    "sms": ["短信提醒付款"],
    "other": ["寄送样品", "参加展会交流"],
}
OPPORTUNITY_WORDS = ["CRM系统采购", "服务器扩容", "年度维保", "ERP实施", "数据中心建设", "办公设备更新", "安防系统升级",
                     "云服务订阅", "培训服务", "软件授权续费"]
INSTALLMENTS = ["预付款", "到货款", "验收款", "质保金"]


class Generator:
    """The data set of one ``scale`` and ``seed``: the same seed gives the same names, phones and figures."""

    def __init__(self, env, scale="small", seed=1, batch=BATCH, commit=False, verbose=False):
        self.counts = SCALES[scale]
        self.scale = scale
        self.rng = random.Random(seed)
        self.batch = batch
        self.commit = commit
        self.verbose = verbose
        self.env = env(
            su=True,
            context=dict(
                env.context,
                lang="zh_CN",
                tz="Asia/Shanghai",
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_activity_quick_update=True,
                no_mail_to_attendees=True,
                mail_auto_subscribe_no_notify=True,
            ),
        )
        self.stats = {}
        self.now = datetime.now().replace(microsecond=0)
        self.today = self.now.date()
        self._used_names = set()
        self._used_phones = set()
        # Filled as the models are generated.
        self.users = {}
        self.customer_rows = []  # plain values shared by the customers and their baseline partners
        self.opportunity_rows = []

    # ------------------------------------------------------------------
    # Plain values (no ORM): names and phones
    # ------------------------------------------------------------------
    def person_name(self):
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _i in range(rng.choice((1, 2))))

    def company_name(self):
        rng = self.rng
        while True:
            city = rng.randrange(len(CITIES))
            brand = rng.choice(BRAND_CHARS) + rng.choice(BRAND_CHARS)
            name = f"{CITIES[city]}{brand}{rng.choice(INDUSTRIES)}{rng.choice(SUFFIXES)}"
            if name not in self._used_names:
                self._used_names.add(name)
                return name, city, brand

    def mobile(self):
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"
            if number not in self._used_phones:
                self._used_phones.add(number)
                # As people type them: 138 0013 8000 or 13800138000.
                spaced = f"{number[:3]} {number[3:7]} {number[7:]}"
                return spaced if self.rng.random() < 0.5 else number

    def landline(self, city):
        from odoo.addons.xtools_crm.tools.phone import validate_phone

        while True:
            digits = 8 if len(AREA_CODES[city]) == 3 else self.rng.choice((7, 8))
            local = self.rng.randrange(10 ** (digits - 2), 10 ** (digits - 1))
            number = f"{AREA_CODES[city]}-{self.rng.randrange(2, 9)}{local}"
            try:
                validate_phone(number, "CN")
            except ValueError:
                continue
            if number not in self._used_phones:
                self._used_phones.add(number)
                return number

    def plan_customers(self):
        """The customers as plain values (name, short name, type, phones, owner index, contacts)."""
        rng, counts = self.rng, self.counts
        rows = []
        contacts_left = counts["contacts"]
        for index in range(counts["customers"]):
            remaining = counts["customers"] - index
            n_contacts = contacts_left // remaining + (
                1 if rng.random() < (contacts_left % remaining) / remaining else 0
            )
            n_contacts = min(n_contacts, contacts_left)
            contacts_left -= n_contacts
            if rng.random() < 0.85:
                name, city, brand = self.company_name()
                row = {"name": name, "short_name": f"{CITIES[city]}{brand}", "customer_type": "company",
                       "phone": self.landline(city)}
            else:
                name = self.person_name()
                row = {"name": name, "short_name": False, "customer_type": "individual", "phone": False}
            row["mobile"] = self.mobile()
            row["source"] = rng.choice(["phone", "web", "exhibition", "referral", "advertising", "partner", "other"])
            row["contacts"] = [
                {"name": self.person_name(), "mobile": self.mobile(), "function": rng.choice(JOB_TITLES),
                 "birthday": (self.today - timedelta(days=rng.randrange(25 * 365, 55 * 365)))}
                for _i in range(n_contacts)
            ]
            rows.append(row)
        return rows

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def _timed(self, label, rows, started):
        seconds = time.perf_counter() - started
        self.stats[label] = {"rows": rows, "seconds": round(seconds, 2),
                             "rows_per_second": round(rows / seconds, 1) if seconds else None}
        if self.verbose:
            print(f"  {label:<22} {rows:>8} rows {seconds:8.1f} s {rows / max(seconds, 1e-9):9.0f} rows/s", flush=True)
        if self.commit:
            self.env.cr.commit()

    def _create(self, model, vals_list):
        """Batched ``create``; returns the records in the order of ``vals_list``.

        With ``commit``, each batch is committed and the tables are analysed every ``ANALYZE_EVERY`` batches: in
        one uncommitted transaction the planner's statistics would still say the growing tables are empty, and the
        checks each batch runs (Odoo's parent-cycle check of the new contacts, the duplicate checks) would scan
        them in full, ever slower."""
        Model = self.env[model]
        records = Model.browse()
        for batch, start in enumerate(range(0, len(vals_list), self.batch), start=1):
            records |= Model.create(vals_list[start:start + self.batch])
            self.env.flush_all()
            self.env.invalidate_all()
            if self.commit:
                if batch % ANALYZE_EVERY == 0:
                    self.env.cr.execute("ANALYZE")
                self.env.cr.commit()
        return records

    def run(self, with_baseline=True):
        self.generate_users()
        self.generate_customers()
        self.generate_actions()
        self.generate_tasks()
        self.generate_opportunities()
        self.generate_contracts()
        self.generate_payments()
        if with_baseline:
            self.generate_partner_baseline()
            self.generate_lead_baseline()
        self.env.cr.execute("ANALYZE")
        return self.stats

    def generate_users(self):
        started = time.perf_counter()
        env, counts = self.env, self.counts
        ref = env.ref
        company = env.company
        base = {"company_id": company.id, "company_ids": [(6, 0, company.ids)], "lang": "zh_CN",
                "tz": "Asia/Shanghai"}
        sales_groups = [ref("xtools_crm.group_sales").id, ref("sales_team.group_sale_salesman").id]
        manager_groups = [ref("xtools_crm.group_manager").id, ref("sales_team.group_sale_salesman_all_leads").id]
        vals = [dict(base, name=self.person_name(), login=f"{LOGIN_PREFIX}boss", password=f"{LOGIN_PREFIX}boss",
                     groups_id=[(6, 0, [ref("xtools_crm.group_boss").id])])]
        for team in range(counts["teams"]):
            login = f"{LOGIN_PREFIX}manager_{team + 1:02d}"
            vals.append(dict(base, name=self.person_name(), login=login, password=login,
                             groups_id=[(6, 0, manager_groups)]))
        for index in range(counts["salespeople"]):
            login = f"{LOGIN_PREFIX}sales_{index + 1:03d}"
            vals.append(dict(base, name=self.person_name(), login=login, password=login,
                             groups_id=[(6, 0, sales_groups)]))
        users = env["res.users"].with_context(no_reset_password=True).create(vals)
        boss, managers, sales = users[0], users[1:1 + counts["teams"]], users[1 + counts["teams"]:]
        teams = env["crm.team"].create([
            {"name": TEAMS[index % len(TEAMS)] + ("" if index < len(TEAMS) else str(index)),
             "user_id": manager.id, "company_id": company.id,
             "member_ids": [(6, 0, sales[index::counts["teams"]].ids)]}
            for index, manager in enumerate(managers)
        ])
        self.users = {"boss": boss, "managers": managers, "sales": sales, "teams": teams,
                      "owners": sales | managers}
        self._timed("res.users", len(users), started)

    def generate_customers(self):
        self.customer_rows = self.plan_customers()
        rng = self.rng
        owners = self.users["owners"]
        groups = self.env["xtools.customer.group"].search([])
        started = time.perf_counter()
        vals_list = []
        for row in self.customer_rows:
            owner = owners[rng.randrange(len(owners))]
            row["user_id"] = owner.id
            shared = owners[rng.randrange(len(owners))] if rng.random() < 0.1 else owners.browse()
            vals_list.append({
                "name": row["name"], "short_name": row["short_name"], "customer_type": row["customer_type"],
                "phone": row["phone"], "mobile": row["mobile"], "source": row["source"], "user_id": owner.id,
                "shared_user_ids": [(6, 0, (shared - owner).ids)],
                "group_ids": [(6, 0, [groups[rng.randrange(len(groups))].id])] if groups else [],
                "child_ids": [(0, 0, {"name": c["name"], "mobile": c["mobile"], "function": c["function"],
                                      "type": "contact", "xtools_birthday": c["birthday"]})
                              for c in row["contacts"]],
            })
        customers = self._create("xtools.customer", vals_list)
        self.customers = customers
        self.backdate_customers(customers.ids)
        self._timed("xtools.customer", len(customers), started)
        self.stats["res.partner (contacts)"] = {"rows": self.counts["contacts"], "with": "xtools.customer"}

    def backdate_customers(self, customer_ids=None):
        """Spread the customers' creation over the last ``CUSTOMER_YEARS`` years, as a company's file grows (the
        ORM stamps them all with now: this month's new-customer figures would count the whole file). The day of
        each follows from its id, so the step is repeatable on an existing data set (``--backdate``)."""
        days = CUSTOMER_YEARS * 365
        self.env.cr.execute(
            """
            UPDATE xtools_customer
               SET create_date = %s::timestamp - make_interval(days => (id * 7919) %% %s, mins => (id * 31) %% 1440)
             WHERE %s IS NULL OR id = ANY(%s)
            """,
            [self.now, days, customer_ids, customer_ids or []],
        )
        self.env["xtools.customer"].invalidate_model(["create_date"])

    def backdate_payments(self, payment_ids=None):
        """Repair a data set generated before payments were dated between their contract's signature and the
        generation day: those clipped onto that day (a quarter of them, making "this month" three times busier than
        any other) get a day between the signature and it, following from their id (repeatable). A plan's paid
        amount does not depend on the payments' order, so no stored amount changes."""
        self.env.cr.execute(
            """
            UPDATE xtools_payment p
               SET date = c.sign_date + ((p.id * 7919) %% (LEAST(%s, p.create_date::date - c.sign_date) + 1))
              FROM xtools_contract c
             WHERE c.id = p.contract_id AND p.date = p.create_date::date AND c.sign_date < p.date
               AND (%s IS NULL OR p.id = ANY(%s))
            """,
            [PAYMENT_DAYS, payment_ids, payment_ids or []],
        )
        self.env["xtools.payment"].invalidate_model(["date"])
        return self.env.cr.rowcount

    def _customer_info(self):
        """(customer id, owner id, contact ids) of every customer, read in one query."""
        self.env.cr.execute("""
            SELECT c.id, c.user_id, array_remove(array_agg(p.id ORDER BY p.id), NULL)
              FROM xtools_customer c LEFT JOIN res_partner p ON p.parent_id = c.partner_id AND p.type = 'contact'
             WHERE c.id = ANY(%s) GROUP BY c.id, c.user_id ORDER BY c.id
        """, [self.customers.ids])
        return self.env.cr.fetchall()

    def generate_actions(self):
        rng, count = self.rng, self.counts["actions"]
        info = self._customer_info()
        started = time.perf_counter()
        vals_list = []
        for index in range(count):
            customer_id, user_id, contact_ids = info[index % len(info)]
            action_type = rng.choice(list(ACTION_SUBJECTS))
            vals_list.append({
                "customer_id": customer_id, "user_id": user_id, "action_type": action_type,
                "subject": rng.choice(ACTION_SUBJECTS[action_type]),
                "contact_id": rng.choice(contact_ids) if contact_ids else False,
                "date": self.now - timedelta(minutes=rng.randrange(90 * 24 * 60)),
            })
        self._create("xtools.action", vals_list)
        self._timed("xtools.action", count, started)

    def generate_tasks(self):
        rng, counts = self.rng, self.counts
        info = self._customer_info()
        env = self.env
        model_id = env["ir.model"]._get_id("xtools.customer")
        types = [env.ref(x) for x in ("xtools_crm.mail_activity_type_call", "xtools_crm.mail_activity_type_visit")
                 if env.ref(x, raise_if_not_found=False)] or env["mail.activity.type"].search([], limit=2)
        started = time.perf_counter()
        tasks = [{
            "res_model_id": model_id, "res_id": customer_id, "activity_type_id": rng.choice(types).id,
            "summary": rng.choice(["回访客户", "发送合同", "确认付款", "安排演示"]), "user_id": user_id,
            "date_deadline": self.today + timedelta(days=rng.randrange(-10, 20)),
        } for customer_id, user_id, _contacts in rng.sample(info, min(counts["tasks"], len(info)))]
        self._create("mail.activity", tasks)
        self._timed("mail.activity", len(tasks), started)
        started = time.perf_counter()
        users = env["res.users"].browse([user_id for _c, user_id, _p in info])
        partner_of = {user.id: user.partner_id.id for user in users}
        events = []
        for customer_id, user_id, _contacts in rng.sample(info, min(counts["events"], len(info))):
            start = self.now.replace(minute=0, second=0) + timedelta(hours=rng.randrange(-48, 24 * 7))
            events.append(
                {
                    "name": rng.choice(["拜访客户", "产品演示", "合同洽谈"]),
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": user_id,
                    "partner_ids": [(6, 0, [partner_of[user_id]])],
                    "res_model_id": model_id,
                    "res_id": customer_id,
                }
            )
        self._create("calendar.event", events)
        self._timed("calendar.event", len(events), started)

    def generate_opportunities(self):
        rng, count = self.rng, self.counts["opportunities"]
        stages = self.env["xtools.opportunity.stage"].search([], order="sequence, id")
        open_stages = stages.filtered(lambda s: not s.is_won)
        info = self._customer_info()
        picked = rng.sample(info, count) if count <= len(info) else [info[i % len(info)] for i in range(count)]
        started = time.perf_counter()
        self.opportunity_rows = []
        vals_list = []
        for customer_id, user_id, contact_ids in picked:
            row = {
                "name": f"{rng.choice(OPPORTUNITY_WORDS)}项目", "customer_id": customer_id, "user_id": user_id,
                "stage_index": rng.randrange(len(open_stages)),
                "expected_amount": rng.randrange(10, 2000) * 1000.0,
                "expected_date": self.today + timedelta(days=rng.randrange(-30, 180)),
                "contact_id": rng.choice(contact_ids) if contact_ids else False,
            }
            self.opportunity_rows.append(row)
            vals_list.append({
                "name": row["name"], "customer_id": customer_id, "user_id": user_id, "contact_id": row["contact_id"],
                "stage_id": open_stages[row["stage_index"]].id, "expected_amount": row["expected_amount"],
                "expected_date": row["expected_date"],
            })
        opportunities = self._create("xtools.opportunity", vals_list)
        # Histories: a third moves one stage on (some to 签约, won), a tenth is lost; in batches per target stage.
        moves = {}
        for opportunity, row in zip(opportunities, self.opportunity_rows, strict=False):
            draw = rng.random()
            if draw < 0.33:
                row["stage_index"] += 1
                moves.setdefault(row["stage_index"], []).append(opportunity.id)
            elif draw < 0.43:
                row["lost"] = True
        for index, ids in moves.items():
            self.env["xtools.opportunity"].browse(ids).write({"stage_id": stages[index].id})
        lost = opportunities.browse(
            [o.id for o, row in zip(opportunities, self.opportunity_rows, strict=False) if row.get("lost")]
        )
        reason = self.env["xtools.opportunity.lost.reason"].search([], limit=1)
        lost.write({"state": "lost", "lost_reason_id": reason.id})
        self.opportunities = opportunities
        self._timed("xtools.opportunity", count, started)
        self.stats["xtools.opportunity.history"] = {
            "rows": self.env["xtools.opportunity.history"].search_count([("opportunity_id", "in", opportunities.ids)]),
            "with": "xtools.opportunity",
        }

    def generate_contracts(self):
        rng, counts = self.rng, self.counts
        info = self._customer_info()
        picked = rng.sample(info, min(counts["contracts"], len(info)))
        plans_per_contract = counts["plans"] // counts["contracts"]
        started = time.perf_counter()
        vals_list = []
        for index, (customer_id, user_id, contact_ids) in enumerate(picked):
            amount = rng.randrange(20, 500) * 1000.0
            sign = self.today - timedelta(days=rng.randrange(0, 400))
            share = round(amount / plans_per_contract, 2)
            plans = [{"name": INSTALLMENTS[i % len(INSTALLMENTS)], "due_date": sign + timedelta(days=30 * (i + 1)),
                      "amount": share if i < plans_per_contract - 1 else amount - share * (plans_per_contract - 1),
                      "user_id": user_id}
                     for i in range(plans_per_contract)]
            draft = index % 6 == 5  # a sixth are still drafts
            vals_list.append({
                "name": f"{rng.choice(OPPORTUNITY_WORDS)}合同", "customer_id": customer_id, "user_id": user_id,
                "contact_id": rng.choice(contact_ids) if contact_ids else False, "amount": amount,
                "state": "draft" if draft else "running", "sign_date": False if draft else sign, "start_date": sign,
                "end_date": sign + timedelta(days=rng.choice((365, 730, 420))),
                "plan_ids": [(0, 0, plan) for plan in plans],
            })
        self.contracts = self._create("xtools.contract", vals_list)
        self._timed("xtools.contract", len(vals_list), started)
        self.stats["xtools.payment.plan"] = {"rows": len(vals_list) * plans_per_contract, "with": "xtools.contract"}

    def generate_payments(self):
        rng, count = self.rng, self.counts["payments"]
        self.env.cr.execute("SELECT id, user_id, amount, sign_date FROM xtools_contract WHERE id = ANY(%s) "
                            "AND state = 'running' ORDER BY id", [self.contracts.ids])
        signed = self.env.cr.fetchall()
        started = time.perf_counter()
        per_contract = -(-count // len(signed))  # at most this many payments on one contract
        vals_list = []
        for index in range(count):
            contract_id, user_id, amount, sign_date = signed[index % len(signed)]
            vals_list.append({
                "contract_id": contract_id, "user_id": user_id,
                "amount": round(amount / (per_contract + 1), 2),
                # Between the signature and today: never in the future, nor piled on today.
                "date": sign_date + timedelta(
                    days=rng.randrange(0, min(PAYMENT_DAYS, (self.today - sign_date).days) + 1)
                ),
                "method": rng.choice(["bank", "bank", "alipay", "wechat", "acceptance"]),
            })
        self._create("xtools.payment", vals_list)
        self._timed("xtools.payment", count, started)

    # ------------------------------------------------------------------
    # Baseline: the same data in Odoo's own models
    # ------------------------------------------------------------------
    def generate_partner_baseline(self):
        """The same customers and contacts as plain ``res.partner`` companies (or persons) with child contacts."""
        started = time.perf_counter()
        vals_list = [{
            "name": row["name"], "is_company": row["customer_type"] == "company", "phone": row["phone"],
            "mobile": row["mobile"], "user_id": row["user_id"], "ref": row["short_name"] or False,
            "comment": "bench baseline",
            "child_ids": [(0, 0, {"name": c["name"], "mobile": c["mobile"], "function": c["function"],
                                  "type": "contact"}) for c in row["contacts"]],
        } for row in self.customer_rows]
        self.baseline_partners = self._create("res.partner", vals_list)
        self._timed("res.partner (baseline)", len(vals_list), started)

    def generate_lead_baseline(self):
        """The same opportunities as ``crm.lead`` of the baseline partners, in crm stages named like ours."""
        env = self.env
        if "crm.lead" not in env:
            raise RuntimeError(
                "The crm.lead baseline needs Odoo's crm module in this database (make bench installs it)."
            )
        stages = env["xtools.opportunity.stage"].search([], order="sequence, id")
        crm_stages = env["crm.stage"].search([])
        by_name = {stage.name: stage for stage in crm_stages}
        lead_stages = env["crm.stage"]
        for stage in stages:
            lead_stages |= by_name.get(stage.name) or env["crm.stage"].create(
                {"name": stage.name, "sequence": 100 + stage.sequence, "is_won": stage.is_won})
        open_stages = stages.filtered(lambda s: not s.is_won)
        stage_map = {stage.id: lead_stage for stage, lead_stage in zip(stages, lead_stages, strict=False)}
        partner_of_customer = {
            customer.id: partner.id for customer, partner in zip(self.customers, self.baseline_partners, strict=False)
        }
        team_of = {}
        for team in self.users["teams"]:
            for user in team.member_ids | team.user_id:
                team_of[user.id] = team.id
        started = time.perf_counter()
        vals_list = []
        for row in self.opportunity_rows:
            stage = stages[row["stage_index"]] if row["stage_index"] < len(stages) else open_stages[-1]
            vals_list.append({
                "type": "opportunity", "name": row["name"], "partner_id": partner_of_customer[row["customer_id"]],
                "user_id": row["user_id"], "team_id": team_of.get(row["user_id"], False),
                "stage_id": stage_map[stage.id].id, "expected_revenue": row["expected_amount"],
                "date_deadline": row["expected_date"], "active": not row.get("lost"),
            })
        self._create("crm.lead", vals_list)
        self._timed("crm.lead (baseline)", len(vals_list), started)


def compact(env, tables):
    """``VACUUM FULL`` the ``tables``, committed first, then ``VACUUM ANALYZE`` them. The ORM writes many new rows a
    second time (their stored totals and search columns, then the backdating), which leaves a table twice its size
    in dead space: every scan of it would then read twice the pages a company's database holds. The second, plain
    vacuum marks the rewritten pages all-visible, as autovacuum keeps a live database: without it, every index-only
    scan would still visit the table."""
    env.cr.commit()
    env.cr._cnx.autocommit = True  # VACUUM runs outside a transaction
    try:
        for table in tables:
            env.cr.execute(f'VACUUM FULL "{table}"')
            env.cr.execute(f'VACUUM ANALYZE "{table}"')
    finally:
        env.cr._cnx.autocommit = False


# The tables the generator writes (and rewrites), baselines included.
GENERATED_TABLES = [
    "xtools_customer", "res_partner", "xtools_action", "mail_activity", "calendar_event", "xtools_opportunity",
    "xtools_opportunity_history", "xtools_contract", "xtools_payment_plan", "xtools_payment", "crm_lead",
]


def main():
    import argparse

    from odoo_env import add_odoo_arguments, odoo_env

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="only our models (no res.partner/crm.lead copy)")
    parser.add_argument("--backdate", action="store_true",
                        help="only spread the customers' creation dates and the payments' dates of an existing data "
                        "set (a data set generated before the generator did)")
    add_odoo_arguments(parser)
    args = parser.parse_args()
    with odoo_env(args) as env:
        if args.backdate:
            generator = Generator(env)
            generator.backdate_customers()
            moved = generator.backdate_payments()
            compact(env, ["xtools_customer", "xtools_payment"])
            print(f"customers' creation dates spread over {CUSTOMER_YEARS} years, {moved} payments dated back to "
                  f"between their contract's signature and their creation in {args.database}", flush=True)
            return
        if env["res.users"].search_count([("login", "=", f"{LOGIN_PREFIX}boss")]):
            raise SystemExit(f"{args.database} already holds a generated data set: drop it first (make bench does).")
        print(f"generating scale={args.scale} seed={args.seed} into {args.database}", flush=True)
        started = time.perf_counter()
        generator = Generator(env, args.scale, args.seed, commit=True, verbose=True)
        generator.run(with_baseline=not args.no_baseline)
        env.cr.commit()
        env["ir.config_parameter"].set_param("xtools_bench.scale", f"{args.scale}:{args.seed}")
        compact(env, [table for table in GENERATED_TABLES if table != "crm_lead" or not args.no_baseline])
        print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
