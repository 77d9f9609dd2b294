"""The grouping's indicator: the share of a cohort's pairs of fellows who met in a group."""

import pytest

from magellan.directory.models import PhaseKind
from magellan.grouping import indicators
from magellan.indicators.registry import Filters
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    PersonFactory,
    PhaseFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _groups(cohort, groups, *, published=True, past=True, present=None, **session):
    """A session of the cohort with these groups (lists of people), everyone present unless
    `present` says who."""
    grouping = GroupingFactory(
        session=SessionFactory(cohort=cohort, past=past, **session), published=published
    )
    for people in groups:
        group = GroupFactory(grouping=grouping)
        for person in people:
            GroupMemberFactory(group=group, grouping=grouping, person=person)
            if past:
                AttendanceFactory(
                    session=grouping.session,
                    person=person,
                    is_present=present is None or person in present,
                )
    return grouping


def test_the_pairs_who_met_are_those_in_a_published_group_both_present():
    cohort = CohortFactory(number=7)
    a, b, c, d = (PersonFactory(fellow=True, cohort=cohort) for _ in range(4))
    coach = PersonFactory(coach=True, cohort=cohort)
    _groups(cohort, [[a, b, coach], [c, d]], present={a, b, coach, c})  # a–b met; d absent
    _groups(cohort, [[a, b]])  # a–b again: one pair
    _groups(cohort, [[a, c]], published=False)  # a draft: not met
    _groups(cohort, [[b, d]], past=False)  # still to come: not met
    _groups(cohort, [[c, d]], status="cancelled")  # cancelled: not met

    table = indicators.compute_encounters(Filters())

    # 4 fellows: 6 pairs; 1 met (the coach is not a fellow).
    assert table.rows == [["Promotion 7", 4, 6, 1, 16.7]]
    assert table.summary == "16,7\u202f% des paires d’EIG se sont rencontrées dans un groupe."


def test_encounters_in_the_phase_asked_for(django_assert_num_queries):
    cohorts = [CohortFactory(number=n) for n in (7, 8, 9)]
    for cohort in cohorts:
        a, b, c = (PersonFactory(fellow=True, cohort=cohort) for _ in range(3))
        phase = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE)
        _groups(cohort, [[a, b]], phase=phase)
        _groups(cohort, [[b, c]])

    with django_assert_num_queries(3):
        table = indicators.compute_encounters(Filters(phase_kind=PhaseKind.VALIDATE))
    assert [row[1:] for row in table.rows] == [[3, 3, 1, 33.3]] * 3
    assert [row[1:] for row in indicators.compute_encounters(Filters()).rows] == [
        [3, 3, 2, 66.7]
    ] * 3


def test_a_cohort_without_any_group_held_has_no_figure():
    held, none = CohortFactory(number=7), CohortFactory(number=8)
    a, b = (PersonFactory(fellow=True, cohort=held) for _ in range(2))
    for _ in range(3):
        PersonFactory(fellow=True, cohort=none)
    _groups(held, [[a], [b]])  # groups held, but nobody met

    table = indicators.compute_encounters(Filters(cohort_ids=(held.pk, none.pk)))

    assert table.rows == [["Promotion 7", 2, 1, 0, 0.0], ["Promotion 8", 3, 3, None, None]]
    assert table.summary == "0\u202f% des paires d’EIG se sont rencontrées dans un groupe."
    only_none = indicators.compute_encounters(Filters(cohort_ids=(none.pk,)))
    assert only_none.summary == "Aucun groupe d’EIG n’a eu lieu dans ces promotions."
