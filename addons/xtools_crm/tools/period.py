"""Periods the way Chinese users read them: labels of date groups (2026年12月, not 十二月 2026), and the UTC bounds
of local days."""

from datetime import datetime, time

import pytz

# The time zone of a company whose partner has none: the module is made for Chinese sales companies.
DEFAULT_TZ = "Asia/Shanghai"

CN_PATTERNS = {
    "day": "{d.year}年{d.month}月{d.day}日",
    "month": "{d.year}年{d.month}月",
    "quarter": "{d.year}年第{quarter}季度",
    "year": "{d.year}年",
}


def period_label(day, granularity, lang):
    """The label of the period ``granularity`` starting on ``day`` (a date) in language ``lang``, or ``None`` when
    the language or granularity keeps Odoo's own label (only Chinese is written here)."""
    if not (lang or "").startswith("zh") or granularity not in CN_PATTERNS or not day:
        return None
    return CN_PATTERNS[granularity].format(d=day, quarter=(day.month - 1) // 3 + 1)


def company_tz(company):
    """The time zone of ``company`` (its partner's), as a pytz time zone."""
    return pytz.timezone(company.partner_id.tz or DEFAULT_TZ)


def local_midnight_utc(day, tz):
    """Midnight starting ``day`` in the pytz time zone ``tz``, as a naive UTC datetime (how Odoo stores them)."""
    return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
