"""Coaches edit the directory in a real browser: a phase's dates move and the calendar follows;
two coaches at once; axe-core on the pages with what the sweep's world does not hold."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.directory.models import Cohort, PhaseKind
from magellan.program.models import GroupingMode
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    PersonFactory,
    PhaseFactory,
    SessionFactory,
)

from .conftest import axe_violations, clipped_labels, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cohort() -> Any:
    today = timezone.localdate()
    return CohortFactory(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=200),
    )


def _calendar_titles(page: Any, live_server: Any, month: str) -> list[str]:
    page.goto(
        f"{live_server.url}{reverse('program:calendar')}?vue=liste&mois={month}"
        f"&phase={PhaseKind.VALIDATE}"
    )
    return page.locator("main a[href*='/programme/seances/']").all_inner_texts()


def test_a_coach_edits_a_phases_dates_and_the_calendar_follows(page: Any, live_server: Any) -> None:
    cohort = _cohort()
    today = timezone.localdate()
    phase = PhaseFactory(
        cohort=cohort, kind=PhaseKind.VALIDATE, end_date=today + datetime.timedelta(days=5)
    )
    starts_at = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=12), datetime.time(14))
    )
    SessionFactory(cohort=cohort, title="Atelier de la phase", starts_at=starts_at)
    log_in(page, live_server, PersonFactory(coach=True, cohort=cohort).user)
    month = starts_at.strftime("%Y-%m")
    before = _calendar_titles(page, live_server, month)

    page.goto(live_server.url + cohort.get_absolute_url())
    page.get_by_role("link", name="Modifier la phase « Valider l’hypothèse »").click()
    page.get_by_label("Fin").fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(live_server.url + cohort.get_absolute_url())

    assert "La phase est enregistrée" in page.content()
    phase.refresh_from_db()
    assert phase.end_date == today + datetime.timedelta(days=20)
    assert "Atelier de la phase" not in " ".join(before)
    assert "Atelier de la phase" in " ".join(_calendar_titles(page, live_server, month))


def test_a_coach_saving_over_another_coachs_edit_sees_both(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    cohort = _cohort()
    log_in(page, live_server, PersonFactory(coach=True, cohort=cohort).user)
    page.goto(live_server.url + reverse("directory:cohort_edit", kwargs={"slug": cohort.slug}))
    other = Cohort.objects.get(pk=cohort.pk)
    other.description = "Écrit par l’autre coach"
    other.save()

    page.get_by_label("Présentation").fill("Mon texte à moi")
    page.get_by_role("button", name="Enregistrer").click()

    alert = page.get_by_role("alert")
    assert "Mon texte à moi" in alert.inner_text()
    assert page.get_by_label("Présentation").input_value() == "Écrit par l’autre coach"
    assert axe_violations(page, axe_path) + clipped_labels(page) == []
    cohort.refresh_from_db()
    assert cohort.description == "Écrit par l’autre coach"


def test_a_persons_follow_up_has_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    cohort = _cohort()
    person = PersonFactory(fellow=True, cohort=cohort)
    met = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(
        cohort=cohort, past=True, format=FormatFactory(grouping_mode=GroupingMode.DIVERSE)
    )
    group = GroupFactory(grouping=GroupingFactory(session=session, published=True))
    for member in (person, met):
        GroupMemberFactory(group=group, person=member)
        AttendanceFactory(session=session, person=member)
    AttendanceFactory(person=person, is_present=False, is_excused=True)
    FeedbackFactory(person=person, session=session, comment="Très utile.")
    log_in(page, live_server, PersonFactory(coach=True, cohort=cohort).user)

    page.goto(live_server.url + person.get_absolute_url())

    assert page.get_by_role("heading", name="Suivi par les coachs").is_visible()
    assert axe_violations(page, axe_path) + clipped_labels(page) == []
