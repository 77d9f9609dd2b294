"""Every reader of groups outside the group pages reads one of the two rules of grouping.models:
what participants see (`published()`) or the coach's working proposal (`working()`), so that a
new proposal beside published groups never shows twice nor reaches participants early."""

from typing import Any

import pytest
from django.utils import timezone

from magellan.dashboard.queries import coach_dashboard, member_next
from magellan.directory.queries import follow_up_of
from magellan.exports.tables import EXPORTS
from magellan.grouping import services
from magellan.grouping.models import Grouping

from .conftest import Setting

pytestmark = pytest.mark.django_db


def _published_and_new_proposal(setting: Setting) -> tuple[Grouping, Grouping, Any, int]:
    """Published groups, then a draft where the first fellow moved: (published, draft, fellow,
    the fellow's group number in the draft)."""
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    fellow = setting.fellows[0]
    mine = published.members.get(person=fellow).group
    target = published.groups.exclude(pk=mine.pk).order_by("number").first()
    services.move_member(grouping=published, person=fellow, group=target)
    return published, Grouping.objects.drafts().get(), fellow, target.number


def test_the_groups_export_lists_the_working_proposal_once(setting: Setting) -> None:
    _published, _draft, fellow, number = _published_and_new_proposal(setting)

    rows = [row for row in EXPORTS["groupes"].rows(setting.cohort) if row[3] == fellow.name]

    assert [(row[2], row[5]) for row in rows] == [(f"Groupe {number}", "Brouillon")]


def test_a_person_follow_up_shows_one_group_per_session(setting: Setting) -> None:
    _published, draft, fellow, number = _published_and_new_proposal(setting)

    groups = follow_up_of(fellow).groups

    assert [(g.grouping_id, g.number) for g in groups] == [(draft.pk, number)]


def test_a_fellow_next_shows_the_published_group_not_the_new_proposal(setting: Setting) -> None:
    published, _draft, fellow, _number = _published_and_new_proposal(setting)

    groups = member_next(fellow, now=timezone.now()).groups

    assert [(session, group.grouping_id) for session, group in groups] == [
        (setting.session, published.pk)
    ]


def test_the_coach_dashboard_lists_the_new_proposal_to_publish(setting: Setting) -> None:
    _published, draft, _fellow, _number = _published_and_new_proposal(setting)

    dashboard = coach_dashboard(setting.coach.user, now=timezone.now())

    assert [g.pk for g in dashboard.draft_groupings] == [draft.pk]
