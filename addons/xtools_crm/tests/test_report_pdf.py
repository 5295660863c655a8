import subprocess
import tempfile
import unicodedata

from odoo import Command
from odoo.modules.module import get_manifest, get_modules
from odoo.tests import HttpCase, tagged


def nfkc(text):
    """pdftotext gives some CJK characters as their compatibility forms (⼒ for 力) and full-width punctuation as
    full-width: compare both sides in NFKC."""
    return unicodedata.normalize("NFKC", text)


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase):
    """Contracts and quotes print as real PDF files through wkhtmltopdf (which fetches the report styles from this
    test server: HttpCase points web.base.url at it), with the company header and Chinese in a CJK font."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the report's assets in parallel requests, whose threads would each read the addons'
        # manifests the first time: Python 3.11.7 may then fail compiling two of them at once ("AST constructor
        # recursion depth mismatch", fixed in later 3.11 releases), and the PDF falls back to another CJK font.
        # Read once here, they are cached for the whole process.
        for module in get_modules():
            get_manifest(module)
        cls.company = cls.env.company
        cls.company.name = "杭州云启智能科技有限公司"
        cls.customer = cls.env["xtools.customer"].create({"name": "北京印刷测试科技有限公司", "short_name": "印刷测试"})
        cls.product = cls.env["product.product"].create({"name": "软件许可（测试）", "list_price": 1000.0})

    def _print(self, report_xmlid, records):
        """The PDF of ``records``, its text (pdftotext, NFKC-normalised: CJK radicals as their characters) and fonts."""
        pdf, report_format = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report_xmlid, records.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF file, not the HTML fallback")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(["pdftotext", "-layout", file.name, "-"], capture_output=True, text=True,
                                  check=True).stdout
            fonts = subprocess.run(["pdffonts", file.name], capture_output=True, text=True, check=True).stdout
        return nfkc(text), fonts

    def test_contract_prints_with_company_header_in_chinese(self):
        contract = self.env["xtools.contract"].create({
            "name": "云启智能客服系统采购合同",
            "customer_id": self.customer.id,
            "line_ids": [Command.create({"product_id": self.product.id, "quantity": 3, "price_unit": 1000.0})],
            "plan_ids": [Command.create({"name": "预付款", "amount": 3000.0})],
        })
        text, fonts = self._print("xtools_crm.xtools_contract_report_action", contract)
        self.assertIn(nfkc("云启智能客服系统采购合同"), text)
        self.assertIn(contract.code, text)
        self.assertIn(nfkc("北京印刷测试科技有限公司"), text)
        self.assertIn(nfkc("软件许可（测试）"), text)
        self.assertTrue(text.lstrip().startswith(nfkc("杭州云启智能科技有限公司")), "the company header comes first")
        self.assertIn("NotoSansCJKsc", fonts, "Chinese set in Noto Sans CJK SC, no boxes")

    def test_quote_prints_as_pdf(self):
        opportunity = self.env["xtools.opportunity"].create({"name": "印刷机会", "customer_id": self.customer.id})
        quote = self.env["xtools.quote"].create({
            "name": "云启报价单测试",
            "opportunity_id": opportunity.id,
            "line_ids": [Command.create({"product_id": self.product.id, "quantity": 2, "price_unit": 1000.0})],
        })
        text, fonts = self._print("xtools_crm.xtools_quote_report_action", quote)
        self.assertIn(nfkc("云启报价单测试"), text)
        self.assertIn(nfkc("北京印刷测试科技有限公司"), text)
        self.assertTrue(text.lstrip().startswith(nfkc("杭州云启智能科技有限公司")), "the company header comes first")
        self.assertIn("NotoSansCJKsc", fonts)
