import { registry } from "@web/core/registry";

/**
 * From a customer's view, a salesperson creates a contract with two payment plans, signs it, records a payment,
 * sees the first plan turn partially paid and the customer's received total change.
 */
registry.category("web_tour.tours").add("xtools_contract_from_customer", {
    steps: () => [
        {
            content: "Open the customer's contracts from the smart button",
            trigger: ".o_form_view button[name=action_open_contracts]",
            run: "click",
        },
        {
            content: "Create a contract",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "The customer is filled in",
            trigger: ".o_field_widget[name=customer_id] input:value(巡游合同客户)",
        },
        {
            content: "Contract name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit 巡游测试合同",
        },
        {
            content: "Contract amount",
            trigger: ".o_field_widget[name=amount] input",
            run: "edit 10000",
        },
        {
            content: "Open the payment plans",
            trigger: ".o_notebook .nav-link[name=plans]",
            run: "click",
        },
        {
            content: "Add the first plan",
            trigger: ".o_field_widget[name=plan_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "First plan: 3,000",
            trigger: ".o_field_widget[name=plan_ids] .o_selected_row .o_field_widget[name=amount] input",
            run: "edit 3000",
        },
        {
            content: "Add the second plan",
            trigger: ".o_field_widget[name=plan_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Second plan: 7,000",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:eq(1).o_selected_row .o_field_widget[name=amount] input",
            run: "edit 7000",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with a contract code",
            trigger: ".o_form_saved .o_field_widget[name=code]:contains(HT)",
        },
        {
            content: "Sign",
            trigger: ".o_form_view button[name=action_sign]",
            run: "click",
        },
        {
            content: "The contract is running",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=running]",
        },
        {
            content: "Open the payment records",
            trigger: ".o_notebook .nav-link[name=payments]",
            run: "click",
        },
        {
            content: "Record a payment",
            trigger: ".o_field_widget[name=payment_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Payment of 1,000",
            trigger: ".o_field_widget[name=payment_ids] .o_selected_row .o_field_widget[name=amount] input",
            run: "edit 1000",
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
            content: "Back to the payment plans",
            trigger: ".o_notebook .nav-link[name=plans]",
            run: "click",
        },
        {
            content: "The first plan is partially paid",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:eq(0) .o_field_widget[name=state]:contains(部分回款)",
        },
        {
            content: "The second one is still planned",
            trigger: ".o_field_widget[name=plan_ids] .o_data_row:eq(1) .o_field_widget[name=state]:contains(计划中)",
        },
        {
            content: "Back to the customer",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(巡游合同客户)",
            run: "click",
        },
        {
            content: "The customer's received total shows the payment",
            trigger: ".o_form_view button[name=action_open_payments] .o_stat_value:contains(1,000.00)",
        },
    ],
});
