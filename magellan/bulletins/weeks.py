"""The calendar of a bulletin week: ISO weeks, the last working day, the opening and the lock."""

import datetime
import zoneinfo

from django.conf import settings

from magellan.scheduler.schedules import last_working_day_of_week

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

Week = tuple[int, int]


def lock_time() -> datetime.time:
    """MAGELLAN_BULLETIN_LOCK_TIME ("HH:MM", Paris time), read at call time."""
    return datetime.time.fromisoformat(settings.MAGELLAN_BULLETIN_LOCK_TIME)


def week_of(day: datetime.date) -> Week:
    """The ISO (year, week) of a day."""
    iso = day.isocalendar()
    return iso.year, iso.week


def local_day(now: datetime.datetime) -> datetime.date:
    return now.astimezone(PARIS).date()


def week_at(now: datetime.datetime) -> Week:
    """The ISO (year, week) of an instant, in Paris."""
    return week_of(local_day(now))


def monday(week: Week) -> datetime.date:
    return datetime.date.fromisocalendar(week[0], week[1], 1)


def next_week(week: Week) -> Week:
    return week_of(monday(week) + datetime.timedelta(days=7))


def previous_week(week: Week) -> Week:
    return week_of(monday(week) - datetime.timedelta(days=7))


def last_working_day(week: Week) -> datetime.date:
    """The week's last working day (the scheduler's, French public holidays skipped); its Friday
    if none works."""
    first = monday(week)
    return last_working_day_of_week(first) or first + datetime.timedelta(days=4)


def opens_at(week: Week) -> datetime.datetime:
    """Monday 00:00, Paris time."""
    return datetime.datetime.combine(monday(week), datetime.time(0, 0), tzinfo=PARIS)


def locks_at(week: Week) -> datetime.datetime:
    """The last working day at the lock time, Paris time."""
    return datetime.datetime.combine(last_working_day(week), lock_time(), tzinfo=PARIS)


def is_open(week: Week, *, now: datetime.datetime) -> bool:
    """Whether the week's bulletin may be written or edited at `now`."""
    return opens_at(week) <= now < locks_at(week)


def weeks_between(first: datetime.date, last: datetime.date) -> list[Week]:
    """Every ISO week from the one of `first` to the one of `last`, in order."""
    weeks: list[Week] = []
    day = first - datetime.timedelta(days=first.weekday())
    while day <= last:
        weeks.append(week_of(day))
        day += datetime.timedelta(days=7)
    return weeks
