import { registry } from "@web/core/registry";
import { openAppMenu } from "@xtools_crm/../tests/tours/tour_utils";

/**
 * The salesperson's routine (seed 4.1): on a customer, log what happened and plan the next task in one save,
 * then find that task in "My Tasks".
 */
registry.category("web_tour.tours").add("xtools_follow_up_log_and_plan", {
    url: "/odoo",
    steps: () => [
        ...openAppMenu("xtools_crm.menu_customers", "xtools_crm.xtools_customer_menu"),
        {
            content: "Open the customer",
            trigger: ".o_list_view .o_data_row td[name=short_name]:contains('跟单巡游')",
            run: "click",
        },
        {
            content: "Log an action from the customer view",
            trigger: ".o_form_view button[name=action_log_action]",
            run: "click",
        },
        {
            content: "Subject of the action",
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit 电话沟通报价",
        },
        {
            content: "Plan a task as next step",
            trigger: ".modal .o_field_widget[name=next_step] input[data-value=activity]",
            run: "click",
        },
        {
            content: "A call is proposed",
            trigger: ".modal .o_field_widget[name=next_activity_type_id] input:value(电话)",
        },
        {
            content: "Summary of the task",
            trigger: ".modal .o_field_widget[name=next_summary] input",
            run: "edit 下周再联系跟单巡游",
        },
        {
            content: "Save once",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Open the Follow-up menu",
            trigger: ".o_main_navbar [data-menu-xmlid='xtools_crm.menu_follow_up']",
            run: "click",
        },
        {
            content: "Open My Tasks",
            trigger: ".dropdown-item[data-menu-xmlid='xtools_crm.mail_activity_menu_xtools_my_tasks']",
            run: "click",
        },
        {
            content: "The planned task is there",
            trigger: ".o_list_view .o_data_row:contains('下周再联系跟单巡游'):contains('跟单巡游')",
        },
    ],
});
