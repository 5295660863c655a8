import { registry } from "@web/core/registry";
import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { graphView } from "@web/views/graph/graph_view";
import { formatShortAmount } from "../core/cn_amount";

/**
 * Charts of amounts (funnel, forecast, performance): the axis and tooltips read 90.0万 and 1.2亿, like the
 * funnel's columns, instead of Odoo's 900.00k and 1.00M.
 */
export class AmountGraphRenderer extends GraphRenderer {
    formatValue(value, allIntegers = true, formatType = "") {
        if (!formatType && Math.abs(value) >= 10000) {
            return formatShortAmount(value);
        }
        return super.formatValue(value, allIntegers, formatType);
    }
}

export const amountGraphView = { ...graphView, Renderer: AmountGraphRenderer };

registry.category("views").add("xtools_amount_graph", amountGraphView);
