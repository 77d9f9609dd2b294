"""The help desk's indicator: response and resolution times per cohort (queries.figures)."""

import datetime

import pytest
from django.utils import timezone

from magellan.helpdesk import indicators
from magellan.helpdesk.models import HelpRequest, Status
from magellan.indicators.registry import Filters
from tests.factories import CohortFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db


def _request(cohort, *, response_hours=None, resolution_hours=None, status=Status.NEW):
    created = timezone.now() - datetime.timedelta(days=3)
    request = HelpRequestFactory(cohort=cohort, status=status)
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=created,
        first_response_at=created + datetime.timedelta(hours=response_hours)
        if response_hours is not None
        else None,
        resolved_at=created + datetime.timedelta(hours=resolution_hours)
        if resolution_hours is not None
        else None,
    )


def test_times_per_cohort_asked_for(django_assert_num_queries):
    seven, eight, nine = (CohortFactory(number=n) for n in (7, 8, 9))
    _request(seven, response_hours=2, resolution_hours=10, status=Status.RESOLVED)
    _request(seven, response_hours=4)
    _request(seven, status=Status.WITHDRAWN, response_hours=100)  # withdrawn: not counted
    _request(eight, response_hours=1)
    _request(nine, response_hours=1)

    with django_assert_num_queries(3):
        table = indicators.compute_helpdesk_times(Filters(cohort_ids=(seven.pk, eight.pk)))

    assert table.rows == [
        ["Promotion 7", 2, 3.0, 4.0, 10.0, 10.0],
        ["Promotion 8", 1, 1.0, 1.0, None, None],
    ]
    assert table.summary == "3 demandes d’entraide dans 2 promotions."
    svg = indicators.plot_helpdesk_times(table)
    assert ">3</text>" in svg
    assert ">10</text>" in svg
    assert ">Résolution, médiane (h)</text>" in svg
