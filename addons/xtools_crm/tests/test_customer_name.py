from odoo.tests import BaseCase, tagged

from ..tools.customer_name import core_name, is_generic_name


@tagged("post_install", "-at_install")
class TestCoreName(BaseCase):
    def test_core_of_company_names(self):
        table = {
            "北京沃力森信息技术有限公司": "沃力森",
            "沃力森（北京）科技有限公司": "沃力森",
            "北京市沃力森软件有限公司": "沃力森",
            "沃力森": "沃力森",
            "杭州华信网络科技股份有限公司": "华信",
            "上海华信": "华信",
            "ＡＢＣ贸易有限公司": "abc",
            "Wolisen Co., Ltd.": "wolisen",
            "Costco": "costco",
            "华信": "华信",
            "": "",
        }
        for name, core in table.items():
            self.assertEqual(core_name(name), core, name)

    def test_generic_names(self):
        self.assertEqual(core_name("科技有限公司"), "科技")
        self.assertTrue(is_generic_name("科技"))
        self.assertTrue(is_generic_name("北京"))
        self.assertFalse(is_generic_name("沃力森"))
