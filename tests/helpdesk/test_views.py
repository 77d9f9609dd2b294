import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.helpdesk import services
from magellan.helpdesk.models import Attachment, Comment, HelperProfile, HelpRequest, Status
from magellan.program.services import feed_of
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    PersonFactory,
)
from tests.query_counts import assert_queries_do_not_grow

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> dict[str, Any]:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Boussole")
    fellow = PersonFactory(fellow=True, cohort=cohort, name="Fanny Fellow")
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    expertise = ExpertiseFactory(name="Expérimentation")
    helper = PersonFactory(mentor=True, cohort=cohort, name="Hugo Helper")
    HelperProfileFactory(person=helper, expertises=[expertise])
    return {
        "cohort": cohort,
        "challenge": challenge,
        "fellow": fellow,
        "helper": helper,
        "coach": PersonFactory(coach=True, cohort=cohort),
        "expertise": expertise,
    }


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _form(team: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        "subject": "Auditer notre code",
        "description": "Un regard sur la **sécurité** de notre API.",
        "expertises": [team["expertise"].pk],
        "challenge": team["challenge"].pk,
        "urgency": "normal",
        "wished_form": "session",
    } | changes


def test_a_fellow_asks_for_help_from_the_browser_with_a_file(team: dict[str, Any]) -> None:
    response = _client(team["fellow"]).post(
        reverse("helpdesk:request_create"),
        _form(team, attachments=[files.upload("schema.pdf", files.PDF)]),
    )

    request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert (request.subject, request.author, request.challenge, request.wished_form) == (
        "Auditer notre code",
        team["fellow"],
        team["challenge"],
        "session",
    )
    assert list(request.attachments.values_list("original_name", flat=True)) == ["schema.pdf"]


def test_an_exe_renamed_pdf_is_refused_and_the_form_kept(team: dict[str, Any]) -> None:
    response = _client(team["fellow"]).post(
        reverse("helpdesk:request_create"),
        _form(team, attachments=[files.upload("plan.pdf", files.EXE)]),
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Le contenu de « plan.pdf » n’est pas un fichier .pdf : il est refusé" in text
    assert "Un regard sur la **sécurité** de notre API." in text
    assert (HelpRequest.objects.count(), Attachment.objects.count()) == (0, 0)


def test_an_empty_subject_is_refused(team: dict[str, Any]) -> None:
    response = _client(team["fellow"]).post(
        reverse("helpdesk:request_create"), _form(team, subject="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["subject"] == ["Ce champ est obligatoire."]
    assert HelpRequest.objects.count() == 0


def test_a_body_over_the_upload_cap_is_refused_before_it_is_read(
    team: dict[str, Any], settings: Any
) -> None:
    settings.MAGELLAN_REQUEST_MAX_BYTES = 1000
    settings.MAGELLAN_HELPDESK_UPLOAD_MAX_BYTES = 1000
    big = files.PDF + b"0" * 3000

    response = _client(team["fellow"]).post(
        reverse("helpdesk:request_create"), _form(team, attachments=[files.upload("a.pdf", big)])
    )

    assert response.status_code == 413
    assert HelpRequest.objects.count() == 0


def _request(team: dict[str, Any], **kwargs: Any) -> HelpRequest:
    return services.open_help_request(
        author=team["fellow"],
        subject=kwargs.pop("subject", "Relire notre plan"),
        description=kwargs.pop(
            "description", "Voir <script>alert(1)</script> [ici](javascript:alert(1))."
        ),
        expertises=[team["expertise"]],
        **kwargs,
    )


def test_the_detail_page_renders_the_description_sanitised(team: dict[str, Any]) -> None:
    request = _request(team)

    text = _client(team["fellow"]).get(request.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in text
    assert "javascript:" not in text
    assert "Relire notre plan" in text


def test_a_coach_sees_the_suggestions_with_their_reasons(team: dict[str, Any]) -> None:
    request = _request(team)

    response = _client(team["coach"]).get(request.get_absolute_url())

    text = response.content.decode()
    assert [s.person for s in response.context["suggestions"]] == [team["helper"]]
    assert "Expertise : Expérimentation (1 sur 1)." in text
    assert "Charge : aucune demande en cours." in text


def test_the_author_sees_no_suggestion_and_no_assign_form(team: dict[str, Any]) -> None:
    response = _client(team["fellow"]).get(_request(team).get_absolute_url())

    assert (response.context["suggestions"], response.context["assign_form"]) == ([], None)


def test_the_attachment_is_a_download_never_sniffed(team: dict[str, Any]) -> None:
    request = _request(team, attachments=[files.upload("plan d’action.pdf", files.PDF)])
    attachment = request.attachments.get()

    response = _client(team["fellow"]).get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response.content == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''plan%20d%E2%80%99action.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_through_another_requests_address_is_404(team: dict[str, Any]) -> None:
    mine = _request(team)
    other = HelpRequestFactory(author=PersonFactory(fellow=True))
    services.add_attachments(
        request=other, by=other.author.user, files=[files.upload("secret.pdf", files.PDF)]
    )
    attachment = other.attachments.get()

    response = _client(team["fellow"]).get(
        reverse("helpdesk:attachment", args=[mine.pk, attachment.pk])
    )

    assert response.status_code == 404


def test_a_refused_comment_keeps_what_was_written(team: dict[str, Any]) -> None:
    request = _request(team)
    client = _client(team["fellow"])
    page = client.get(request.get_absolute_url())  # the page as shown before the withdrawal
    assert page.status_code == 200
    services.withdraw_request(request=request, by=team["coach"].user)

    response = client.post(
        reverse("helpdesk:request_comment", args=[request.pk]),
        {"body": "Un long message à ne pas perdre."},
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "Cette demande a été retirée : elle ne change plus." in text
    assert "Un long message à ne pas perdre." in text
    assert Comment.objects.count() == 0


def test_resolve_without_summary_is_refused_with_a_message(team: dict[str, Any]) -> None:
    request = _request(team)
    services.assign_helpers(request=request, helpers=[team["helper"]], by=team["coach"].user)

    response = _client(team["helper"]).post(
        reverse("helpdesk:request_resolve", args=[request.pk]), {"summary": ""}
    )

    assert response.status_code == 400
    assert "Résumez la résolution" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.TAKEN


def test_the_whole_journey_from_the_browser(team: dict[str, Any]) -> None:
    """Asked, assigned by a coach, a session planned in both calendars, resolved, closed."""
    fellow, helper, coach = _client(team["fellow"]), _client(team["helper"]), _client(team["coach"])
    fellow.post(reverse("helpdesk:request_create"), _form(team))
    request = HelpRequest.objects.get()
    coach.post(
        reverse("helpdesk:request_assign", args=[request.pk]), {"helpers": [team["helper"].pk]}
    )
    moment = timezone.localtime() + datetime.timedelta(days=5)
    response = helper.post(
        reverse("helpdesk:request_plan", args=[request.pk]),
        {
            "starts_at": moment.strftime("%Y-%m-%dT14:00"),
            "minutes": 60,
            "helper": team["helper"].pk,
        },
    )
    assert response.status_code == 302
    session = request.request_sessions.get().session
    for person in (team["fellow"], team["helper"]):
        feed = Client().get(reverse("program:personal_feed", args=[feed_of(person=person).token]))
        assert str(session.uid) in feed.content.decode(), person.name
    helper.post(
        reverse("helpdesk:request_resolve", args=[request.pk]),
        {"summary": "Deux failles, corrigées."},
    )
    fellow.post(reverse("helpdesk:request_close", args=[request.pk]))

    request.refresh_from_db()
    assert (request.status, request.resolution_summary) == (
        Status.CLOSED,
        "Deux failles, corrigées.",
    )
    assert list(request.events.values_list("kind", flat=True)) == [
        "opened",
        "assigned",
        "session_planned",
        "resolved",
        "closed",
    ]


def test_a_helpers_queue_shows_the_subject_but_not_the_description(team: dict[str, Any]) -> None:
    _request(team, subject="Sujet visible", description="Description confidentielle")

    text = _client(team["helper"]).get(reverse("helpdesk:home")).content.decode()

    assert "Sujet visible" in text
    assert "Description confidentielle" not in text


def test_the_helper_opts_in_and_pauses(team: dict[str, Any]) -> None:
    mentor = PersonFactory(mentor=True, cohort=team["cohort"])
    client = _client(mentor)

    client.post(
        reverse("helpdesk:helper_profile"),
        {"expertises": [team["expertise"].pk], "is_active": "on", "note": "Tests A/B"},
    )
    client.post(reverse("helpdesk:helper_profile"), {"expertises": [team["expertise"].pk]})

    profile = HelperProfile.objects.get(person=mentor)
    assert (profile.is_active, profile.note, list(profile.expertises.all())) == (
        False,
        "",
        [team["expertise"]],
    )


def test_a_coach_adds_an_expert_from_the_helpers_page(team: dict[str, Any]) -> None:
    expert = PersonFactory(with_account=True, name="Eva Experte")

    response = _client(team["coach"]).post(
        reverse("helpdesk:helpers"), {"person": expert.pk, "expertises": [team["expertise"].pk]}
    )

    assert response.status_code == 302
    assert HelperProfile.objects.get(person=expert).added_by == team["coach"]


def test_the_queue_puts_unassigned_and_urgent_first(team: dict[str, Any]) -> None:
    old = HelpRequestFactory(subject="Ancienne", cohort=team["cohort"])
    HelpRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    HelpRequestFactory(subject="Urgente", urgency="urgent", cohort=team["cohort"])
    HelpRequestFactory(
        subject="Confiée", status=Status.TAKEN, helpers=[team["helper"]], cohort=team["cohort"]
    )
    HelpRequestFactory(subject="Close", status=Status.CLOSED, cohort=team["cohort"])

    response = _client(team["coach"]).get(reverse("helpdesk:queue"))

    assert [r.subject for r in response.context["requests"]] == ["Urgente", "Ancienne", "Confiée"]
    total = response.context["figures"]["total"][0]
    assert (total.count, total.open_count, total.stale_count) == (4, 3, 1)


def test_the_queue_filters_and_links_the_cohorts_export(team: dict[str, Any]) -> None:
    HelpRequestFactory(subject="Dans la promotion", cohort=team["cohort"])
    HelpRequestFactory(subject="Ailleurs", cohort=CohortFactory())

    response = _client(team["coach"]).get(
        reverse("helpdesk:queue"), {"cohort": team["cohort"].slug}
    )

    assert [r.subject for r in response.context["requests"]] == ["Dans la promotion"]
    assert response.context["export_url"] == reverse(
        "exports:download",
        kwargs={"slug": team["cohort"].slug, "name": "demandes-aide", "extension": "csv"},
    )
    export = _client(team["coach"]).get(response.context["export_url"])
    assert export.status_code == 200
    assert "Dans la promotion" in export.content.decode("utf-8-sig")
    assert "Ailleurs" not in export.content.decode("utf-8-sig")


def test_queue_query_count(team: dict[str, Any]) -> None:
    counter = iter(range(100))

    def make() -> str:
        n = next(counter)
        request = HelpRequestFactory(
            subject=f"Demande file {n}",
            cohort=team["cohort"],
            status=Status.TAKEN,
            expertises=[team["expertise"]],
            helpers=[team["helper"]],
        )
        return request.subject

    assert_queries_do_not_grow(_client(team["coach"]), reverse("helpdesk:queue"), make)


def test_my_requests_query_count(team: dict[str, Any]) -> None:
    counter = iter(range(100))
    HelperProfileFactory(person=team["fellow"], expertises=[team["expertise"]])

    def make() -> str:
        n = next(counter)
        mine = HelpRequestFactory(
            subject=f"Ma demande {n}",
            author=team["fellow"],
            challenge=team["challenge"],
            expertises=[team["expertise"]],
            helpers=[team["helper"]],
        )
        HelpRequestFactory(subject=f"À prendre {n}", expertises=[team["expertise"]])
        return mine.subject

    assert_queries_do_not_grow(_client(team["fellow"]), reverse("helpdesk:home"), make)


def test_the_author_shares_the_request_with_the_community(team: dict[str, Any]) -> None:
    request = _request(team, subject="Une question pour tous")
    client = _client(team["fellow"])
    assert "Partager à l’entraide" in client.get(request.get_absolute_url()).content.decode()
    assert "Partager à l’entraide" not in (
        _client(team["coach"]).get(request.get_absolute_url()).content.decode()
    )

    client.post(reverse("community:share_help_request", args=[request.pk]))

    text = client.get(request.get_absolute_url()).content.decode()
    assert "Partagée à l’entraide :" in text
    assert ">Une question pour tous</a>" in text


def test_the_request_form_says_which_files_are_accepted_and_how_large(client):
    fellow = PersonFactory(fellow=True)
    client.force_login(fellow.user)

    html = client.get(reverse("helpdesk:request_create")).content.decode()

    assert "documents bureautiques (Word, Excel, PowerPoint, OpenDocument), 10 Mo au plus" in html
