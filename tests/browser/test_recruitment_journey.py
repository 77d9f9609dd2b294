"""Issue 15's "done when", in a real browser: a coach opens a call; reviewers declare their conflicts;
the coach assigns them; they score from the browser; the ranking flags their disagreement; the coach
preselects and recruits the candidate, who becomes a fellow of the cohort with an onboarding checklist."""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse

from magellan.directory.models import Role
from magellan.recruitment.models import Application, Assignment, Call, Checklist, Stage, Wish
from magellan.recruitment.services import jury
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, user)


def test_a_call_from_opening_to_a_recruited_fellow(page: Any, live_server: Any) -> None:
    cohort = CohortFactory(number=11, slug="promotion-11", start_date=datetime.date(2027, 9, 6))
    challenge = ChallengeFactory(cohorts=[cohort], title="Registre des ponts")
    coach = PersonFactory(coach=True).user
    reviewers = [PersonFactory(alumni=True).user for _ in range(3)]

    # The coach opens the call.
    _as(page, live_server, coach)
    page.goto(live_server.url + reverse("recruitment:call_create"))
    page.get_by_label("Promotion").select_option(label="Promotion 11")
    page.get_by_label("Type").select_option("fellows")
    page.get_by_label("Titre").fill("Appel à candidatures 2027")
    page.get_by_label("Ouverture").fill("2027-01-04")
    page.get_by_label("Clôture").fill("2027-03-01")
    page.get_by_label("Évaluations par candidature").fill("2")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    call = Call.objects.get(title="Appel à candidatures 2027")
    assert call.criteria.filter(stage=Stage.PRESELECTION).count() == 6  # the program's grid

    # Two applications arrive (entered or imported: their own tests); the jury is seated.
    bridge, other = (
        Application.objects.create(
            call=call,
            reference=f"EIG-{n}",
            first_name=first,
            last_name="Martin",
            email=f"{first.lower()}@exemple.fr",
            profession="development",
        )
        for n, first in ((1, "Alix"), (2, "Basile"))
    )
    for application in (bridge, other):
        Wish.objects.create(application=application, challenge=challenge, rank=1)
    seats = [jury.add_reviewer(call=call, kind="alumni", user=user) for user in reviewers]

    # Each reviewer declares their conflicts before seeing anything; the third knows Basile.
    for user in reviewers:
        _as(page, live_server, user)
        page.goto(live_server.url + reverse("recruitment:conflicts", args=[call.pk]))
        if user == reviewers[2]:
            page.locator(f"input[name=conflict_{other.pk}]").check(force=True)
        page.locator("input[name=complete]").check(force=True)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
    assert all(seat.conflicts_declared_at for seat in type(seats[0]).objects.filter(call=call))

    # The coach assigns: two reviews per application, never the conflicted reviewer.
    _as(page, live_server, coach)
    page.goto(live_server.url + reverse("recruitment:jury", args=[call.pk]))
    page.get_by_role("button", name="Attribuer").first.click()
    page.wait_for_load_state()
    on_other = Assignment.objects.filter(application=other, stage=Stage.PRESELECTION)
    assert sorted(a.reviewer.user_id for a in on_other) == sorted(u.pk for u in reviewers[:2])

    # The two reviewers of Alix's colleague score from the browser, far apart.
    for user, mark in ((reviewers[0], "5"), (reviewers[1], "1")):
        _as(page, live_server, user)
        assignment = on_other.get(reviewer__user=user)
        page.goto(live_server.url + reverse("recruitment:review", args=[assignment.pk]))
        for field in page.locator("input[name^=score_]").all():
            field.fill(mark)
        page.get_by_label("Avis d’ensemble").select_option("neutral")
        page.get_by_role("button", name="Remettre l’évaluation (définitif)").click()
        page.wait_for_load_state()
        assert "Remise le" in page.content()

    # The ranking flags the disagreement; the coach preselects, then recruits.
    _as(page, live_server, coach)
    page.goto(live_server.url + reverse("recruitment:ranking", args=[call.pk, "preselection"]))
    row = page.locator("tr", has_text="EIG-2").first
    assert re.search(r"désaccord", row.inner_text(), flags=re.IGNORECASE)
    row.get_by_role("button", name="Présélectionner", exact=True).click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("recruitment:select", args=[other.pk]))
    page.get_by_label("Défi").select_option(label="Registre des ponts")
    page.get_by_role("button", name="Retenir").click()
    page.wait_for_load_state()

    other.refresh_from_db()
    person = other.person
    assert person is not None
    assert person.email == "basile@exemple.fr"
    assert person.cohort_roles.filter(cohort=cohort, role=Role.FELLOW).exists()
    assert person.memberships.filter(challenge=challenge).exists()
    checklist = Checklist.objects.get(person=person, cohort=cohort)
    assert checklist.items.count() > 0
