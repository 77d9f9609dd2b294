"""Time every registered indicator on ten cohorts of sixty fellows with a year of data each.

    .venv/bin/python benchmarks/indicators.py [--cohorts 10] [--fellows 60]

Builds the data on a fresh SQLite file in a temporary folder (or on PostgreSQL when POSTGRES_DB is
set: use a scratch database): per cohort, four phases, teams of four fellows with bulletins most
weeks, a session a week (five formats) with every fellow's attendance and half of them giving
feedback, published groups of five at every other session, help requests answered and resolved,
mentoring cycles, value statuses for every team and phase, and follow-up survey invitations and
answers for the past cohorts. Prints the time and queries of each indicator's `compute` + `plot`
for all cohorts side by side, their total (target: under one second), and the coaches' page.
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2027, 1, 15)


def build(cohort_count: int, fellow_count: int, seed: int) -> None:
    """The synthetic programme, written with bulk inserts."""
    from django.utils import timezone

    from magellan.bulletins import weeks
    from magellan.bulletins.models import Bulletin
    from magellan.directory.models import (
        Administration,
        Challenge,
        ChallengeMembership,
        Cohort,
        CohortRole,
        Expertise,
        Person,
        Phase,
        PhaseKind,
        Role,
    )
    from magellan.grouping.models import Group, Grouping, GroupingKind, GroupingStatus, GroupMember
    from magellan.helpdesk.models import HelpRequest, Status
    from magellan.mentoring.models import Cycle, CycleStatus, Need
    from magellan.program.models import Attendance, Feedback, Format, Session

    rng = random.Random(seed)  # noqa: S311 - synthetic data
    tz = timezone.get_current_timezone()
    administration = Administration.objects.create(name="Administration fictive", slug="adm")
    formats = [
        Format.objects.create(name=name, slug=f"format-{i}", position=i)
        for i, name in enumerate(
            ("Séminaire", "Atelier", "Groupe de partage", "Formation", "Comité"), start=1
        )
    ]
    mentor = Person.objects.create(name="Marraine fictive", slug="marraine")
    expertise = Expertise.objects.create(name="Produit", slug="produit")
    person_number = 0
    for c in range(cohort_count):
        start = datetime.date(2017 + c - max(cohort_count - 10, 0), 9, 1)
        end = start + datetime.timedelta(days=300)
        cohort = Cohort.objects.create(
            number=c + 1, slug=f"promotion-{c + 1}", start_date=start, end_date=end
        )
        phases = Phase.objects.bulk_create(
            Phase(
                cohort=cohort,
                kind=kind,
                start_date=start + datetime.timedelta(days=75 * (kind - 1)),
                end_date=min(start + datetime.timedelta(days=75 * kind - 1), end),
            )
            for kind in PhaseKind.values
        )
        fellows = Person.objects.bulk_create(
            Person(name=f"EIG {person_number + i}", slug=f"eig-{person_number + i}")
            for i in range(fellow_count)
        )
        person_number += fellow_count
        CohortRole.objects.bulk_create(
            CohortRole(person=p, cohort=cohort, role=Role.FELLOW) for p in fellows
        )
        teams = []
        for t in range(0, fellow_count, 4):
            challenge = Challenge.objects.create(
                title=f"Défi {c + 1}-{t // 4}",
                slug=f"defi-{c + 1}-{t // 4}",
                administration=administration,
            )
            challenge.cohorts.add(cohort)
            ChallengeMembership.objects.bulk_create(
                ChallengeMembership(person=p, challenge=challenge, role=Role.FELLOW)
                for p in fellows[t : t + 4]
            )
            teams.append((challenge, fellows[t]))
        sessions = []
        for w in range(42):
            day = start + datetime.timedelta(days=7 * w + 1)
            phase = next((p for p in phases if p.start_date <= day <= p.end_date), None)
            starts = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=tz)
            sessions.append(
                Session(
                    cohort=cohort,
                    format=formats[w % len(formats)],
                    phase=phase,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                )
            )
        sessions = Session.objects.bulk_create(sessions)
        Attendance.objects.bulk_create(
            Attendance(session=s, person=p, is_present=present, is_excused=not present and excused)
            for s in sessions
            for p in fellows
            for present, excused in [(rng.random() < 0.85, rng.random() < 0.5)]
        )
        Feedback.objects.bulk_create(
            Feedback(session=s, person=p, rating=rng.randint(2, 5))
            for s in sessions
            for p in fellows
            if rng.random() < 0.5
        )
        for s in sessions[::2]:
            grouping = Grouping.objects.create(
                session=s,
                kind=GroupingKind.DIVERSE,
                status=GroupingStatus.PUBLISHED,
                published_at=s.starts_at,
            )
            order = rng.sample(fellows, len(fellows))
            groups = Group.objects.bulk_create(
                Group(grouping=grouping, number=g + 1) for g in range(len(order) // 5)
            )
            GroupMember.objects.bulk_create(
                GroupMember(grouping=grouping, group=groups[i // 5 % len(groups)], person=p)
                for i, p in enumerate(order)
            )
        requests = HelpRequest.objects.bulk_create(
            HelpRequest(
                author=rng.choice(fellows),
                cohort=cohort,
                subject=f"Demande {c}-{r}",
                description="-",
                status=Status.RESOLVED if r % 3 else Status.NEW,
            )
            for r in range(40)
        )
        for r, request in enumerate(requests):
            created = datetime.datetime.combine(
                start + datetime.timedelta(days=7 * r), datetime.time(10), tzinfo=tz
            )
            request.created_at = created
            request.first_response_at = created + datetime.timedelta(hours=rng.randint(1, 72))
            request.resolved_at = (
                created + datetime.timedelta(hours=rng.randint(72, 500)) if r % 3 else None
            )
        HelpRequest.objects.bulk_update(
            requests, ["created_at", "first_response_at", "resolved_at"]
        )
        needs = Need.objects.bulk_create(
            Need(
                cohort=cohort, person=p, main_expertise=expertise, description="-", status="matched"
            )
            for p in fellows[:20]
        )
        Cycle.objects.bulk_create(
            Cycle(
                need=n,
                mentor=mentor,
                status=CycleStatus.COMPLETED if i % 4 else CycleStatus.IN_PROGRESS,
            )
            for i, n in enumerate(needs)
        )
        Bulletin.objects.bulk_create(
            Bulletin(
                challenge=challenge,
                cohort=cohort,
                iso_year=week[0],
                iso_week=week[1],
                mood=rng.randint(1, 4),
                priority="-",
                author=author,
                last_editor=author,
            )
            for challenge, author in teams
            for week in weeks.weeks_between(start, end)
            if rng.random() < 0.8
        )
        _values_and_surveys(cohort, phases, teams, fellows, rng)


def _values_and_surveys(
    cohort: Any, phases: list[Any], teams: list[Any], fellows: list[Any], rng: random.Random
) -> None:
    """Every team's value statuses per phase; the end-of-programme survey of a past cohort."""
    import hashlib

    from magellan.indicators.models import SurveyAnswer, SurveyInvitation, Wave
    from magellan.values.models import Status as ValueState
    from magellan.values.models import Value, ValueStatus

    ValueStatus.objects.bulk_create(
        ValueStatus(
            challenge=challenge,
            phase=phase,
            value=value,
            status=rng.choice([ValueState.NOT_STARTED, ValueState.IN_PROGRESS, ValueState.DONE]),
        )
        for challenge, _author in teams
        for phase in phases
        for value in Value.values
    )
    if cohort.end_date >= TODAY:
        return
    sent = datetime.datetime.combine(cohort.end_date, datetime.time(9), tzinfo=datetime.UTC)
    invitations = SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            person=p,
            cohort=cohort,
            wave=Wave.END,
            token_hash=hashlib.sha256(f"{cohort.pk}-{p.pk}".encode()).hexdigest(),
            sent_at=sent,
            sent_count=1,
            expires_at=sent + datetime.timedelta(days=30),
            answered_at=sent + datetime.timedelta(days=3),
        )
        for p in fellows
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(invitation=i, employment=rng.choice(["same_administration", "left"]))
        for i in invitations[: len(invitations) * 3 // 4]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohorts", type=int, default=10)
    parser.add_argument("--fellows", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="magellan-bench-"))
    os.environ.setdefault("SQLITE_PATH", str(folder / "bench.sqlite3"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from magellan.indicators import registry

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        build(args.cohorts, args.fellows, args.seed)
    print(
        f"data: {args.cohorts} cohorts x {args.fellows} fellows built in "
        f"{time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    filters = registry.Filters(today=TODAY)
    total_seconds, total_queries = 0.0, 0
    for indicator in registry.all_indicators():
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            table = indicator.compute(filters)
            indicator.plot(table)
            seconds = time.perf_counter() - started
        total_seconds += seconds
        total_queries += len(queries)
        print(
            f"  {indicator.slug:<32} {seconds * 1000:7.1f} ms {len(queries):3d} queries "
            f"{len(table.rows):4d} rows"
        )
    print(
        f"every indicator ({len(registry.all_indicators())}): {total_seconds:.3f} s, "
        f"{total_queries} queries (target: under 1 s)"
    )
    _time_page()


def _time_page() -> None:
    """The coaches' page with every indicator, all cohorts side by side, as a staff account."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(
        get_user_model().objects.create_user(
            email="bench@example.test", password=None, is_staff=True
        )
    )
    client.get(reverse("indicators:list"))  # a first render fills the caches
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(reverse("indicators:list"))
        seconds = time.perf_counter() - started
    print(
        f"the coaches' page /indicateurs/: {seconds:.3f} s, {len(queries)} queries, "
        f"status {response.status_code}, {len(response.content) // 1024} KB"
    )


if __name__ == "__main__":
    main()
