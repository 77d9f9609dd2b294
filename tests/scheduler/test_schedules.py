import datetime

import pytest

from magellan.scheduler.schedules import (
    PARIS,
    UTC,
    Daily,
    LastWorkingDayOfWeek,
    Monthly,
    Weekly,
    last_working_day_of_week,
)


def paris(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def utc(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)  # type: ignore[misc]


TEN = datetime.time(10, 0)


def test_last_working_day_is_friday_in_an_ordinary_week():
    assert last_working_day_of_week(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 11)
    schedule = LastWorkingDayOfWeek(at=TEN)
    assert schedule.latest_due(paris(2026, 12, 11, 12, 0)) == utc(2026, 12, 11, 9, 0)
    assert schedule.next_due(paris(2026, 12, 11, 9, 59)) == utc(2026, 12, 11, 9, 0)


def test_christmas_on_a_friday_moves_the_due_time_to_thursday():
    """2026-12-25 and 2027-01-01 are Fridays and public holidays."""
    schedule = LastWorkingDayOfWeek(at=TEN)
    assert last_working_day_of_week(datetime.date(2026, 12, 25)) == datetime.date(2026, 12, 24)
    assert schedule.next_due(paris(2026, 12, 21, 8, 0)) == paris(2026, 12, 24, 10, 0)
    assert schedule.latest_due(paris(2026, 12, 25, 12, 0)) == paris(2026, 12, 24, 10, 0)
    assert schedule.next_due(paris(2026, 12, 24, 10, 0)) == paris(2026, 12, 31, 10, 0)
    assert schedule.due_on(datetime.date(2026, 12, 25)) is None


def test_may_8th_on_a_friday_moves_the_due_time_to_thursday_in_summer_time():
    schedule = LastWorkingDayOfWeek(at=TEN)
    assert schedule.latest_due(paris(2026, 5, 10, 12, 0)) == utc(2026, 5, 7, 8, 0)


def test_daily_keeps_paris_time_across_the_spring_change():
    """Last Sunday of March 2026 (the 29th): 10:00 is 09:00 UTC before, 08:00 UTC after."""
    due = list(Daily(at=TEN).due_times(paris(2026, 3, 28, 0, 0), paris(2026, 3, 30, 23, 0)))
    assert due == [utc(2026, 3, 28, 9, 0), utc(2026, 3, 29, 8, 0), utc(2026, 3, 30, 8, 0)]


def test_daily_keeps_paris_time_across_the_autumn_change():
    """Last Sunday of October 2026 (the 25th)."""
    due = list(Daily(at=TEN).due_times(paris(2026, 10, 24, 0, 0), paris(2026, 10, 26, 23, 0)))
    assert due == [utc(2026, 10, 24, 8, 0), utc(2026, 10, 25, 9, 0), utc(2026, 10, 26, 9, 0)]


def test_a_local_time_that_does_not_exist_runs_once_an_hour_later():
    """02:30 does not exist on 2026-03-29 (02:00 → 03:00): due at 03:30 summer time, once."""
    due = list(
        Daily(at=datetime.time(2, 30)).due_times(utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0))
    )
    assert due == [utc(2026, 3, 29, 1, 30)]


def test_a_local_time_that_happens_twice_runs_once_at_its_first_occurrence():
    """02:30 happens twice on 2026-10-25 (03:00 → 02:00): due at the first one only."""
    due = list(
        Daily(at=datetime.time(2, 30)).due_times(utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0))
    )
    assert due == [utc(2026, 10, 25, 0, 30)]


def test_latest_due_includes_now_and_next_due_excludes_it():
    schedule = Daily(at=TEN)
    assert schedule.latest_due(paris(2026, 12, 8, 10, 0)) == paris(2026, 12, 8, 10, 0)
    assert schedule.latest_due(paris(2026, 12, 8, 9, 59)) == paris(2026, 12, 7, 10, 0)
    assert schedule.next_due(paris(2026, 12, 8, 10, 0)) == paris(2026, 12, 9, 10, 0)


def test_weekly_and_monthly():
    wednesday = Weekly(weekday=2, at=datetime.time(9, 0))
    assert wednesday.next_due(paris(2026, 12, 10, 0, 0)) == paris(2026, 12, 16, 9, 0)
    assert wednesday.latest_due(paris(2026, 12, 10, 0, 0)) == paris(2026, 12, 9, 9, 0)
    first = Monthly(day=1, at=datetime.time(9, 0))
    assert first.latest_due(paris(2026, 12, 25, 0, 0)) == paris(2026, 12, 1, 9, 0)
    assert first.next_due(paris(2026, 12, 25, 0, 0)) == paris(2027, 1, 1, 9, 0)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Monthly(day=29, at=TEN),
        lambda: Monthly(day=0, at=TEN),
        lambda: Weekly(weekday=7, at=TEN),
        lambda: Daily(at=datetime.time(10, 0, tzinfo=UTC)),
    ],
)
def test_impossible_schedules_are_refused(build):
    with pytest.raises(ValueError):
        build()


def test_descriptions():
    assert Daily(at=datetime.time(9, 5)).describe() == "Chaque jour à 09:05"
    assert Weekly(weekday=0, at=TEN).describe() == "Chaque lundi à 10:00"
    assert LastWorkingDayOfWeek(at=TEN).describe() == (
        "Le dernier jour ouvré de chaque semaine à 10:00"
    )
    assert Monthly(day=3, at=TEN).describe() == "Le 3 de chaque mois à 10:00"
