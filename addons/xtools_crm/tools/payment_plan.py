"""Splitting a contract amount into payment plan installments, without the ORM."""

import re
from datetime import date

from dateutil.relativedelta import relativedelta


def parse_percentages(rule):
    """``"30/60/10"`` (also with commas, spaces or % signs) → ``[30.0, 60.0, 10.0]``.

    Raise ``ValueError`` when a part is not a positive number or the parts do not add up to 100.
    """
    parts = [p for p in re.split(r"[/,，、\s;；%]+", rule or "") if p]
    if not parts:
        raise ValueError("empty")
    percentages = [float(p) for p in parts]
    if any(p <= 0 for p in percentages) or abs(sum(percentages) - 100) > 1e-6:
        raise ValueError("sum")
    return percentages


def split_amount(amount, weights, digits=2):
    """Split ``amount`` in proportion to ``weights``, rounded to ``digits``; the last part takes the rounding
    difference so that the parts add up to ``amount`` exactly."""
    total = sum(weights)
    parts = [round(amount * w / total, digits) for w in weights[:-1]]
    parts.append(round(amount - sum(parts), digits))
    return parts


def installment_dates(first_date: date, count, interval_months=1):
    """``count`` due dates starting at ``first_date``, ``interval_months`` apart (month ends are kept)."""
    return [first_date + relativedelta(months=i * interval_months) for i in range(count)]
