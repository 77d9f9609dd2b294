import pytest

from magellan.demo.resources import SEEDS, load_resources_demo
from magellan.resources import queries
from magellan.resources.models import ConversionConsent, Guide, GuideRevision, GuideUse

pytestmark = pytest.mark.django_db


def test_demo_guides_are_public_members_only_and_one_draft_with_revisions(demo_site):
    seeded = Guide.objects.filter(from_help_request=None)

    assert seeded.count() == len(SEEDS) == 12
    assert sorted(set(seeded.values_list("status", "visibility"))) == [
        ("draft", "members"),
        ("published", "members"),
        ("published", "public"),
    ]
    assert seeded.filter(status="draft").count() == 1
    assert queries.guides_visible_to(None).count() == 7
    assert GuideRevision.objects.filter(guide__in=seeded).count() == 12 + 4
    assert all(len(g.body.split()) >= 200 for g in seeded)
    assert load_resources_demo() == 0  # idempotent: guides exist, nothing added


def test_demo_help_desk_uses_a_guide_and_a_resolved_request_became_a_draft(demo_site):
    converted = Guide.objects.get(from_help_request__isnull=False)

    assert (converted.status, converted.author) == ("draft", converted.from_help_request.author)
    assert GuideUse.objects.filter(session__isnull=False).count() == 3
    assert GuideUse.objects.filter(help_request__isnull=False).count() == 1
    consent = ConversionConsent.objects.get()
    assert consent.help_request.status in ("resolved", "closed")
    assert consent.allow_comments
