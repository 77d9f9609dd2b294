import datetime

import pytest
from django.utils import timezone

from magellan.helpdesk import queries
from magellan.helpdesk.models import HelpRequest, Status
from tests.factories import CohortFactory, ExpertiseFactory, HelpRequestFactory


def test_median_and_percentile() -> None:
    assert queries.median([]) is None
    assert queries.percentile([], 0.9) is None
    assert queries.median([5.0, 1.0, 3.0]) == 3.0
    assert queries.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    values = [float(n) for n in range(1, 11)]
    assert queries.percentile(values, 0.9) == 9.0
    assert queries.percentile(values, 0.5) == 5.0
    assert queries.percentile([7.0], 0.9) == 7.0


@pytest.mark.django_db
def test_figures_per_cohort_and_per_expertise() -> None:
    now = timezone.now()
    cohort = CohortFactory(number=9)
    design = ExpertiseFactory(name="Design")
    data = ExpertiseFactory(name="Données")

    def make(
        status: str, age_days: float, response_h: float | None, resolve_h: float | None, *exps
    ):
        request = HelpRequestFactory(cohort=cohort, status=status, expertises=list(exps))
        created = now - datetime.timedelta(days=age_days)
        HelpRequest.objects.filter(pk=request.pk).update(
            created_at=created,
            first_response_at=created + datetime.timedelta(hours=response_h)
            if response_h is not None
            else None,
            resolved_at=created + datetime.timedelta(hours=resolve_h)
            if resolve_h is not None
            else None,
        )

    make(Status.RESOLVED, 20, 2, 48, design)
    make(Status.CLOSED, 15, 4, 96, design, data)
    make(Status.TAKEN, 8, 10, None, data)
    make(Status.NEW, 1, None, None, data)
    make(Status.WITHDRAWN, 30, None, None, design)  # not counted

    figures = queries.figures(now=now)

    (total,) = figures["total"]
    assert (total.count, total.open_count, total.stale_count) == (4, 2, 1)
    assert (total.response_median, total.response_p90) == (4.0, 10.0)
    assert (total.resolution_median, total.resolution_p90) == (72.0, 96.0)
    assert [(f.label, f.count) for f in figures["cohorts"]] == [("Promotion 9", 4)]
    by_expertise = {f.label: f for f in figures["expertises"]}
    assert sorted(by_expertise) == ["Design", "Données"]
    assert (by_expertise["Design"].count, by_expertise["Design"].response_median) == (2, 3.0)
    assert (by_expertise["Données"].open_count, by_expertise["Données"].stale_count) == (2, 1)
