import { registry } from "@web/core/registry";
import { openMenu } from "@xtools_crm/../tests/tours/tour_utils";

/**
 * The first hour of a sales team (issue 15): what a salesperson meets when they create documents from the main
 * menus rather than from a customer's view.
 */

/** Type 沃力森 in the customer field of ``scope`` and pick the test customer among what is offered. */
function pickCustomer(scope, field = "customer_id") {
    return [
        {
            content: "Type the customer's short name",
            trigger: `${scope} .o_field_widget[name=${field}] input`,
            run: "edit 沃力森",
        },
        {
            content: "The user's customer is offered",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(沃力森巡游)",
            run: "click",
        },
        {
            content: "The customer is chosen",
            trigger: `${scope} .o_field_widget[name=${field}] input:value(沃力森巡游)`,
        },
    ];
}

function pickContract(scope) {
    return [
        {
            content: "Type the contract's name",
            trigger: `${scope} .o_field_widget[name=contract_id] input`,
            run: "edit 巡游签约",
        },
        {
            content: "The customer's signed contract is offered",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(巡游签约合同)",
            run: "click",
        },
        {
            content: "The contract is chosen",
            trigger: `${scope} .o_field_widget[name=contract_id] input:value(巡游签约合同)`,
        },
    ];
}

function newFormPicksCustomer(sectionXmlid, menuXmlid, { contract = false } = {}) {
    return [
        ...openMenu(sectionXmlid, menuXmlid),
        {
            content: "New",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        ...pickCustomer(".o_form_view"),
        ...(contract ? pickContract(".o_form_view") : []),
        {
            content: "Discard the new record",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back on the list",
            trigger: ".o_list_view",
        },
    ];
}

registry.category("web_tour.tours").add("xtools_pick_customer_from_menus", {
    steps: () => [
        {
            content: "Open the list's actions",
            trigger: ".o_list_view .o_control_panel .o_cp_action_menus button.dropdown-toggle:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Import customers",
            trigger: ".o-dropdown--menu .o_import_menu",
            run: "click",
        },
        {
            content: "The import screen's help reads Chinese (Odoo's reads 导入 FAQ)",
            trigger: ".o_import_action:contains(导入帮助):not(:contains(FAQ))",
        },
        {
            content: "Back to the customers",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "At 1366×768 the customer codes and phones are read whole",
            trigger: ".o_list_view .o_data_row td[name=code]:contains(KH)",
            run() {
                const cells = document.querySelectorAll(".o_list_view .o_data_row td[name=code], .o_list_view .o_data_row td[name=phone]");
                for (const cell of cells) {
                    if (cell.scrollWidth > cell.clientWidth + 1) {
                        throw new Error(`cut: ${cell.getAttribute("name")} "${cell.innerText}"`);
                    }
                }
            },
        },
        {
            content: "The New buttons keep to one line",
            trigger: ".o_control_panel_main_buttons button:contains(新建企业客户)",
            run() {
                const lineHeight = parseFloat(getComputedStyle(this.anchor).lineHeight) || 20;
                if (this.anchor.getBoundingClientRect().height > 2 * lineHeight) {
                    throw new Error("the New button wraps onto two lines");
                }
            },
        },
        ...openMenu("xtools_crm.menu_opportunities", "xtools_crm.xtools_opportunity_funnel_menu"),
        {
            content: "The funnel opens on its kanban, the 签约 column on screen",
            trigger: ".o_kanban_view .o_kanban_group:last-child .o_column_title:contains(签约)",
            run() {
                const column = this.anchor.closest(".o_kanban_group");
                if (column.getBoundingClientRect().right > window.innerWidth) {
                    throw new Error("the 签约 column is off-screen");
                }
            },
        },
        {
            content: "Its columns sum their amounts in Chinese units",
            trigger: ".o_kanban_view .o_kanban_group .o_animated_number:contains(22.0万)",
        },
        // 合同/订单: the new contract finds the customer and has a clean title, before and after saving.
        ...openMenu("xtools_crm.menu_contracts", "xtools_crm.xtools_contract_menu"),
        {
            content: "New contract",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "A new contract's title is clean",
            trigger: ".o_breadcrumb .active:not(:contains(False))",
        },
        ...pickCustomer(".o_form_view"),
        {
            content: "Contract name",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit 巡游菜单合同",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The saved contract reads its code and name",
            trigger: ".o_breadcrumb .active:contains(巡游菜单合同):contains(HT):not(:contains(False))",
        },
        {
            content: "The way back reads Chinese (Odoo's template said 'Back to \"合同/订单\"')",
            trigger: ".o_breadcrumb .breadcrumb-item a[data-tooltip='返回“合同/订单”']",
        },
        ...newFormPicksCustomer("xtools_crm.menu_contracts", "xtools_crm.xtools_payment_menu", { contract: true }),
        ...newFormPicksCustomer("xtools_crm.menu_contracts", "xtools_crm.xtools_invoice_menu", { contract: true }),
        ...newFormPicksCustomer("xtools_crm.menu_contracts", "xtools_crm.xtools_delivery_menu", { contract: true }),
        ...newFormPicksCustomer("xtools_crm.menu_follow_up", "xtools_crm.xtools_action_menu"),
        // 回款计划 is an editable list: the new row offers the customer and its contracts.
        ...openMenu("xtools_crm.menu_contracts", "xtools_crm.xtools_payment_plan_menu"),
        {
            // Not the New button of the page before: on a loaded machine the list comes after the click.
            content: "The payment plans list is shown",
            trigger: ".o_breadcrumb .active:contains(回款计划)",
        },
        {
            content: "New payment plan row",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        ...pickCustomer(".o_list_view .o_selected_row"),
        ...pickContract(".o_list_view .o_selected_row"),
        {
            content: "Discard the row",
            trigger: ".o_control_panel_main_buttons .o_list_button_discard",
            run: "click",
        },
        // 销售机会 › 新建: the funnel's quick create.
        ...openMenu("xtools_crm.menu_opportunities", "xtools_crm.xtools_opportunity_menu"),
        {
            content: "New opportunity",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        ...pickCustomer(".o_kanban_quick_create"),
        {
            content: "Opportunity name",
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit 巡游菜单机会",
        },
        {
            content: "Add it",
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "The opportunity is in the funnel",
            trigger: ".o_kanban_record:contains(巡游菜单机会)",
        },
    ],
});

/**
 * A contract that already has a payment dated today gets a second one the same day from its form (issue 15,
 * blocker 2: the payments' ordering compared ``NewId``s).
 */
registry.category("web_tour.tours").add("xtools_two_payments_same_day", {
    steps: () => [
        {
            content: "Open the payment records",
            trigger: ".o_notebook .nav-link[name=payments]",
            run: "click",
        },
        {
            content: "The first payment is there",
            trigger: ".o_field_widget[name=payment_ids] .o_data_row:contains(1,000.00)",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name=payment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Second payment of 2,000, today",
            trigger: ".o_field_widget[name=payment_ids] .o_selected_row .o_field_widget[name=amount] input",
            run: "edit 2000",
        },
        {
            content: "Add a third line",
            trigger: ".o_field_widget[name=payment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Third payment of 500, today",
            trigger: ".o_field_widget[name=payment_ids] .o_data_row:eq(2).o_selected_row .o_field_widget[name=amount] input",
            run: "edit 500",
        },
        {
            // Leave the row first: switching tabs with a row in edition races Odoo's list renderer, which focuses a
            // cell of the list it has just left (seen on a loaded machine).
            content: "Leave the row (click the title of the page)",
            trigger: ".o_breadcrumb .active",
            run: "click",
        },
        {
            content: "The three payments are listed, none in edition",
            trigger: ".o_field_widget[name=payment_ids]:not(:has(.o_selected_row)) .o_data_row:eq(2):contains(500.00)",
        },
        {
            content: "Open the payment plans",
            trigger: ".o_notebook .nav-link[name=plans]",
            run: "click",
        },
        {
            content: "The plan shows the three payments before saving",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:eq(0) [name=paid_amount]:contains(3,500.00)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});

/** 跟单 › 日程 › 新建: the schedule's form has the customer and contact; the saved schedule is listed. */
registry.category("web_tour.tours").add("xtools_schedule_from_menu", {
    steps: () => [
        {
            content: "New schedule from the calendar",
            trigger: ".o_calendar_view .o-calendar-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit 菜单新建的拜访",
        },
        ...pickCustomer(".o_form_view", "xtools_customer_id"),
        {
            content: "Choose the contact",
            trigger: ".o_form_view .o_field_widget[name=xtools_contact_id] input",
            run: "edit 巡游",
        },
        {
            content: "The customer's contact is offered",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(巡游联系人)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the schedules",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The schedule is listed with its customer and contact",
            trigger: ".o_list_view .o_data_row:contains(菜单新建的拜访):contains(沃力森巡游):contains(巡游联系人)",
        },
    ],
});

/** 客户视图 › 安排待办任务: the task form offers the SMS reminder and its time, as the action form does. */
registry.category("web_tour.tours").add("xtools_plan_task_with_sms", {
    steps: () => [
        {
            content: "Write an SMS to the customer from its phone",
            trigger: ".o_form_view .o_field_widget[name=phone] .o_field_phone_sms",
            run: "click",
        },
        {
            content: "The SMS composer counts in Chinese words",
            trigger: ".modal .o_sms_count:contains(字数):not(:contains(字元))",
        },
        {
            content: "Close the composer",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        {
            content: "The composer closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Open the Follow-up tab",
            trigger: ".o_notebook .nav-link[name=follow_up]",
            run: "click",
        },
        {
            content: "Plan a task",
            trigger: ".o_form_view button[name=action_plan_task]",
            run: "click",
        },
        {
            content: "Summary",
            trigger: ".modal .o_field_widget[name=summary] input",
            run: "edit 带短信提醒的任务",
        },
        {
            content: "Ask for an SMS reminder",
            trigger: ".modal .o_field_widget[name=xtools_sms_reminder] input",
            run: "click",
        },
        {
            content: "The reminder's time is asked for, filled in",
            trigger: ".modal .o_field_widget[name=xtools_sms_remind_at] input:not(:value(''))",
        },
        {
            content: "Schedule",
            trigger: ".modal button[name=action_close_dialog]:contains(安排)",
            run: "click",
        },
        {
            content: "The dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The task is among the open tasks",
            trigger: ".o_field_widget[name=activity_ids] .o_data_row:contains(带短信提醒的任务)",
        },
    ],
});

/** 报价 › 打印 without wkhtmltopdf: a notification in words (no raw HTML), the printout shown in the browser. */
registry.category("web_tour.tours").add("xtools_print_quote_without_pdf", {
    steps: () => [
        {
            content: "Open the record's actions",
            trigger: ".o_form_view .o_control_panel .o_cp_action_menus button.dropdown-toggle:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print the quote",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(报价), .o-dropdown--menu .dropdown-item:contains(报价)",
            run: "click",
        },
        {
            content: "The printout opens in the browser",
            trigger: ".o_action_manager iframe",
        },
        {
            content: "The notification says it in words, with no raw HTML",
            trigger: ".o_notification:contains(在浏览器中打开):not(:contains(<a)):not(:contains(<br))",
        },
    ],
});
