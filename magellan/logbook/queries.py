"""Reads of the logbook, with who may read what applied (`entries_visible_to`) and what each page
needs loaded in a fixed number of queries."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from magellan.directory.models import Cohort, CohortRole, Person, Phase, Role
from magellan.directory.queries import person_of
from magellan.mentoring.models import Cycle, CycleStatus
from magellan.mentoring.queries import fellow_cohort

from .models import Entry, EntryNeed, Level, Rating, Staying

# The smallest group the trends page shows an aggregate for: fewer people could be recognised.
MIN_GROUP = 5

__all__ = ["MIN_GROUP", "fellow_cohort"]


def month_start(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month: how an entry's month is stored."""
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def phase_for(cohort: Cohort, month: datetime.date, today: datetime.date) -> Phase | None:
    """The phase a month's entry assesses: the one running at the month's end (or today, for the
    month under way), else the latest begun by then, else the first."""
    moment = min(month_end(month), today)
    phases = list(Phase.objects.filter(cohort=cohort).order_by("start_date", "kind"))
    for phase in phases:
        if phase.start_date <= moment <= phase.end_date:
            return phase
    begun = [phase for phase in phases if phase.start_date <= moment]
    if begun:
        return begun[-1]
    return phases[0] if phases else None


def competences_of(phase: Phase | None) -> list[str]:
    """A phase's fellow competences: one a line, blank lines and duplicates dropped."""
    if phase is None:
        return []
    seen: dict[str, None] = {}
    for line in phase.fellow_competences.splitlines():
        text = " ".join(line.strip(" -*•\t").split())[:300]
        if text:
            seen.setdefault(text, None)
    return list(seen)


def current_mentor(person: Person) -> Person | None:
    """The mentor of the fellow's current mentoring cycle (the latest, if several are open)."""
    cycle = (
        Cycle.objects.filter(mentees=person, status=CycleStatus.IN_PROGRESS)
        .select_related("mentor")
        .order_by("-created_at", "-pk")
        .first()
    )
    return cycle.mentor if cycle is not None else None


def coached_cohort_ids(user: Any) -> set[int] | None:
    """The cohorts whose logbooks a user reads as a coach; None for staff (every cohort)."""
    if getattr(user, "is_staff", False):
        return None
    person = person_of(user)
    if person is None:
        return set()
    return set(
        CohortRole.objects.filter(person=person, role=Role.COACH).values_list(
            "cohort_id", flat=True
        )
    )


def _needs() -> QuerySet[EntryNeed]:
    return EntryNeed.objects.select_related("help_request", "mentoring_need").order_by(
        "position", "pk"
    )


def with_entry_data(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    return entries.select_related("person", "cohort", "phase", "shared_with").prefetch_related(
        Prefetch("ratings", queryset=Rating.objects.order_by("position", "pk")),
        Prefetch("needs", queryset=_needs()),
    )


def entries_visible_to(user: Any) -> QuerySet[Entry]:
    """The entries a user may read: their own, those shared with them, and as a coach their
    cohorts' (staff: all)."""
    if not getattr(user, "is_authenticated", False):
        return Entry.objects.none()
    cohorts = coached_cohort_ids(user)
    if cohorts is None:
        return Entry.objects.all()
    person = person_of(user)
    rule = Q(cohort_id__in=cohorts)
    if person is not None:
        rule |= Q(person=person) | Q(shared_with=person)
    return Entry.objects.filter(rule)


def entries_of(person: Person) -> QuerySet[Entry]:
    """A fellow's whole logbook, the latest month first."""
    return with_entry_data(Entry.objects.filter(person=person)).order_by("-month", "-pk")


def previous_entry(entry: Entry) -> Entry | None:
    """The fellow's entry before this one (its goals are the ones this entry looks back on)."""
    return (
        Entry.objects.filter(person_id=entry.person_id, month__lt=entry.month)
        .order_by("-month")
        .first()
    )


# --- The coaches' overview -------------------------------------------------------------------


@dataclass
class FellowMonths:
    person: Person
    months: list[tuple[datetime.date, Entry | None]] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(1 for _month, entry in self.months if entry is not None)


def cohort_months(cohort: Cohort, today: datetime.date) -> list[datetime.date]:
    """The months of a cohort up to this one (its start's month to its end's, never the future)."""
    if cohort.start_date is None:
        return [month_start(today)]
    last = month_start(min(cohort.end_date or today, today))
    month = month_start(cohort.start_date)
    months = []
    while month <= last:
        months.append(month)
        month = month_end(month) + datetime.timedelta(days=1)
    return months


def fellows_overview(
    cohort: Cohort, today: datetime.date
) -> tuple[list[datetime.date], list[FellowMonths]]:
    """Per fellow of the cohort, which months are written (two queries, whatever the size)."""
    months = cohort_months(cohort, today)
    fellows = Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW)
    fellows = fellows.distinct().order_by("name", "pk")
    written: dict[int, dict[datetime.date, Entry]] = defaultdict(dict)
    for entry in Entry.objects.filter(cohort=cohort).only(
        "pk", "person_id", "month", "shared_with_id"
    ):
        written[entry.person_id][entry.month] = entry
    return months, [
        FellowMonths(person=p, months=[(m, written[p.pk].get(m)) for m in months]) for p in fellows
    ]


# --- Cohort trends: aggregates only ----------------------------------------------------------


def shown(count: int) -> bool:
    """THE rule of the trends page: an aggregate is shown only over at least MIN_GROUP fellows."""
    return count >= MIN_GROUP


@dataclass
class LevelRow:
    competence: str
    people: int
    levels: list[int]  # how many ratings per level, Level order (never who)

    @property
    def is_shown(self) -> bool:
        return shown(self.people)


@dataclass
class PhaseTrend:
    phase: Phase
    rows: list[LevelRow]


@dataclass
class StayingTrend:
    people: int
    counts: dict[str, int]

    @property
    def is_shown(self) -> bool:
        return shown(self.people)

    @property
    def share_yes(self) -> int:
        return round(100 * self.counts.get(Staying.YES, 0) / self.people) if self.people else 0

    def rows(self) -> list[tuple[str, int, int]]:
        return (
            [
                (
                    str(label),
                    self.counts.get(value, 0),
                    round(100 * self.counts.get(value, 0) / self.people),
                )
                for value, label in Staying.choices
            ]
            if self.people
            else []
        )


def cohort_trends(cohort: Cohort) -> tuple[list[PhaseTrend], StayingTrend]:
    """Competence levels by phase (each fellow's latest rating of a competence in that phase) and
    the fellows' latest answer on staying in public service; counts only, never a text."""
    phases = list(Phase.objects.filter(cohort=cohort).order_by("kind"))
    latest: dict[tuple[int, str, int], tuple[datetime.date, int]] = {}
    ratings = Rating.objects.filter(entry__cohort=cohort, entry__phase__isnull=False).values_list(
        "entry__phase_id", "competence", "entry__person_id", "entry__month", "level"
    )
    for phase_id, competence, person_id, month, level in ratings:
        key = (phase_id, competence, person_id)
        if key not in latest or latest[key][0] < month:
            latest[key] = (month, level)
    per_competence: dict[tuple[int, str], Counter[int]] = defaultdict(Counter)
    for (phase_id, competence, _person_id), (_month, level) in latest.items():
        per_competence[(phase_id, competence)][level] += 1
    trends = []
    for phase in phases:
        rows = [
            LevelRow(
                competence=competence,
                people=sum(counter.values()),
                levels=[counter.get(level, 0) for level in Level.values],
            )
            for (phase_id, competence), counter in sorted(per_competence.items())
            if phase_id == phase.pk
        ]
        trends.append(PhaseTrend(phase=phase, rows=rows))
    answers: dict[int, tuple[datetime.date, str]] = {}
    for person_id, month, staying in (
        Entry.objects.filter(cohort=cohort)
        .exclude(staying="")
        .values_list("person_id", "month", "staying")
    ):
        if person_id not in answers or answers[person_id][0] < month:
            answers[person_id] = (month, staying)
    counts = Counter(staying for _month, staying in answers.values())
    return trends, StayingTrend(people=len(answers), counts=dict(counts))
