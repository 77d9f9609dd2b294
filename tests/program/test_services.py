import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from magellan.program import services
from magellan.program.models import Attendance, Registration, RegistrationStatus, SessionStatus
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _statuses(session):
    return list(
        Registration.objects.filter(session=session)
        .order_by("position")
        .values_list("person__name", "status")
    )


def test_register_when_places_are_free_registers_and_emails(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2)
    person = PersonFactory(name="Awa")

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(session=session, person=person)

    assert registration.status == RegistrationStatus.REGISTERED
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject.startswith("Inscription confirmée")
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_register_when_full_waitlists():
    session = SessionFactory(capacity=1)
    services.register(session=session, person=PersonFactory(name="Awa"))

    registration = services.register(session=session, person=PersonFactory(name="Bao"))

    assert registration.status == RegistrationStatus.WAITLISTED
    assert _statuses(session) == [("Awa", "registered"), ("Bao", "waitlisted")]


def test_register_twice_keeps_one_registration():
    session = SessionFactory(capacity=5)
    person = PersonFactory()
    services.register(session=session, person=person)

    services.register(session=session, person=person)

    assert Registration.objects.filter(session=session).count() == 1


def test_register_to_a_past_session_is_refused():
    session = SessionFactory(past=True)

    with pytest.raises(services.ProgramError, match="closes"):
        services.register(session=session, person=PersonFactory())
    assert Registration.objects.count() == 0


def test_register_to_a_cancelled_session_is_refused():
    session = SessionFactory(cancelled=True)

    with pytest.raises(services.ProgramError, match="annulée"):
        services.register(session=session, person=PersonFactory())


def test_register_to_a_format_without_registration_is_refused():
    session = SessionFactory(format=FormatFactory(open=True))

    with pytest.raises(services.ProgramError, match="attendu"):
        services.register(session=session, person=PersonFactory())


def test_cancel_registration_promotes_the_first_waitlisted(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    first = PersonFactory(name="Awa")
    services.register(session=session, person=first)
    services.register(session=session, person=PersonFactory(name="Bao"))
    services.register(session=session, person=PersonFactory(name="Chloé"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(session=session, person=first)

    assert _statuses(session) == [
        ("Awa", "cancelled"),
        ("Bao", "registered"),
        ("Chloé", "waitlisted"),
    ]
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Une place s’est libérée"]


def test_cancel_registration_of_a_waitlisted_person_promotes_nobody():
    session = SessionFactory(capacity=1)
    services.register(session=session, person=PersonFactory(name="Awa"))
    waiting = PersonFactory(name="Bao")
    services.register(session=session, person=waiting)

    services.cancel_registration(session=session, person=waiting)

    assert _statuses(session) == [("Awa", "registered"), ("Bao", "cancelled")]


def test_register_again_after_cancelling_goes_to_the_end_of_the_line():
    session = SessionFactory(capacity=1)
    awa = PersonFactory(name="Awa")
    services.register(session=session, person=awa)
    services.register(session=session, person=PersonFactory(name="Bao"))
    services.cancel_registration(session=session, person=awa)

    registration = services.register(session=session, person=awa)

    assert registration.status == RegistrationStatus.WAITLISTED
    assert _statuses(session) == [("Bao", "registered"), ("Awa", "waitlisted")]


def test_cancel_registration_without_one_is_refused():
    with pytest.raises(services.ProgramError, match="inscrit"):
        services.cancel_registration(session=SessionFactory(), person=PersonFactory())


def test_update_session_raising_capacity_promotes_waitlisted_and_bumps_sequence():
    session = SessionFactory(capacity=1)
    services.register(session=session, person=PersonFactory(name="Awa"))
    services.register(session=session, person=PersonFactory(name="Bao"))
    session.capacity = 2

    services.update_session(session=session, changed=["capacity"])

    assert _statuses(session) == [("Awa", "registered"), ("Bao", "registered")]
    session.refresh_from_db()
    assert session.sequence == 1


def test_update_session_moving_it_emails_the_registered(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=3)
    awa = PersonFactory(name="Awa")
    services.register(session=session, person=awa)
    mail.outbox.clear()
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(session=session, changed=["starts_at", "ends_at"])

    assert [(m.to, m.subject.split(" :")[0]) for m in mail.outbox] == [
        ([awa.email], "Séance modifiée")
    ]


def test_cancel_session_marks_it_and_emails_the_registered(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=3)
    awa = PersonFactory(name="Awa")
    services.register(session=session, person=awa)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=session)

    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.CANCELLED, 1)
    assert [(m.to, m.subject.split(" :")[0]) for m in mail.outbox] == [
        ([awa.email], "Séance annulée")
    ]


def test_expected_participants_of_an_open_format_are_the_cohort_audience():
    cohort = CohortFactory()
    fellow = PersonFactory(name="Awa", fellow=True, cohort=cohort)
    PersonFactory(name="Bao", project_owner=True, cohort=cohort)
    PersonFactory(name="Chloé", fellow=True)  # another cohort
    session = SessionFactory(cohort=cohort, format=FormatFactory(open=True))

    assert services.expected_participants(session) == [fellow]


def test_expected_participants_of_a_challenge_session_are_its_team():
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    awa = PersonFactory(name="Awa", fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=awa, challenge=challenge)
    PersonFactory(name="Bao", fellow=True, cohort=cohort)  # other team
    session = SessionFactory(cohort=cohort, format=FormatFactory(open=True), challenge=challenge)

    assert services.expected_participants(session) == [awa]


def test_expected_participants_with_registration_are_the_registered():
    session = SessionFactory()
    awa = RegistrationFactory(session=session, person=PersonFactory(name="Awa")).person
    RegistrationFactory(session=session, waitlisted=True)
    RegistrationFactory(session=session, status=RegistrationStatus.CANCELLED)

    assert services.expected_participants(session) == [awa]


def test_record_all_present_marks_every_expected_person():
    session = SessionFactory(past=True)
    people = [RegistrationFactory(session=session).person for _ in range(3)]

    count = services.record_all_present(session=session)

    assert count == 3
    assert set(
        Attendance.objects.filter(session=session, is_present=True).values_list(
            "person_id", flat=True
        )
    ) == {p.pk for p in people}


def test_record_attendance_before_the_session_is_refused():
    with pytest.raises(services.ProgramError, match="commencée"):
        services.record_attendance(
            session=SessionFactory(), person=PersonFactory(), is_present=True
        )


def test_give_feedback_by_a_participant_is_recorded_and_updated():
    session = SessionFactory(past=True)
    person = RegistrationFactory(session=session).person
    services.give_feedback(session=session, person=person, rating=3, comment="Bien")

    feedback = services.give_feedback(session=session, person=person, rating=5, comment=" Top ")

    assert (feedback.rating, feedback.comment, session.feedbacks.count()) == (5, "Top", 1)


def test_give_feedback_by_a_stranger_is_refused():
    session = SessionFactory(past=True)

    with pytest.raises(services.ProgramError, match="participant"):
        services.give_feedback(session=session, person=PersonFactory(), rating=4, comment="")


def test_give_feedback_before_the_session_is_refused():
    session = SessionFactory()
    person = RegistrationFactory(session=session).person

    with pytest.raises(services.ProgramError, match="après"):
        services.give_feedback(session=session, person=person, rating=4, comment="")


def test_renew_feed_changes_the_token():
    person = PersonFactory()
    old = services.feed_of(person=person).token

    assert services.renew_feed(person=person).token != old


def test_send_due_reminders_emails_tomorrows_participants_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = timezone.localtime(now).replace(hour=10, minute=0, second=0, microsecond=0)
    tomorrow += datetime.timedelta(days=1)
    session = SessionFactory(
        starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=1), capacity=5
    )
    RegistrationFactory(session=session)
    SessionFactory(starts_at=tomorrow + datetime.timedelta(days=2))  # later: not reminded

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_due_reminders(now=now)
        second = services.send_due_reminders(now=now)

    assert (first, second, len(mail.outbox)) == (1, 0, 1)
    assert mail.outbox[0].subject.startswith("Rappel : demain")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: the race only exists on PostgreSQL (CI runs it).",
)
@pytest.mark.django_db(transaction=True)
def test_register_under_concurrent_requests_never_overbooks():
    session = SessionFactory(capacity=3)
    people = [PersonFactory() for _ in range(12)]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def attempt(person):
        try:
            barrier.wait()
            services.register(session=session, person=person)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    counts = {
        status: Registration.objects.filter(session=session, status=status).count()
        for status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
    }
    assert counts == {RegistrationStatus.REGISTERED: 3, RegistrationStatus.WAITLISTED: 9}
