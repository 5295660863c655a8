import { registry } from "@web/core/registry";

/**
 * A salesperson opens the funnel, drags an opportunity from "立项评估" to "竞争招标",
 * opens it and finds the move in its stage history.
 */
const column = (stage) => `.o_kanban_group:has(.o_column_title:contains('${stage}'))`;

registry.category("web_tour.tours").add("xtools_opportunity_drag_history", {
    url: "/odoo/action-xtools_crm.xtools_opportunity_action",
    steps: () => [
        {
            content: "The opportunity waits in 立项评估",
            trigger: `${column("立项评估")} .o_kanban_record:contains('巡游机会')`,
            run: `drag_and_drop (${column("竞争招标")})`,
        },
        {
            content: "The column counts its opportunity",
            trigger: `${column("竞争招标")} .o_xtools_column_count:contains('(1)')`,
        },
        {
            content: "It now sits in 竞争招标: open it",
            trigger: `${column("竞争招标")} .o_kanban_record:contains('巡游机会')`,
            run: "click",
        },
        {
            content: "The form shows the new stage",
            trigger: ".o_form_view .o_field_widget[name=stage_id] button.o_arrow_button_current:contains('竞争招标')",
        },
        {
            content: "Open the stage history",
            trigger: ".o_notebook a[name=history]",
            run: "click",
        },
        {
            content: "The move was written into the history",
            trigger: ".o_field_widget[name=history_ids] .o_data_row:has(td:contains('立项评估')):has(td:contains('竞争招标'))",
        },
    ],
});
