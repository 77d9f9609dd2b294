"""Reads of the values, with visibility applied, and the figures the pages and the indicator
share: a challenge's statuses phase by phase with their history, and the cohort dashboard
(challenges × values, counts by phase, what changed this month), each at a constant number of
queries."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from magellan.directory.models import Challenge, Cohort, Phase
from magellan.directory.permissions import is_coach
from magellan.evaluation.queries import my_teams, phases_of

from .models import Dataset, Declarations, Status, Value, ValueStatus, ValueStatusChange

# The statuses counted in the dashboard, in reading order (a missing status is « not started »).
STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.NOT_APPLICABLE)


def challenges_visible_to(user: Any) -> QuerySet[Challenge]:
    """Every challenge for coaches; the user's teams' challenges for others."""
    if is_coach(user):
        return Challenge.objects.all()
    return Challenge.objects.filter(pk__in=list(my_teams(user)))


def values_visible_to(user: Any) -> QuerySet[ValueStatus]:
    """The value statuses of the challenges the user may read."""
    statuses = ValueStatus.objects.select_related("challenge", "phase", "phase__cohort")
    if is_coach(user):
        return statuses
    return statuses.filter(challenge_id__in=list(my_teams(user)))


def datasets_visible_to(user: Any) -> QuerySet[Dataset]:
    """The datasets of the challenges the user may read."""
    datasets = Dataset.objects.select_related("challenge")
    if is_coach(user):
        return datasets
    return datasets.filter(challenge_id__in=list(my_teams(user)))


def status_of(found: ValueStatus | None) -> str:
    """THE rule of a value without a recorded status: not started."""
    return found.status if found is not None else Status.NOT_STARTED


@dataclass
class Cell:
    phase: Phase
    record: ValueStatus | None

    @property
    def status(self) -> str:
        return status_of(self.record)

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def comment(self) -> str:
        return self.record.comment if self.record is not None else ""


@dataclass
class ValueRow:
    value: Value
    cells: list[Cell]
    # Every change of the value, in any phase, latest first.
    history: list[ValueStatusChange] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.value.label)


def challenge_values(challenge: Challenge) -> tuple[list[Phase], list[ValueRow]]:
    """The challenge's phases and, per value, its status in each phase and its history (3 queries)."""
    phases = phases_of(challenge)
    records = {
        (record.phase_id, record.value): record
        for record in ValueStatus.objects.filter(challenge=challenge)
        .select_related("updated_by", "phase")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=ValueStatusChange.objects.select_related("changed_by").order_by(
                    "-changed_at", "-pk"
                ),
            )
        )
    }
    phase_by_id = {phase.pk: phase for phase in phases}
    rows = []
    for value in Value:
        cells = [Cell(phase=phase, record=records.get((phase.pk, value.value))) for phase in phases]
        history = [
            change
            for record in records.values()
            if record.value == value.value and record.phase_id in phase_by_id
            for change in record.changes.all()
        ]
        history.sort(key=lambda change: (change.changed_at, change.pk), reverse=True)
        rows.append(ValueRow(value=value, cells=cells, history=history))
    return phases, rows


def declarations_of(challenge: Challenge) -> Declarations | None:
    return Declarations.objects.filter(challenge=challenge).select_related("updated_by").first()


def datasets_of(challenge: Challenge) -> list[Dataset]:
    return list(Dataset.objects.filter(challenge=challenge).order_by("title", "pk"))


def default_phase(phases: list[Phase], today: datetime.date) -> Phase | None:
    """The phase under way today, else the latest one started, else the first one."""
    for phase in phases:
        if phase.start_date <= today <= phase.end_date:
            return phase
    started = [phase for phase in phases if phase.start_date <= today]
    if started:
        return started[-1]
    return phases[0] if phases else None


@dataclass
class MatrixRow:
    challenge: Challenge
    cells: list[tuple[Value, Status]]  # (value, status) in Value order


@dataclass
class PhaseCounts:
    phase: Phase
    # Per value: [(status, label, count)] in STATUS_ORDER.
    values: list[tuple[Value, list[tuple[str, str, int]]]]


@dataclass
class CohortMatrix:
    cohort: Cohort
    phase: Phase
    rows: list[MatrixRow]
    counts: list[PhaseCounts]
    changes: list[ValueStatusChange]
    month_start: datetime.date


def count_statuses(statuses: Iterable[str], total: int) -> Counter[str]:
    """Count the statuses of `total` challenges (those without a status are not started)."""
    counts: Counter[str] = Counter(statuses)
    counts[Status.NOT_STARTED] += total - sum(counts.values())
    return counts


def cohort_matrix(cohort: Cohort, phase: Phase, *, today: datetime.date) -> CohortMatrix:
    """The cohort's challenges × values in the phase, the counts of every phase, and what changed
    since the first day of `today`'s month (4 queries, whatever the number of challenges)."""
    challenges = list(cohort.challenges.order_by("title", "pk"))
    phases = list(cohort.phases.order_by("kind"))
    statuses: dict[tuple[int, int, str], str] = {
        (challenge_id, phase_id, value): status
        for challenge_id, phase_id, value, status in ValueStatus.objects.filter(
            phase__cohort=cohort, challenge__cohorts=cohort
        ).values_list("challenge_id", "phase_id", "value", "status")
    }
    rows = [
        MatrixRow(
            challenge=challenge,
            cells=[
                (
                    value,
                    Status(statuses.get((challenge.pk, phase.pk, value.value), Status.NOT_STARTED)),
                )
                for value in Value
            ],
        )
        for challenge in challenges
    ]
    challenge_ids = {challenge.pk for challenge in challenges}
    counts = []
    for other in phases:
        per_value = []
        for value in Value:
            found = count_statuses(
                (
                    status
                    for (challenge_id, phase_id, name), status in statuses.items()
                    if phase_id == other.pk
                    and name == value.value
                    and challenge_id in challenge_ids
                ),
                len(challenges),
            )
            per_value.append(
                (value, [(s.value, str(s.label), found[s.value]) for s in STATUS_ORDER])
            )
        counts.append(PhaseCounts(phase=other, values=per_value))
    month_start = today.replace(day=1)
    since = timezone.make_aware(datetime.datetime.combine(month_start, datetime.time.min))
    changes = list(
        ValueStatusChange.objects.filter(
            value_status__phase__cohort=cohort,
            value_status__challenge__cohorts=cohort,
            changed_at__gte=since,
        )
        .select_related("value_status__challenge", "value_status__phase", "changed_by")
        .order_by("-changed_at", "-pk")
    )
    return CohortMatrix(
        cohort=cohort,
        phase=phase,
        rows=rows,
        counts=counts,
        changes=changes,
        month_start=month_start,
    )


# --- Code repositories and their health checks (views/repositories.py) ----------------------


def repositories_of(challenge: Challenge) -> list[Any]:
    """The challenge's repositories, each with `latest` (its latest check, or None): two queries
    whatever their number."""
    from django.db.models import OuterRef, Subquery

    from .models import HealthCheck, Repository

    latest = HealthCheck.objects.filter(repository=OuterRef("pk")).order_by("-created_at", "-pk")
    repositories = list(
        Repository.objects.filter(challenge=challenge)
        .annotate(latest_id=Subquery(latest.values("pk")[:1]))
        .order_by("url")
    )
    ids = [r.latest_id for r in repositories if r.latest_id is not None]
    checks = HealthCheck.objects.in_bulk(ids) if ids else {}
    for repository in repositories:
        repository.latest = checks.get(repository.latest_id)  # type: ignore[attr-defined]
    return repositories


def checks_of(repository: Any) -> list[Any]:
    """The repository's checks, latest first (the first is the one its page details), each with
    `requester` (the person who asked; None for the weekly re-check or an account without one) and `met_count`."""
    from .models import HealthCheck

    checks = list(
        HealthCheck.objects.filter(repository=repository)
        .select_related("requested_by__person", "job")
        .order_by("-created_at", "-pk")
    )
    for check in checks:
        user = check.requested_by
        person = getattr(user, "person", None) if user is not None else None
        check.requester = person  # type: ignore[attr-defined]
        check.met_count = sum(1 for result in check.results if result.get("ok"))  # type: ignore[attr-defined]
    return checks
