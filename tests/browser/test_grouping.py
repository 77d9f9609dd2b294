"""Group journeys in a real browser: a fellow sees their group, a coach re-forms groups in one click."""

from pathlib import Path
from typing import Any

import pytest

from magellan.demo.services import load_demo
from magellan.grouping.models import Grouping, GroupingStatus, GroupMember

from .conftest import demo_user, log_in, sweep

# load_demo() recreates the seeded formats that a transactional test's flush removed.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fellow_sees_their_group_without_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    load_demo()
    fellow = demo_user("fellow")
    member = (
        GroupMember.objects.filter(person__user=fellow, grouping__status=GroupingStatus.PUBLISHED)
        .select_related("grouping__session")
        .first()
    )
    log_in(page, live_server, fellow)

    found = sweep(page, live_server, axe_path, [member.grouping.session.get_absolute_url()])

    assert found == {}
    assert page.locator("#my-group-title").inner_text().startswith("Mon groupe")


def test_coach_reforms_groups_with_another_seed_in_one_click(page: Any, live_server: Any) -> None:
    load_demo()
    log_in(page, live_server, demo_user("coach"))
    draft = Grouping.objects.filter(status=GroupingStatus.DRAFT).first()
    page.goto(live_server.url + draft.get_absolute_url())

    page.get_by_label("Graine").fill("42")
    page.get_by_role("button", name="Reformer avec cette graine").click()

    page.wait_for_url(live_server.url + draft.get_absolute_url())
    assert "Groupes formés (graine 42)." in page.locator("[role=status]").first.inner_text()
    draft.refresh_from_db()
    assert draft.seed == 42
