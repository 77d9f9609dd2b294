"""Dates as French writes them: the first day of a month is « 1er » (1er décembre)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language


def _first_day(fmt: str) -> str:
    """The format with each unescaped day-of-month token `j` followed by an escaped « er »."""
    out, escaped = [], False
    for char in fmt:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append("j\\e\\r")
            continue
        out.append(char)
    return "".join(out)


def format_date(value: datetime.date, fmt: str) -> str:
    """Django's date formatting (`fmt` as for the `date` filter), in local time, with « 1er »."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1 and (get_language() or "").startswith("fr"):
        fmt = _first_day(fmt)
    return date_format(value, fmt)
