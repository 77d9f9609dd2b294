"""The calendar's grids: the weeks of a month and the days of a week, filled with sessions.

Pure functions over dates and already-loaded sessions (no query): the view loads the sessions of
the period once and lays them out here.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass
class Day:
    """One day of a grid and its sessions (in start order)."""

    date: datetime.date
    in_period: bool
    is_today: bool
    sessions: list[Any] = field(default_factory=list)


# The years the calendar shows: a period outside them (or whose neighbours would fall outside
# what a date can hold, such as `9999-12`) is read as absent.
FIRST_YEAR = 1900
LAST_YEAR = 2999


def parse_month(text: str | None, *, today: datetime.date) -> datetime.date:
    """The first day of the month written `YYYY-MM`, or of today's month when absent, wrong or
    outside FIRST_YEAR to LAST_YEAR."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        first = datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)
    return first if FIRST_YEAR <= first.year <= LAST_YEAR else today.replace(day=1)


def parse_week(text: str | None, *, today: datetime.date) -> datetime.date:
    """The Monday of the week containing the day written `YYYY-MM-DD` (or today, also for a day
    outside FIRST_YEAR to LAST_YEAR)."""
    try:
        day = datetime.date.fromisoformat(text or "")
    except ValueError:
        day = today
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        day = today
    return day - datetime.timedelta(days=day.weekday())


def add_months(first: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (or before) the month of `first`."""
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_span(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Monday before the month's first day and the Monday after its last: whole weeks."""
    start = first - datetime.timedelta(days=first.weekday())
    last = add_months(first, 1) - datetime.timedelta(days=1)
    end = last + datetime.timedelta(days=7 - last.weekday())
    return start, end


def _by_day(sessions: Iterable[Any]) -> dict[datetime.date, list[Any]]:
    days: dict[datetime.date, list[Any]] = {}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.pk)):
        days.setdefault(timezone.localdate(session.starts_at), []).append(session)
    return days


def month_grid(
    first: datetime.date, sessions: Iterable[Any], *, today: datetime.date
) -> list[list[Day]]:
    """The weeks (Monday to Sunday) covering the month of `first`, each day with its sessions."""
    start, end = month_span(first)
    by_day = _by_day(sessions)
    weeks: list[list[Day]] = []
    day = start
    while day < end:
        week = []
        for _offset in range(7):
            week.append(Day(day, day.month == first.month, day == today, by_day.get(day, [])))
            day += datetime.timedelta(days=1)
        weeks.append(week)
    return weeks


def week_grid(monday: datetime.date, sessions: Iterable[Any], *, today: datetime.date) -> list[Day]:
    """The seven days from `monday`, each with its sessions."""
    by_day = _by_day(sessions)
    days = (monday + datetime.timedelta(days=offset) for offset in range(7))
    return [Day(day, True, day == today, by_day.get(day, [])) for day in days]


def week_grid_span(
    start: datetime.date, end: datetime.date, sessions: Iterable[Any], *, today: datetime.date
) -> list[Day]:
    """Every day from `start` to `end` (excluded) with its sessions: the list view's days."""
    by_day = _by_day(sessions)
    count = (end - start).days
    days = (start + datetime.timedelta(days=offset) for offset in range(count))
    return [Day(day, True, day == today, by_day.get(day, [])) for day in days]
