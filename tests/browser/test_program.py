"""Program journeys in a real browser: a fellow registers in one click (pages are swept in test_pages.py)."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.demo.services import load_demo
from magellan.program.models import Session

from .conftest import axe_violations, demo_user, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fellow_registers_in_one_click(page: Any, live_server: Any) -> None:
    from magellan.program.models import Registration, RegistrationStatus

    load_demo()
    fellow = demo_user("fellow")
    session = (
        Session.objects.filter(
            cohort__slug="promotion-9",
            starts_at__gt=timezone.now(),
            format__registration_required=True,
            capacity=None,
        )
        .exclude(registrations__person__user=fellow)
        .order_by("starts_at")
        .first()
    )
    assert session is not None
    log_in(page, live_server, fellow)

    page.goto(live_server.url + session.get_absolute_url())
    page.get_by_role("button", name="M’inscrire").click()

    assert page.get_by_role("button", name="Me désinscrire").count() == 1
    registration = Registration.objects.get(session=session, person__user=fellow)
    assert registration.status == RegistrationStatus.REGISTERED


def test_coach_previews_a_year_plan_without_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    load_demo()
    log_in(page, live_server, demo_user("coach"))

    page.goto(live_server.url + reverse("program:cohort_plan", kwargs={"slug": "promotion-9"}))
    page.locator("label", has_text="Groupe de pairs").click()  # DSFR draws the box on the label
    page.get_by_role("button", name="Prévisualiser").click()
    page.wait_for_load_state()

    assert page.get_by_role("button", name=re.compile(r"^Créer \d+ séances?$")).count() == 1
    assert axe_violations(page, axe_path) == []


def test_month_grid_days_start_at_the_top_of_their_cell(page: Any, live_server: Any) -> None:
    from tests.factories import CohortFactory, PersonFactory, SessionFactory

    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, title="Séance du jour")
    log_in(page, live_server, coach.user)

    month = timezone.localtime(session.starts_at).strftime("%Y-%m")
    page.goto(live_server.url + reverse("program:calendar") + f"?mois={month}")

    # A day with no session keeps its number at the top, level with a busy day's.
    alignments = page.evaluate(
        "() => [...document.querySelectorAll('.magellan-cal td')]"
        ".map(td => getComputedStyle(td).verticalAlign)"
    )
    assert set(alignments) == {"top"}
