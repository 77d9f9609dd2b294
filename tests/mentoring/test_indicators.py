"""Mentoring's indicator: cycles completed per cohort."""

import pytest

from magellan.indicators.registry import Filters
from magellan.mentoring import indicators
from magellan.mentoring.models import CycleStatus
from tests.factories import CohortFactory, CycleFactory, NeedFactory

pytestmark = pytest.mark.django_db


def test_cycles_completed_per_cohort_of_the_need(django_assert_num_queries):
    seven, eight, nine = (CohortFactory(number=n) for n in (7, 8, 9))
    CycleFactory(need=NeedFactory(cohort=seven, status="matched"), status=CycleStatus.COMPLETED)
    CycleFactory(need=NeedFactory(cohort=seven, status="matched"), status=CycleStatus.COMPLETED)
    CycleFactory(need=NeedFactory(cohort=seven, status="matched"))
    CycleFactory(need=NeedFactory(cohort=eight, status="matched"))

    with django_assert_num_queries(2):
        table = indicators.compute_cycles_completed(
            Filters(cohort_ids=(seven.pk, eight.pk, nine.pk))
        )

    assert table.rows == [
        ["Promotion 7", 3, 2, 66.7],
        ["Promotion 8", 1, 0, 0.0],
        ["Promotion 9", 0, 0, None],
    ]
    assert table.summary == "2 cycles de mentorat terminés sur 4 commencés."
    svg = indicators.plot_cycles_completed(table)
    assert ">Cycles commencés</text>" in svg
    assert ">Cycles terminés</text>" in svg
