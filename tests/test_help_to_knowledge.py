"""Issue 10's whole story, through the pages: a fellow asks for help, a coach assigns the helper
Magellan suggests, a help-desk session is planned and reaches both calendars, the helper resolves
the request with a summary, its author turns it into a guide, and search finds that guide — with a
misspelt word on PostgreSQL (trigram correction), with the exact word on the SQLite fallback."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.helpdesk.models import HelpRequest, Status
from magellan.program.services import feed_of
from magellan.resources.models import Guide
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    HelperProfileFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def test_a_help_request_becomes_a_guide_that_search_finds() -> None:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Boussole")
    fellow = PersonFactory(fellow=True, cohort=cohort, name="Fanny Fellow")
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    accessibility = ExpertiseFactory(name="Accessibilité")
    helper = PersonFactory(mentor=True, cohort=cohort, name="Hugo Helper")
    HelperProfileFactory(person=helper, expertises=[accessibility])
    HelperProfileFactory(
        person=PersonFactory(alumni=True, name="Ali Autre"),
        expertises=[ExpertiseFactory(name="Droit du numérique")],
    )
    coach = PersonFactory(coach=True, cohort=cohort)
    as_fellow, as_helper, as_coach = _client(fellow), _client(helper), _client(coach)

    # The fellow asks from the form.
    response = as_fellow.post(
        reverse("helpdesk:request_create"),
        {
            "subject": "Rendre accessible notre formulaire de déclaration",
            "description": "Le lecteur d’écran ne lit pas les **messages d’erreur**.",
            "expertises": [accessibility.pk],
            "challenge": challenge.pk,
            "urgency": "normal",
            "wished_form": "session",
        },
    )
    request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert (request.author, request.challenge, request.status) == (fellow, challenge, Status.NEW)

    # The coach reads the suggestions on the request's page and assigns the first one.
    page = as_coach.get(request.get_absolute_url())
    suggested = [s.person for s in page.context["suggestions"]]
    assert suggested[0] == helper
    assert "Hugo Helper" in page.content.decode()
    as_coach.post(reverse("helpdesk:request_assign", args=[request.pk]), {"helpers": [helper.pk]})

    # The helper plans a help-desk session: it is in the fellow's and the helper's feeds.
    day = timezone.localtime() + datetime.timedelta(days=4)
    as_helper.post(
        reverse("helpdesk:request_plan", args=[request.pk]),
        {"starts_at": day.strftime("%Y-%m-%dT10:00"), "minutes": 60, "helper": helper.pk},
    )
    session = request.request_sessions.get().session
    assert session.format.name == "Bureau d’aide"
    for person in (fellow, helper):
        feed = Client().get(reverse("program:personal_feed", args=[feed_of(person=person).token]))
        assert str(session.uid) in feed.content.decode(), person.name

    # The helper resolves it; a summary is required.
    refused = as_helper.post(
        reverse("helpdesk:request_resolve", args=[request.pk]), {"summary": ""}
    )
    assert refused.status_code == 400
    as_helper.post(
        reverse("helpdesk:request_resolve", args=[request.pk]),
        {"summary": "Les erreurs sont reliées aux champs par aria-describedby ; testé avec NVDA."},
    )
    request.refresh_from_db()
    assert request.status == Status.RESOLVED

    # Its author turns it into a guide in one step, then publishes it for members.
    response = as_fellow.post(
        reverse("resources:help_request_convert", args=[request.pk]), {"action": "save"}
    )
    guide = Guide.objects.get(from_help_request=request)
    assert response.status_code == 302
    assert "aria-describedby" in guide.body
    assert "Fanny Fellow" not in guide.body  # the author's name only when chosen
    as_fellow.post(reverse("resources:guide_publish", args=[guide.slug]))
    guide.refresh_from_db()
    assert guide.status == "published"

    # Search finds it, for a member of the community.
    other_member = _client(PersonFactory(fellow=True, cohort=cohort))
    if connection.vendor == "postgresql":
        results = other_member.get(reverse("search:results"), {"q": "acessible formulaire"})
        assert results.context["results"].corrected_query == "accessible formulaire"
    else:
        results = other_member.get(reverse("search:results"), {"q": "accessible formulaire"})
    urls = [hit.url for hit in results.context["results"].hits]
    assert guide.get_absolute_url() in urls
    assert request.get_absolute_url() not in urls  # the request itself stays private
