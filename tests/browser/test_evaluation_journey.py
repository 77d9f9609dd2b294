"""Issue 12's "done when", in a real browser: a coach writes and publishes the report of a
challenge's second phase; its open action appears in the third phase's retrospective for the
team; the trajectory page and its PDF show the three phases."""

import datetime
import re
import zlib
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.directory.models import PhaseKind
from magellan.evaluation.models import Report
from tests.factories import (
    ActionFactory,
    AxisAssessmentFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    PersonFactory,
    PhaseFactory,
    ReportFactory,
)

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _three_phases() -> tuple[Any, ...]:
    today = timezone.localdate()
    cohort = CohortFactory(
        start_date=today - datetime.timedelta(days=150),
        end_date=today + datetime.timedelta(days=150),
    )
    bounds = [
        (today - datetime.timedelta(days=150), today - datetime.timedelta(days=91)),
        (today - datetime.timedelta(days=90), today - datetime.timedelta(days=11)),
        (today - datetime.timedelta(days=10), today + datetime.timedelta(days=60)),
    ]
    phases = [
        PhaseFactory(cohort=cohort, kind=kind, start_date=start, end_date=end)
        for kind, (start, end) in zip(
            (PhaseKind.VALIDATE, PhaseKind.PROVE_CONCEPT, PhaseKind.PROVE_VALUE),
            bounds,
            strict=True,
        )
    ]
    challenge = ChallengeFactory(cohorts=[cohort], title="Dossier social en ligne")
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    now = timezone.now().replace(microsecond=0)
    for phase, days in zip(phases, (-95, -15, 5), strict=True):
        CommitteeFactory(
            phase=phase, challenge=challenge, starts_at=now + datetime.timedelta(days=days)
        )
    first = ReportFactory(challenge=challenge, phase=phases[0], published=True)
    for axis in ("entrepreneurship", "innovation", "transformation"):
        AxisAssessmentFactory(report=first, axis=axis, level=2)
    ActionFactory(report=first, title="Cartographier les parties prenantes", late=True)
    return cohort, phases, challenge, fellow, coach


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text streams, inflated (WeasyPrint compresses them)."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            chunks.append(stream)
    return b"\n".join(chunks).decode("latin-1")


def test_a_published_reports_actions_reach_the_next_retrospective_and_the_trajectory(
    page: Any, live_server: Any
) -> None:
    _cohort, phases, challenge, fellow, coach = _three_phases()
    second = phases[1]
    log_in(page, live_server, coach.user)

    # The coach writes the second phase's report from the browser, then publishes it.
    page.goto(live_server.url + reverse("evaluation:report_edit", args=[challenge.slug, second.pk]))
    for axis, level in (("Entrepreneuriat", "Satisfaisant"), ("Innovation", "Excellent")):
        page.get_by_label(f"Niveau — {axis}").select_option(label=level)
    page.get_by_label("Niveau — Transformation").select_option(label="À consolider")
    page.get_by_label("Commentaire — Innovation").fill("Des tests hebdomadaires avec les agents.")
    page.get_by_label("Points forts").fill("Une démarche de terrain exemplaire.")
    page.get_by_label("Recommandations").fill("Préparer l’audit d’accessibilité.")
    page.locator("[name=actions-0-title]").fill("Publier le code source")
    page.locator("[name=actions-0-owner]").select_option(label="L’équipe")
    page.locator("[name=actions-0-due_date]").fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/rapport/")
    assert "Le rapport est enregistré." in page.content()
    page.get_by_role("button", name="Publier le rapport").click()
    page.wait_for_load_state()
    report = Report.objects.get(challenge=challenge, phase=second)
    assert report.is_published
    assert [a.title for a in report.actions.all()] == ["Publier le code source"]

    # The team finds the open actions in the third phase's retrospective.
    page.context.clear_cookies()
    log_in(page, live_server, fellow.user)
    page.goto(
        live_server.url
        + reverse("evaluation:retrospective_edit", args=[challenge.slug, phases[2].pk])
    )
    html = page.content()
    assert "Publier le code source" in html
    assert "Cartographier les parties prenantes" in html

    # The trajectory page and its PDF show the three phases.
    page.goto(live_server.url + reverse("evaluation:challenge", args=[challenge.slug]))
    html = page.content()
    for phase in phases:
        assert phase.get_kind_display() in html
    assert "Excellent" in html
    response = page.request.get(
        live_server.url + reverse("evaluation:trajectory_pdf", args=[challenge.slug])
    )
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert "/StructTreeRoot" in text or b"/StructTreeRoot" in pdf
    assert "/Lang" in text or b"/Lang" in pdf
