"""Plain unit tests of the invoice number checks (no database)."""

import unittest

from odoo.addons.xtools_crm.tools import fapiao, payment_plan


class TestFapiaoNumbers(unittest.TestCase):
    def check(self, *args, **kwargs):
        return fapiao.check_invoice_number(*args, **kwargs)

    def test_digital_fapiao_has_20_digits(self):
        self.assertIsNone(self.check("digital_special", "25332000000018860001"))
        self.assertIsNone(self.check("digital_normal", "2533 2000 0000 1886 0001"))
        self.assertEqual(self.check("digital_normal", "2533200000001886000"), fapiao.ERR_DIGITAL_FORMAT)
        self.assertEqual(self.check("digital_normal", "2533200000001886000A"), fapiao.ERR_DIGITAL_FORMAT)
        self.assertEqual(self.check("digital_normal", ""), fapiao.ERR_NUMBER_REQUIRED)
        self.assertEqual(self.check("digital_normal", "25332000000018860001", "3100241130"),
                         fapiao.ERR_CODE_NOT_ALLOWED)

    def test_digital_fapiao_year(self):
        self.assertEqual(self.check("digital_normal", "19332000000018860001"), fapiao.ERR_DIGITAL_YEAR)
        self.assertIsNone(self.check("digital_normal", "25332000000018860001", year=2025))
        self.assertEqual(self.check("digital_normal", "26332000000018860001", year=2025), fapiao.ERR_DIGITAL_YEAR)

    def test_classic_special_invoice(self):
        self.assertIsNone(self.check("vat_special", "05812346", "3100241130"))
        self.assertEqual(self.check("vat_special", "0581234", "3100241130"), fapiao.ERR_CLASSIC_NUMBER)
        self.assertEqual(self.check("vat_special", "05812346"), fapiao.ERR_CODE_REQUIRED)
        self.assertEqual(self.check("vat_special", "05812346", "031001900111"), fapiao.ERR_SPECIAL_CODE)

    def test_classic_normal_invoice(self):
        self.assertIsNone(self.check("vat_normal", "05812346", "3100241130"))
        self.assertIsNone(self.check("vat_normal", "05812346", "031001900111"))
        self.assertEqual(self.check("vat_normal", "05812346", "131001900111"), fapiao.ERR_NORMAL_CODE)
        self.assertEqual(self.check("vat_normal", "05812346", "31001"), fapiao.ERR_NORMAL_CODE)

    def test_receipts_are_free(self):
        self.assertIsNone(self.check("receipt", "SJ-2026-001"))
        self.assertIsNone(self.check("other", ""))


class TestPlanSplitting(unittest.TestCase):
    def test_percentages(self):
        self.assertEqual(payment_plan.parse_percentages("30/60/10"), [30, 60, 10])
        self.assertEqual(payment_plan.parse_percentages("30%，60%，10%"), [30, 60, 10])
        for bad in ("30/60", "", "a/b", "50/-10/60"):
            with self.assertRaises(ValueError):
                payment_plan.parse_percentages(bad)

    def test_split_keeps_total(self):
        self.assertEqual(payment_plan.split_amount(100, [1, 1, 1]), [33.33, 33.33, 33.34])
        self.assertEqual(payment_plan.split_amount(1000, [30, 60, 10]), [300, 600, 100])
        self.assertEqual(payment_plan.split_amount(100, [1, 1, 1], digits=0), [33, 33, 34])
