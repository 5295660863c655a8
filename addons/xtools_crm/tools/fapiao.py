"""Checks of Chinese invoice (发票) numbers, without the ORM.

Two generations of numbers are in use:

* the all-electronic fapiao (全面数字化的电子发票, 数电票): a 20-digit number and no separate code. Digits 1-2 are the
  last two digits of the year of issue (the first ones were issued in 2021), digits 3-4 the province-level tax
  authority, the rest a serial number;
* the classic fapiao: an 8-digit number printed together with an invoice code (发票代码) of 10 digits (VAT special
  and paper VAT normal invoices) or 12 digits starting with 0 (electronic, roll and other normal invoices).

Receipts (收据) and other documents carry a free reference and are not checked.
"""

import re

DIGITAL_TYPES = ("digital_special", "digital_normal")
CLASSIC_TYPES = ("vat_special", "vat_normal")
FREE_TYPES = ("receipt", "other")

# Error keys returned by check_invoice_number(); the model turns them into translated messages.
ERR_NUMBER_REQUIRED = "number_required"
ERR_DIGITAL_FORMAT = "digital_format"
ERR_DIGITAL_YEAR = "digital_year"
ERR_CLASSIC_NUMBER = "classic_number"
ERR_CODE_REQUIRED = "code_required"
ERR_SPECIAL_CODE = "special_code"
ERR_NORMAL_CODE = "normal_code"
ERR_CODE_NOT_ALLOWED = "code_not_allowed"

FIRST_DIGITAL_YEAR = 21


def normalize(value):
    """Strip the spaces and dashes people type inside long numbers."""
    return re.sub(r"[\s\-]", "", value or "")


def check_invoice_number(invoice_type, number, code=None, year=None):
    """Return ``None`` when ``number`` (and ``code``) are valid for ``invoice_type``, else an ``ERR_*`` key.

    ``year`` (four digits), when given, is the year of the invoice date: a 20-digit number may not claim a later one.
    """
    number = normalize(number)
    code = normalize(code)
    if invoice_type in FREE_TYPES:
        return None
    if not number:
        return ERR_NUMBER_REQUIRED
    if invoice_type in DIGITAL_TYPES:
        if code:
            return ERR_CODE_NOT_ALLOWED
        if not re.fullmatch(r"\d{20}", number):
            return ERR_DIGITAL_FORMAT
        number_year = int(number[:2])
        if number_year < FIRST_DIGITAL_YEAR or (year and number_year > year % 100):
            return ERR_DIGITAL_YEAR
        return None
    if not re.fullmatch(r"\d{8}", number):
        return ERR_CLASSIC_NUMBER
    if not code:
        return ERR_CODE_REQUIRED
    if invoice_type == "vat_special":
        return None if re.fullmatch(r"\d{10}", code) else ERR_SPECIAL_CODE
    if re.fullmatch(r"\d{10}", code) or re.fullmatch(r"0\d{11}", code):
        return None
    return ERR_NORMAL_CODE
