import { registry } from "@web/core/registry";

/**
 * A salesperson logs in and lands on the workbench (their home action), opens a task from it, marks it done in
 * the task's dialog and sees it leave the panel, the other task staying; then opens, from the panel 即将退回公海,
 * the customer that returns to the customer pool in two days.
 */
registry.category("web_tour.tours").add("xtools_workbench_task_done", {
    url: "/odoo",
    steps: () => [
        {
            content: "Logging in lands on the workbench",
            trigger: ".o_xtools_workbench .o_xtools_panel[data-panel=tasks] .o_xtools_panel_count:contains(2)",
        },
        {
            content: "Open the task from the workbench",
            trigger: ".o_xtools_panel[data-panel=tasks] .o_xtools_item:contains('回访巡游客户')",
            run: "click",
        },
        {
            content: "The task opens in a dialog",
            trigger: ".modal .o_field_widget[name=summary] input:value(回访巡游客户)",
        },
        {
            content: "Mark it as done",
            trigger: ".modal footer button[name=action_done]",
            run: "click",
        },
        {
            content: "The dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The task left the panel, the other one stayed",
            trigger: ".o_xtools_panel[data-panel=tasks]:not(:has(.o_xtools_item:contains('回访巡游客户'))) .o_xtools_item:contains('寄送合同草案')",
        },
        {
            content: "The count followed",
            trigger: ".o_xtools_panel[data-panel=tasks] .o_xtools_panel_count:contains(1)",
        },
        {
            content: "The customer about to return to the pool is listed",
            trigger: ".o_xtools_panel[data-panel=pool_returns] .o_xtools_item:contains('将退回巡游')",
        },
        {
            content: "Open it from the panel",
            trigger: ".o_xtools_panel[data-panel=pool_returns] .o_xtools_item:contains('将退回巡游')",
            run: "click",
        },
        {
            content: "The customer's form opens",
            trigger: ".o_xtools_customer_form .o_field_widget[name=short_name] input:value(将退回巡游)",
        },
    ],
});

/**
 * A manager lands on the workbench: marks the new announcement read from its panel, approves (同意) one expense of
 * the team in place and rejects (否决) another, giving the reason in the dialog; both leave the panel.
 */
registry.category("web_tour.tours").add("xtools_workbench_manager_decides", {
    url: "/odoo",
    steps: () => [
        {
            content: "The new announcement is unread",
            trigger: ".o_xtools_panel[data-panel=announcements] .o_xtools_item_unread:contains('巡游公告')",
        },
        {
            content: "Mark it read from the panel",
            trigger: ".o_xtools_panel[data-panel=announcements] .o_xtools_item:contains('巡游公告') button[name=action_mark_read]",
            run: "click",
        },
        {
            content: "It is read: no more unread badge, no more button",
            trigger: ".o_xtools_panel[data-panel=announcements]:not(:has(.o_xtools_panel_unread)):not(:has(button[name=action_mark_read]))",
        },
        {
            content: "Two expenses of the team wait for the manager",
            trigger: ".o_xtools_panel[data-panel=expense_approvals] .o_xtools_panel_count:contains(2)",
        },
        {
            content: "Approve the dinner in place",
            trigger: ".o_xtools_panel[data-panel=expense_approvals] .o_xtools_item:contains('巡游工作台招待') button[name=action_approve]",
            run: "click",
        },
        {
            content: "It leaves the panel, the trip stays",
            trigger: ".o_xtools_panel[data-panel=expense_approvals]:not(:has(.o_xtools_item:contains('巡游工作台招待'))) .o_xtools_item:contains('巡游工作台出差')",
        },
        {
            content: "Reject the trip",
            trigger: ".o_xtools_panel[data-panel=expense_approvals] .o_xtools_item:contains('巡游工作台出差') button[name=action_reject]",
            run: "click",
        },
        {
            content: "The dialog asks for the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 请先提交出差申请",
        },
        {
            content: "Confirm the rejection",
            trigger: ".modal footer button[name=action_reject]",
            run: "click",
        },
        {
            content: "The dialog closes and nothing is left to approve",
            trigger: "body:not(:has(.modal)) .o_xtools_panel[data-panel=expense_approvals] .o_xtools_panel_empty",
        },
    ],
});
