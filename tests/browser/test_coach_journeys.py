"""A coach's week in a real browser: move three sessions by a week from the calendar, export a list."""

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from magellan.program.models import Session
from tests.factories import CohortFactory, FeedbackFactory, PersonFactory, SessionFactory

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cohort() -> Any:
    today = timezone.localdate()
    return CohortFactory(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=200),
    )


def test_a_coach_moves_three_sessions_by_a_week(page: Any, live_server: Any) -> None:
    cohort = _cohort()
    coach = PersonFactory(coach=True, cohort=cohort)
    start = (timezone.now() + datetime.timedelta(days=3)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    sessions = [
        SessionFactory(
            cohort=cohort, title=f"Atelier {n}", starts_at=start + datetime.timedelta(hours=n)
        )
        for n in range(3)
    ]
    SessionFactory(
        cohort=cohort, title="Reste en place", starts_at=start + datetime.timedelta(hours=5)
    )
    log_in(page, live_server, coach.user)

    month = timezone.localtime(start).strftime("%Y-%m")
    page.goto(f"{live_server.url}{reverse('program:calendar')}?vue=liste&mois={month}")
    for session in sessions:
        page.locator(f"label[for=choix-{session.pk}]").click()  # as a user clicks the label
    page.get_by_role("button", name="Modifier les séances cochées").click()
    page.get_by_text("Déplacer de quelques jours").click()
    page.get_by_label("Nombre de jours").fill("7")
    page.get_by_role("button", name="Appliquer").click()

    page.wait_for_url("**/programme/calendrier/**")
    assert "3 séances modifiées" in page.content()
    moved = {s.title: s.starts_at for s in Session.objects.filter(cohort=cohort)}
    for session in sessions:
        assert moved[session.title] == session.starts_at + datetime.timedelta(days=7)
    assert moved["Reste en place"] == start + datetime.timedelta(hours=5)


def test_a_coach_exports_the_feedback_and_its_first_row_is_right(
    page: Any, live_server: Any
) -> None:
    cohort = _cohort()
    coach = PersonFactory(coach=True, cohort=cohort)
    FeedbackFactory(
        session=SessionFactory(cohort=cohort, past=True, title="Codéveloppement"),
        person=PersonFactory(name="Awa Diallo"),
        rating=5,
        comment="=Très utile",
    )
    log_in(page, live_server, coach.user)
    page.goto(f"{live_server.url}{reverse('exports:cohort_exports', kwargs={'slug': cohort.slug})}")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tableur : Avis").click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Début de la séance",
        "Dispositif",
        "Séance",
        "Personne",
        "Note (sur 5)",
        "Commentaire",
    )
    assert rows[1][2:6] == ("Codéveloppement", "Awa Diallo", 5, "'=Très utile")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV : Avis").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].split(";")[2:6] == [
        "Codéveloppement",
        "Awa Diallo",
        "5",
        "'=Très utile",
    ]
