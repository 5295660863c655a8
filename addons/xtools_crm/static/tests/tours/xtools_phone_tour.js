import { registry } from "@web/core/registry";

/**
 * A salesperson's day at phone width (390 px): the app and every menu reached from the menu button, the customer
 * view read, an action logged, a payment recorded on a contract.
 */
function openMenu(menuXmlid) {
    return [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `Open ${menuXmlid}`,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("xtools_phone_width_day", {
    steps: () => [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "All apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "The CRM app is listed",
            trigger: ".o_app_menu_sidebar li.o_app[data-menu-xmlid='xtools_crm.menu_root']",
            run: "click",
        },
        {
            content: "The app opens on the workbench",
            trigger: ".o_xtools_workbench .o_xtools_panel",
        },
        {
            content: "Open the menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Every part of the app is in the menu",
            trigger: [
                ".o_app_menu_sidebar:has(li[data-menu-xmlid='xtools_crm.xtools_customer_menu'])",
                ":has(li[data-menu-xmlid='xtools_crm.xtools_action_menu'])",
                ":has(li[data-menu-xmlid='xtools_crm.mail_activity_menu_xtools_my_tasks'])",
                ":has(li[data-menu-xmlid='xtools_crm.calendar_event_menu_xtools_schedule'])",
                ":has(li[data-menu-xmlid='xtools_crm.xtools_contract_menu'])",
                ":has(li[data-menu-xmlid='xtools_crm.xtools_payment_menu'])",
            ].join(""),
        },
        {
            content: "Open the customers",
            trigger: ".o_app_menu_sidebar li[data-menu-xmlid='xtools_crm.xtools_customer_menu']",
            run: "click",
        },
        {
            content: "The two New buttons are offered at phone width too",
            trigger: ".o_control_panel:has(button:contains(新建企业客户)):has(button:contains(新建个人客户))",
        },
        {
            content: "Open the customer",
            trigger: ".o_kanban_record:contains(沃力森巡游)",
            run: "click",
        },
        {
            content: "The customer's name is read whole",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(杭州沃力森巡游有限公司)",
            run() {
                const input = this.anchor;
                if (input.scrollWidth > input.clientWidth + 1) {
                    throw new Error(`the customer's name is cut (${input.scrollWidth} > ${input.clientWidth})`);
                }
            },
        },
        {
            content: "The phone reads in national notation and dials the full number",
            trigger: ".o_form_view .o_field_widget[name=phone] input:value(021-6666 1234)",
        },
        {
            content: "Open the record's actions (at phone width Odoo puts the header buttons in the gear menu)",
            trigger: ".o_control_panel .o_cp_action_menus button.dropdown-toggle:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Log an action",
            trigger: ".o-dropdown--menu button[name=action_log_action]",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit 手机上记录的行动",
        },
        {
            content: "Save the action",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        ...openMenu("xtools_crm.xtools_contract_menu"),
        {
            content: "Open the contract",
            trigger: ".o_kanban_record:contains(巡游签约合同)",
            run: "click",
        },
        {
            content: "Open the payment records",
            trigger: ".o_notebook .nav-link[name=payments]",
            run: "click",
        },
        {
            content: "Record a payment",
            trigger: ".o_field_widget[name=payment_ids] .o-kanban-button-new, .o_field_widget[name=payment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".modal .o_field_widget[name=amount] input, .o_field_widget[name=payment_ids] .o_selected_row [name=amount] input",
            run: "edit 1200",
        },
        {
            content: "Keep the payment",
            trigger: ".modal .o_form_button_save, .modal .o_form_button_save_new, .o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the contract",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
