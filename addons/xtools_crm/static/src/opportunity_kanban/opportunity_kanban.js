import { registry } from "@web/core/registry";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";

/**
 * The funnel's columns show both how many opportunities they hold and, in the progress bar, their summed
 * expected amount (Odoo's header drops the count as soon as there is a progress bar).
 */
export class OpportunityKanbanHeader extends KanbanHeader {
    static template = "xtools_crm.OpportunityKanbanHeader";
}

export class OpportunityKanbanRenderer extends KanbanRenderer {
    static components = { ...KanbanRenderer.components, KanbanHeader: OpportunityKanbanHeader };
}

export const opportunityKanbanView = { ...kanbanView, Renderer: OpportunityKanbanRenderer };

registry.category("views").add("xtools_opportunity_kanban", opportunityKanbanView);
