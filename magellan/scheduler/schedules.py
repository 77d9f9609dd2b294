"""When a scheduled job is due: pure functions from a rule and an instant to due datetimes.

Every schedule is read in Paris local time (the programme's clock). A due time is an aware datetime
in UTC, computed as "this local day at this local time": 10:00 stays 10:00 in Paris across the
daylight-saving changes (09:00 UTC in winter, 08:00 UTC in summer). A local time that does not exist
(02:30 on the last Sunday of March) is read with the offset before the change, i.e. 03:30 summer
time; a local time that happens twice (02:30 on the last Sunday of October) is its first occurrence.
Either way each local day has at most one due time per schedule.
"""

import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from magellan.program.planning import is_working_day

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC

# How far `latest_due` looks back and `next_due` looks forward (a monthly rule needs 31 days).
HORIZON_DAYS = 400

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def at_paris(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """The instant (UTC) of a Paris local day and time (see the module's DST rule)."""
    return datetime.datetime.combine(day, at.replace(tzinfo=None), tzinfo=PARIS).astimezone(UTC)


def last_working_day_of_week(day: datetime.date) -> datetime.date | None:
    """The last working day (French public holidays excluded) of `day`'s ISO week, if any."""
    sunday = day + datetime.timedelta(days=6 - day.weekday())
    for back in range(7):
        candidate = sunday - datetime.timedelta(days=back)
        if is_working_day(candidate):
            return candidate
    return None


def _hhmm(at: datetime.time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


@dataclass(frozen=True)
class Schedule:
    """A rule giving, for each Paris local day, its due time or none (subclasses: `time_on`)."""

    at: datetime.time

    def __post_init__(self) -> None:
        if self.at.tzinfo is not None:
            raise ValueError("A schedule's time is Paris local time, without tzinfo.")

    def time_on(self, day: datetime.date) -> datetime.time | None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def due_on(self, day: datetime.date) -> datetime.datetime | None:
        """The due instant (UTC) on this Paris local day, or None."""
        at = self.time_on(day)
        return None if at is None else at_paris(day, at)

    def due_times(
        self, start: datetime.datetime, end: datetime.datetime
    ) -> Iterator[datetime.datetime]:
        """The due instants in the window start < due ≤ end, in order."""
        day = start.astimezone(PARIS).date() - datetime.timedelta(days=1)
        last = end.astimezone(PARIS).date() + datetime.timedelta(days=1)
        while day <= last:
            due = self.due_on(day)
            if due is not None and start < due <= end:
                yield due
            day += datetime.timedelta(days=1)

    def latest_due(self, now: datetime.datetime) -> datetime.datetime | None:
        """The latest due instant at or before `now` (None if none within HORIZON_DAYS)."""
        day = now.astimezone(PARIS).date() + datetime.timedelta(days=1)
        for _back in range(HORIZON_DAYS):
            due = self.due_on(day)
            if due is not None and due <= now:
                return due
            day -= datetime.timedelta(days=1)
        return None

    def next_due(self, now: datetime.datetime) -> datetime.datetime | None:
        """The first due instant strictly after `now` (None if none within HORIZON_DAYS)."""
        day = now.astimezone(PARIS).date() - datetime.timedelta(days=1)
        for _forward in range(HORIZON_DAYS):
            due = self.due_on(day)
            if due is not None and due > now:
                return due
            day += datetime.timedelta(days=1)
        return None


@dataclass(frozen=True)
class Daily(Schedule):
    """Every day at `at` (Paris time)."""

    def time_on(self, day: datetime.date) -> datetime.time | None:
        return self.at

    def describe(self) -> str:
        return _("Chaque jour à %(at)s") % {"at": _hhmm(self.at)}


@dataclass(frozen=True)
class Weekly(Schedule):
    """Every week on `weekday` (0 = Monday) at `at` (Paris time)."""

    weekday: int = 0

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday).")

    def time_on(self, day: datetime.date) -> datetime.time | None:
        return self.at if day.weekday() == self.weekday else None

    def describe(self) -> str:
        return _("Chaque %(weekday)s à %(at)s") % {
            "weekday": WEEKDAYS[self.weekday],
            "at": _hhmm(self.at),
        }


@dataclass(frozen=True)
class LastWorkingDayOfWeek(Schedule):
    """On the last working day of each ISO week (usually Friday; Thursday when Friday is a
    French public holiday) at `at` (Paris time)."""

    def time_on(self, day: datetime.date) -> datetime.time | None:
        return self.at if last_working_day_of_week(day) == day else None

    def describe(self) -> str:
        return _("Le dernier jour ouvré de chaque semaine à %(at)s") % {"at": _hhmm(self.at)}


@dataclass(frozen=True)
class Monthly(Schedule):
    """Every month on `day` (1 to 28, so that every month has it) at `at` (Paris time)."""

    day: int = 1

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 1 <= self.day <= 28:
            raise ValueError("A monthly schedule's day is 1 to 28.")

    def time_on(self, day: datetime.date) -> datetime.time | None:
        return self.at if day.day == self.day else None

    def describe(self) -> str:
        return _("Le %(day)s de chaque mois à %(at)s") % {"day": self.day, "at": _hhmm(self.at)}
