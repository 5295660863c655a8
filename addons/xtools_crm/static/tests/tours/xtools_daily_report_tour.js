import { registry } from "@web/core/registry";
import { openAppMenu } from "@xtools_crm/../tests/tours/tour_utils";

/**
 * The manager's evening (seed 5, 营销日报): open the daily reports of the team, read one member's report and comment
 * on it 点评.
 */
registry.category("web_tour.tours").add("xtools_daily_report_comment", {
    url: "/odoo",
    steps: () => [
        ...openAppMenu("xtools_crm.menu_statistics", "xtools_crm.xtools_daily_report_menu"),
        {
            content: "The team member's report is listed beside the other member's",
            trigger: ".o_list_view .o_data_row:contains('日报组员乙')",
        },
        {
            content: "Open the member's report",
            trigger: ".o_list_view .o_data_row:contains('日报组员甲') td[name=user_id]",
            run: "click",
        },
        {
            content: "The report shows its figures",
            trigger: ".o_form_view .o_field_widget[name=summary]:contains('2')",
        },
        {
            content: "Comment on it",
            trigger: ".o_form_view button[name=action_open_comment_wizard]",
            run: "click",
        },
        {
            content: "Write the comment",
            trigger: ".modal .o_field_widget[name=body] textarea",
            run: "edit 拜访很扎实，明天把华信的报价发出去。",
        },
        {
            content: "Post it",
            trigger: ".modal button[name=action_comment]",
            run: "click",
        },
        {
            content: "The dialog closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The comment is in the report's chatter",
            trigger: ".o-mail-Message:contains('明天把华信的报价发出去')",
        },
    ],
});
