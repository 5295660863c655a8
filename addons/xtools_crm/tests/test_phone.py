from odoo.tests import BaseCase, tagged

from ..tools.phone import format_phone, national_digits, normalize_phone


@tagged("post_install", "-at_install")
class TestPhone(BaseCase):
    """Phone normalisation: plain functions, no database."""

    def test_normalize_table(self):
        table = [
            ("138 0013 8000", "CN", "+8613800138000"),
            ("+86 138-0013-8000", "CN", "+8613800138000"),
            ("008613800138000", "CN", "+8613800138000"),
            ("13800138000", "CN", "+8613800138000"),
            ("(0571) 8765-4321", "CN", "+8657187654321"),
            ("0571.87654321", None, "+8657187654321"),
            ("+1 650-253-0000", "CN", "+16502530000"),
            ("650 253 0000", "US", "+16502530000"),
            ("", "CN", None),
            (None, "CN", None),
            ("12", "CN", None),
            ("not a phone", "CN", None),
        ]
        for raw, region, expected in table:
            with self.subTest(raw=raw, region=region):
                self.assertEqual(normalize_phone(raw, region) if region else normalize_phone(raw), expected)

    def test_national_digits(self):
        self.assertEqual(national_digits("+86 138-0013-8000"), "13800138000")
        self.assertIsNone(national_digits("abc"))

    def test_letters_are_not_a_number(self):
        self.assertIsNone(normalize_phone("abc123"))
        self.assertIsNone(normalize_phone("138 0013 800a"))

    def test_format_table(self):
        """Stored E.164, shown in national notation (the web client's phone_format.js follows the same rules)."""
        table = [
            ("+861058876139", "010-5887 6139"),
            ("+862161234567", "021-6123 4567"),
            ("+8657187654321", "0571-8765 4321"),
            ("+867551234567", "0755-123 4567"),
            ("+8613800138000", "138 0013 8000"),
            ("+864008208820", "400 820 8820"),
            ("+16502530000", "+1 650-253-0000"),
            ("138 0013 8000", "138 0013 8000"),
            ("", ""),
            (False, ""),
        ]
        for number, expected in table:
            with self.subTest(number=number):
                self.assertEqual(format_phone(number), expected)
