"""Date rules for planning a cohort's year: pure functions from phases and a rule to days."""

import calendar
import datetime
import functools
from dataclasses import dataclass

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanRule(models.TextChoices):
    MONTHLY = "monthly", _("Chaque mois, le n-ième jour de la semaine (ex. 2e mardi)")
    PER_PHASE = "per_phase", _("Une fois par phase")
    TWICE_A_YEAR = "twice_a_year", _("Deux fois par an (intégration et accélération)")


class PhaseAnchor(models.TextChoices):
    START = "start", _("Au début de la phase")
    MIDDLE = "middle", _("Au milieu de la phase")
    END = "end", _("À la fin de la phase")


@dataclass(frozen=True)
class Span:
    """A period (a phase, or the whole cohort when it has no phases), ends included."""

    start: datetime.date
    end: datetime.date

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def nth_weekday(year: int, month: int, *, weekday: int, week: int) -> datetime.date | None:
    """The `week`-th `weekday` (0 = Monday) of a month; week -1 is the last; None if absent."""
    days = [
        datetime.date(year, month, day)
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, day).weekday() == weekday
    ]
    if week == -1:
        return days[-1]
    return days[week - 1] if 1 <= week <= len(days) else None


def on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def monthly_days(spans: list[Span], *, weekday: int, week: int) -> list[datetime.date]:
    """The n-th weekday of every month that falls inside one of the spans."""
    if not spans:
        return []
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    days = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = nth_weekday(year, month, weekday=weekday, week=week)
        if day is not None and any(span.contains(day) for span in spans):
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def per_phase_days(spans: list[Span], *, weekday: int, anchor: str) -> list[datetime.date]:
    """One day per span: the weekday nearest its start, middle or end, inside the span."""
    days = []
    for span in spans:
        if anchor == PhaseAnchor.START:
            day = on_or_after(span.start, weekday)
        elif anchor == PhaseAnchor.END:
            day = on_or_before(span.end, weekday)
        else:
            day = on_or_after(span.start + (span.end - span.start) / 2, weekday)
        if span.contains(day):
            days.append(day)
    return days


def twice_a_year_days(spans: list[Span], *, weekday: int) -> list[datetime.date]:
    """Integration three weeks after the start; acceleration two months before the end."""
    if not spans:
        return []
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    integration = on_or_after(first + datetime.timedelta(weeks=3), weekday)
    month, year = last.month - 2, last.year
    if month < 1:
        month, year = month + 12, year - 1
    two_months_before = datetime.date(
        year, month, min(last.day, calendar.monthrange(year, month)[1])
    )
    acceleration = on_or_after(two_months_before, weekday)
    return sorted({day for day in (integration, acceleration) if first <= day <= last})


def plan_days(
    spans: list[Span], *, rule: str, weekday: int, week: int = 1, anchor: str = "middle"
) -> list[datetime.date]:
    """The days a rule gives within the spans, in order."""
    if rule == PlanRule.MONTHLY:
        return monthly_days(spans, weekday=weekday, week=week)
    if rule == PlanRule.PER_PHASE:
        return per_phase_days(spans, weekday=weekday, anchor=anchor)
    if rule == PlanRule.TWICE_A_YEAR:
        return twice_a_year_days(spans, weekday=weekday)
    raise ValueError(f"Unknown rule {rule!r}")


@functools.cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    """France's public holidays of a year (the `holidays` package: Easter Monday, Ascension…)."""
    return frozenset(holidays.country_holidays("FR", years=year))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a public holiday in France."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day (`is_working_day`) after `day`."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def lay_out(
    day: datetime.date,
    *,
    start: datetime.time,
    duration: datetime.timedelta,
    count: int,
    workday_start: datetime.time,
    workday_end: datetime.time,
) -> list[datetime.datetime]:
    """`count` back-to-back slots from `day` at `start`, each inside working hours, spilling over
    to the next working day (naive local datetimes). A slot longer than a working day starts at
    the day's opening. A day that is not a working day (a public holiday that a rule's weekday
    falls on) gives way to the next working day."""
    if not is_working_day(day):
        day = next_working_day(day)
    slots = []
    cursor = datetime.datetime.combine(day, max(start, workday_start))
    for _n in range(count):
        closing = datetime.datetime.combine(cursor.date(), workday_end)
        if cursor + duration > closing and cursor.time() != workday_start:
            cursor = datetime.datetime.combine(next_working_day(cursor.date()), workday_start)
        slots.append(cursor)
        cursor += duration
    return slots


def period_of(day: datetime.date, *, rule: str, spans: list[Span]) -> object:
    """The period in which a rule gives one day: the month (monthly), the span (once per phase),
    the half of the cohort's time (twice a year: integration, then acceleration); None outside."""
    if rule == PlanRule.MONTHLY:
        return (day.year, day.month)
    if rule == PlanRule.PER_PHASE:
        return next((i for i, span in enumerate(spans) if span.contains(day)), None)
    if rule == PlanRule.TWICE_A_YEAR:
        if not spans:
            return None
        first, last = min(s.start for s in spans), max(s.end for s in spans)
        if not first <= day <= last:
            return None
        return 0 if day < first + (last - first) / 2 else 1
    raise ValueError(f"Unknown rule {rule!r}")
