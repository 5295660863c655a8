import { Component, onWillStart, useState } from "@odoo/owl";
import { getCurrency } from "@web/core/currency";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { formatShortAmount } from "../core/cn_amount";

const { DateTime } = luxon;

/**
 * How each panel of `xtools.workbench.get_workbench_data()` is drawn: the template of one of its items.
 * A new panel on the server is one entry here (and its `xtools_crm.WorkbenchItem.<key>` template).
 * Panels with a `layout` of their own ("stats", "summary") are drawn by the workbench itself.
 */
export const PANELS = {
    announcements: { itemTemplate: "xtools_crm.WorkbenchItem.announcements" },
    tasks: { itemTemplate: "xtools_crm.WorkbenchItem.tasks" },
    expense_approvals: { itemTemplate: "xtools_crm.WorkbenchItem.expense_approvals" },
    schedules: { itemTemplate: "xtools_crm.WorkbenchItem.schedules" },
    receivables: { itemTemplate: "xtools_crm.WorkbenchItem.receivables" },
    complaints: { itemTemplate: "xtools_crm.WorkbenchItem.complaints" },
    calls: { itemTemplate: "xtools_crm.WorkbenchItem.calls" },
    deliveries: { itemTemplate: "xtools_crm.WorkbenchItem.deliveries" },
    contracts_expiring: { itemTemplate: "xtools_crm.WorkbenchItem.contracts_expiring" },
    birthdays: { itemTemplate: "xtools_crm.WorkbenchItem.birthdays" },
    pool_returns: { itemTemplate: "xtools_crm.WorkbenchItem.pool_returns" },
};

/**
 * The workbench 工作台: the home screen of XTools CRM. One RPC loads every panel; every item opens its record,
 * every panel title its full list; managers switch between themselves, a member and a whole team.
 */
export class Workbench extends Component {
    static template = "xtools_crm.Workbench";
    static components = { Layout, Dropdown, DropdownItem };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null, scope: this.props.state?.scope || "mine", loading: false });
        useSetupAction({ getLocalState: () => ({ scope: this.state.scope }) });
        onWillStart(() => this.load());
    }

    async load(scope = this.state.scope) {
        this.state.loading = true;
        try {
            const data = await this.orm.call("xtools.workbench", "get_workbench_data", [], { scope });
            this.state.data = data;
            this.state.scope = data.scope.key;
        } finally {
            this.state.loading = false;
        }
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get panels() {
        return this.state.data.panels.filter((panel) => PANELS[panel.key]);
    }

    get motivation() {
        return this.state.data.panels.find((panel) => panel.layout === "stats");
    }

    get summary() {
        return this.state.data.panels.find((panel) => panel.layout === "summary");
    }

    get greeting() {
        const hour = new Date().getHours();
        const name = this.state.data.user.name;
        if (hour < 12) {
            return _t("Good morning, %s", name);
        }
        if (hour < 18) {
            return _t("Good afternoon, %s", name);
        }
        return _t("Good evening, %s", name);
    }

    get todayLabel() {
        return deserializeDate(this.state.data.today).toLocaleString({
            month: "long",
            day: "numeric",
            weekday: "long",
        });
    }

    get quickActions() {
        return [
            {
                key: "company",
                label: _t("New Enterprise Customer"),
                icon: "fa-building-o",
                primary: true,
                run: () =>
                    this.action.doAction({
                        type: "ir.actions.act_window",
                        name: _t("New Enterprise Customer"),
                        res_model: "xtools.customer",
                        views: [[false, "form"]],
                        target: "current",
                        context: { default_customer_type: "company" },
                    }),
            },
            {
                key: "individual",
                label: _t("New Individual Customer"),
                icon: "fa-user-o",
                run: () => this.action.doAction("xtools_crm.xtools_customer_action_new_individual"),
            },
            {
                key: "action",
                label: _t("Log Action"),
                icon: "fa-pencil-square-o",
                run: () => this.openDialog("xtools.action", _t("Log Action")),
            },
            {
                key: "call",
                label: _t("Quick Call"),
                icon: "fa-phone",
                run: () => this.openDialog("xtools.call", _t("Quick Call")),
            },
        ];
    }

    itemTemplate(panel) {
        return PANELS[panel.key].itemTemplate;
    }

    // ------------------------------------------------------------------
    // Formatting
    // ------------------------------------------------------------------

    /** Short amount in Chinese units (22.0万) with the currency's symbol. */
    formatAmount(value, currencyId = this.state.data.currency_id) {
        const amount = formatShortAmount(value);
        const currency = getCurrency(currencyId);
        if (!currency) {
            return amount;
        }
        return currency.position === "after" ? `${amount} ${currency.symbol}` : `${currency.symbol}${amount}`;
    }

    formatValue(value, kind) {
        return kind === "amount" ? this.formatAmount(value) : String(value ?? 0);
    }

    formatQty(value) {
        return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, "");
    }

    /** Days from today to `date` (negative: in the past). */
    daysFrom(date) {
        const today = deserializeDate(this.state.data.today);
        return Math.round(deserializeDate(date).diff(today, "days").days);
    }

    shortDate(date) {
        return deserializeDate(date).toLocaleString({ month: "short", day: "numeric" });
    }

    /** A deadline said the way people say it: 今天, 明天, 3天后到期, 逾期2天. */
    deadlineLabel(date) {
        const days = this.daysFrom(date);
        if (days === 0) {
            return _t("Today");
        }
        if (days === 1) {
            return _t("Tomorrow");
        }
        if (days > 1) {
            return _t("Due in %s days", days);
        }
        return _t("%s days overdue", -days);
    }

    /** The day of a coming birthday: 今天, 明天, 3天后. */
    dayLabel(date) {
        const days = this.daysFrom(date);
        if (days === 0) {
            return _t("Today");
        }
        if (days === 1) {
            return _t("Tomorrow");
        }
        return _t("in %s days", days);
    }

    /** The last day an announcement is shown: 至3月20日. */
    untilLabel(date) {
        return _t("Until %s", this.shortDate(date));
    }

    expiryLabel(item) {
        const days = this.daysFrom(item.date);
        if (days < 0) {
            return _t("Ended %s days ago", -days);
        }
        if (days === 0) {
            return _t("Ends today");
        }
        return _t("Ends in %s days", days);
    }

    /** When a customer returns to the pool 公海: 今天退回, 明天退回, 3天后退回. */
    returnLabel(item) {
        const days = this.daysFrom(item.date);
        if (days <= 0) {
            return _t("Returns today");
        }
        if (days === 1) {
            return _t("Returns tomorrow");
        }
        return _t("Returns in %s days", days);
    }

    eventDay(item) {
        const start = deserializeDateTime(item.start);
        const days = Math.round(start.startOf("day").diff(deserializeDate(this.state.data.today), "days").days);
        if (days === 0) {
            return _t("Today");
        }
        if (days === 1) {
            return _t("Tomorrow");
        }
        return start.toLocaleString({ weekday: "short" });
    }

    eventTime(item) {
        if (item.allday) {
            return _t("All day");
        }
        return deserializeDateTime(item.start).toLocaleString({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    }

    callTime(item) {
        const time = deserializeDateTime(item.datetime);
        if (this.daysFrom(time.toISODate()) === 0) {
            return time.toLocaleString({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
        }
        return time.toLocaleString({ month: "short", day: "numeric" });
    }

    lateLabel(panel) {
        return _t("%s late", panel.late_count);
    }

    unreadLabel(panel) {
        return _t("%s unread", panel.unread_count);
    }

    /** The buttons of an item: those of its panel, less those its item says to hide (`unless`). */
    itemButtons(panel, item) {
        return (panel.item_buttons || []).filter((button) => !(button.unless && item[button.unless]));
    }

    /** A complaint's deadline: 4小时后到期, 逾期2天 (or in hours within a day). */
    complaintDeadlineLabel(item) {
        const deadline = deserializeDateTime(item.deadline);
        const now = DateTime.now();
        const hours = Math.round(deadline.diff(now, "hours").hours);
        if (Math.abs(hours) < 24) {
            return hours >= 0 ? _t("Due in %s hours", hours) : _t("%s hours overdue", -hours);
        }
        const days = Math.round(hours / 24);
        return days >= 0 ? _t("Due in %s days", days) : _t("%s days overdue", -days);
    }

    /** A target and how much of it is done: the width of the progress bar and the line under it. */
    targetProgress(stat) {
        if (!stat.target) {
            return null;
        }
        const rate = `${stat.rate ?? 0}%`;
        return {
            width: Math.min(stat.rate || 0, 100),
            done: (stat.rate || 0) >= 100,
            label: _t("Target %s", this.formatAmount(stat.target)),
            rate,
            title: _t("%s done", rate),
        };
    }

    approvalTotal(panel) {
        return _t("To approve %s", this.formatAmount(panel.total));
    }

    receivableTotals(panel) {
        return {
            due: _t("Still due %s", this.formatAmount(panel.total)),
            late: panel.late_total ? _t("Overdue %s", this.formatAmount(panel.late_total)) : "",
        };
    }

    viewAllLabel(panel) {
        return _t("View all %s", panel.count);
    }

    unpaidLabel(item) {
        return _t("Unpaid %s", this.formatAmount(item.unpaid_amount, item.currency_id));
    }

    lastMonthLabel(stat) {
        return _t("Last month %s", this.formatValue(stat.previous, stat.kind));
    }

    /** Month-over-month change of a statistic: direction and percentage. */
    trend(stat) {
        if (stat.previous === false || stat.previous === undefined) {
            return null;
        }
        const diff = stat.value - stat.previous;
        if (!stat.previous) {
            return { direction: diff > 0 ? "up" : "flat", percent: null };
        }
        const percent = Math.round((Math.abs(diff) / stat.previous) * 100);
        return { direction: diff > 0 ? "up" : diff < 0 ? "down" : "flat", percent };
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    onScopeSelected(scope) {
        if (scope.key !== this.state.scope) {
            this.load(scope.key);
        }
    }

    openList(action) {
        if (action) {
            return this.action.doAction(action);
        }
    }

    openDialog(resModel, name, resId = false, viewId = false) {
        return this.action.doAction(
            {
                type: "ir.actions.act_window",
                name,
                res_model: resModel,
                res_id: resId,
                views: [[viewId, "form"]],
                target: "new",
            },
            { onClose: () => this.load() }
        );
    }

    openRecord(resModel, resId) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /** An item opens as its panel says: in a dialog (tasks, schedules, contacts) or in the main stack. */
    openItem(panel, item) {
        const form = panel.form || {};
        const resModel = item.res_model || form.res_model;
        if (form.target === "new" && resModel === form.res_model) {
            return this.openDialog(resModel, panel.title, item.id, form.view_id || false);
        }
        return this.openRecord(resModel, item.id);
    }

    /**
     * An item's button, run as a form's button would be: its method is called, what it returns is opened (a
     * wizard, a notification), and the panel reloads once that is closed (at once when it returns nothing).
     */
    runItemButton(panel, item, button) {
        return this.action.doActionButton({
            type: "object",
            name: button.method,
            resModel: panel.form.res_model,
            resId: item.id,
            onClose: () => this.load(),
        });
    }
}

registry.category("actions").add("xtools_crm.workbench", Workbench);
