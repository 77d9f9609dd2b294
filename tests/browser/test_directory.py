"""Log in, browse and search in a real browser; axe-core on the login-link and import-report journeys
(every page is swept in test_pages.py)."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from magellan.demo.services import DEMO_ACCOUNTS, load_demo
from magellan.directory.models import Challenge, Person

from .conftest import axe_violations, demo_user, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_password_login_then_search_people(page: Any, live_server: Any) -> None:
    load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == "fellow")
    person = Person.objects.filter(is_public=False).order_by("slug").first()
    assert person is not None

    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Adresse e-mail").last.fill(account.email)
    page.get_by_label("Mot de passe").fill(account.password)
    page.get_by_role("button", name="Se connecter").last.click()
    page.wait_for_url(live_server.url + reverse("home"))
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Personnes"
    ).click()
    page.get_by_role("textbox", name="Rechercher").fill(person.name)
    page.get_by_role("button", name="Filtrer").click()

    assert page.get_by_role("link", name=person.name).count() == 1


def test_public_visitor_browses_a_challenge_from_the_list(page: Any, live_server: Any) -> None:
    load_demo()
    challenge = Challenge.objects.order_by("title").first()
    assert challenge is not None

    page.goto(live_server.url + reverse("directory:challenge_list"))
    page.get_by_role("link", name=challenge.title).first.click()

    assert page.get_by_role("heading", level=1).inner_text() == challenge.title


def test_login_link_pages_have_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    load_demo()
    fellow = demo_user("fellow")

    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Adresse e-mail").first.fill(fellow.email)
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    sent = axe_violations(page, axe_path)
    page.goto(
        live_server.url
        + reverse("accounts:login_link", kwargs={"user_id": fellow.pk, "token": "x-y"})
    )
    confirm = axe_violations(page, axe_path)

    assert page.get_by_role("button", name="Me connecter à Magellan").count() == 1
    assert (sent, confirm) == ([], [])


def test_import_report_has_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    from magellan.core.models import Job, JobStatus

    load_demo()
    coach = demo_user("coach")
    job = Job.objects.create(
        kind="directory.import_people",
        label="Import de personnes : Promotion 9",
        status=JobStatus.SUCCEEDED,
        created_by=coach,
        result={
            "dry_run": True,
            "counts": {"people": [2, 1, 0]},
            "unmatched": ["x"],
            "warnings": ["y"],
        },
    )
    log_in(page, live_server, coach)

    page.goto(live_server.url + reverse("directory:import_result", kwargs={"pk": job.pk}))

    assert page.get_by_role("row").count() == 2
    assert axe_violations(page, axe_path) == []
