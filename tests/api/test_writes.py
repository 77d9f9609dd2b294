"""The API's writes: each through its app's service and the pages' predicates; scopes, expiry,
revocation and the per-token rate limit."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from magellan.bulletins.models import Bulletin
from magellan.helpdesk.models import HelpRequest
from magellan.program.models import Attendance, Registration, RegistrationStatus
from magellan.program.services import PARIS
from tests.factories import (
    ApiTokenFactory,
    BulletinFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

RAW = "mgl_test-writes"


def _bearer(raw: str = RAW) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def fellow():
    cohort = CohortFactory()
    person = PersonFactory(fellow=True, cohort=cohort)
    ApiTokenFactory(user=person.user, raw=RAW)
    return person


@pytest.fixture
def wednesday(monkeypatch):
    today = datetime.date.today()
    moment = datetime.datetime.combine(
        today - datetime.timedelta(days=today.weekday() - 2), datetime.time(11, 0), tzinfo=PARIS
    )
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


# --- Authentication, scopes, rate -------------------------------------------------------------


def test_write_without_a_token_is_401_even_signed_in(client: Client, fellow) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort)
    client.force_login(fellow.user)

    response = client.post(f"/api/sessions/{session.pk}/registration")

    assert response.status_code == 401
    assert response.json() == {"detail": "A valid bearer token is required."}
    assert not Registration.objects.exists()


def test_expired_token_is_401_with_its_reason(client: Client) -> None:
    ApiTokenFactory(raw="mgl_old", expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get("/api/cohorts", headers=_bearer("mgl_old"))

    assert response.status_code == 401
    assert response.json() == {"detail": "Expired token."}


def test_revoked_token_is_401(client: Client) -> None:
    ApiTokenFactory(raw="mgl_gone", revoked_at=timezone.now())

    response = client.get("/api/cohorts", headers=_bearer("mgl_gone"))

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}


def test_token_without_the_scope_is_403_with_the_scope_named(client: Client) -> None:
    ApiTokenFactory(raw="mgl_program", scopes=["program:write"])

    response = client.get("/api/people", headers=_bearer("mgl_program"))

    assert response.status_code == 403
    assert response.json() == {"detail": "This token lacks the scope directory:read."}


def test_read_scope_does_not_write(client: Client, fellow) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort)
    ApiTokenFactory(user=fellow.user, raw="mgl_reader", scopes=["program:read"])

    response = client.post(
        f"/api/sessions/{session.pk}/registration", headers=_bearer("mgl_reader")
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "This token lacks the scope program:write."}
    assert not Registration.objects.exists()


def test_write_scope_includes_read(client: Client, fellow) -> None:
    ApiTokenFactory(user=fellow.user, raw="mgl_writer", scopes=["program:write"])

    assert client.get("/api/sessions", headers=_bearer("mgl_writer")).status_code == 200


def test_rate_limit_per_token_is_429_with_retry_after(client: Client, settings) -> None:
    settings.MAGELLAN_API_TOKEN_RATE = "2/m"
    ApiTokenFactory(raw="mgl_busy")
    ApiTokenFactory(raw="mgl_calm")

    statuses = [
        client.get("/api/cohorts", headers=_bearer("mgl_busy")).status_code for _ in range(3)
    ]
    limited = client.get("/api/cohorts", headers=_bearer("mgl_busy"))

    assert statuses == [200, 200, 429]
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json() == {
        "detail": f"Too many requests for this token: retry in {limited['Retry-After']} s."
    }
    # Another token keeps its own count.
    assert client.get("/api/cohorts", headers=_bearer("mgl_calm")).status_code == 200


# --- Registration -----------------------------------------------------------------------------


def test_register_and_unregister_through_the_service(client: Client, fellow) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort)
    url = f"/api/sessions/{session.pk}/registration"

    registered = client.post(url, headers=_bearer())
    cancelled = client.delete(url, headers=_bearer())

    assert registered.status_code == 200
    assert registered.json() == {
        "session": session.pk,
        "person": fellow.slug,
        "status": "registered",
    }
    assert cancelled.json() == {"session": session.pk, "person": fellow.slug, "status": "cancelled"}
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_register_to_a_full_session_waitlists(client: Client, fellow) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort, capacity=1)
    RegistrationFactory(session=session)

    response = client.post(f"/api/sessions/{session.pk}/registration", headers=_bearer())

    assert response.json()["status"] == "waitlisted"


def test_register_to_a_started_session_is_409_with_the_service_message(
    client: Client, fellow
) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort, past=True)

    response = client.post(f"/api/sessions/{session.pk}/registration", headers=_bearer())

    assert response.status_code == 409
    assert response.json() == {"detail": "Les inscriptions sont closes : la séance a commencé."}
    assert not Registration.objects.exists()


def test_register_to_a_session_one_may_not_see_is_404(client: Client, fellow) -> None:
    session = SessionFactory(cohort=CohortFactory())

    response = client.post(f"/api/sessions/{session.pk}/registration", headers=_bearer())

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_unregister_without_registration_is_409(client: Client, fellow) -> None:
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort)

    response = client.delete(f"/api/sessions/{session.pk}/registration", headers=_bearer())

    assert response.status_code == 409
    assert response.json() == {"detail": "Vous n’êtes pas inscrit·e à cette séance."}


def test_an_integration_token_not_issued_by_a_coach_is_refused(client: Client) -> None:
    from magellan.api import services

    service = services.create_service_account(name="Outil de l’équipe", by=None)
    ApiTokenFactory(user=service.user, raw="mgl_service")
    session = SessionFactory()

    response = client.post(
        f"/api/sessions/{session.pk}/registration", headers=_bearer("mgl_service")
    )

    assert response.status_code == 401


# --- Integrations: a coach's token for a tool acts with that coach's rights, within its scopes ---


def _integration_token(coach_user, raw: str = "mgl_integration") -> None:
    from magellan.api import services

    service = services.create_service_account(name="Émargement de la salle", by=coach_user)
    ApiTokenFactory(user=service.user, created_by=coach_user, raw=raw, scopes=["program:write"])


def test_an_integration_token_marks_attendance_as_the_coach_who_issued_it(client: Client) -> None:
    coach = PersonFactory(coach=True)
    attendee = PersonFactory(fellow=True)
    session = SessionFactory(past=True)
    RegistrationFactory(session=session, person=attendee)
    _integration_token(coach.user)

    response = client.put(
        f"/api/sessions/{session.pk}/attendance/{attendee.slug}",
        {"mark": "present"},
        content_type="application/json",
        headers=_bearer("mgl_integration"),
    )

    assert response.status_code == 200
    assert Attendance.objects.get(session=session, person=attendee).is_present is True


def test_an_integration_token_is_refused_once_its_coach_is_no_longer_one(client: Client) -> None:
    coach = PersonFactory(coach=True)
    _integration_token(coach.user)
    coach.cohort_roles.all().delete()

    listed = client.get("/api/sessions", headers=_bearer("mgl_integration"))

    assert listed.status_code == 401
    assert "no longer an active coach" in listed.json()["detail"]


# --- Attendance -------------------------------------------------------------------------------


def test_facilitator_marks_attendance(client: Client, fellow) -> None:
    cohort = fellow.cohort_roles.get().cohort
    attendee = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True, facilitators=[fellow])
    RegistrationFactory(session=session, person=attendee)

    response = client.put(
        f"/api/sessions/{session.pk}/attendance/{attendee.slug}",
        {"mark": "excused"},
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 200
    assert response.json() == {"session": session.pk, "person": attendee.slug, "mark": "excused"}
    attendance = Attendance.objects.get()
    assert (attendance.person, attendance.is_present, attendance.is_excused) == (
        attendee,
        False,
        True,
    )


def test_a_participant_who_does_not_facilitate_cannot_mark_attendance(
    client: Client, fellow
) -> None:
    cohort = fellow.cohort_roles.get().cohort
    session = SessionFactory(cohort=cohort, past=True)

    response = client.put(
        f"/api/sessions/{session.pk}/attendance/{fellow.slug}",
        {"mark": "present"},
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only coaches and the session's facilitators take attendance."
    }
    assert not Attendance.objects.exists()


def test_attendance_before_the_session_is_409(client: Client) -> None:
    coach = PersonFactory(coach=True)
    ApiTokenFactory(user=coach.user, raw="mgl_coach")
    session = SessionFactory()

    response = client.put(
        f"/api/sessions/{session.pk}/attendance/{coach.slug}",
        {"mark": "present"},
        content_type="application/json",
        headers=_bearer("mgl_coach"),
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "La présence se note une fois la séance commencée."}


# --- Help requests ----------------------------------------------------------------------------


def test_open_a_help_request_with_the_token_as_origin(client: Client, fellow) -> None:
    challenge = ChallengeFactory(cohorts=[fellow.cohort_roles.get().cohort])
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ExpertiseFactory(slug="donnees")

    response = client.post(
        "/api/help-requests",
        {
            "subject": "Publier nos données",
            "description": "Quel format ouvert choisir ?",
            "urgency": "urgent",
            "expertises": ["donnees"],
        },
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 201
    request = HelpRequest.objects.get()
    assert response.json()["id"] == request.pk
    assert (request.author, request.challenge, request.urgency) == (fellow, challenge, "urgent")
    assert [e.slug for e in request.expertises.all()] == ["donnees"]
    assert request.origin == fellow.user.api_tokens.get()


def test_help_request_refused_by_the_service_is_400_with_its_message(
    client: Client, fellow
) -> None:
    response = client.post(
        "/api/help-requests",
        {"subject": "  ", "description": "Quelque chose"},
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Indiquez le sujet de votre demande."}
    assert not HelpRequest.objects.exists()


def test_help_request_with_a_nul_byte_is_422(client: Client, fellow) -> None:
    response = client.post(
        "/api/help-requests",
        {"subject": "a\x00b", "description": "x"},
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]


def test_help_request_needs_an_asking_role(client: Client) -> None:
    mentor = PersonFactory(mentor=True)
    ApiTokenFactory(user=mentor.user, raw="mgl_mentor")

    response = client.post(
        "/api/help-requests",
        {"subject": "Sujet", "description": "Texte"},
        content_type="application/json",
        headers=_bearer("mgl_mentor"),
    )

    assert response.status_code == 403
    assert not HelpRequest.objects.exists()


# --- Bulletins --------------------------------------------------------------------------------


def _team(fellow):
    challenge = ChallengeFactory(cohorts=[fellow.cohort_roles.get().cohort])
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    return challenge


BULLETIN = {"mood": 3, "priority": "Livrer la démo", "ups_and_downs": "Une bonne semaine."}


def test_write_then_edit_the_weeks_bulletin(client: Client, fellow, wednesday) -> None:
    challenge = _team(fellow)
    url = f"/api/challenges/{challenge.slug}/bulletin"

    written = client.put(url, BULLETIN, content_type="application/json", headers=_bearer())
    edited = client.put(
        url,
        BULLETIN | {"version": 1, "mood": 4},
        content_type="application/json",
        headers=_bearer(),
    )

    assert written.status_code == 200
    assert (written.json()["version"], edited.json()["version"]) == (1, 2)
    bulletin = Bulletin.objects.get()
    assert (bulletin.mood, bulletin.author, bulletin.last_editor) == (4, fellow, fellow)
    assert client.get(url, headers=_bearer()).json()["mood"] == 4


def test_a_stale_bulletin_version_is_409(client: Client, fellow, wednesday) -> None:
    challenge = _team(fellow)
    BulletinFactory(challenge=challenge, cohort=fellow.cohort_roles.get().cohort, author=fellow)

    response = client.put(
        f"/api/challenges/{challenge.slug}/bulletin",
        BULLETIN,
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Votre équipe a déjà écrit le bulletin")


def test_another_teams_bulletin_is_403(client: Client, fellow, wednesday) -> None:
    other = ChallengeFactory(cohorts=[fellow.cohort_roles.get().cohort])

    response = client.put(
        f"/api/challenges/{other.slug}/bulletin",
        BULLETIN,
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 403
    assert not Bulletin.objects.exists()


def test_bulletin_mood_out_of_range_is_422(client: Client, fellow, wednesday) -> None:
    challenge = _team(fellow)

    response = client.put(
        f"/api/challenges/{challenge.slug}/bulletin",
        BULLETIN | {"mood": 9},
        content_type="application/json",
        headers=_bearer(),
    )

    assert response.status_code == 422
    assert not Bulletin.objects.exists()
