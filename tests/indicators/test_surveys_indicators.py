"""The surveys' indicators: in the public service after the programme (public) and the response
rate (coaches), per cohort and wave, at a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from magellan.indicators import registry
from magellan.indicators.indicators import PUBLIC_SERVICE, RESPONSE_RATE
from magellan.indicators.models import Employment, Wave
from magellan.indicators.registry import Filters
from tests.factories import CohortFactory, SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = pytest.mark.django_db


def _answer(cohort, employment, wave=Wave.END):
    SurveyAnswerFactory(invitation__cohort=cohort, invitation__wave=wave, employment=employment)


def test_public_service_per_cohort_and_wave():
    seven, eight = CohortFactory(number=7), CohortFactory(number=8)
    _answer(seven, Employment.SAME_ADMINISTRATION)
    _answer(seven, Employment.OTHER_ADMINISTRATION)
    _answer(seven, Employment.LEFT)
    _answer(seven, Employment.LEFT, wave=Wave.MONTHS_6)
    _answer(eight, Employment.SAME_ADMINISTRATION)
    SurveyInvitationFactory(cohort=eight)

    table = registry.get(PUBLIC_SERVICE).compute(Filters())

    assert table.rows == [
        ["Promotion 7", "Fin du programme", 3, 2, 1, 1, 1, 66.7],
        ["Promotion 7", "6 mois après", 1, 0, 0, 0, 1, 0.0],
        ["Promotion 8", "Fin du programme", 1, 1, 1, 0, 0, 100.0],
    ]
    assert str(table.summary) == (
        "60\u202f% des EIG qui ont répondu aux enquêtes de suivi travaillent dans le service "
        "public (3 sur 5 réponses)."
    )
    assert registry.get(PUBLIC_SERVICE).public is True
    assert 'role="img"' in registry.get(PUBLIC_SERVICE).plot(table)


def test_the_cohort_filter_applies():
    seven, eight = CohortFactory(number=7), CohortFactory(number=8)
    _answer(seven, Employment.LEFT)
    _answer(eight, Employment.LEFT)

    table = registry.get(PUBLIC_SERVICE).compute(Filters(cohort_ids=(eight.pk,)))

    assert [row[0] for row in table.rows] == ["Promotion 8"]


def test_response_rate_is_for_coaches_and_counts_invitations():
    cohort = CohortFactory(number=7)
    _answer(cohort, Employment.LEFT)
    SurveyInvitationFactory(cohort=cohort)
    SurveyInvitationFactory(cohort=cohort)

    indicator = registry.get(RESPONSE_RATE)
    table = indicator.compute(Filters())

    assert indicator.public is False
    assert table.rows == [["Promotion 7", "Fin du programme", 3, 1, 33.3]]
    assert str(table.summary) == (
        "1 des 3 enquêtes de suivi envoyées ont reçu une réponse (33,3\u202f%)."
    )


@pytest.mark.parametrize("slug", [PUBLIC_SERVICE, RESPONSE_RATE])
def test_the_queries_do_not_grow_with_the_cohorts(slug):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            registry.get(slug).compute(Filters())
        return len(captured)

    _answer(CohortFactory(number=1), Employment.LEFT)
    one = count()
    for number in (2, 3):
        _answer(CohortFactory(number=number), Employment.LEFT)
    assert count() == one == 2
