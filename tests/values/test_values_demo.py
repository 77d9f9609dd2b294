import datetime

import pytest
from django.utils import timezone

from magellan.demo.values import load_values_demo
from magellan.values.models import (
    Dataset,
    Declarations,
    Status,
    ValueStatus,
    ValueStatusChange,
)
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db


def _cohort():
    start = timezone.localdate() - datetime.timedelta(days=200)
    cohort = CohortFactory(number=9, start_date=start)
    for kind in range(1, 5):
        PhaseFactory(
            cohort=cohort,
            kind=kind,
            start_date=start + datetime.timedelta(days=75 * (kind - 1)),
            end_date=start + datetime.timedelta(days=75 * (kind - 1) + 70),
        )
    challenges = [ChallengeFactory(cohorts=[cohort]) for _ in range(10)]
    for challenge in challenges:
        ChallengeMembershipFactory(
            person=PersonFactory(fellow=True, cohort=cohort), challenge=challenge
        )
    return cohort, challenges


def test_the_demo_has_values_in_every_status_with_their_history_and_evidence():
    _found, challenges = _cohort()
    made = load_values_demo()
    assert made > 0
    assert set(ValueStatus.objects.values_list("status", flat=True)) == set(Status.values)
    # Only the phases already started (three of four here).
    assert set(ValueStatus.objects.values_list("phase__kind", flat=True)) == {1, 2, 3}
    assert not ValueStatus.objects.filter(status=Status.NOT_APPLICABLE, comment="").exists()
    assert ValueStatusChange.objects.count() == made
    assert not ValueStatusChange.objects.filter(changed_at__gt=timezone.now()).exists()
    assert Dataset.objects.count() > 0
    assert set(Declarations.objects.values_list("rgaa_compliance", flat=True)) == {
        "",
        "none",
        "partial",
        "full",
    }
    assert Declarations.objects.count() == len(challenges) - 1


def test_the_demo_is_loaded_once():
    _cohort()
    load_values_demo()
    count = ValueStatus.objects.count()
    assert load_values_demo() == 0
    assert ValueStatus.objects.count() == count
