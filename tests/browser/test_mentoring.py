"""The mentoring journey in a real browser: a coach runs a round, reads why each pair was chosen,
pins another mentor and confirms; the mentor accepts and schedules the first session, which shows
in the mentee's sessions; the round and cycle pages pass axe-core."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from magellan.mentoring.models import Cycle, Proposal, ProposalStatus
from magellan.program.models import Format
from tests.factories import (
    CohortFactory,
    ExpertiseFactory,
    FormatFactory,
    NeedFactory,
    OfferFactory,
    PersonFactory,
)

from .conftest import log_in, sweep

# A transactional test's flush removes the seeded formats: the « Mentorat » one is made here.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coach_runs_a_round_then_the_mentor_accepts_and_schedules(
    page: Any, live_server: Any, axe_path: Path
) -> None:
    if not Format.objects.filter(slug="mentorat").exists():
        FormatFactory(slug="mentorat", name="Mentorat", audience_roles=[])
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    expertise = ExpertiseFactory(name="Science des données")
    first = OfferFactory(expertise=expertise, person__name="Alice Expert").person
    second = OfferFactory(expertise=expertise, person__name="Bruno Expert").person
    need = NeedFactory(cohort=cohort, main_expertise=expertise, person__name="Chloé Fellow")

    log_in(page, live_server, coach.user)
    page.goto(f"{live_server.url}/mentorat/promotions/{cohort.slug}/")
    page.get_by_role("button", name="Ouvrir un tour d’appariement").click()
    page.wait_for_url("**/mentorat/tours/*/")
    table = page.locator("table").first.inner_text()
    assert "expertise « Science des données » (besoin principal) : expert·e : +40" in table
    chosen = Proposal.objects.get().mentor
    other = second if chosen == first else first

    page.get_by_label("Besoin").select_option(str(need.pk))
    page.get_by_label("Parrain ou marraine").select_option(str(other.pk))
    page.get_by_role("button", name="Imposer").click()
    page.get_by_role("button", name="Relancer le calcul (paires imposées gardées)").click()
    page.wait_for_url("**/mentorat/tours/*/")
    assert sweep(page, live_server, axe_path, [page.url.removeprefix(live_server.url)]) == {}
    page.get_by_role("button", name="Confirmer et envoyer les propositions").click()
    proposal = Proposal.objects.get(status=ProposalStatus.PROPOSED)
    assert (proposal.mentor, proposal.is_pinned) == (other, True)

    page.context.clear_cookies()
    log_in(page, live_server, other.user)
    page.goto(f"{live_server.url}/mentorat/")
    page.get_by_role("link", name="Chloé Fellow — Science des données").click()
    page.get_by_role("button", name="Accepter").click()
    page.wait_for_url("**/mentorat/cycles/*/")
    day = timezone.localdate() + datetime.timedelta(days=6)
    page.get_by_label("Date et heure convenues").fill(f"{day:%Y-%m-%d}T14:00")
    page.get_by_role("button", name="Planifier la séance").click()
    page.wait_for_url("**/mentorat/cycles/*/#seances")
    cycle = Cycle.objects.get()
    assert sweep(page, live_server, axe_path, [cycle.get_absolute_url()]) == {}

    page.context.clear_cookies()
    log_in(page, live_server, need.person.user)
    page.goto(f"{live_server.url}/programme/")
    assert f"Mentorat : {other.name} et Chloé Fellow" in page.locator("main").inner_text()
