import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { animationFrame, mockDate } from "@odoo/hoot-mock";
import {
    contains,
    getService,
    mountWebClient,
    onRpc,
    patchWithCleanup,
    serverState,
} from "@web/../tests/web_test_helpers";

defineMailModels();
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
const stat = (key, label, kind, value, previous, detail = false) => ({
    key,
    label,
    kind,
    value,
    previous,
    detail,
    action: listAction(label, "res.partner"),
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
                    stat("contracts", "签约合同", "amount", full ? 220000 : 0, full ? 100000 : 0, "2 份合同"),
                    stat("actions", "行动记录", "count", full ? 6 : 0, full ? 8 : 0),
                ],
            }),
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
                    item_button: { method: "action_done", label: "完成", icon: "fa-check" },
                    form: { res_model: "mail.activity", target: "new", view_id: false },
                }
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
    expect(".o_xtools_panel").toHaveCount(3, { message: "the list panels; the stats are drawn apart" });
    expect(".o_xtools_item").toHaveCount(0);
    expect(".o_xtools_panel[data-panel=tasks] .o_xtools_panel_empty").toHaveText("待办任务：暂无");
    expect(".o_xtools_panel[data-panel=receivables] .o_xtools_panel_empty").toHaveText("30天内及过期应收款：暂无");
    expect(queryAllTexts(".o_xtools_panel_count")).toEqual(["0", "0", "0"]);
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
