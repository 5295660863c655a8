import functools
import logging
import subprocess

import lxml.html

from odoo import models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

# The module's printouts (contracts, quotes).
XTOOLS_REPORT_PREFIX = "xtools_crm."


@functools.cache
def wkhtmltopdf_has_patched_qt():
    """Whether the wkhtmltopdf binary prints separate headers and footers (only builds "with patched qt" do;
    Debian's package does not and silently drops them)."""
    try:
        out = subprocess.run([_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in out


def _replace_class(classes, old, new):
    return " ".join(new if name == old else name for name in (classes or "").split())


class IrActionsReport(models.Model):
    """Printouts of XTools CRM keep their company header with any wkhtmltopdf.

    Odoo hands the layout's header and footer to wkhtmltopdf as separate documents, which only a build "with
    patched qt" prints. With another build (Debian's package), the header and footer of this module's reports are
    put into the page itself — at the top and the bottom of each document — with small page margins instead."""

    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        ours = (self.report_name or "").startswith(XTOOLS_REPORT_PREFIX)
        if not ours or wkhtmltopdf_has_patched_qt():
            return super()._prepare_html(html, report_model=report_model)
        return super()._prepare_html(self._xtools_inline_header_footer(html), report_model=report_model)

    @staticmethod
    def _xtools_inline_header_footer(html):
        """Move each ``div.header`` to the top of the article after it and each ``div.footer`` to the end of the
        article before it; ask for margins that no longer make room for them."""
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        klass = "//div[contains(concat(' ', normalize-space(@class), ' '), ' {} ')]"
        articles = root.xpath(klass.format("article"))
        for node in root.xpath(klass.format("header")):
            following = [a for a in node.itersiblings() if a in articles]
            if following:
                node.getparent().remove(node)
                node.set("class", _replace_class(node.get("class"), "header", "o_xtools_inline_header"))
                following[0].insert(0, node)
        for node in root.xpath(klass.format("footer")):
            preceding = [a for a in node.itersiblings(preceding=True) if a in articles]
            if preceding:
                node.getparent().remove(node)
                node.set("class", _replace_class(node.get("class"), "footer", "o_xtools_inline_footer"))
                # Page numbers are filled in by wkhtmltopdf in separate footers only.
                for number in node.xpath(".//span[contains(concat(' ', @class, ' '), ' page ')]/.."):
                    number.getparent().remove(number)
                preceding[0].append(node)
        root.set("data-report-margin-top", "12")
        root.set("data-report-header-spacing", "0")
        root.set("data-report-margin-bottom", "12")
        return lxml.html.tostring(root, encoding="utf-8")
