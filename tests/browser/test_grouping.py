"""Group journeys in a real browser: a fellow sees their group, a coach asks for another proposal,
drags a person to another group and sees the scores change at once."""

from pathlib import Path
from typing import Any

import pytest

from magellan.demo.services import load_demo
from magellan.grouping import services
from magellan.grouping.models import Grouping, GroupingStatus, GroupMember
from tests.grouping.conftest import make_setting

from .conftest import axe_violations, demo_user, log_in, sweep

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


def test_coach_asks_for_another_proposal_in_one_click(page: Any, live_server: Any) -> None:
    load_demo()
    log_in(page, live_server, demo_user("coach"))
    draft = Grouping.objects.filter(status=GroupingStatus.DRAFT).first()
    seed = draft.seed
    page.goto(live_server.url + draft.get_absolute_url())

    page.get_by_role("button", name="Autre proposition").click()

    page.wait_for_url(live_server.url + draft.get_absolute_url())
    assert "Nouvelle proposition formée." in page.locator("[role=status]").first.inner_text()
    draft.refresh_from_db()
    assert draft.seed == seed + 1


def test_coach_drags_a_person_to_another_group_and_the_scores_change(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    setting = make_setting()
    grouping = services.form_groups(session=setting.session, seed=1)
    log_in(page, live_server, setting.coach.user)
    page.set_viewport_size({"width": 1280, "height": 2400})  # both groups in view: no scrolling
    page.goto(live_server.url + grouping.get_absolute_url())
    assert page.locator("#groupe-2-titre").inner_text().endswith("(5 personnes)")
    before = page.locator("#summary-title + ul").inner_text()
    member = GroupMember.objects.filter(grouping=grouping, group__number=1).first()
    row = page.locator(f"tr[data-person='{member.person_id}']")

    row.drag_to(page.locator("#groupe-2 table"))

    page.locator("#move-status p").wait_for()
    assert (
        page.locator("#move-status")
        .inner_text()
        .startswith(f"{member.person.name} est maintenant dans le groupe 2.")
    )
    page.wait_for_function(
        "() => document.querySelector('#groupe-2-titre').innerText.endsWith('(6 personnes)')"
    )
    assert page.locator("#groupe-1-titre").inner_text().endswith("(4 personnes)")
    assert page.locator("#summary-title + ul").inner_text() != before
    assert "À revoir" in page.locator("#summary-title + ul").inner_text()
    assert page.locator(f"#groupe-2 tr[data-person='{member.person_id}']").count() == 1
    assert GroupMember.objects.get(pk=member.pk).group.number == 2
    assert axe_violations(page, axe_path) == []
