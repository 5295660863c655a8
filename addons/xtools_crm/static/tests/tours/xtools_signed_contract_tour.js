import { registry } from "@web/core/registry";

/**
 * A signed contract: its salesperson reads the payment plans, dates and text but cannot change them; their
 * manager moves a plan's due date, saves, and the change is written in the contract's chatter.
 */
registry.category("web_tour.tours").add("xtools_signed_contract_read_only_for_sales", {
    steps: () => [
        {
            content: "The contract is signed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=running]",
        },
        {
            content: "Dates are read-only",
            trigger: ".o_field_widget[name=end_date].o_readonly_modifier",
        },
        {
            content: "Open the payment plans",
            trigger: ".o_notebook .nav-link[name=plans]",
            run: "click",
        },
        {
            content: "The plans are listed",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:contains(首付款)",
        },
        {
            content: "No line can be added and the plans are read-only",
            trigger: ".o_field_widget[name=plan_ids].o_readonly_modifier:not(:has(.o_field_x2many_list_row_add))",
        },
        {
            content: "Clicking a plan does not edit it",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:contains(首付款) td[name=due_date]",
            run: "click",
        },
        {
            content: "No cell is being edited",
            trigger: ".o_field_widget[name=plan_ids]:not(:has(.o_selected_row input))",
        },
    ],
});

registry.category("web_tour.tours").add("xtools_signed_contract_manager_moves_a_plan", {
    steps: () => [
        {
            content: "Open the payment plans",
            trigger: ".o_notebook .nav-link[name=plans]",
            run: "click",
        },
        {
            content: "Edit the first plan's due date",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:contains(首付款) td[name=due_date]",
            run: "click",
        },
        {
            content: "New due date",
            trigger: ".o_field_widget[name=plan_ids] .o_selected_row .o_field_widget[name=due_date] input",
            run: "edit 2027-03-01",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The change is in the chatter",
            trigger: ".o-mail-Message-body:contains(2027-03-01)",
        },
    ],
});
