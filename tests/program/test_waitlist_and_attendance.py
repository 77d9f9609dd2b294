import pytest
from django.core import mail
from django.urls import reverse

from magellan.program import queries, services
from magellan.program.models import Attendance, RegistrationStatus
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _waitlist(session):
    return [r.person.name for r in queries.waitlisted_registrations(session)]


def _full_session_with_a_line():
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    for name in ("Awa", "Bruno", "Chloé"):
        RegistrationFactory(session=session, person=PersonFactory(name=name), waitlisted=True)
    return session


def test_a_coach_promotes_someone_from_the_waiting_list_and_they_are_told(
    client, django_capture_on_commit_callbacks
):
    session = _full_session_with_a_line()
    bruno = session.registrations.get(person__name="Bruno")
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("program:session_waitlist", args=[session.pk]),
            {"registration": bruno.pk, "action": "promote"},
        )

    bruno.refresh_from_db()
    assert bruno.status == RegistrationStatus.REGISTERED
    assert _waitlist(session) == ["Awa", "Chloé"]
    assert [m.to for m in mail.outbox] == [[bruno.person.email]]


def test_moving_up_and_down_reorders_the_line_and_removing_cancels():
    session = _full_session_with_a_line()
    chloe = session.registrations.get(person__name="Chloé")
    awa = session.registrations.get(person__name="Awa")

    services.move_in_waitlist(session=session, registration_id=chloe.pk, offset=-1)
    assert _waitlist(session) == ["Awa", "Chloé", "Bruno"]
    services.move_in_waitlist(session=session, registration_id=awa.pk, offset=1)
    assert _waitlist(session) == ["Chloé", "Awa", "Bruno"]
    services.move_in_waitlist(session=session, registration_id=chloe.pk, offset=-1)
    assert _waitlist(session) == ["Chloé", "Awa", "Bruno"]

    services.remove_from_waitlist(session=session, registration_id=awa.pk)
    assert _waitlist(session) == ["Chloé", "Bruno"]
    awa.refresh_from_db()
    assert awa.status == RegistrationStatus.CANCELLED


def test_the_next_free_place_follows_the_reordered_line():
    session = _full_session_with_a_line()
    chloe = session.registrations.get(person__name="Chloé")
    services.move_in_waitlist(session=session, registration_id=chloe.pk, offset=-1)
    services.move_in_waitlist(session=session, registration_id=chloe.pk, offset=-1)
    holder = session.registrations.get(status=RegistrationStatus.REGISTERED)

    services.cancel_registration(session=session, person=holder.person)

    chloe.refresh_from_db()
    assert chloe.status == RegistrationStatus.REGISTERED


def test_acting_on_someone_no_longer_waiting_says_the_page_was_stale():
    session = _full_session_with_a_line()
    awa = session.registrations.get(person__name="Awa")
    services.promote_from_waitlist(session=session, registration_id=awa.pk)

    with pytest.raises(services.ProgramError, match="plus sur la liste d’attente"):
        services.remove_from_waitlist(session=session, registration_id=awa.pk)
    with pytest.raises(services.ProgramError, match="plus sur la liste d’attente"):
        services.promote_from_waitlist(session=session, registration_id=awa.pk)


def test_a_place_is_given_only_on_this_sessions_waiting_list():
    session = _full_session_with_a_line()
    elsewhere = _full_session_with_a_line().registrations.get(person__name="Awa")

    with pytest.raises(services.ProgramError, match="plus sur la liste d’attente"):
        services.promote_from_waitlist(session=session, registration_id=elsewhere.pk)

    elsewhere.refresh_from_db()
    assert elsewhere.status == RegistrationStatus.WAITLISTED


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"registration": "abc", "action": "promote"}, 400),
        ({"registration": "²", "action": "promote"}, 400),
        ({"registration": "1", "action": "x"}, 400),
    ],
)
def test_the_waitlist_page_refuses_bad_input(client, data, status):
    session = _full_session_with_a_line()
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)

    assert (
        client.post(reverse("program:session_waitlist", args=[session.pk]), data).status_code
        == status
    )


def test_an_excused_absence_is_kept_apart_from_the_rate():
    cohort = CohortFactory()
    awa = PersonFactory(name="Awa", fellow=True, cohort=cohort)
    first, second, third = (
        SessionFactory(cohort=cohort, past=True, format__registration_required=False)
        for _ in range(3)
    )
    AttendanceFactory(session=first, person=awa, is_present=True)
    AttendanceFactory(session=second, person=awa, is_present=False)
    services.record_attendance(session=third, person=awa, is_present=False, is_excused=True)

    (row,) = queries.attendance_rates(cohort, by="person")

    assert (row["present"], row["total"], row["excused"], row["rate"]) == (1, 2, 1, 50)


def test_present_is_never_excused():
    session = SessionFactory(past=True, format__registration_required=False)
    person = PersonFactory(fellow=True, cohort=session.cohort)

    attendance = services.record_attendance(
        session=session, person=person, is_present=True, is_excused=True
    )

    assert (attendance.is_present, attendance.is_excused) == (True, False)


def test_the_attendance_page_records_an_excused_absence(client):
    session = SessionFactory(past=True, format__registration_required=False)
    person = PersonFactory(fellow=True, cohort=session.cohort)
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)

    client.post(
        reverse("program:session_attendance", args=[session.pk]),
        {"person": person.pk, "mark": "excused"},
    )

    attendance = Attendance.objects.get(session=session, person=person)
    assert (attendance.is_present, attendance.is_excused) == (False, True)
    assert (
        "Excusé·e"
        in client.get(reverse("program:session_attendance", args=[session.pk])).content.decode()
    )


def test_a_walk_in_of_the_cohort_is_added_present_but_not_an_outsider(client):
    session = SessionFactory(past=True, format__registration_required=True)
    walker = PersonFactory(name="Venue Sans Inscription", fellow=True, cohort=session.cohort)
    outsider = PersonFactory(fellow=True, cohort=CohortFactory())
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)
    url = reverse("program:session_attendance", args=[session.pk])

    assert "Venue Sans Inscription" in client.get(url).content.decode()
    client.post(url, {"person": walker.pk, "walk_in": "1"})
    client.post(url, {"person": outsider.pk, "walk_in": "1"})

    assert list(
        Attendance.objects.filter(session=session).values_list("person__name", "is_present")
    ) == [("Venue Sans Inscription", True)]


def test_the_walk_in_list_selects_nobody_and_an_empty_choice_is_refused_in_french(client):
    session = SessionFactory(past=True, format__registration_required=True)
    PersonFactory(name="Aaron Premier", fellow=True, cohort=session.cohort)
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)
    url = reverse("program:session_attendance", args=[session.pk])

    content = client.get(url).content.decode()
    select = content[content.index('id="walk-in-person"') :]
    assert select[select.index("<option") :].startswith(
        '<option value="" selected>Choisissez une personne</option>'
    )

    response = client.post(url, {"person": "", "walk_in": "1"}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Choisissez la personne venue sans être inscrite."
    ]
    assert not Attendance.objects.filter(session=session).exists()


def test_everyone_present_offers_only_the_people_not_marked_yet(client):
    session = SessionFactory(past=True, format__registration_required=False)
    absent = PersonFactory(name="Absente", fellow=True, cohort=session.cohort)
    for name in ("Bruno", "Chloé"):
        PersonFactory(name=name, fellow=True, cohort=session.cohort)
    AttendanceFactory(session=session, person=absent, is_present=False)
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)
    url = reverse("program:session_attendance", args=[session.pk])

    content = client.get(url).content.decode()
    assert "Tout le monde était présent" not in content
    assert "Marquer présentes les 2 personnes pas encore notées" in content

    response = client.post(url, {"all_present": "1"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["2 présences notées."]
    assert dict(
        Attendance.objects.filter(session=session).values_list("person__name", "is_present")
    ) == {"Absente": False, "Bruno": True, "Chloé": True}
    assert "Marquer présentes" not in response.content.decode()
