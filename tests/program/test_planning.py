import datetime

from magellan.program.planning import (
    PhaseAnchor,
    PlanRule,
    Span,
    is_working_day,
    lay_out,
    next_working_day,
    nth_weekday,
    plan_days,
)

D = datetime.date
TUESDAY, WEDNESDAY, MONDAY = 1, 2, 0


def test_nth_weekday_second_tuesday_and_last_thursday():
    assert nth_weekday(2026, 10, weekday=TUESDAY, week=2) == D(2026, 10, 13)
    assert nth_weekday(2026, 10, weekday=3, week=-1) == D(2026, 10, 29)


def test_nth_weekday_fifth_week_absent_is_none():
    assert nth_weekday(2026, 2, weekday=TUESDAY, week=5) is None


def test_plan_days_monthly_stays_inside_the_phases():
    spans = [Span(D(2026, 9, 20), D(2026, 11, 30)), Span(D(2026, 12, 1), D(2027, 1, 10))]

    days = plan_days(spans, rule=PlanRule.MONTHLY, weekday=TUESDAY, week=2)

    # 8 September is before the first phase; 12 January after the last.
    assert days == [D(2026, 10, 13), D(2026, 11, 10), D(2026, 12, 8)]


def test_plan_days_per_phase_at_the_end_is_the_last_weekday_of_each_phase():
    spans = [Span(D(2026, 9, 7), D(2026, 11, 30)), Span(D(2026, 12, 1), D(2027, 2, 14))]

    days = plan_days(spans, rule=PlanRule.PER_PHASE, weekday=WEDNESDAY, anchor=PhaseAnchor.END)

    assert days == [D(2026, 11, 25), D(2027, 2, 10)]


def test_plan_days_twice_a_year_is_integration_and_acceleration():
    spans = [Span(D(2026, 9, 7), D(2027, 6, 30))]

    days = plan_days(spans, rule=PlanRule.TWICE_A_YEAR, weekday=MONDAY)

    assert days == [D(2026, 9, 28), D(2027, 5, 3)]


def test_plan_days_without_phases_gives_nothing():
    assert plan_days([], rule=PlanRule.MONTHLY, weekday=TUESDAY, week=2) == []


def test_lay_out_moves_a_start_before_opening_to_the_opening():
    slots = lay_out(
        datetime.date(2030, 1, 10),
        start=datetime.time(7, 0),
        duration=datetime.timedelta(hours=1),
        count=2,
        workday_start=datetime.time(9, 0),
        workday_end=datetime.time(18, 0),
    )

    assert slots == [datetime.datetime(2030, 1, 10, 9, 0), datetime.datetime(2030, 1, 10, 10, 0)]


def test_next_working_day_skips_weekends_and_public_holidays():
    # Friday 14 May 2027, then Whit Monday 17 May: the next working day is Tuesday 18 May.
    assert next_working_day(datetime.date(2027, 5, 14)) == datetime.date(2027, 5, 18)
    assert next_working_day(datetime.date(2027, 5, 18)) == datetime.date(2027, 5, 19)
    assert not is_working_day(datetime.date(2027, 7, 14))
    assert is_working_day(datetime.date(2027, 7, 15))


def test_lay_out_on_a_public_holiday_starts_on_the_next_working_day():
    # A « 1st Thursday » rule in May 2027 falls on Ascension Day (Thursday 6 May).
    slots = lay_out(
        datetime.date(2027, 5, 6),
        start=datetime.time(14, 0),
        duration=datetime.timedelta(hours=3),
        count=2,
        workday_start=datetime.time(9, 0),
        workday_end=datetime.time(18, 0),
    )

    assert slots == [datetime.datetime(2027, 5, 7, 14, 0), datetime.datetime(2027, 5, 10, 9, 0)]
