import { registry } from "@web/core/registry";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { AnimatedNumber } from "@web/views/view_components/animated_number";
import { ColumnProgress } from "@web/views/view_components/column_progress";
import { formatShortAmount } from "../core/cn_amount";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";

/** A column's summed amount in Chinese units (22.0万, 1.2亿), the same in every column. */
export class ShortAmountNumber extends AnimatedNumber {
    format(value) {
        return formatShortAmount(value);
    }
}

export class ShortAmountColumnProgress extends ColumnProgress {
    static components = { ...ColumnProgress.components, AnimatedNumber: ShortAmountNumber };
}

/**
 * The funnel's columns show both how many opportunities they hold and, in the progress bar, their summed
 * expected amount (Odoo's header drops the count as soon as there is a progress bar).
 */
export class OpportunityKanbanHeader extends KanbanHeader {
    static template = "xtools_crm.OpportunityKanbanHeader";
    static components = { ...KanbanHeader.components, ColumnProgress: ShortAmountColumnProgress };
}

export class OpportunityKanbanRenderer extends KanbanRenderer {
    static components = { ...KanbanRenderer.components, KanbanHeader: OpportunityKanbanHeader };
}

export const opportunityKanbanView = { ...kanbanView, Renderer: OpportunityKanbanRenderer };

registry.category("views").add("xtools_opportunity_kanban", opportunityKanbanView);
