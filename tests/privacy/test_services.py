import datetime
from typing import Any

import pytest
from axes.models import AccessLog
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from magellan.api.models import ApiToken
from magellan.bulletins.models import DigestSubscription
from magellan.community.models import Follow
from magellan.directory.models import Person
from magellan.helpdesk.models import HelperProfile
from magellan.logbook.models import Entry
from magellan.mentoring.models import CycleFeedback, Note
from magellan.notifications.models import Notification
from magellan.privacy import services
from magellan.privacy.models import Erasure, ErasureOrigin, ErasureRequest, ErasureStatus
from magellan.program.models import Attendance, CalendarFeed
from magellan.resources.models import GuideRevision
from tests.factories import (
    AttendanceFactory,
    CalendarFeedFactory,
    CycleFactory,
    CycleFeedbackFactory,
    DigestSubscriptionFactory,
    EntryFactory,
    ErasureRequestFactory,
    ExpertiseFactory,
    FeedbackFactory,
    FollowFactory,
    GroupMemberFactory,
    GuideFactory,
    HelperProfileFactory,
    NeedFactory,
    NoteFactory,
    NotificationFactory,
    PersonFactory,
    QuestionFactory,
    SurveyAnswerFactory,
    TimelineEventFactory,
)
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _coach() -> object:
    return PersonFactory(coach=True).user


def _token(user: object, **fields: object) -> ApiToken:
    fields.setdefault("expires_at", timezone.now() + datetime.timedelta(days=30))
    return ApiToken.objects.create(
        user=user, key_hash=f"h{ApiToken.objects.count()}", prefix="abc", **fields
    )


# --- Requests --------------------------------------------------------------------------------


def test_request_erasure_records_a_pending_request_and_refuses_a_second() -> None:
    person = PersonFactory(fellow=True)
    request = services.request_erasure(person=person, reason="  Je pars.  ")
    assert (request.status, request.reason) == (ErasureStatus.PENDING, "Je pars.")
    with pytest.raises(services.PrivacyError, match="déjà en attente"):
        services.request_erasure(person=person)
    assert ErasureRequest.objects.count() == 1


def test_request_erasure_refuses_an_erased_person() -> None:
    person = PersonFactory(fellow=True)
    services.erase_person(person, by=None)
    with pytest.raises(services.PrivacyError, match="déjà été effacées"):
        services.request_erasure(person=person)


def test_refuse_erasure_needs_a_reason_and_tells_the_person(
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = ErasureRequestFactory()
    with pytest.raises(services.PrivacyError, match="pourquoi"):
        services.refuse_erasure(request=request, by=_coach(), reason="  ")
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_erasure(request=request, by=_coach(), reason="Votre contrat court encore.")
    request.refresh_from_db()
    assert request.status == ErasureStatus.REFUSED
    assert request.refusal_reason == "Votre contrat court encore."
    assert [m.to for m in mail.outbox] == [[request.person.user.email]]
    assert "Votre contrat court encore." in mail.outbox[0].body


def test_a_decided_request_cannot_be_decided_again() -> None:
    request = ErasureRequestFactory()
    services.refuse_erasure(request=request, by=_coach(), reason="Non.")
    with pytest.raises(services.PrivacyError, match="déjà été traitée"):
        services.confirm_erasure(request=request, by=_coach())
    assert Erasure.objects.count() == 0


def test_nobody_decides_their_own_request() -> None:
    coach = PersonFactory(coach=True)
    request = ErasureRequestFactory(person=coach)
    with pytest.raises(services.PrivacyError, match="propre demande"):
        services.confirm_erasure(request=request, by=coach.user)
    assert Erasure.objects.count() == 0


# --- The erasure -----------------------------------------------------------------------------


def _full_person() -> Person:
    person = PersonFactory(
        fellow=True,
        name="Zoé Oubliée",
        email="zoe.oubliee@example.gouv.fr",
        job_title="Data scientist",
        bio="Passionnée de cartes.",
        gender="female",
        linkedin_url="https://linkedin.example/zoe",
        github_url="https://github.example/zoe",
        website_url="https://zoe.example",
        is_public=True,
    )
    person.expertises.add(ExpertiseFactory())
    return person


def test_confirm_erasure_anonymises_the_person_and_closes_the_account(
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = _full_person()
    user = person.user
    request = ErasureRequestFactory(person=person, reason="Je change de vie.")
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_erasure(request=request, by=_coach())

    person.refresh_from_db()
    assert person.name == f"Personne effacée n° {person.pk}"
    assert person.slug == f"personne-effacee-{person.pk}"
    assert (person.email, person.job_title, person.bio, person.gender) == ("", "", "", "")
    assert (person.linkedin_url, person.github_url, person.website_url) == ("", "", "")
    assert person.is_public is False
    assert list(person.expertises.all()) == []
    user.refresh_from_db()
    assert user.is_active is False
    assert user.email == f"compte-efface-{user.pk}.invalid"
    assert "@" not in user.email
    assert user.has_usable_password() is False
    request.refresh_from_db()
    assert (request.status, request.reason) == (ErasureStatus.CONFIRMED, "")
    erasure = Erasure.objects.get()
    assert (erasure.person, erasure.origin) == (person, ErasureOrigin.REQUEST)
    # The person is told, at the address they had.
    assert [m.to for m in mail.outbox] == [["zoe.oubliee@example.gouv.fr"]]


def test_erasure_removes_personal_texts_and_keeps_the_aggregates() -> None:
    person = _full_person()
    attendance = AttendanceFactory(person=person)
    feedback = FeedbackFactory(person=person, rating=5, comment="J’ai adoré.")
    CalendarFeedFactory(person=person)
    EntryFactory(person=person)
    member = GroupMemberFactory(person=person)
    cycle = CycleFactory(need=NeedFactory(person=person, description="Besoin intime."))
    NoteFactory(cycle=cycle, author=person)
    CycleFeedbackFactory(cycle=cycle, person=person, comment="Merci !")
    token = _token(person.user)

    services.erase_person(person, by=None)

    assert Attendance.objects.get() == attendance
    feedback.refresh_from_db()
    assert (feedback.rating, feedback.comment) == (5, "")
    assert CalendarFeed.objects.count() == 0
    assert Entry.objects.count() == 0
    assert Note.objects.count() == 0
    assert CycleFeedback.objects.get().comment == ""
    cycle.need.refresh_from_db()
    assert cycle.need.description == ""
    member.refresh_from_db()
    assert member.person_id == person.pk
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_erasure_deletes_the_history_and_the_login_records() -> None:
    person = _full_person()
    person.bio = "Deuxième version."
    person.save()
    assert person.history.count() == 2
    AccessLog.objects.create(username="zoe.oubliee@example.gouv.fr", ip_address="127.0.0.1")
    AccessLog.objects.create(username="autre@example.gouv.fr", ip_address="127.0.0.1")

    services.erase_person(person, by=None)

    assert person.history.count() == 0
    assert person.user.history.count() == 0
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["autre@example.gouv.fr"]


def test_an_erased_person_cannot_sign_in_and_is_signed_out() -> None:
    person = _full_person()
    client = Client()
    client.force_login(person.user)
    services.erase_person(person, by=None)
    person.user.refresh_from_db()
    for email in ("zoe.oubliee@example.gouv.fr", person.user.email):
        attempt = RequestFactory().post(reverse("accounts:login"))
        assert authenticate(attempt, email=email, password=PASSWORD) is None
    assert client.get(reverse("privacy:home")).status_code == 302


def test_no_page_shows_an_erased_persons_old_name_or_email() -> None:
    person = _full_person()
    QuestionFactory(author=person, title="Comment publier des cartes ?")
    coach = Client()
    coach.force_login(_coach())
    assert "Zoé Oubliée" in coach.get(reverse("directory:person_list")).content.decode()

    services.erase_person(person, by=None)

    person.refresh_from_db()
    pages = [
        reverse("directory:person_list"),
        reverse("directory:person_detail", args=[person.slug]),
        reverse("search:results") + "?q=cartes",
        reverse("privacy:erasure_list"),
    ]
    assert "1 résultat" in coach.get(pages[2]).content.decode()
    for url in pages:
        text = coach.get(url).content.decode()
        assert "Zoé Oubliée" not in text, url
        assert "zoe.oubliee" not in text, url
    assert coach.get(reverse("directory:person_list")).status_code == 200


def test_erase_person_refuses_a_second_erasure() -> None:
    person = PersonFactory(fellow=True)
    services.erase_person(person, by=None)
    with pytest.raises(services.PrivacyError, match="déjà été effacée"):
        services.erase_person(person, by=None)
    assert Erasure.objects.count() == 1


# --- Retention -------------------------------------------------------------------------------

NOW = timezone.make_aware(datetime.datetime(2026, 12, 8, 10, 30))


def _alumni(last_login_days: int | None, **kwargs: object) -> Person:
    person = PersonFactory(alumni=True, **kwargs)
    user = person.user
    user.date_joined = NOW - datetime.timedelta(days=2000)
    user.last_login = (
        None if last_login_days is None else NOW - datetime.timedelta(days=last_login_days)
    )
    user.save()
    return person


def test_inactive_alumni_are_warned_once(settings: object) -> None:
    settings.MAGELLAN_ALUMNI_RETENTION_YEARS = 3  # type: ignore[attr-defined]
    inactive = _alumni(3 * 365 + 1)
    never = _alumni(None)
    _alumni(3 * 365 - 1)  # signed in within the period
    coach = _alumni(4 * 365)
    coach.cohort_roles.create(cohort=coach.cohort_roles.get().cohort, role="coach")

    assert services.warn_inactive_alumni(now=NOW) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([inactive.user.email, never.user.email])
    assert "30 jours" in mail.outbox[0].body
    assert services.warn_inactive_alumni(now=NOW) == 0


def test_warned_alumni_are_anonymised_after_the_delay_unless_they_came_back() -> None:
    gone = _alumni(4 * 365)
    back = _alumni(4 * 365)
    services.warn_inactive_alumni(now=NOW)
    back.user.last_login = NOW + datetime.timedelta(days=3)
    back.user.save()

    assert services.anonymise_inactive_alumni(now=NOW + datetime.timedelta(days=29)) == 0
    assert services.anonymise_inactive_alumni(now=NOW + datetime.timedelta(days=30)) == 1

    gone.refresh_from_db()
    back.refresh_from_db()
    assert gone.name == f"Personne effacée n° {gone.pk}"
    assert Erasure.objects.get().origin == ErasureOrigin.RETENTION
    assert services.is_erased(back) is False
    assert not hasattr(back, "retention_notice") or back.retention_notice is None


def test_stale_calendar_feeds_and_tokens_are_purged() -> None:
    active = _alumni(10)
    idle = _alumni(400)
    closed = _alumni(10)
    closed.user.is_active = False
    closed.user.save()
    for person in (active, idle, closed):
        CalendarFeedFactory(person=person)
    live = _token(active.user)
    _token(active.user, revoked_at=NOW - datetime.timedelta(days=91))
    recent = _token(active.user, revoked_at=NOW - datetime.timedelta(days=10))
    _token(active.user, expires_at=NOW - datetime.timedelta(days=91))
    expired_lately = _token(active.user, expires_at=NOW - datetime.timedelta(days=10))

    assert services.purge_stale_credentials(now=NOW) == 4

    assert list(CalendarFeed.objects.values_list("person", flat=True)) == [active.pk]
    assert set(ApiToken.objects.all()) == {live, recent, expired_lately}


def test_erasure_clears_what_each_other_app_holds_about_the_person() -> None:
    person = _full_person()
    other = PersonFactory(fellow=True)
    HelperProfileFactory(person=person, note="Disponible le mardi.")
    event = TimelineEventFactory(detail="Confiée à Zoé Oubliée")
    FollowFactory(person=person)
    DigestSubscriptionFactory(person=person)
    answer = SurveyAnswerFactory(invitation__person=person, comment="Je suis partie.")
    mine = NotificationFactory(recipient=person.user)
    about = NotificationFactory(recipient=other.user, actor=person.user)
    named = NotificationFactory(recipient=other.user, body="Zoé Oubliée a répondu.")
    kept = NotificationFactory(recipient=other.user)
    guide = GuideFactory(author=person)
    GuideRevision.objects.filter(guide=guide).update(editor_name="Zoé Oubliée")

    services.erase_person(person, by=None)

    assert HelperProfile.objects.count() == 0
    event.refresh_from_db()
    assert event.detail == f"Confiée à Personne effacée n° {person.pk}"
    assert Follow.objects.count() == 0
    assert DigestSubscription.objects.count() == 0
    answer.refresh_from_db()
    assert (answer.comment, answer.role) == ("", "Cheffe de produit")
    assert set(Notification.objects.all()) == {kept}
    assert {mine, about, named}.isdisjoint(Notification.objects.all())
    assert set(GuideRevision.objects.filter(guide=guide).values_list("editor_name", flat=True)) == {
        f"Personne effacée n° {person.pk}"
    }
    guide.refresh_from_db()
    assert guide.author == person


def test_a_short_name_is_not_looked_for_in_others_texts() -> None:
    person = PersonFactory(fellow=True, name="Al")
    event = TimelineEventFactory(detail="Altitude validée")
    other = NotificationFactory(body="Alerte : nouvelle réponse.")
    services.erase_person(person, by=None)
    event.refresh_from_db()
    assert event.detail == "Altitude validée"
    assert Notification.objects.get() == other
