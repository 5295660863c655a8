"""Phone numbers as the sales team types them, reduced to one comparable form (E.164).

Pure functions without ORM: the models pass the default region (the company's country, CN by default).
"""

import re

import phonenumbers

DEFAULT_REGION = "CN"
# What a typed phone number may hold besides digits: a leading +, spaces and the usual separators. Letters are
# refused (phonenumbers would read "abc" as the keypad digits 222).
PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]+$")


def normalize_phone(number, region=DEFAULT_REGION):
    """Return ``number`` in E.164 (``+8613800138000``), or ``None`` when it is empty or not a possible number.

    Accepts national (``138 0013 8000``), international (``+86 138-0013-8000``) and IDD-prefixed
    (``008613800138000``) notations; separators are ignored.
    """
    if not number or not str(number).strip() or not PHONE_CHARS.match(str(number).strip()):
        return None
    try:
        parsed = phonenumbers.parse(str(number).strip(), (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def national_digits(number, region=DEFAULT_REGION):
    """The national significant number (``13800138000``): what any stored notation of the number contains."""
    normalized = normalize_phone(number, region)
    if not normalized:
        return None
    return str(phonenumbers.parse(normalized).national_number)


def validate_phone(number, region=DEFAULT_REGION):
    """Return ``number`` in E.164 for storing, or raise ``ValueError`` when it is not a valid phone number
    (stricter than :func:`normalize_phone`: the number must exist in the numbering plan)."""
    text = str(number or "").strip()
    if not PHONE_CHARS.match(text):
        raise ValueError(f"not a phone number: {text}")
    try:
        parsed = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from error
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(f"not a valid phone number: {text}")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(number):
    """How a stored (E.164) number is shown: Chinese numbers in national notation (``010-5887 6139``,
    ``138 0013 8000``, ``400 820 8820``), others in international notation; what is not E.164 is returned as it
    is. Same rules as ``static/src/core/phone_format.js`` in the web client."""
    text = str(number or "").strip()
    digits = re.sub(r"[\s().\-]", "", text)
    if text and not digits.startswith("+"):
        digits = normalize_phone(text) or digits  # a number typed in national notation (quick calls)
    match = re.fullmatch(r"\+86(\d+)", digits)
    if not match:
        if digits.startswith("+"):
            try:
                parsed = phonenumbers.parse(digits, None)
            except phonenumbers.NumberParseException:
                return text
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return text
    national = match.group(1)
    if re.fullmatch(r"1\d{10}", national):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if re.fullmatch(r"[48]00\d{7}", national):
        return f"{national[:3]} {national[3:6]} {national[6:]}"
    area_length = 2 if re.match(r"(10|2\d)", national) else 3
    area, local = f"0{national[:area_length]}", national[area_length:]
    if len(local) == 8:
        return f"{area}-{local[:4]} {local[4:]}"
    if len(local) == 7:
        return f"{area}-{local[:3]} {local[3:]}"
    return f"{area}-{local}" if local else text
