"""The evaluation's trajectory, home and cohort pages, with a challenge through three phases
(charts, tables, the action status forms), pass axe-core for a fellow and a coach."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from magellan.evaluation.queries import COMMITTEE_FORMAT_SLUG
from magellan.program.models import Format
from tests.evaluation.trajectory_world import make_journey
from tests.factories import FormatFactory

from .conftest import log_in, sweep
from .test_pages import _restore_site_config

# A transactional test's flush removes the seeded formats: the committees' one is made here.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_trajectory_home_and_cohort_pages_have_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    _restore_site_config()
    if not Format.objects.filter(slug=COMMITTEE_FORMAT_SLUG).exists():
        FormatFactory(slug=COMMITTEE_FORMAT_SLUG, name="Comité d’évaluation")
    journey = make_journey()
    trajectory = reverse("evaluation:challenge", args=[journey.challenge.slug])
    home = reverse("evaluation:home")

    log_in(page, live_server, journey.fellow.user)
    assert sweep(page, live_server, axe_path, [trajectory, home]) == {}

    log_in(page, live_server, journey.coach.user)
    cohort = [
        reverse("evaluation:cohort", args=[journey.cohort.slug, p.kind]) for p in journey.phases
    ]
    assert sweep(page, live_server, axe_path, [trajectory, home, *cohort]) == {}
