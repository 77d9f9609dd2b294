import pytest

from magellan.demo.resources import SEEDS, load_resources_demo
from magellan.resources import queries
from magellan.resources.models import Guide, GuideRevision, GuideUse

pytestmark = pytest.mark.django_db


def test_demo_guides_are_public_members_only_and_one_draft_with_revisions(demo_site):
    guides = Guide.objects.all()

    assert guides.count() == len(SEEDS) == 12
    assert sorted(set(guides.values_list("status", "visibility"))) == [
        ("draft", "members"),
        ("published", "members"),
        ("published", "public"),
    ]
    assert guides.filter(status="draft").count() == 1
    assert queries.guides_visible_to(None).count() == 7
    assert GuideRevision.objects.count() == 12 + 4
    assert all(len(g.body.split()) >= 200 for g in guides)
    assert GuideUse.objects.count() == 3
    assert load_resources_demo() == 0  # idempotent: guides exist, nothing added
