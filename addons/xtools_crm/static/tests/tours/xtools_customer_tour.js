import { registry } from "@web/core/registry";
import { openAppMenu } from "@xtools_crm/../tests/tours/tour_utils";

/**
 * A salesperson opens XTools CRM, creates an enterprise customer through the form,
 * then finds it again in the list by its short name.
 */
registry.category("web_tour.tours").add("xtools_customer_create_and_find", {
    url: "/odoo",
    steps: () => [
        ...openAppMenu("xtools_crm.menu_customers", "xtools_crm.xtools_customer_menu"),
        {
            content: "The customer list opens",
            trigger: ".o_list_view",
        },
        {
            content: "It offers the two New buttons of the seed, in place of the plain New",
            trigger: ".o_control_panel:has(button:contains(新建个人客户)):not(:has(.o_list_button_add:visible))",
        },
        {
            content: "New enterprise customer",
            trigger: ".o_control_panel button:contains(新建企业客户)",
            run: "click",
        },
        {
            content: "Enterprise is the default customer type",
            trigger: ".o_field_widget[name=customer_type] input[data-value=company]:checked",
        },
        {
            content: "Customer name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit 杭州巡游测试科技有限公司",
        },
        {
            content: "Short name",
            trigger: ".o_field_widget[name=short_name] input",
            run: "edit 巡游测试",
        },
        {
            content: "Phone",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit +86 571 8765 4321",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: a customer code was given",
            trigger: ".o_field_widget[name=code]:not(:contains('New')):contains('KH')",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Search by short name",
            trigger: ".o_searchview_input",
            run: "edit 巡游测试",
        },
        {
            content: "Search for a customer",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Exactly the new customer is found",
            trigger: ".o_list_view .o_data_row:contains('杭州巡游测试科技有限公司')",
        },
        {
            content: "Only one row",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(2)))",
        },
        {
            content: "Open it with the View button",
            trigger: ".o_data_row button[name=action_open_customer]",
            run: "click",
        },
        {
            content: "The customer view shows it",
            trigger: ".o_form_view .o_field_widget[name=short_name] input:value(巡游测试)",
        },
    ],
});
