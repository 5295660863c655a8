import io

import polib

from odoo.tools.misc import file_path
from odoo.tests import TransactionCase, tagged
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
