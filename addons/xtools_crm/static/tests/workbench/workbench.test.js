import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { animationFrame, mockDate } from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    fields,
    getService,
    models,
    mountWebClient,
    onRpc,
    patchWithCleanup,
    serverState,
} from "@web/../tests/web_test_helpers";

/** The reject wizard as its dialog shows it (xtools.expense.reject.wizard). */
class RejectWizard extends models.Model {
    _name = "xtools.expense.reject.wizard";

    reason = fields.Text({ string: "否决理由" });

    _views = {
        form: `<form>
            <field name="reason"/>
            <footer><button name="action_reject" type="object" string="否决" class="btn-primary"/></footer>
        </form>`,
    };
}

defineMailModels();
defineModels([RejectWizard]);
describe.current.tags("desktop");

const CNY = { id: 7, name: "CNY", position: "before", symbol: "¥" };
const listAction = (name, resModel) => ({
    type: "ir.actions.act_window",
    name,
    res_model: resModel,
    domain: [],
    views: [[false, "list"]],
    context: {},
    target: "current",
});
const panel = (key, title, items = [], extra = {}) => ({
    key,
    title,
    icon: "fa-check",
    items,
    count: items.length,
    action: listAction(title, "res.partner"),
    empty: `${title}：暂无`,
    form: { res_model: "res.partner", target: "current" },
    ...extra,
});
const stat = (key, label, kind, value, previous, detail = false, extra = {}) => ({
    key,
    label,
    kind,
    value,
    previous,
    detail,
    action: listAction(label, "res.partner"),
    ...extra,
});

function payload(full) {
    const customer = { id: 3, name: "北京沃力森信息技术有限公司" };
    return {
        user: { id: 7, name: "李明" },
        today: "2026-03-10",
        currency_id: CNY.id,
        scope: { key: "mine", kind: "mine", label: "我的" },
        scopes: full
            ? [
                  { key: "mine", kind: "mine", label: "我的" },
                  { key: "team:1", kind: "team", label: "华东销售部" },
                  { key: "user:8", kind: "user", label: "张丽" },
              ]
            : [{ key: "mine", kind: "mine", label: "我的" }],
        panels: [
            panel("motivation", "自我激励", [], {
                layout: "stats",
                count: 2,
                stats: [
                    stat("contracts", "签约合同", "amount", full ? 220000 : 0, full ? 100000 : 0, "2 份合同", {
                        target: full ? 400000 : 0,
                        rate: full ? 55.0 : null,
                    }),
                    stat("payments", "回款金额", "amount", full ? 120000 : 0, 0, false, {
                        target: full ? 100000 : 0,
                        rate: full ? 120.0 : null,
                    }),
                    stat("actions", "行动记录", "count", full ? 6 : 0, full ? 8 : 0),
                ],
            }),
            panel(
                "announcements",
                "内部公告",
                full
                    ? [
                          {
                              id: 41,
                              title: "本季度销售冲刺动员",
                              pinned: true,
                              is_read: false,
                              date: "2026-03-07",
                              expiry_date: "2026-04-09",
                              author: "赵志远",
                          },
                          {
                              id: 42,
                              title: "周例会改到周五下午",
                              pinned: false,
                              is_read: true,
                              date: "2026-03-09",
                              expiry_date: false,
                              author: "王建国",
                          },
                      ]
                    : [],
                {
                    unread_count: full ? 1 : 0,
                    item_buttons: [
                        { method: "action_mark_read", label: "标记为已读", icon: "fa-eye", unless: "is_read" },
                    ],
                    form: { res_model: "xtools.announcement", target: "new", view_id: false },
                }
            ),
            panel(
                "tasks",
                "待办任务",
                full
                    ? [
                          {
                              id: 11,
                              title: "逾期回访",
                              type: "电话",
                              icon: "fa-phone",
                              record: { model: "xtools.customer", id: 3, name: customer.name },
                              date: "2026-03-08",
                              late: true,
                              user: false,
                          },
                          {
                              id: 12,
                              title: "发送报价",
                              type: "邮件",
                              icon: "fa-envelope",
                              record: { model: "xtools.customer", id: 3, name: customer.name },
                              date: "2026-03-13",
                              late: false,
                              user: false,
                          },
                      ]
                    : [],
                {
                    late_count: full ? 1 : 0,
                    item_buttons: [{ method: "action_done", label: "完成", icon: "fa-check" }],
                    form: { res_model: "mail.activity", target: "new", view_id: false },
                }
            ),
            panel(
                "expense_approvals",
                "费用审批",
                full
                    ? [
                          {
                              id: 51,
                              title: "恒通精密网络改造项目商务宴请",
                              category: "招待",
                              customer,
                              user: { id: 8, name: "张丽" },
                              amount: 1280,
                              currency_id: CNY.id,
                              date: "2026-03-08",
                              submitted: "2026-03-08 02:00:00",
                          },
                      ]
                    : [],
                {
                    total: full ? 1280 : 0,
                    item_buttons: [
                        { method: "action_approve", label: "同意", icon: "fa-check", class: "text-success" },
                        { method: "action_reject", label: "否决", icon: "fa-times", class: "text-danger" },
                    ],
                    form: { res_model: "xtools.expense", target: "current" },
                }
            ),
            panel(
                "complaints",
                "未处理投诉",
                full
                    ? [
                          {
                              id: 61,
                              title: "系统升级后部分用户无法登录",
                              customer,
                              urgency: "critical",
                              urgency_label: "非常紧急",
                              state: "new",
                              state_label: "未处理",
                              datetime: "2026-03-09 20:00:00",
                              deadline: "2026-03-10 00:00:00",
                              late: true,
                              user: false,
                          },
                      ]
                    : [],
                { late_count: full ? 1 : 0, form: { res_model: "xtools.complaint", target: "current" } }
            ),
            panel(
                "receivables",
                "30天内及过期应收款",
                full
                    ? [
                          {
                              id: 21,
                              title: "[HT2026001] 沃力森 CRM 系统采购合同",
                              installment: "验收款",
                              customer,
                              date: "2026-03-20",
                              late: false,
                              amount: 66000,
                              planned_amount: 66000,
                              currency_id: CNY.id,
                          },
                      ]
                    : [],
                { total: full ? 66000 : 0, late_count: 0, late_total: 0 }
            ),
            panel("birthdays", "联系人生日", full ? [{ id: 31, title: "陈晓东", function: "总经理", customer, date: "2026-03-12", days: 2 }] : [], {
                count: full ? 12 : 0,
            }),
            // A salesperson's monthly summary: the company's totals only, nothing to open.
            panel("sales_summary", "本月销售汇总", [], {
                layout: "summary",
                action: false,
                subtitle: "全公司",
                stats: [],
                company_stats: [
                    { ...stat("company_contracts", "签约合同", "amount", full ? 1350000 : 0, false, "9 份合同"), action: false },
                    { ...stat("company_customers", "新增客户", "count", full ? 7 : 0, false), action: false },
                ],
            }),
        ],
    };
}

/**
 * Open the workbench on a payload; `calls` records its RPCs and `actions` the actions it asks for (the workbench
 * itself is opened for real).
 */
async function openWorkbench(full, { calls = [], actions = [] } = {}) {
    serverState.currencies = [CNY];
    serverState.lang = "zh_CN"; // amounts in 万 as the salespeople read them
    mockDate("2026-03-10 09:00:00");
    onRpc("xtools.workbench", "get_workbench_data", ({ kwargs }) => {
        calls.push(["load", kwargs.scope]);
        return payload(full);
    });
    onRpc("mail.activity", "action_done", ({ args }) => {
        calls.push(["done", args[0]]);
        return true;
    });
    await mountWebClient();
    patchWithCleanup(getService("action"), {
        doAction(action, options) {
            if (action === "xtools_crm.workbench") {
                return super.doAction(action, options);
            }
            actions.push(action);
            return Promise.resolve(true);
        },
    });
    await getService("action").doAction("xtools_crm.workbench");
    await animationFrame();
}

test("an empty workbench says so in every panel, with the quick actions on top", async () => {
    await openWorkbench(false);
    expect(".o_xtools_quick_action").toHaveCount(4);
    expect("button[name=quick_company]").toHaveClass("btn-primary");
    expect(".o_xtools_panel").toHaveCount(7, { message: "six list panels and the summary; the stats apart" });
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_panel_empty").toHaveText("内部公告：暂无");
    expect(".o_xtools_panel[data-panel=complaints] .o_xtools_panel_empty").toHaveText("未处理投诉：暂无");
    expect(".o_xtools_panel_unread").toHaveCount(0);
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_target_none").toHaveCount(1, {
        message: "no target this month is said",
    });
    expect(".o_xtools_stat .progress").toHaveCount(0);
    expect(".o_xtools_summary .o_xtools_stat[data-stat=company_contracts] .o_xtools_stat_value").toHaveText("¥0");
    expect(".o_xtools_item").toHaveCount(0);
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_panel_empty").toHaveText("待办任务：暂无");
    expect(".o_xtools_panel[data-panel=receivables] .o_xtools_panel_empty").toHaveText("30天内及过期应收款：暂无");
    expect(queryAllTexts(".o_xtools_workbench_grid .o_xtools_panel_count")).toEqual(["0", "0", "0", "0", "0", "0"]);
    expect(".o_xtools_panel_late").toHaveCount(0);
    expect(".o_xtools_panel_footer").toHaveCount(0);
    expect(".o_xtools_scope").toHaveCount(0, { message: "no switch with one scope" });
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_value").toHaveText("¥0");
});

test("a full workbench lists the items with counts, late marks, amounts in 万 and a link to the rest", async () => {
    await openWorkbench(true);
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_item").toHaveCount(2);
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_item:first").toHaveClass("o_xtools_item_late");
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_panel_count").toHaveText("2");
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_panel_late").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_item_button").toHaveCount(2);
    expect(".o_xtools_panel[data-panel=receivables] .o_xtools_item_amount").toHaveText("¥6.6万");
    expect(".o_xtools_panel[data-panel=birthdays] .o_xtools_panel_count").toHaveText("12");
    expect(".o_xtools_panel[data-panel=birthdays] .o_xtools_panel_footer").toHaveCount(1);
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_value").toHaveText("¥22.0万");
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_detail").toHaveText("2 份合同");
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_trend_up").toHaveCount(1);
    expect(".o_xtools_stat[data-stat=actions] .o_xtools_trend_down").toHaveCount(1);
    expect(".o_xtools_scope_toggle").toHaveText("我的");
});

test("items open their record, titles their list, the done button reloads the panel", async () => {
    const calls = [];
    const actions = [];
    await openWorkbench(true, { calls, actions });
    await contains(".o_xtools_panel[data-panel=receivables] .o_xtools_item").click();
    await contains(".o_xtools_panel[data-panel=receivables] .o_xtools_panel_title").click();
    await contains(".o_xtools_panel[data-panel=tasks] .o_xtools_item:first .o_xtools_item_customer").click();
    await contains(".o_xtools_panel[data-panel=tasks] .o_xtools_item:first .o_xtools_item_title").click();
    expect(actions.map((action) => [action.res_model, action.res_id, action.target])).toEqual([
        ["res.partner", 21, "current"],
        ["res.partner", undefined, "current"],
        ["xtools.customer", 3, "current"],
        ["mail.activity", 11, "new"],
    ]);
    expect(actions[1].name).toBe("30天内及过期应收款");
    await contains(".o_xtools_panel[data-panel=tasks] .o_xtools_item:first .o_xtools_item_button").click();
    await animationFrame();
    expect(calls).toEqual([
        ["load", "mine"],
        ["done", [11]],
        ["load", "mine"],
    ]);
    await contains(".o_xtools_scope_toggle").click();
    await contains(".o_xtools_scope_option[data-scope='team:1']").click();
    expect(calls.at(-1)).toEqual(["load", "team:1"]);
});

test("announcements, complaints, approvals, targets and the company's totals", async () => {
    await openWorkbench(true);
    // Announcements: pinned first, the unread one bold and dotted, "mark as read" only on it.
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_panel_unread").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_item:first").toHaveClass("o_xtools_item_unread");
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_item:first .fa-thumb-tack").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_unread_dot").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_item:first button[name=action_mark_read]").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=announcements] .o_xtools_item:last button[name=action_mark_read]").toHaveCount(0);
    // Complaints: the overdue one flagged, its urgency shown.
    expect(".o_xtools_panel[data-panel=complaints] .o_xtools_item").toHaveClass("o_xtools_item_late");
    expect(".o_xtools_panel[data-panel=complaints] .o_xtools_panel_late").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=complaints] .o_xtools_urgency").toHaveText("非常紧急");
    // Approvals: 同意 and 否决 on the row, the total on top.
    expect(".o_xtools_panel[data-panel=expense_approvals] .o_xtools_item_button").toHaveCount(2);
    expect(".o_xtools_panel[data-panel=expense_approvals] .o_xtools_panel_totals").toHaveCount(1);
    expect(".o_xtools_panel[data-panel=expense_approvals] .o_xtools_item_amount").toHaveText("¥1,280");
    // Self-motivation against the targets: a bar filled to the rate (full past 100 %).
    expect(".o_xtools_stat[data-stat=contracts] .progress-bar").toHaveAttribute("style", "width: 55%");
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_rate").toHaveText("55%");
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_target_label").toHaveText("Target ¥40.0万");
    expect(".o_xtools_stat[data-stat=contracts] .o_xtools_stat_target").toHaveAttribute("title", "55% done");
    expect(".o_xtools_stat[data-stat=payments] .o_xtools_stat_rate").toHaveClass("text-success");
    expect(".o_xtools_stat[data-stat=payments] .progress-bar").toHaveAttribute("style", "width: 100%");
    expect(".o_xtools_stat[data-stat=payments] .progress-bar").toHaveClass("bg-success");
    expect(".o_xtools_stat[data-stat=actions] .o_xtools_stat_target").toHaveCount(0);
    // The company's totals: figures only, no salesperson table, nothing to open.
    expect(".o_xtools_summary .o_xtools_stat[data-stat=company_contracts] .o_xtools_stat_value").toHaveText("¥135.0万");
    expect(".o_xtools_summary .o_xtools_stat[data-stat=company_contracts]").toHaveAttribute("disabled");
    expect(".o_xtools_summary table").toHaveCount(0);
    expect(".o_xtools_summary a.o_xtools_panel_title").toHaveCount(0);
});

test("mark as read, approve in place and reject through the reason dialog", async () => {
    const calls = [];
    onRpc("xtools.announcement", "action_mark_read", ({ args }) => {
        calls.push(["read", args[0]]);
        return true;
    });
    onRpc("xtools.expense", "action_approve", ({ args }) => {
        calls.push(["approve", args[0]]);
        return {
            type: "ir.actions.client",
            tag: "display_notification",
            params: { message: "已同意 1 笔费用。", next: { type: "ir.actions.act_window_close" } },
        };
    });
    onRpc("xtools.expense", "action_reject", ({ args }) => {
        calls.push(["reject", args[0]]);
        return {
            type: "ir.actions.act_window",
            res_model: "xtools.expense.reject.wizard",
            views: [[false, "form"]],
            target: "new",
            context: { default_expense_ids: args[0] },
        };
    });
    onRpc("xtools.expense.reject.wizard", "action_reject", () => {
        calls.push(["reason given"]);
        return {
            type: "ir.actions.client",
            tag: "display_notification",
            params: { message: "已否决 1 笔费用。", next: { type: "ir.actions.act_window_close" } },
        };
    });
    await openWorkbench(true, { calls });
    await contains(".o_xtools_panel[data-panel=announcements] button[name=action_mark_read]").click();
    await animationFrame();
    await contains(".o_xtools_panel[data-panel=expense_approvals] button[name=action_approve]").click();
    await animationFrame();
    expect(".o_notification").toHaveText("已同意 1 笔费用。");
    await contains(".o_xtools_panel[data-panel=expense_approvals] button[name=action_reject]").click();
    await animationFrame();
    expect(".modal .o_field_widget[name=reason]").toHaveCount(1, { message: "the dialog asks the reason" });
    await contains(".modal .o_field_widget[name=reason] textarea").edit("没有发票");
    await contains(".modal footer button[name=action_reject]").click();
    await animationFrame();
    expect(".modal").toHaveCount(0);
    expect(calls).toEqual([
        ["load", "mine"],
        ["read", [41]],
        ["load", "mine"],
        ["approve", [51]],
        ["load", "mine"],
        ["reject", [51]],
        ["reason given"],
        ["load", "mine"],
    ], { message: "every decision reloads the panels; the rejection once its dialog is closed" });
});
