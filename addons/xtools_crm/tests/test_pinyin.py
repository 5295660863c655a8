from odoo.tests import BaseCase, tagged

from ..tools.pinyin import pinyin_keys
from .common import XtoolsCrmCase


class TestPinyinKeys(BaseCase):
    def test_full_pinyin_and_initials(self):
        self.assertEqual(pinyin_keys("北京沃力森", "沃力森"), "beijingwolisen bjwls wolisen wls")
        self.assertEqual(pinyin_keys("重庆博远"), "chongqingboyuan cqby", "phrases read with their usual sound")
        self.assertEqual(pinyin_keys("中科智联（北京）", False), "zhongkezhilianbeijing zkzlbj")
        self.assertEqual(pinyin_keys("ABC软件"), "abcruanjian abcrj")
        self.assertEqual(pinyin_keys(False, ""), "")


@tagged("post_install", "-at_install")
class TestPinyinSearch(XtoolsCrmCase):
    def test_initials_find_customer_under_rules(self):
        customer = self.env["xtools.customer"].create(
            {"name": "北京沃力森拼音测试有限公司", "short_name": "沃力森拼音", "user_id": self.sales_a1.id}
        )
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)
        self.assertIn(customer.id, [r[0] for r in Customer.name_search("bjwlspy")])
        self.assertIn(customer.id, [r[0] for r in Customer.name_search("wolisenpinyin")])
        self.assertNotIn(customer.id, [r[0] for r in Customer.with_user(self.sales_a2).name_search("bjwlspy")],
                         "pinyin search obeys the record rules")
        customer.short_name = "沃森"
        self.assertIn("ws", customer.pinyin_keys.split())

    def test_name_search_reads_name_short_name_code_and_pinyin_in_any_case(self):
        """A name search finds a customer by any part of its name, its short name, its code or its pinyin, in
        upper or lower case; a renamed customer is found by its new name at once, and no longer by the former;
        ``not ilike`` leaves it out."""
        customer = self.env["xtools.customer"].create(
            {"name": "杭州Acme云检索测试有限公司", "short_name": "云检索", "user_id": self.sales_a1.id}
        )
        Customer = self.env["xtools.customer"].with_user(self.sales_a1)

        def found(text):
            return customer.id in [row[0] for row in Customer.name_search(text)]

        for text in ("云检", "检索测试", "ACME", "acme云", customer.code, customer.code.lower(), "HZACMEYJS",
                     "yunjiansuo", "检", "州A", "Me", "yj", "公司"):
            self.assertTrue(found(text), text)
        self.assertFalse(found("沃力森"))
        for text in ("沃力", "司杭", "y j"):  # two characters: a pair within one word, or none
            self.assertFalse(found(text), text)
        customer.name = "宁波新名字测试有限公司"
        self.assertTrue(found("新名字"))
        self.assertFalse(found("Acme"))
        self.assertNotIn(customer, Customer.search([("display_name", "not ilike", "新名字")]))
        self.assertIn(customer, Customer.search([("display_name", "not ilike", "沃力森")]))
        self.assertNotIn(customer, Customer.search([("display_name", "not ilike", "名字")]))
        self.assertIn(customer, Customer.search([("display_name", "not ilike", "沃力")]))
