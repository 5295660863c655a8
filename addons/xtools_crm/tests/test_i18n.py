import io
import re

import polib

from odoo.osv import expression
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.misc import file_path
from odoo.tools.translate import trans_export


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _exported_terms(self):
        buffer = io.BytesIO()
        trans_export(False, ["xtools_crm"], buffer, "po", self.env.cr)
        return {(e.msgctxt, e.msgid) for e in polib.pofile(buffer.getvalue().decode())}

    def test_pot_is_current(self):
        pot = polib.pofile(file_path("xtools_crm/i18n/xtools_crm.pot"))
        self.assertEqual({(e.msgctxt, e.msgid) for e in pot}, self._exported_terms(),
                         "i18n/xtools_crm.pot is out of date: run `make i18n`")

    def test_every_term_has_chinese(self):
        po = polib.pofile(file_path("xtools_crm/i18n/zh_CN.po"))
        translated = {(e.msgctxt, e.msgid) for e in po if e.msgstr.strip() and not e.obsolete}
        missing = self._exported_terms() - translated
        self.assertFalse(sorted(m[1] for m in missing), "terms without a Chinese translation")

    def test_chinese_in_the_ui(self):
        Customer = self.env["xtools.customer"].with_context(lang="zh_CN")
        self.assertEqual(Customer._fields["short_name"]._description_string(Customer.env), "助记名称")
        selection = dict(Customer._fields["lifecycle"]._description_selection(Customer.env))
        self.assertEqual(selection, {"potential": "潜在客户", "customer": "正式客户", "lost": "流失"})
        arch = Customer.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("共享", arch)
        self.assertIn("转移", arch)


CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestChineseDemo(TransactionCase):
    """The Chinese demo database reads Chinese: its records and their chatter show no English word of the module
    (model names, field labels, selection values) and no English demo name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        en = cls.env(context=dict(cls.env.context, lang="en_US"))
        models = en["ir.model"].search([("model", "like", "xtools.%")])
        terms = set(models.mapped("name"))
        fields = en["ir.model.fields"].search([("model_id", "in", models.ids)])
        terms |= set(fields.mapped("field_description"))
        terms |= set(en["ir.model.fields.selection"].search([("field_id", "in", fields.ids)]).mapped("name"))
        # Words a user would read as English, not codes: at least four letters.
        cls.terms = sorted(t for t in terms if t and re.search(r"[A-Za-z]{4}", t) and not CJK.search(t))
        cls.pattern = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])" for t in cls.terms))

    def assertNoEnglish(self, texts, what):
        found = sorted(
            {(match.group(0), text) for text in texts if text for match in [self.pattern.search(text)] if match}
        )
        self.assertFalse(found, f"English terms of the module in the Chinese demo's {what}")

    def test_terms_are_known(self):
        self.assertIn("Customer", self.terms)
        self.assertIn("Sales Opportunity", self.terms)
        self.assertTrue(self.pattern.search("Customer 创建"))
        self.assertFalse(self.pattern.search("客户 已创建"))

    def test_demo_chatter_reads_chinese(self):
        # The demo's own records (the tests that commit data write in English, as they run in English).
        demo = self.env["ir.model.data"].search([("module", "=", "xtools_crm"), ("model", "like", "xtools.%")])
        domain = expression.OR([
            [("model", "=", model), ("res_id", "in", demo.filtered(lambda d, m=model: d.model == m).mapped("res_id"))]
            for model in set(demo.mapped("model"))
        ])
        messages = self.env["mail.message"].search(domain)
        self.assertTrue(messages, "the demo has chatter")
        self.assertNoEnglish([html2plaintext(m.body or "") for m in messages], "chatter messages")
        tracking = messages.tracking_value_ids
        self.assertNoEnglish(tracking.field_id.mapped("field_description"), "tracked field names")
        self.assertNoEnglish(tracking.mapped("old_value_char") + tracking.mapped("new_value_char"), "tracked values")
        self.assertNoEnglish(messages.mapped("subject"), "message subjects")

    def test_demo_records_read_chinese(self):
        texts = []
        for model in self.env["ir.model"].search([("model", "like", "xtools.%"), ("transient", "=", False)]):
            Model = self.env[model.model]
            if Model._abstract or not Model._auto:
                continue
            demo = self.env["ir.model.data"].search([("module", "=", "xtools_crm"), ("model", "=", model.model)])
            records = Model.browse(demo.mapped("res_id")).exists()
            texts += records.mapped("display_name")
            for fname in ("name", "subject", "summary", "description", "note"):
                field = Model._fields.get(fname)
                if field and field.type in ("char", "text", "html") and not field.related:
                    texts += [html2plaintext(v) if field.type == "html" else v for v in records.mapped(fname) if v]
        texts += self.env["mail.activity"].search([("res_model", "like", "xtools.%")]).mapped("summary")
        self.assertNoEnglish(texts, "records")

    def test_demo_people_have_chinese_names(self):
        users = self.env["res.users"].search([("share", "=", False)])
        self.assertIn(self.env.ref("base.user_admin"), users)
        self.assertFalse(
            [u.name for u in users if not CJK.search(u.name or "")], "internal users without a Chinese name"
        )
        company = self.env.ref("base.main_company")
        self.assertFalse(company.state_id and company.state_id.country_id != self.env.ref("base.cn"))
        self.assertTrue(company.logo)
