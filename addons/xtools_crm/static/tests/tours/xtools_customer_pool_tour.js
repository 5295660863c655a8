import { registry } from "@web/core/registry";
import { openAppMenu } from "@xtools_crm/../tests/tours/tour_utils";

/**
 * A salesperson opens the customer pool 公海, finds a customer by the pinyin of its short name, claims it and finds
 * it among their own customers.
 */
registry.category("web_tour.tours").add("xtools_customer_pool_claim", {
    url: "/odoo",
    steps: () => [
        ...openAppMenu("xtools_crm.menu_customers", "xtools_crm.xtools_customer_menu_pool"),
        {
            content: "The pool lists its customers",
            trigger: ".o_list_view .o_data_row:contains('杭州巡游公海有限公司')",
        },
        {
            content: "Search by the initials of the pinyin",
            trigger: ".o_searchview_input",
            run: "edit xygh",
        },
        {
            content: "Search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the customer is left",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(2))) .o_data_row:contains('杭州巡游公海有限公司')",
        },
        {
            content: "Claim it",
            trigger: ".o_data_row:contains('杭州巡游公海有限公司') button[name=action_claim]",
            run: "click",
        },
        {
            content: "Claimed: it left the pool",
            trigger: ".o_notification:contains('杭州巡游公海有限公司')",
        },
        {
            content: "Open the Customers menu",
            trigger: ".o_main_navbar [data-menu-xmlid='xtools_crm.menu_customers']",
            run: "click",
        },
        {
            content: "Open the customer list",
            trigger: ".dropdown-item[data-menu-xmlid='xtools_crm.xtools_customer_menu']",
            run: "click",
        },
        {
            content: "The claimed customer is among the salesperson's own",
            trigger: ".o_list_view .o_data_row:contains('杭州巡游公海有限公司')",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row:contains('杭州巡游公海有限公司') td[name=short_name]",
            run: "click",
        },
        {
            content: "Its owner is the salesperson",
            trigger: ".o_form_view .o_field_widget[name=user_id]:contains('公海巡游销售')",
        },
    ],
});
