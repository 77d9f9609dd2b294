"""The year planner: working hours, conflicts and the duplicate check (issue 7, items 1–3)."""

import datetime
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from magellan.program import services
from magellan.program.models import GroupingMode, Session
from magellan.program.planning import PhaseAnchor, PlanRule
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    PhaseFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TUESDAY, THURSDAY = 1, 3


def _cohort_2030():
    cohort = CohortFactory(
        start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 4, 30)
    )
    PhaseFactory(
        cohort=cohort, start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 4, 30)
    )
    return cohort


def _local(item):
    return timezone.localtime(item.starts_at, PARIS).strftime("%a %Y-%m-%d %H:%M")


def _preview(cohort, formats, **kwargs):
    options = {
        "rule": PlanRule.MONTHLY,
        "weekday": TUESDAY,
        "week": 2,
        "anchor": PhaseAnchor.MIDDLE,
        "start_time": datetime.time(14, 0),
    }
    options.update(kwargs)
    return services.preview_plan(cohort=cohort, formats=formats, **options)


# --- Item 1: working hours -----------------------------------------------------------------


def test_per_challenge_sessions_stay_in_working_hours_and_spill_to_the_next_working_day():
    cohort = _cohort_2030()
    for n in range(15):
        ChallengeFactory(title=f"Défi {n:02d}", cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=90)

    planned = _preview(
        cohort,
        [committee],
        rule=PlanRule.PER_PHASE,
        weekday=THURSDAY,
        anchor=PhaseAnchor.START,
        start_time=datetime.time(9, 30),
    )

    assert [_local(p) for p in planned] == [
        "Thu 2030-01-10 09:30",
        "Thu 2030-01-10 11:00",
        "Thu 2030-01-10 12:30",
        "Thu 2030-01-10 14:00",
        "Thu 2030-01-10 15:30",
        "Fri 2030-01-11 09:00",
        "Fri 2030-01-11 10:30",
        "Fri 2030-01-11 12:00",
        "Fri 2030-01-11 13:30",
        "Fri 2030-01-11 15:00",
        "Fri 2030-01-11 16:30",
        "Mon 2030-01-14 09:00",
        "Mon 2030-01-14 10:30",
        "Mon 2030-01-14 12:00",
        "Mon 2030-01-14 13:30",
    ]
    assert [p.challenge.title for p in planned] == [f"Défi {n:02d}" for n in range(15)]


def test_working_hours_come_from_the_settings(settings):
    settings.MAGELLAN_WORKDAY_START = "08:00"
    settings.MAGELLAN_WORKDAY_END = "12:00"
    cohort = _cohort_2030()
    for n in range(3):
        ChallengeFactory(title=f"Défi {n}", cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=120)

    planned = _preview(
        cohort,
        [committee],
        rule=PlanRule.PER_PHASE,
        weekday=THURSDAY,
        anchor=PhaseAnchor.START,
        start_time=datetime.time(9, 0),
    )

    assert [_local(p) for p in planned] == [
        "Thu 2030-01-10 09:00",
        "Fri 2030-01-11 08:00",
        "Fri 2030-01-11 10:00",
    ]


def test_a_start_time_after_working_hours_moves_to_the_next_working_day():
    cohort = _cohort_2030()
    workshop = FormatFactory(duration_minutes=90)

    planned = _preview(
        cohort,
        [workshop],
        rule=PlanRule.PER_PHASE,
        weekday=4,
        anchor=PhaseAnchor.START,
        start_time=datetime.time(17, 30),
    )

    assert [_local(p) for p in planned] == ["Mon 2030-01-14 09:00"]


def test_a_slot_spilled_past_the_cohorts_end_is_refused_and_not_created():
    cohort = _cohort_2030()  # ends on Tuesday 30 April 2030
    for n in range(7):
        ChallengeFactory(title=f"Défi {n:02d}", cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=90)

    planned = _preview(
        cohort,
        [committee],
        rule=PlanRule.PER_PHASE,
        weekday=TUESDAY,
        anchor=PhaseAnchor.END,
        start_time=datetime.time(9, 30),
    )

    assert [(_local(p), p.refusal is None) for p in planned] == [
        ("Tue 2030-04-30 09:30", True),
        ("Tue 2030-04-30 11:00", True),
        ("Tue 2030-04-30 12:30", True),
        ("Tue 2030-04-30 14:00", True),
        ("Tue 2030-04-30 15:30", True),
        # Wednesday 1 May is a public holiday: the spill goes to Thursday 2 May.
        ("Thu 2030-05-02 09:00", False),
        ("Thu 2030-05-02 10:30", False),
    ]
    assert "pendant la promotion" in planned[-1].refusal
    created = services.create_planned_sessions(cohort=cohort, planned=planned)
    assert len(created) == 5
    assert max(s.starts_at for s in Session.objects.filter(cohort=cohort)).date() == (
        datetime.date(2030, 4, 30)
    )


def test_the_preview_page_says_which_slots_fall_after_the_cohort_and_counts_the_others(client):
    cohort = _cohort_2030()
    for n in range(7):
        ChallengeFactory(title=f"Défi {n:02d}", cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=90)
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)

    response = client.post(
        reverse("program:cohort_plan", kwargs={"slug": cohort.slug}),
        {
            "formats": [committee.pk],
            "rule": "per_phase",
            "week": "1",
            "weekday": str(TUESDAY),
            "anchor": "end",
            "start_time": "09:30",
        },
    )

    page = response.content.decode()
    assert page.count("Non créée") == 2
    assert "Créer 5 séances" in page


def test_a_slot_spilled_into_the_next_phase_belongs_to_that_phase():
    cohort = CohortFactory(
        start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 4, 30)
    )
    first = PhaseFactory(
        cohort=cohort, start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 1, 10)
    )
    second = PhaseFactory(
        cohort=cohort,
        kind=first.kind + 1,
        start_date=datetime.date(2030, 1, 11),
        end_date=datetime.date(2030, 4, 30),
    )
    for n in range(7):
        ChallengeFactory(title=f"Défi {n:02d}", cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=90)

    planned = _preview(
        cohort,
        [committee],
        rule=PlanRule.PER_PHASE,
        weekday=THURSDAY,
        anchor=PhaseAnchor.START,
        start_time=datetime.time(9, 30),
    )

    thursday_10 = [p.phase for p in planned if p.starts_at.date() == datetime.date(2030, 1, 10)]
    friday_11 = [p.phase for p in planned if p.starts_at.date() == datetime.date(2030, 1, 11)]
    assert (set(thursday_10), set(friday_11)) == ({first}, {second})


# --- Item 2: conflicts ---------------------------------------------------------------------


def test_preview_warns_when_formats_are_stacked_in_the_same_slot(client):
    cohort = _cohort_2030()
    formats = [FormatFactory(name=f"Format {n}") for n in range(3)]
    coach = PersonFactory(coach=True, cohort=cohort)
    client.force_login(coach.user)

    response = client.post(
        reverse("program:cohort_plan", kwargs={"slug": cohort.slug}),
        {
            "formats": [f.pk for f in formats],
            "rule": "monthly",
            "week": "2",
            "weekday": "1",
            "anchor": "middle",
            "start_time": "14:00",
        },
    )

    planned = response.context["planned"]
    first = [p for p in planned if _local(p) == "Tue 2030-01-08 14:00"]
    assert len(first) == 3
    by_format = {p.format.name: p.warnings for p in first}
    assert by_format["Format 0"] == (
        "La promotion a une autre séance à ce moment : Format 1 (mardi 8 janvier 2030, 14:00).",
        "La promotion a une autre séance à ce moment : Format 2 (mardi 8 janvier 2030, 14:00).",
    )
    assert "La promotion a une autre séance à ce moment" in response.content.decode()


def test_preview_warns_about_an_existing_session_of_the_cohort_at_the_same_time():
    cohort = _cohort_2030()
    other = FormatFactory(name="Séminaire")
    SessionFactory(
        cohort=cohort,
        format=other,
        starts_at=datetime.datetime(2030, 1, 8, 15, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2030, 1, 8, 16, 0, tzinfo=PARIS),
    )
    workshop = FormatFactory()

    planned = _preview(cohort, [workshop])

    assert planned[0].warnings == (
        "La promotion a une autre séance à ce moment : Séminaire (mardi 8 janvier 2030, 15:00).",
    )
    assert [p.warnings for p in planned[1:]] == [(), (), ()]


def test_sessions_of_two_different_challenges_at_the_same_time_do_not_conflict():
    cohort = _cohort_2030()
    first, second = ChallengeFactory(cohorts=[cohort]), ChallengeFactory(cohorts=[cohort])
    start = datetime.datetime(2030, 1, 8, 14, 0, tzinfo=PARIS)
    SessionFactory(cohort=cohort, challenge=first, starts_at=start)
    session = SessionFactory(cohort=cohort, challenge=second, starts_at=start)

    from magellan.program import queries

    assert queries.conflicts_for([queries.Slot.of(session)]) == [()]


def test_a_cancelled_session_at_the_same_time_is_no_conflict():
    cohort = _cohort_2030()
    start = datetime.datetime(2030, 1, 8, 14, 0, tzinfo=PARIS)
    SessionFactory(cohort=cohort, starts_at=start, cancelled=True)
    session = SessionFactory(cohort=cohort, starts_at=start)

    from magellan.program import queries

    assert queries.conflicts_for([queries.Slot.of(session)]) == [()]


def test_facilitators_of_two_cohorts_at_the_same_time_conflict_only_when_shared():
    start = datetime.datetime(2030, 1, 8, 14, 0, tzinfo=PARIS)
    awa = PersonFactory(coach=True, name="Awa Coach")
    bao = PersonFactory(coach=True, name="Bao Coach")
    SessionFactory(starts_at=start, facilitators=[awa], format=FormatFactory(name="Atelier A"))
    session = SessionFactory(starts_at=start, facilitators=[awa, bao])

    from magellan.program import queries

    [warnings] = queries.conflicts_for([queries.Slot.of(session)])
    assert [w.split(" : ")[0] for w in warnings] == ["Awa Coach anime une autre séance à ce moment"]


def test_session_form_warns_when_a_facilitator_already_facilitates_at_that_time(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort, name="Camille Coach")
    other_cohort = CohortFactory()
    start = (timezone.now() + datetime.timedelta(days=5)).replace(second=0, microsecond=0)
    busy = SessionFactory(
        cohort=other_cohort,
        format=FormatFactory(name="Atelier code"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        facilitators=[coach],
    )
    fmt = FormatFactory()
    client.force_login(coach.user)
    local = timezone.localtime(start + datetime.timedelta(minutes=30))

    response = client.post(
        reverse("program:session_create", kwargs={"slug": cohort.slug}),
        {
            "format": fmt.pk,
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (local + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Ségur",
            "facilitators": [coach.pk],
        },
    )

    assert response.status_code == 302
    assert Session.objects.filter(cohort=cohort).count() == 1
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith("Camille Coach anime une autre séance à ce moment : Atelier code")
    assert busy.pk


def test_session_edit_without_conflict_shows_no_warning(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, facilitators=[coach])
    SessionFactory(
        cohort=cohort,
        starts_at=session.ends_at,
        ends_at=session.ends_at + datetime.timedelta(hours=1),
        facilitators=[coach],
    )
    client.force_login(coach.user)
    local = timezone.localtime(session.starts_at)

    response = client.post(
        reverse("program:session_edit", kwargs={"pk": session.pk}),
        {
            "format": session.format.pk,
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "place": "Ségur",
            "facilitators": [coach.pk],
        },
    )

    assert response.status_code == 302
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []


# --- Item 3: duplicates and past dates ------------------------------------------------------


def test_the_same_plan_on_another_weekday_recognises_the_existing_sessions(client):
    cohort = _cohort_2030()
    coach = PersonFactory(coach=True, cohort=cohort)
    workshop = FormatFactory()
    client.force_login(coach.user)
    url = reverse("program:cohort_plan", kwargs={"slug": cohort.slug})
    data = {
        "formats": [workshop.pk],
        "rule": "monthly",
        "week": "2",
        "weekday": "1",
        "anchor": "middle",
        "start_time": "14:00",
    }
    client.post(url, {**data, "confirm": "1"})
    assert Session.objects.filter(cohort=cohort).count() == 4

    response = client.post(url, {**data, "weekday": "3"})
    client.post(url, {**data, "weekday": "3", "confirm": "1"})

    assert [p.exists for p in response.context["planned"]] == [True, True, True, True]
    assert response.context["new_count"] == 0
    assert Session.objects.filter(cohort=cohort).count() == 4


def test_per_phase_recognises_a_session_of_the_same_phase_and_challenge():
    cohort = CohortFactory(
        start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 6, 30)
    )
    PhaseFactory(
        cohort=cohort, start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 3, 31)
    )
    PhaseFactory(
        cohort=cohort,
        kind=2,
        start_date=datetime.date(2030, 4, 1),
        end_date=datetime.date(2030, 6, 30),
    )
    challenge = ChallengeFactory(cohorts=[cohort])
    other = ChallengeFactory(cohorts=[cohort])
    committee = FormatFactory(grouping_mode=GroupingMode.PER_CHALLENGE, duration_minutes=240)
    SessionFactory(
        cohort=cohort,
        format=committee,
        challenge=challenge,
        starts_at=datetime.datetime(2030, 2, 1, 10, 0, tzinfo=PARIS),
    )

    planned = _preview(
        cohort, [committee], rule=PlanRule.PER_PHASE, weekday=TUESDAY, anchor=PhaseAnchor.START
    )

    assert [
        (p.starts_at.date().isoformat(), p.challenge == challenge, p.exists) for p in planned
    ] == [
        ("2030-01-08", True, True),
        ("2030-01-08", False, False),
        ("2030-04-02", True, False),
        ("2030-04-02", False, False),
    ]
    assert other


def test_the_plan_never_proposes_past_dates():
    today = timezone.localdate()
    cohort = CohortFactory(
        start_date=today - datetime.timedelta(days=200),
        end_date=today + datetime.timedelta(days=200),
    )
    workshop = FormatFactory()

    planned = _preview(cohort, [workshop])

    assert planned
    assert all(p.starts_at > timezone.now() for p in planned)
    assert planned[0].starts_at - timezone.now() < datetime.timedelta(days=40)
    assert len(planned) in (6, 7)
