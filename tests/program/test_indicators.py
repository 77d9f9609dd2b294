"""The program's indicators: attendance by format and by person, feedback by format."""

import pytest

from magellan.directory.models import PhaseKind
from magellan.indicators.registry import Filters
from magellan.program import indicators
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    PhaseFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _cohort(number, *, fellows=("Alice Martin", "Bruno Petit")):
    cohort = CohortFactory(number=number)
    people = [PersonFactory(name=name, fellow=True, cohort=cohort) for name in fellows]
    return cohort, people


def test_attendance_by_format_counts_the_fellows_of_the_cohort_only():
    cohort, (alice, bruno) = _cohort(7)
    other, (carla,) = _cohort(8, fellows=("Carla Roux",))
    workshop = FormatFactory(name="Atelier", position=1)
    seminar = FormatFactory(name="Séminaire", position=2)
    first, second = (SessionFactory(cohort=cohort, format=workshop, past=True) for _ in range(2))
    seminar_session = SessionFactory(cohort=cohort, format=seminar, past=True)
    AttendanceFactory(session=first, person=alice)
    AttendanceFactory(session=first, person=bruno, is_present=False, is_excused=True)
    AttendanceFactory(session=second, person=alice)
    AttendanceFactory(session=seminar_session, person=bruno)
    # Not counted: a coach facilitating, and a fellow of another cohort at this cohort's session.
    AttendanceFactory(session=first, person=PersonFactory(coach=True, cohort=cohort))
    AttendanceFactory(session=first, person=carla)
    AttendanceFactory(
        session=SessionFactory(cohort=other, format=workshop, past=True), person=carla
    )

    table = indicators.compute_attendance_by_format(Filters())

    assert [c.name for c in table.columns] == [
        "promotion",
        "dispositif",
        "seances",
        "presences_notees",
        "presents",
        "taux",
    ]
    assert table.rows == [
        ["Promotion 7", "Atelier", 2, 3, 2, 66.7],
        ["Promotion 7", "Séminaire", 1, 1, 1, 100.0],
        ["Promotion 8", "Atelier", 1, 1, 1, 100.0],
    ]
    assert table.summary == "Les EIG ont été présents à 80\u202f% des 5 présences notées."


def test_attendance_filters_by_cohort_and_phase():
    cohort, (alice, _bruno) = _cohort(7)
    other, (carla,) = _cohort(8, fellows=("Carla Roux",))
    phase_one = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE)
    workshop = FormatFactory(name="Atelier")
    AttendanceFactory(
        session=SessionFactory(cohort=cohort, format=workshop, phase=phase_one, past=True),
        person=alice,
    )
    AttendanceFactory(
        session=SessionFactory(cohort=cohort, format=workshop, past=True),
        person=alice,
        is_present=False,
    )
    AttendanceFactory(
        session=SessionFactory(cohort=other, format=workshop, past=True), person=carla
    )

    phase = indicators.compute_attendance_by_format(
        Filters(cohort_ids=(cohort.pk,), phase_kind=PhaseKind.VALIDATE)
    )
    whole = indicators.compute_attendance_by_format(Filters(cohort_ids=(cohort.pk,)))

    assert phase.rows == [["Promotion 7", "Atelier", 1, 1, 1, 100.0]]
    assert whole.rows == [["Promotion 7", "Atelier", 2, 2, 1, 50.0]]


def test_attendance_by_person_and_its_chart_by_band():
    cohort, (alice, bruno) = _cohort(7)
    workshop = FormatFactory(name="Atelier")
    for present in (True, True, True, False):
        session = SessionFactory(cohort=cohort, format=workshop, past=True)
        AttendanceFactory(session=session, person=alice, is_present=present)
        AttendanceFactory(session=session, person=bruno, is_present=not present, is_excused=present)

    table = indicators.compute_attendance_by_person(Filters())

    assert table.rows == [
        ["Promotion 7", "Alice Martin", 4, 3, 0, 75.0],
        ["Promotion 7", "Bruno Petit", 4, 1, 3, 25.0],
    ]
    assert table.summary == "1 EIG sur 2 a été présent·e à moins de la moitié des séances."
    bands = indicators.band_table(table)
    assert bands.rows == [
        ["Promotion 7", "0–50 %", 1],
        ["Promotion 7", "50–75 %", 0],
        ["Promotion 7", "75–90 %", 1],
        ["Promotion 7", "90–100 %", 0],
    ]
    svg = indicators.plot_attendance_by_person(table)
    assert "Nombre d’EIG par tranche de taux de présence, par promotion" in svg
    assert "Alice Martin" not in svg  # the chart shows counts, never names


def test_feedback_by_format_averages_the_fellows_ratings():
    cohort, (alice, bruno) = _cohort(7)
    workshop = FormatFactory(name="Atelier")
    session = SessionFactory(cohort=cohort, format=workshop, past=True)
    FeedbackFactory(session=session, person=alice, rating=5)
    FeedbackFactory(session=session, person=bruno, rating=2)
    FeedbackFactory(session=session, person=PersonFactory(coach=True, cohort=cohort), rating=1)

    table = indicators.compute_feedback_by_format(Filters())

    assert table.rows == [["Promotion 7", "Atelier", 2, 3.5]]
    assert table.summary == "Note moyenne de 3,5 sur 5 pour 2 avis."


def test_without_data_the_tables_are_empty_and_say_so():
    _cohort(7)
    assert indicators.compute_attendance_by_format(Filters()).summary == (
        "Aucune présence notée pour ces promotions."
    )
    assert indicators.compute_feedback_by_format(Filters()).rows == []


@pytest.mark.parametrize(
    ("compute", "queries"),
    [
        (indicators.compute_attendance_by_format, 2),
        (indicators.compute_attendance_by_person, 3),
        (indicators.compute_feedback_by_format, 2),
    ],
)
def test_the_queries_do_not_grow_with_the_cohorts(compute, queries, django_assert_num_queries):
    workshop = FormatFactory(name="Atelier")
    for number in (7, 8, 9):
        cohort, (alice, _bruno) = _cohort(number, fellows=(f"Alice {number}", f"Bruno {number}"))
        session = SessionFactory(cohort=cohort, format=workshop, past=True)
        AttendanceFactory(session=session, person=alice)
        FeedbackFactory(session=session, person=alice)
    with django_assert_num_queries(queries):
        table = compute(Filters())
    assert len(table.rows) == 3
