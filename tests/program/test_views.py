import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from magellan.program.models import Attendance, RegistrationStatus, Session
from tests.factories import (
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    PhaseFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _detail(session):
    return reverse("program:session_detail", kwargs={"pk": session.pk})


def test_cohort_calendar_queries_do_not_grow_with_sessions(client):
    cohort = CohortFactory()
    client.force_login(PersonFactory(fellow=True, cohort=cohort).user)

    assert_queries_do_not_grow(
        client,
        reverse("program:cohort_calendar", kwargs={"slug": cohort.slug}),
        lambda: SessionFactory(cohort=cohort, facilitators=[PersonFactory()]).display_title,
    )


def test_session_page_queries_do_not_grow_with_participants(client):
    cohort = CohortFactory()
    session = SessionFactory(cohort=cohort)
    client.force_login(PersonFactory(fellow=True, cohort=cohort).user)

    def make():
        session.facilitators.add(PersonFactory())
        return RegistrationFactory(session=session).person.name

    assert_queries_do_not_grow(client, _detail(session), make)


def test_my_sessions_queries_do_not_grow_with_sessions(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    client.force_login(fellow.user)

    def make():
        session = SessionFactory(cohort=cohort)
        RegistrationFactory(session=session, person=fellow)
        return session.display_title

    assert_queries_do_not_grow(client, reverse("program:my_sessions"), make)


def test_cohort_calendar_shows_phases_and_months(client):
    cohort = CohortFactory()
    PhaseFactory(cohort=cohort, fellow_competences="Cartographier les usagers")
    fellow = PersonFactory(fellow=True, cohort=cohort)
    SessionFactory(cohort=cohort, title="Groupe de pairs de mars")
    client.force_login(fellow.user)

    content = client.get(reverse("program:cohort_calendar", kwargs={"slug": cohort.slug})).content

    assert b"Cartographier les usagers" in content
    assert b"Groupe de pairs de mars" in content


def test_session_register_post_registers_the_person(client, django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, capacity=10)
    client.force_login(fellow.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("program:session_register", kwargs={"pk": session.pk}))

    assert response.status_code == 302
    assert list(session.registrations.values_list("person", "status")) == [
        (fellow.pk, RegistrationStatus.REGISTERED)
    ]
    assert [m.to for m in mail.outbox] == [[fellow.email]]


def test_session_page_shows_my_feedback_but_never_others(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True)
    RegistrationFactory(session=session, person=fellow)
    other = RegistrationFactory(session=session).person
    FeedbackFactory(session=session, person=fellow, rating=4, comment="Mon avis à moi")
    FeedbackFactory(session=session, person=other, rating=1, comment="Avis d’un autre")
    client.force_login(fellow.user)

    content = client.get(_detail(session)).content.decode()

    assert "Mon avis à moi" in content
    assert "Avis d’un autre" not in content
    assert "Votre note : 4/5" in content


def test_session_page_for_coaches_shows_the_aggregate_and_the_comments(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True)
    FeedbackFactory(session=session, rating=5, comment="Secret A")
    FeedbackFactory(session=session, rating=2, comment="Secret B")

    client.force_login(coach.user)
    content = client.get(_detail(session)).content.decode()
    assert "Avis : 3,5/5 (2 réponses)" in content
    assert "Secret A" in content
    assert "Secret B" in content

    # The form promises "visible only by you and the coaches": a fellow never reads them.
    client.force_login(fellow.user)
    assert "Secret A" not in client.get(_detail(session)).content.decode()


def test_session_feedback_post_with_bad_rating_shows_errors_and_saves_nothing(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True)
    RegistrationFactory(session=session, person=fellow)
    client.force_login(fellow.user)
    url = reverse("program:session_feedback", kwargs={"pk": session.pk})

    response = client.post(url, {"rating": "9", "comment": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["rating"]
    assert session.feedbacks.count() == 0


def test_session_attendance_all_present_marks_everyone(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True)
    RegistrationFactory.create_batch(3, session=session)
    client.force_login(coach.user)

    client.post(
        reverse("program:session_attendance", kwargs={"pk": session.pk}), {"all_present": "1"}
    )

    assert Attendance.objects.filter(session=session, is_present=True).count() == 3


def test_session_attendance_one_click_marks_one_person_absent(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True)
    person = RegistrationFactory(session=session).person
    client.force_login(coach.user)

    client.post(
        reverse("program:session_attendance", kwargs={"pk": session.pk}),
        {"person": person.pk, "is_present": "0"},
    )

    assert list(session.attendances.values_list("person", "is_present")) == [(person.pk, False)]


def test_attendance_report_gives_rates_per_format_and_person(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    format_ = FormatFactory(name="Groupe de pairs test")
    awa = PersonFactory(name="Awa")
    for present in [True, True, False]:
        session = SessionFactory(cohort=cohort, format=format_, past=True)
        Attendance.objects.create(session=session, person=awa, is_present=present)
    client.force_login(coach.user)

    response = client.get(reverse("program:attendance_report", kwargs={"slug": cohort.slug}))

    assert [(r["label"], r["sessions"], r["rate"]) for r in response.context["by_format"]] == [
        ("Groupe de pairs test", 3, 67)
    ]
    assert [(r["label"], r["present"], r["total"]) for r in response.context["by_person"]] == [
        ("Awa", 2, 3)
    ]


def test_cohort_plan_preview_then_confirm_creates_monthly_sessions(client):
    cohort = CohortFactory(
        start_date=datetime.date(2030, 1, 6), end_date=datetime.date(2030, 4, 30)
    )
    PhaseFactory(
        cohort=cohort, start_date=datetime.date(2030, 1, 6), end_date=datetime.date(2030, 4, 30)
    )
    coach = PersonFactory(coach=True, cohort=cohort)
    peers = FormatFactory(open=True)
    client.force_login(coach.user)
    url = reverse("program:cohort_plan", kwargs={"slug": cohort.slug})
    data = {
        "formats": [peers.pk],
        "rule": "monthly",
        "week": "2",
        "weekday": "1",
        "anchor": "middle",
        "start_time": "14:00",
        "place": "Ségur",
        "online_url": "",
    }

    preview = client.post(url, data)
    assert Session.objects.filter(cohort=cohort).count() == 0
    client.post(url, {**data, "confirm": "1"})

    days = [
        timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M")
        for s in Session.objects.filter(cohort=cohort).order_by("starts_at")
    ]
    assert len(preview.context["planned"]) == 4
    assert days == ["2030-01-08 14:00", "2030-02-12 14:00", "2030-03-12 14:00", "2030-04-09 14:00"]


def test_cohort_plan_confirmed_twice_creates_no_duplicates(client):
    cohort = CohortFactory(
        start_date=datetime.date(2030, 1, 6), end_date=datetime.date(2030, 2, 28)
    )
    coach = PersonFactory(coach=True, cohort=cohort)
    client.force_login(coach.user)
    url = reverse("program:cohort_plan", kwargs={"slug": cohort.slug})
    data = {
        "formats": [FormatFactory().pk],
        "rule": "monthly",
        "week": "-1",
        "weekday": "3",
        "anchor": "middle",
        "start_time": "12:30",
        "confirm": "1",
    }

    client.post(url, data)
    client.post(url, data)

    assert Session.objects.filter(cohort=cohort).count() == 2


def test_session_edit_with_end_before_start_shows_an_error(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(cohort=cohort)
    client.force_login(coach.user)

    response = client.post(
        reverse("program:session_edit", kwargs={"pk": session.pk}),
        {
            "format": session.format.pk,
            "starts_at": "2030-03-12T14:00",
            "ends_at": "2030-03-12T13:00",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["La fin doit être après le début."]
    session.refresh_from_db()
    assert session.sequence == 0


def test_home_shows_the_persons_next_sessions(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, title="Masterclass accessibilité")
    RegistrationFactory(session=session, person=fellow)
    client.force_login(fellow.user)

    content = client.get(reverse("home")).content.decode()

    assert "Masterclass accessibilité" in content


def test_session_cancel_asks_for_confirmation_before_cancelling(client):
    session = SessionFactory()
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)
    url = reverse("program:session_cancel", kwargs={"pk": session.pk})

    page = client.get(url)
    session.refresh_from_db()
    assert page.status_code == 200
    assert session.is_cancelled is False

    response = client.post(url)

    session.refresh_from_db()
    assert response.url == _detail(session)
    assert session.is_cancelled is True


def _upcoming_for(role: str):
    """A person of `role` and their upcoming sessions' titles, soonest first."""
    cohort = CohortFactory()
    person = PersonFactory(**{role: True}, cohort=cohort)
    soon = timezone.now() + datetime.timedelta(days=2)

    def at(days, **kwargs):
        starts_at = soon + datetime.timedelta(days=days)
        return SessionFactory(
            cohort=cohort,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            **kwargs,
        )

    if role == "mentor":
        # Facilitates a fellows' workshop; may register to masterclasses open to mentors.
        at(1, title="Atelier animé", format=FormatFactory(), facilitators=[person])
        masterclass = FormatFactory(audience_roles=["fellow", "mentor"])
        for k in range(2, 5):
            at(k, title=f"Masterclass {k}", format=masterclass)
        at(-4, title="Atelier passé", format=FormatFactory(), facilitators=[person])
        expected = ["Atelier animé", "Masterclass 2", "Masterclass 3", "Masterclass 4"]
    elif role == "fellow":
        at(1, title="Revue du carnet", format=FormatFactory(open=True))
        registered = at(2, title="Permanence où je suis inscrite")
        RegistrationFactory(session=registered, person=person)
        at(3, title="Masterclass ouverte")
        at(
            4,
            title="Séminaire des porteurs",
            format=FormatFactory(audience_roles=["project_owner"]),
        )
        expected = ["Revue du carnet", "Permanence où je suis inscrite", "Masterclass ouverte"]
    else:
        at(
            1,
            title="Séminaire de promotion",
            format=FormatFactory(open=True, audience_roles=["coach"]),
        )
        at(2, title="Atelier animé", format=FormatFactory(), facilitators=[person])
        at(3, title="Masterclass des EIG")
        expected = ["Séminaire de promotion", "Atelier animé"]
    return person, expected


@pytest.mark.parametrize("role", ["mentor", "fellow", "coach"])
def test_home_and_my_sessions_list_the_same_upcoming_sessions(client, role):
    person, expected = _upcoming_for(role)
    client.force_login(person.user)

    home = client.get(reverse("home"))
    mine = client.get(reverse("program:my_sessions"))

    assert [s.display_title for s in mine.context["upcoming"]] == expected
    assert [s.display_title for s in home.context["next_sessions"]] == expected[:3]
    assert home.context["upcoming_count"] == len(expected)


def test_session_page_writes_the_first_of_the_month_1er(client):
    starts_at = timezone.make_aware(datetime.datetime(2027, 1, 1, 10, 0))
    session = SessionFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1))
    client.force_login(PersonFactory(coach=True).user)

    html = client.get(_detail(session)).content.decode()

    assert "vendredi 1er janvier 2027, 10:00 – 11:00" in html


def _register_area(html):
    return html.split("Ma participation", 1)[1].split("Ajouter à mon agenda", 1)[0]


def test_full_session_says_so_before_the_click(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, capacity=2)
    RegistrationFactory(session=session, person=PersonFactory(fellow=True, cohort=cohort))
    client.force_login(fellow.user)

    one_left = _register_area(client.get(_detail(session)).content.decode())
    RegistrationFactory(session=session, person=PersonFactory(fellow=True, cohort=cohort))
    full = _register_area(client.get(_detail(session)).content.decode())

    assert "1 place restante sur 2." in one_left
    assert "M’inscrire</button>" in one_left
    assert "Complet — liste d’attente" in full
    assert "M’inscrire sur la liste d’attente</button>" in full
    assert "M’inscrire</button>" not in full


def test_session_lists_say_full_sessions_are_full(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, capacity=1)
    RegistrationFactory(session=session, person=PersonFactory(fellow=True, cohort=cohort))
    client.force_login(fellow.user)

    html = client.get(reverse("program:cohort_calendar", kwargs={"slug": cohort.slug})).content
    home = client.get(reverse("home")).content.decode()

    assert "Complet — liste d’attente (1 / 1)" in html.decode()
    assert "complet, liste d’attente" in home


def test_past_session_does_not_ask_who_is_coming(client):
    cohort = CohortFactory()
    session = SessionFactory(cohort=cohort, past=True)
    RegistrationFactory(session=session, person=PersonFactory(name="Ada Lovelace", fellow=True))
    client.force_login(PersonFactory(coach=True).user)

    html = client.get(_detail(session)).content.decode()
    upcoming = client.get(_detail(SessionFactory(cohort=cohort))).content.decode()

    assert "Qui vient ?" not in html
    assert "Qui était attendu ?" in html
    assert "1 personne était attendue" in html
    assert "Qui vient ?" in upcoming
