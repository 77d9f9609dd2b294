import pytest
from django.utils import timezone

from magellan.demo.grouping import FORMATS
from magellan.grouping.models import Grouping, GroupingStatus
from magellan.program.models import Session


@pytest.mark.usefixtures("demo_site")
def test_demo_publishes_groups_for_past_group_sessions_and_drafts_the_next() -> None:
    now = timezone.now()
    past = Session.objects.filter(
        cohort__slug="promotion-9", format__slug__in=FORMATS, starts_at__lt=now
    )
    groupings = list(Grouping.objects.select_related("session__format"))

    published = [g for g in groupings if g.status == GroupingStatus.PUBLISHED]
    drafts = [g for g in groupings if g.status == GroupingStatus.DRAFT]
    assert sorted(g.session_id for g in published) == sorted(past.values_list("pk", flat=True))
    assert past.count() >= 2
    assert sorted(g.session.format.slug for g in drafts) == ["groupe-de-pairs", "groupe-de-partage"]
    assert all(g.session.starts_at > now for g in drafts)
    assert [g.violations for g in groupings] == [0] * len(groupings)
    assert all(g.groups.count() >= 2 for g in groupings)
