"""Labels of date groups (months, quarters, days) the way Chinese users read them: 2026年12月, not 十二月 2026."""

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
