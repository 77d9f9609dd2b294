"""The public statistics page: every public indicator's chart, table and summary, for everyone,
with small counts masked and said so, at a constant number of queries."""

import pytest
from django.urls import reverse

from magellan.indicators import registry
from magellan.indicators.models import Employment
from tests.factories import CohortFactory, SurveyAnswerFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _answers(cohort, count, employment=Employment.SAME_ADMINISTRATION):
    for _i in range(count):
        SurveyAnswerFactory(invitation__cohort=cohort, employment=employment)


def test_the_page_shows_every_public_indicator_and_no_other(client):
    page = client.get(reverse("indicators:statistics")).content.decode()

    for indicator in registry.all_indicators():
        assert (f'id="indicateur-{indicator.slug}"' in page) is indicator.public
    assert page.count('role="img"') == len(registry.all_indicators(public_only=True))
    assert reverse("indicators:datapackage") in page


def test_a_small_count_is_masked_and_the_page_says_so(client):
    _answers(CohortFactory(number=7), 6)
    _answers(CohortFactory(number=8), 2)

    page = client.get(reverse("indicators:statistics")).content.decode()

    assert "moins de 5 personnes sont masqués" in page
    assert page.count("masqué : moins de 5") == 1
    assert "Certains chiffres de ce tableau sont masqués" in page
    assert "<td>100</td>" in page  # Promotion 7's share, shown


def test_the_page_runs_the_same_queries_for_one_or_three_cohorts(client):
    made = iter(range(1, 10))

    def make() -> str:
        cohort = CohortFactory(number=next(made))
        _answers(cohort, 5)
        return str(cohort)

    assert_queries_do_not_grow(client, reverse("indicators:statistics"), make)
