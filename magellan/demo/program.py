"""Demo data for the program: Promotion 9's planned year, registrations, attendance, feedback.

Deterministic (seeded); sessions before now get attendance and feedback. Called by load_demo().
"""

import datetime
import importlib
import random

from django.utils import timezone

from magellan.directory.models import Cohort, Person, Role
from magellan.program import queries, services
from magellan.program.models import (
    Attendance,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
    Session,
)
from magellan.program.planning import PhaseAnchor, PlanRule

SEED = 20261209
PLACE = "Campus EIG, 20 avenue de Ségur, 75007 Paris"
ONLINE = "https://webinaire.numerique.gouv.fr/eig-demo"
COMMENTS = [
    "Très utile, merci !",
    "Des échanges riches, j’en repars avec des idées concrètes.",
    "Un peu long, mais le format est bon.",
    "J’aurais aimé plus de temps pour les questions.",
    "Parfait pour prendre du recul sur mon défi.",
    "",
]

# (format slug, rule, weekday, week of month, anchor, start time)
PLAN = [
    ("groupe-de-pairs", PlanRule.MONTHLY, 1, 2, PhaseAnchor.MIDDLE, datetime.time(14, 0)),
    ("groupe-de-partage", PlanRule.MONTHLY, 3, 3, PhaseAnchor.MIDDLE, datetime.time(14, 0)),
    ("conference", PlanRule.MONTHLY, 3, -1, PhaseAnchor.MIDDLE, datetime.time(12, 30)),
    ("carnet-de-bord", PlanRule.MONTHLY, 0, 1, PhaseAnchor.MIDDLE, datetime.time(10, 0)),
    ("comite-evaluation", PlanRule.PER_PHASE, 0, 1, PhaseAnchor.END, datetime.time(9, 30)),
    ("atelier-collaboratif", PlanRule.PER_PHASE, 1, 1, PhaseAnchor.START, datetime.time(9, 30)),
    ("seminaire-porteurs", PlanRule.PER_PHASE, 4, 1, PhaseAnchor.MIDDLE, datetime.time(9, 30)),
    ("seminaire-promotion", PlanRule.TWICE_A_YEAR, 0, 1, PhaseAnchor.MIDDLE, datetime.time(9, 0)),
]


def ensure_seeded_formats() -> int:
    """Recreate the seeded formats that are missing (a test database flush removes them); returns how many."""
    seed = importlib.import_module("magellan.program.migrations.0002_seed_formats")
    existing = set(Format.objects.values_list("slug", flat=True))
    missing = [
        Format(**data, position=position)
        for position, data in enumerate(seed.FORMATS, start=1)
        if data["slug"] not in existing
    ]
    Format.objects.bulk_create(missing)
    return len(missing)


def load_program_demo(cohort_slug: str = "promotion-9") -> int:
    """Plan the cohort's year and fill past sessions; returns the number of sessions created."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None or Session.objects.filter(cohort=cohort).exists():
        return 0
    ensure_seeded_formats()
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    coaches = list(
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.COACH).order_by(
            "pk"
        )
    )
    sessions: list[Session] = []
    formats = {f.slug: f for f in Format.objects.filter(slug__in=[row[0] for row in PLAN])}
    for slug, rule, weekday, week, anchor, start_time in PLAN:
        if slug not in formats:  # a coach removed it
            continue
        planned = services.preview_plan(
            cohort=cohort,
            formats=[formats[slug]],
            rule=rule,
            weekday=weekday,
            week=week,
            anchor=anchor,
            start_time=start_time,
            include_past=True,
        )
        sessions += services.create_planned_sessions(
            cohort=cohort, planned=planned, place=PLACE, online_url=ONLINE
        )
    sessions.sort(key=lambda s: (s.starts_at, s.pk))
    _assign_facilitators(sessions, coaches)
    now = timezone.now()
    conferences = [s for s in sessions if s.format.slug == "conference"]
    crowded = next((s for s in conferences if s.starts_at > now), None)
    for number, session in enumerate(conferences, start=1):
        session.title = f"Masterclass n° {number}"
        session.capacity = 30 if session == crowded else 80
        session.save(update_fields=["title", "capacity"])
    for session in sessions:
        if session.format.registration_required:
            _register(session, rng, share=0.35 if session.format.slug == "conference" else 0.7)
        if session.ends_at < now:
            _attend_and_review(session, rng)
    return len(sessions)


def _assign_facilitators(sessions: list[Session], coaches: list[Person]) -> None:
    """Give each session (in time order) a coach, taking turns, never one already busy at that time:
    parallel challenge workshops get different coaches, and those beyond the number of coaches get
    none (a coach adds one), so that the demo calendar shows no facilitator in two places at once."""
    busy: dict[int, list[Session]] = {coach.pk: [] for coach in coaches}
    turn = 0
    for session in sessions:
        for offset in range(len(coaches)):
            coach = coaches[(turn + offset) % len(coaches)]
            if not any(
                other.starts_at < session.ends_at and session.starts_at < other.ends_at
                for other in busy[coach.pk]
            ):
                session.facilitators.add(coach)
                busy[coach.pk].append(session)
                turn = (turn + offset + 1) % len(coaches)
                break


def _register(session: Session, rng: random.Random, *, share: float) -> None:
    audience = list(queries.audience_people(session))
    chosen = [p for p in audience if rng.random() < share]
    registrations = []
    for position, person in enumerate(chosen, start=1):
        is_full = session.capacity is not None and position > session.capacity
        registrations.append(
            Registration(
                session=session,
                person=person,
                position=position,
                status=RegistrationStatus.WAITLISTED if is_full else RegistrationStatus.REGISTERED,
            )
        )
    Registration.objects.bulk_create(registrations)


def _attend_and_review(session: Session, rng: random.Random) -> None:
    people = queries.expected_participants(session)
    attendances = [
        Attendance(session=session, person=p, is_present=rng.random() < 0.85) for p in people
    ]
    Attendance.objects.bulk_create(attendances)
    feedbacks = [
        Feedback(
            session=session,
            person=a.person,
            rating=rng.choice([3, 4, 4, 5, 5]),
            comment=rng.choice(COMMENTS),
        )
        for a in attendances
        if a.is_present and rng.random() < 0.5
    ]
    Feedback.objects.bulk_create(feedbacks)
