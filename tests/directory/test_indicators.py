"""The directory's indicator: fellows recruited per cohort and year."""

import datetime

import pytest

from magellan.directory import indicators
from magellan.directory.models import Role
from magellan.indicators.registry import Filters, get
from tests.factories import CohortFactory, CohortRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_fellows_recruited_counts_the_fellows_of_each_cohort_with_its_start_year():
    seven = CohortFactory(number=7, start_date=datetime.date(2023, 9, 1))
    eight = CohortFactory(number=8, start_date=datetime.date(2024, 9, 2))
    CohortFactory(number=9, start_date=None, end_date=None)
    for _ in range(3):
        PersonFactory(fellow=True, cohort=seven)
    alumna = PersonFactory(fellow=True, cohort=eight)
    CohortRoleFactory(person=alumna, cohort=eight, role=Role.ALUMNI)  # still one fellow
    PersonFactory(coach=True, cohort=eight)

    table = indicators.compute_fellows_recruited(Filters())

    assert table.rows == [
        ["Promotion 7", 2023, 3],
        ["Promotion 8", 2024, 1],
        ["Promotion 9", None, 0],
    ]
    assert table.summary == "4 EIG recrutés dans 3 promotions."
    one = indicators.compute_fellows_recruited(Filters(cohort_ids=(eight.pk,)))
    assert one.summary == "1 EIG recruté dans 1 promotion."
    assert get(indicators.FELLOWS_RECRUITED).public is True


def test_fellows_recruited_for_the_cohorts_asked_for(django_assert_num_queries):
    cohorts = [CohortFactory(number=n) for n in (7, 8, 9)]
    for cohort in cohorts:
        PersonFactory(fellow=True, cohort=cohort)
    with django_assert_num_queries(2):
        table = indicators.compute_fellows_recruited(
            Filters(cohort_ids=(cohorts[0].pk, cohorts[2].pk))
        )
    assert [row[0] for row in table.rows] == ["Promotion 7", "Promotion 9"]
    assert ">Promotion 9</text>" in indicators.plot_fellows_recruited(table)
