import pytest
from django.utils import timezone

from magellan.demo.services import load_demo
from magellan.evaluation import queries
from magellan.evaluation.models import (
    ActionReview,
    Indicator,
    Report,
    ReportStatus,
    Retrospective,
    RetrospectiveStatus,
)

pytestmark = pytest.mark.django_db


def test_demo_evaluates_the_past_cohort_through_its_four_phases_and_the_current_ones_first() -> (
    None
):
    load_demo()

    past = Report.objects.filter(phase__cohort__number=8)
    assert sorted(set(past.values_list("phase__kind", flat=True))) == [1, 2, 3, 4]
    assert not past.exclude(status=ReportStatus.PUBLISHED).exists()
    current = Report.objects.filter(phase__cohort__number=9, phase__kind=1)
    assert current.filter(status=ReportStatus.DRAFT).count() == 1
    assert current.filter(status=ReportStatus.PUBLISHED).count() >= 10
    assert Report.objects.filter(acknowledged_at__isnull=False).exists()
    # Every held committee has its team's submitted retrospective.
    assert (
        not Retrospective.objects.filter(phase__cohort__number=8)
        .exclude(status=RetrospectiveStatus.SUBMITTED)
        .exists()
    )
    # Actions carried over and reviewed in the next phase; some late; indicators with values.
    assert ActionReview.objects.filter(retrospective__phase__kind__gt=1).exists()
    assert queries.late_actions(timezone.localdate()).exists()
    assert (
        Indicator.objects.filter(values__isnull=False).distinct().count()
        == Indicator.objects.count()
    )
    # A past cohort left nothing late behind.
    assert (
        not queries.late_actions(timezone.localdate())
        .filter(report__phase__cohort__number=8)
        .exists()
    )
