import datetime

from django.test import override_settings

from magellan.bulletins import weeks

from .conftest import paris


def test_the_week_locks_on_friday_at_the_lock_time():
    assert weeks.locks_at((2026, 20)) == paris(2026, 5, 15, 15, 5)


def test_a_friday_holiday_moves_the_lock_to_thursday():
    # 1 May 2026 (Fête du travail) is a Friday.
    assert weeks.last_working_day((2026, 18)) == datetime.date(2026, 4, 30)
    assert weeks.locks_at((2026, 18)) == paris(2026, 4, 30, 15, 5)


def test_the_week_is_open_from_monday_until_the_lock():
    week = (2026, 20)
    assert weeks.is_open(week, now=paris(2026, 5, 10, 23, 59)) is False
    assert weeks.is_open(week, now=paris(2026, 5, 11, 0, 0)) is True
    assert weeks.is_open(week, now=paris(2026, 5, 15, 15, 4)) is True
    assert weeks.is_open(week, now=paris(2026, 5, 15, 15, 5)) is False


@override_settings(MAGELLAN_BULLETIN_LOCK_TIME="12:30")
def test_the_lock_time_is_a_setting():
    assert weeks.locks_at((2026, 20)) == paris(2026, 5, 15, 12, 30)


def test_weeks_between_crosses_a_year():
    assert weeks.weeks_between(datetime.date(2026, 12, 23), datetime.date(2027, 1, 6)) == [
        (2026, 52),
        (2026, 53),
        (2027, 1),
    ]
