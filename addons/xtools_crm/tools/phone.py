"""Phone numbers: parse what people type (138 0013 8000, +86 138-0013-8000, 008613800138000, 0571-8888 6666)
and store it in E.164 (+8613800138000). Pure functions, no ORM."""
import phonenumbers

DEFAULT_REGION = "CN"


def normalize_phone(number, region=None):
    """Return ``number`` in E.164, or raise ``ValueError`` when it is not a valid phone number.

    ``region`` (ISO country code, e.g. "CN") tells how to read numbers written without a country code;
    the international prefix of that region (00 in China) is understood.
    """
    text = (number or "").strip()
    if not text:
        raise ValueError("empty phone number")
    try:
        parsed = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from error
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(f"not a valid phone number: {text}")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone_or_none(number, region=None):
    """Like :func:`normalize_phone`, but ``None`` for what cannot be read (for matching, not for storing)."""
    try:
        return normalize_phone(number, region)
    except ValueError:
        return None
