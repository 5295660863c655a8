import { registry } from "@web/core/registry";

/**
 * In "Expenses to approve", a manager approves one expense and rejects another straight from the list, giving the
 * reason in the rejection dialog.
 */
registry.category("web_tour.tours").add("xtools_expense_approve_from_list", {
    steps: () => [
        {
            content: "Both submitted expenses wait for the manager",
            trigger: ".o_list_view .o_data_row:contains(巡游招待客户) button[name=action_approve]",
        },
        {
            content: "The second one too",
            trigger: ".o_list_view .o_data_row:contains(巡游出差) button[name=action_reject]",
        },
        {
            content: "Approve the dinner on its row",
            trigger: ".o_list_view .o_data_row:contains(巡游招待客户) button[name=action_approve]",
            run: "click",
        },
        {
            content: "The approved expense leaves the list of expenses to approve",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(巡游招待客户))) .o_data_row:contains(巡游出差)",
        },
        {
            content: "Reject the trip on its row",
            trigger: ".o_list_view .o_data_row:contains(巡游出差) button[name=action_reject]",
            run: "click",
        },
        {
            content: "The dialog asks for the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 出差未经事先批准",
        },
        {
            content: "Confirm the rejection",
            trigger: ".modal footer button[name=action_reject]",
            run: "click",
        },
        {
            content: "The dialog closes and nothing is left to approve",
            trigger: "body:not(:has(.modal)) .o_action_manager:not(:has(.o_data_row:contains(巡游出差)))",
        },
    ],
});
