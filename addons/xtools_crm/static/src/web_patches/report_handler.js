import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

/**
 * Printing without a working wkhtmltopdf: Odoo shows the report in the browser with a notification whose link is
 * plain HTML text ("<br><br><a href=...>"). Say it in words instead, then let Odoo show the report as HTML.
 * With a working wkhtmltopdf nothing changes: Odoo downloads the PDF.
 */
let wkhtmltopdfStatus;

async function pdfUnavailableHandler(action, options, env) {
    if (action.report_type !== "qweb-pdf") {
        return false;
    }
    wkhtmltopdfStatus ||= rpc("/report/check_wkhtmltopdf");
    const status = await wkhtmltopdfStatus;
    if (["ok", "upgrade"].includes(status)) {
        return false;
    }
    const message =
        status === "workers"
            ? _t("PDF printing needs Odoo to run with at least two workers: the report opens in the browser, print it from there.")
            : _t("PDF printing is not available on this server (wkhtmltopdf is missing or broken): the report opens in the browser, print it from there.");
    env.services.notification.add(message, { sticky: true, title: _t("Report") });
    return env.services.action.doAction({ ...action, report_type: "qweb-html" }, options);
}

registry.category("ir.actions.report handlers").add("xtools_pdf_unavailable", pdfUnavailableHandler);
