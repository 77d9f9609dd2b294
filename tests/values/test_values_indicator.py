import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from magellan.indicators import registry
from magellan.indicators.registry import Filters
from magellan.values.indicators import VALUES_ADOPTION, compute_values_adoption
from magellan.values.models import Status, Value
from tests.factories import ChallengeFactory, CohortFactory, PhaseFactory, ValueStatusFactory

pytestmark = pytest.mark.django_db


def _cohort(challenges: int):
    cohort = CohortFactory(start_date=datetime.date(2025, 1, 6))
    phases = [
        PhaseFactory(
            cohort=cohort,
            kind=kind,
            start_date=datetime.date(2025, 1, 6) + datetime.timedelta(days=80 * (kind - 1)),
            end_date=datetime.date(2025, 1, 6) + datetime.timedelta(days=80 * (kind - 1) + 70),
        )
        for kind in (1, 2)
    ]
    return cohort, phases, [ChallengeFactory(cohorts=[cohort]) for _ in range(challenges)]


def _row(table, cohort, value):
    return next(r for r in table.rows if r[0] == str(cohort) and r[1] == str(value.label))


def test_the_indicator_is_registered_as_public():
    indicator = registry.get(VALUES_ADOPTION)
    assert (indicator.app, indicator.public) == ("values", True)
    # Counts of challenges, not of people: public outputs need not suppress them.
    table = compute_values_adoption(Filters())
    assert [c.name for c in table.columns if c.is_count] == []
    assert 'role="img"' in indicator.plot(compute_values_adoption(Filters()))


def test_shares_count_the_latest_phase_and_leave_out_not_applicable():
    cohort, (first, second), (a, b, c, _d) = _cohort(4)
    ValueStatusFactory(challenge=a, phase=first, value=Value.OPEN_DATA, status=Status.IN_PROGRESS)
    ValueStatusFactory(challenge=a, phase=second, value=Value.OPEN_DATA, status=Status.DONE)
    ValueStatusFactory(challenge=b, phase=first, value=Value.OPEN_DATA, status=Status.IN_PROGRESS)
    ValueStatusFactory(
        challenge=c,
        phase=second,
        value=Value.OPEN_DATA,
        status=Status.NOT_APPLICABLE,
        comment="Pas de données",
    )
    table = compute_values_adoption(Filters(cohort_ids=(cohort.pk,)))
    # d has no status: not started. c is left out. a: done (phase 2), b: in progress (phase 1).
    assert _row(table, cohort, Value.OPEN_DATA)[2:] == [3, 1, 1, 33.3, 33.3]
    assert _row(table, cohort, Value.ECODESIGN)[2:] == [4, 0, 0, 0.0, 0.0]
    assert len(table.rows) == len(Value)


def test_a_phase_asked_for_reads_that_phase_only():
    cohort, (first, second), (a, _b) = _cohort(2)
    ValueStatusFactory(challenge=a, phase=first, value=Value.OPEN_SOURCE, status=Status.IN_PROGRESS)
    ValueStatusFactory(challenge=a, phase=second, value=Value.OPEN_SOURCE, status=Status.DONE)
    table = compute_values_adoption(Filters(cohort_ids=(cohort.pk,), phase_kind=1))
    assert _row(table, cohort, Value.OPEN_SOURCE)[2:] == [2, 0, 1, 0.0, 50.0]


def test_a_challenge_of_another_cohort_is_not_counted():
    cohort, (_first, _second), (a,) = _cohort(1)
    other, _phases, _challenges = _cohort(2)
    # A status recorded in another cohort's phase does not count for this cohort.
    ValueStatusFactory(challenge=a, phase=_phases[0], value=Value.OPEN_SOURCE, status=Status.DONE)
    table = compute_values_adoption(Filters(cohort_ids=(cohort.pk, other.pk)))
    assert _row(table, cohort, Value.OPEN_SOURCE)[2:] == [1, 0, 0, 0.0, 0.0]
    assert _row(table, other, Value.OPEN_SOURCE)[2:] == [2, 0, 0, 0.0, 0.0]


def test_the_queries_do_not_grow_with_the_cohorts():
    def count(cohorts: int) -> int:
        ids = []
        for _ in range(cohorts):
            cohort, phases, challenges = _cohort(2)
            ValueStatusFactory(challenge=challenges[0], phase=phases[0], status=Status.DONE)
            ids.append(cohort.pk)
        with CaptureQueriesContext(connection) as captured:
            compute_values_adoption(Filters(cohort_ids=tuple(ids)))
        return len(captured)

    assert count(1) == count(3) == 3
