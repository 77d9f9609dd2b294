"""Program pages in a real browser: axe-core finds no violation; a fellow registers in one click."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.demo.services import load_demo
from magellan.program.models import Session

from .conftest import axe_violations, demo_user, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _program_pages(role: str) -> list[str]:
    past = Session.objects.filter(
        cohort__slug="promotion-9", ends_at__lt=timezone.now(), format__slug="groupe-de-partage"
    ).order_by("starts_at")[0]
    upcoming = Session.objects.filter(
        cohort__slug="promotion-9", starts_at__gt=timezone.now(), format__slug="conference"
    ).order_by("starts_at")[0]
    pages = [
        reverse("program:my_sessions"),
        reverse("program:format_list"),
        reverse("program:cohort_calendar", kwargs={"slug": "promotion-9"}),
        upcoming.get_absolute_url(),
        past.get_absolute_url(),
        reverse("program:feed_settings"),
    ]
    if role == "coach":
        pages += [
            reverse("program:cohort_plan", kwargs={"slug": "promotion-9"}),
            reverse("program:attendance_report", kwargs={"slug": "promotion-9"}),
            reverse("program:session_attendance", kwargs={"pk": past.pk}),
            reverse("program:session_edit", kwargs={"pk": upcoming.pk}),
            reverse("program:format_edit", kwargs={"slug": "groupe-de-pairs"}),
        ]
    else:
        pages.append(reverse("program:session_feedback", kwargs={"pk": past.pk}))
    return pages


@pytest.mark.parametrize("role", ["fellow", "coach"])
def test_program_pages_have_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path, role: str
) -> None:
    load_demo()
    log_in(page, live_server, demo_user(role))

    found = {}
    for path in _program_pages(role):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = axe_violations(page, axe_path)
        if violations:
            found[path] = violations

    assert found == {}
