import pytest

from magellan.demo.services import load_demo
from magellan.directory.models import Cohort, CohortRole, Role
from magellan.recruitment import queries
from magellan.recruitment.models import Checklist, ChecklistItem, ChecklistTemplate

pytestmark = pytest.mark.django_db


def test_the_demo_starts_the_current_cohorts_checklists_partly_done_some_late():
    from django.utils import timezone

    load_demo()

    cohort = Cohort.objects.get(number=9)
    newcomers = CohortRole.objects.filter(
        cohort=cohort, role__in=[Role.FELLOW, Role.PROJECT_OWNER]
    ).count()
    assert Checklist.objects.filter(cohort=cohort).count() == newcomers
    assert set(ChecklistTemplate.objects.values_list("audience", flat=True)) == {
        "fellow",
        "project_owner",
    }
    items = ChecklistItem.objects.filter(checklist__cohort=cohort)
    done = items.filter(done_at__isnull=False).count()
    assert 0 < done < items.count()
    overview = queries.cohort_onboarding(cohort, timezone.localdate())
    assert 0 < len(overview.late_checklists) < newcomers
    assert items.exclude(difficulties="").exists()
    assert items.exclude(successes="").exists()
