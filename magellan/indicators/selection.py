"""What every indicator's `compute(filters)` starts from: the cohorts asked for (one query), the
dates of the phase asked for in each of them (one query), and the small arithmetic they share —
so that an indicator runs the same number of queries whatever the number of cohorts."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from magellan.directory.models import Cohort, Phase

from .registry import Filters


def cohorts(filters: Filters) -> list[Cohort]:
    """The cohorts asked for (all of them when none is), oldest first: side by side, left to
    right, in the order they ran."""
    found = Cohort.objects.order_by("number", "variant", "pk")
    if filters.cohort_ids:
        found = found.filter(pk__in=filters.cohort_ids)
    return list(found)


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def phase_windows(filters: Filters, cohort_ids: Iterable[int]) -> dict[int, Window]:
    """The dates of the phase asked for, per cohort id (empty when no phase is asked for; a
    cohort without that phase is absent)."""
    if filters.phase_kind is None:
        return {}
    return {
        cohort_id: Window(start, end)
        for cohort_id, start, end in Phase.objects.filter(
            cohort_id__in=list(cohort_ids), kind=filters.phase_kind
        ).values_list("cohort_id", "start_date", "end_date")
    }


def percent(part: int, whole: int) -> float | None:
    """`part` out of `whole` in per cent, to one decimal (None when `whole` is 0)."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
