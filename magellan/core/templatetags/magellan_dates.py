"""`display_date`: the `date` filter with « 1er » for the first day of a month (core.dates)."""

import datetime

from django import template

from magellan.core.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True)
def display_date(value: datetime.date | None, fmt: str) -> str:
    """`{{ session.starts_at|display_date:"l j F Y, H:i" }}` → « mardi 1er décembre 2026, 09:30 »."""
    if value in (None, ""):
        return ""
    return format_date(value, fmt)
