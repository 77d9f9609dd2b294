import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from magellan.core.dates import format_date
from magellan.program import calendar, services
from magellan.program.models import SessionStatus
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

TODAY = datetime.date(2026, 12, 2)


def test_month_grid_covers_whole_weeks_from_monday():
    weeks = calendar.month_grid(datetime.date(2026, 12, 1), [], today=TODAY)

    assert [len(week) for week in weeks] == [7] * 5
    assert weeks[0][0].date == datetime.date(2026, 11, 30)
    assert weeks[-1][-1].date == datetime.date(2027, 1, 3)
    assert [day.in_period for day in weeks[0]] == [False] + [True] * 6
    assert [day.date for week in weeks for day in week if day.is_today] == [TODAY]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-02", datetime.date(2027, 2, 1)),
        ("2027-13", datetime.date(2026, 12, 1)),
        ("3000-01", datetime.date(2026, 12, 1)),
        ("1899-12", datetime.date(2026, 12, 1)),
        ("x", datetime.date(2026, 12, 1)),
        (None, datetime.date(2026, 12, 1)),
    ],
)
def test_parse_month_falls_back_to_this_month(text, expected):
    assert calendar.parse_month(text, today=TODAY) == expected


def test_parse_week_gives_the_monday():
    assert calendar.parse_week("2026-12-06", today=TODAY) == datetime.date(2026, 11, 30)
    assert calendar.parse_week("nope", today=TODAY) == datetime.date(2026, 11, 30)
    assert calendar.parse_week("9999-12-31", today=TODAY) == datetime.date(2026, 11, 30)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"mois": "9999-12"},
        {"mois": "0001-01"},
        {"vue": "liste", "mois": "9999-12"},
        {"vue": "semaine", "semaine": "9999-12-31"},
        {"vue": "semaine", "semaine": "0001-01-01"},
    ],
)
def test_calendar_at_the_edge_of_the_dates_shows_this_month_instead_of_failing(client, query):
    coach = PersonFactory(coach=True, cohort=CohortFactory())
    client.force_login(coach.user)

    response = client.get(reverse("program:calendar"), query)

    assert response.status_code == 200
    period = response.context["period"]
    assert period["start"] <= timezone.localdate() < period["end"]


def test_add_months_crosses_years():
    assert calendar.add_months(datetime.date(2026, 12, 1), 1) == datetime.date(2027, 1, 1)
    assert calendar.add_months(datetime.date(2026, 1, 1), -1) == datetime.date(2025, 12, 1)


def _month(session):
    return timezone.localtime(session.starts_at).strftime("%Y-%m")


@pytest.mark.django_db
def test_month_view_places_each_session_on_its_day_and_filters_by_format(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    codev = SessionFactory(
        cohort=cohort, title="Codéveloppement", format=FormatFactory(name="Codev")
    )
    SessionFactory(cohort=cohort, title="Masterclass données", starts_at=codev.starts_at)
    client.force_login(coach.user)
    url = reverse("program:calendar")

    response = client.get(url, {"mois": _month(codev)})
    days = [day for week in response.context["weeks"] for day in week if day.sessions]
    assert [(d.date, [s.display_title for s in d.sessions]) for d in days] == [
        (timezone.localdate(codev.starts_at), ["Codéveloppement", "Masterclass données"])
    ]

    response = client.get(url, {"mois": _month(codev), "dispositif": codev.format.slug})
    assert [s.display_title for s in response.context["sessions"]] == ["Codéveloppement"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["promotion", "defi", "animation"])
def test_the_calendar_filters_by_cohort_challenge_and_facilitator(client, field):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort, name="Awa Coach")
    challenge = ChallengeFactory(cohorts=[cohort])
    chosen = SessionFactory(
        cohort=cohort, challenge=challenge, title="La bonne", facilitators=[coach]
    )
    SessionFactory(
        cohort=CohortFactory(),
        challenge=ChallengeFactory(),
        title="Une autre",
        starts_at=chosen.starts_at,
        facilitators=[PersonFactory(coach=True)],
    )
    value = {"promotion": cohort.slug, "defi": challenge.slug, "animation": coach.slug}[field]
    client.force_login(coach.user)

    response = client.get(reverse("program:calendar"), {"mois": _month(chosen), field: value})

    assert [s.display_title for s in response.context["sessions"]] == ["La bonne"]


@pytest.mark.django_db
def test_members_see_only_their_sessions_and_no_conflicts(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    mine = SessionFactory(cohort=cohort, title="Pour les EIG")
    SessionFactory(cohort=CohortFactory(), title="Autre promotion", starts_at=mine.starts_at)
    client.force_login(fellow.user)

    content = client.get(reverse("program:calendar"), {"mois": _month(mine)}).content.decode()

    assert "Pour les EIG" in content
    assert "Autre promotion" not in content


@pytest.mark.django_db
def test_coaches_see_a_facilitator_booked_twice_at_once(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort, name="Awa Coach")
    first = SessionFactory(cohort=cohort, title="Atelier A", facilitators=[coach])
    SessionFactory(
        cohort=CohortFactory(), title="Atelier B", starts_at=first.starts_at, facilitators=[coach]
    )
    client.force_login(coach.user)

    response = client.get(reverse("program:calendar"), {"vue": "liste", "mois": _month(first)})

    (session_a,) = [s for s in response.context["sessions"] if s.pk == first.pk]
    assert len(session_a.conflicts) == 1
    assert session_a.conflicts[0].startswith(
        "Awa Coach anime une autre séance à ce moment : Atelier B"
    )


@pytest.mark.django_db
def test_a_conflict_between_two_challenge_sessions_names_the_other_challenge(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort, name="Awa Coach")
    workshop = FormatFactory(name="Atelier de défi")
    first = SessionFactory(
        cohort=cohort,
        format=workshop,
        challenge=ChallengeFactory(title="Alizé", cohorts=[cohort]),
        facilitators=[coach],
    )
    SessionFactory(
        cohort=cohort,
        format=workshop,
        challenge=ChallengeFactory(title="Boréal", cohorts=[cohort]),
        starts_at=first.starts_at,
        facilitators=[coach],
    )
    client.force_login(coach.user)

    response = client.get(reverse("program:calendar"), {"vue": "liste", "mois": _month(first)})

    (session_a,) = [s for s in response.context["sessions"] if s.pk == first.pk]
    when = format_date(first.starts_at, "l j F Y, H:i")
    assert session_a.conflicts == (
        f"Awa Coach anime une autre séance à ce moment : Atelier de défi · Boréal ({when}).",
    )


@pytest.mark.django_db
def test_month_view_runs_the_same_queries_for_one_or_three_sessions(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    client.force_login(coach.user)
    anchor = SessionFactory(cohort=cohort, title="Point de départ")
    count = iter(range(100))

    def make() -> str:
        title = f"Séance numéro {next(count)}"
        SessionFactory(
            cohort=cohort, title=title, starts_at=anchor.starts_at, facilitators=[PersonFactory()]
        )
        return title

    url = f"{reverse('program:calendar')}?mois={_month(anchor)}"
    assert_queries_do_not_grow(client, url, make)


def _cohort_around_now():
    today = timezone.localdate()
    return CohortFactory(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=120),
    )


@pytest.mark.django_db
def test_a_coach_moves_three_sessions_by_a_week_through_the_service(
    client, django_capture_on_commit_callbacks
):
    cohort = _cohort_around_now()
    coach = PersonFactory(coach=True, cohort=cohort)
    sessions = [SessionFactory(cohort=cohort) for _ in range(3)]
    RegistrationFactory(session=sessions[0])
    client.force_login(coach.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("program:calendar_bulk"),
            {
                "sessions": [s.pk for s in sessions],
                "action": "deplacer",
                "days": "7",
                "next": "/programme/calendrier/?vue=liste",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == "/programme/calendrier/?vue=liste"
    for before in sessions:
        after = type(before).objects.get(pk=before.pk)
        assert after.starts_at - before.starts_at == datetime.timedelta(days=7)
        assert after.ends_at - before.ends_at == datetime.timedelta(days=7)
        assert after.sequence == before.sequence + 1
    assert [message.to for message in mail.outbox] == [
        [sessions[0].registrations.get().person.email]
    ]


@pytest.mark.django_db
def test_a_move_out_of_the_cohort_moves_none_and_says_why(client):
    cohort = _cohort_around_now()
    coach = PersonFactory(coach=True, cohort=cohort)
    near = SessionFactory(cohort=cohort)
    late = SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=110))
    client.force_login(coach.user)

    response = client.post(
        reverse("program:calendar_bulk"),
        {"sessions": [near.pk, late.pk], "action": "deplacer", "days": "30"},
    )

    assert response.status_code == 200
    assert "doit avoir lieu pendant la promotion" in response.content.decode()
    assert type(near).objects.get(pk=near.pk).starts_at == near.starts_at


@pytest.mark.django_db
def test_cancelling_a_selection_needs_a_confirmation(client):
    cohort = _cohort_around_now()
    coach = PersonFactory(coach=True, cohort=cohort)
    sessions = [SessionFactory(cohort=cohort) for _ in range(2)]
    client.force_login(coach.user)
    url = reverse("program:calendar_bulk")
    data = {"sessions": [s.pk for s in sessions], "action": "annuler"}

    response = client.post(url, data)
    assert "Cochez la case pour confirmer" in response.content.decode()
    assert {s.status for s in type(sessions[0]).objects.filter(pk__in=data["sessions"])} == {
        SessionStatus.SCHEDULED
    }

    client.post(url, {**data, "confirm": "on"})
    assert {s.status for s in type(sessions[0]).objects.filter(pk__in=data["sessions"])} == {
        SessionStatus.CANCELLED
    }


@pytest.mark.django_db
def test_bulk_edit_refuses_a_bad_id_and_non_coaches(client):
    cohort = _cohort_around_now()
    session = SessionFactory(cohort=cohort)
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)
    assert client.get(reverse("program:calendar_bulk"), {"sessions": "abc"}).status_code == 400
    assert client.get(reverse("program:calendar_bulk"), {"sessions": "²"}).status_code == 400

    client.force_login(PersonFactory(fellow=True, cohort=cohort).user)
    response = client.post(
        reverse("program:calendar_bulk"),
        {"sessions": [session.pk], "action": "deplacer", "days": "7"},
    )
    assert response.status_code == 403
    assert type(session).objects.get(pk=session.pk).starts_at == session.starts_at


@pytest.mark.django_db
def test_edit_sessions_changes_the_time_keeping_day_and_duration():
    cohort = _cohort_around_now()
    session = SessionFactory(cohort=cohort)
    duration = session.ends_at - session.starts_at

    (after,) = services.edit_sessions(sessions=[session], start_time=datetime.time(14, 0))

    local = timezone.localtime(after.starts_at)
    assert (local.date(), local.time()) == (
        timezone.localdate(session.starts_at),
        datetime.time(14, 0),
    )
    assert after.ends_at - after.starts_at == duration


@pytest.mark.django_db
def test_cancelling_a_selection_with_one_already_cancelled_cancels_none():
    cohort = _cohort_around_now()
    first = SessionFactory(cohort=cohort)
    already = SessionFactory(cohort=cohort, cancelled=True)

    with pytest.raises(services.ProgramError, match="déjà annulée"):
        services.cancel_sessions(sessions=[first, already])

    first.refresh_from_db()
    assert (first.status, first.sequence) == (SessionStatus.SCHEDULED, 0)
