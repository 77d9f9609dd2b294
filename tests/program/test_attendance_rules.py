"""Attendance keeps what a coach recorded, is taken only for the expected, and is reported per person."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.program import queries, services
from magellan.program.models import Attendance
from tests.factories import PersonFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _marks(session: object) -> dict[str, bool]:
    return dict(
        Attendance.objects.filter(session=session).values_list("person__name", "is_present")
    )


def test_everyone_present_keeps_an_absence_just_recorded() -> None:
    session = SessionFactory(past=True)
    awa = RegistrationFactory(session=session, person=PersonFactory(name="Awa")).person
    RegistrationFactory(session=session, person=PersonFactory(name="Bao"))
    services.record_attendance(session=session, person=awa, is_present=False)

    count = services.record_all_present(session=session)

    assert count == 1
    assert _marks(session) == {"Awa": False, "Bao": True}


def test_attendance_of_someone_not_expected_is_refused() -> None:
    session = SessionFactory(past=True)
    RegistrationFactory(session=session)
    stranger = PersonFactory()

    with pytest.raises(services.ProgramError, match="n’est pas attendu"):
        services.record_attendance(session=session, person=stranger, is_present=True)

    assert _marks(session) == {}


def test_attendance_of_a_cancelled_session_is_refused() -> None:
    session = SessionFactory(past=True, cancelled=True)
    person = RegistrationFactory(session=session).person

    with pytest.raises(services.ProgramError, match="annulée"):
        services.record_attendance(session=session, person=person, is_present=True)
    with pytest.raises(services.ProgramError, match="annulée"):
        services.record_all_present(session=session)

    assert _marks(session) == {}


@pytest.mark.parametrize("value", ["abc", "", "9" * 30, "1.5", "²", "-1"])
def test_attendance_post_with_a_bad_person_id_is_a_400(client: Client, value: str) -> None:
    session = SessionFactory(past=True)
    client.force_login(PersonFactory(coach=True).user)

    response = client.post(
        reverse("program:session_attendance", kwargs={"pk": session.pk}),
        {"person": value, "is_present": "1"},
    )

    assert response.status_code == 400
    assert _marks(session) == {}


def test_attendance_report_keeps_apart_two_people_who_share_a_name() -> None:
    session = SessionFactory(past=True)
    first = RegistrationFactory(session=session, person=PersonFactory(name="Camille Martin")).person
    second = RegistrationFactory(
        session=session, person=PersonFactory(name="Camille Martin")
    ).person
    services.record_attendance(session=session, person=first, is_present=True)
    services.record_attendance(session=session, person=second, is_present=False)

    rows = queries.attendance_rates(session.cohort, by="person")

    assert [(row["label"], row["present"], row["total"]) for row in rows] == [
        ("Camille Martin", 1, 1),
        ("Camille Martin", 0, 1),
    ]


def test_moving_a_session_resets_its_reminder() -> None:
    session = SessionFactory()
    session.reminder_sent_at = timezone.now()
    session.save(update_fields=["reminder_sent_at"])
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)

    services.update_session(session=session, changed=["starts_at", "ends_at"])

    session.refresh_from_db()
    assert session.reminder_sent_at is None


def test_editing_a_sessions_place_keeps_its_reminder() -> None:
    session = SessionFactory()
    sent = timezone.now().replace(microsecond=0)
    session.reminder_sent_at = sent
    session.save(update_fields=["reminder_sent_at"])
    session.place = "Salle Gouges"

    services.update_session(session=session, changed=["place"])

    session.refresh_from_db()
    assert session.reminder_sent_at == sent


def test_an_edit_on_a_stale_page_keeps_a_cancellation_made_meanwhile() -> None:
    session = SessionFactory()
    stale = type(session).objects.get(pk=session.pk)  # the coach's form, opened before
    services.cancel_session(session=type(session).objects.get(pk=session.pk))
    stale.title = "Nouveau titre"

    with pytest.raises(services.ProgramError, match="annulée entre-temps"):
        services.update_session(session=stale, changed=["title"])

    session.refresh_from_db()
    assert (session.is_cancelled, session.sequence, session.title) == (True, 1, "")


def test_an_edit_writes_only_its_fields_and_keeps_another_coachs_change() -> None:
    session = SessionFactory(place="Salle A")
    first = type(session).objects.get(pk=session.pk)
    second = type(session).objects.get(pk=session.pk)
    second.place = "Salle B"
    services.update_session(session=second, changed=["place"])
    first.title = "Atelier RGAA"

    services.update_session(session=first, changed=["title"])

    session.refresh_from_db()
    assert (session.place, session.title, session.sequence) == ("Salle B", "Atelier RGAA", 2)
