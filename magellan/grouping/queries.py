"""Reusable reads for groups: participants as the engine sees them, past encounters, my group."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from magellan.core.sorting import name_key
from magellan.directory.models import ChallengeMembership, Cohort, Person, Role
from magellan.program.models import Attendance, Format, GroupingMode, Session, SessionStatus

from .models import Group, Grouping, GroupingStatus, GroupMember, next_seed
from .problems import Participant

FORMING_MODES = (GroupingMode.DIVERSE, GroupingMode.PEER_BY_PROFESSION)


def forms_groups(session: Session) -> bool:
    """Whether the session's format forms groups (sharing groups or peer groups)."""
    return session.format.grouping_mode in FORMING_MODES


def participants_of(people: Iterable[Person], *, cohort: Cohort) -> list[Participant]:
    """People as the engine sees them: profession, challenge in the cohort and its administration.

    One query for all the challenges; a person in two challenges of the cohort (rare) keeps the
    first by title. The order of `people` is kept.
    """
    people = list(people)
    memberships = (
        ChallengeMembership.objects.filter(
            person__in=[p.pk for p in people], challenge__cohorts=cohort
        )
        .select_related("challenge__administration")
        .order_by("challenge__title", "pk")
    )
    challenge_of: dict[int, Any] = {}
    for membership in memberships:
        challenge_of.setdefault(membership.person_id, membership.challenge)
    participants = []
    for person in people:
        challenge = challenge_of.get(person.pk)
        administration = challenge.administration if challenge is not None else None
        participants.append(
            Participant(
                id=str(person.pk),
                name=person.name,
                profession=person.profession,
                administration=administration.name if administration is not None else "",
                challenge=challenge.slug if challenge is not None else "",
                gender=person.gender,
            )
        )
    return participants


def remaining_sessions(cohort: Cohort, format: Format, *, after: Any) -> list[Session]:
    """The format's scheduled sessions of the cohort still to come."""
    return list(
        Session.objects.filter(
            cohort=cohort, format=format, status=SessionStatus.SCHEDULED, starts_at__gt=after
        )
        .select_related("format", "cohort")
        .order_by("starts_at", "pk")
    )


def past_groups(
    cohort: Cohort, *, before: Any, now: Any = None, kind: str = ""
) -> list[dict[str, int]]:
    """Groups of the cohort's sessions before `before`, oldest first (person id → group number).

    Sessions that already took place count with their published groups kept to the people marked
    present: the encounters that actually happened. Sessions still to come before `before` count
    with their planned groups in full (the coach's working proposal: a draft where there is one,
    the published groups otherwise): a series is planned as a whole.
    `kind` keeps one kind of groups (sharing groups rotate among sharing groups).
    """
    now = now or timezone.now()
    happened = min(before, now)
    present = set(
        Attendance.objects.filter(
            session__cohort=cohort, session__starts_at__lt=happened, is_present=True
        ).values_list("session_id", "person_id")
    )
    members = (
        GroupMember.objects.filter(
            grouping__session__cohort=cohort, grouping__session__starts_at__lt=before
        )
        .filter(
            Q(grouping__session__starts_at__lt=happened, grouping__status=GroupingStatus.PUBLISHED)
            | Q(
                grouping__session__starts_at__gte=happened,
                grouping__in=Grouping.objects.working(),
            )
        )
        .filter(**({"grouping__kind": kind} if kind else {}))
        .exclude(grouping__session__status=SessionStatus.CANCELLED)
        .order_by("grouping__session__starts_at", "grouping__session_id")
        .values_list(
            "grouping__session_id",
            "grouping__session__starts_at",
            "grouping__status",
            "person_id",
            "group__number",
        )
    )
    sessions: dict[int, dict[str, int]] = {}
    for session_id, starts_at, status, person_id, number in members:
        took_place = starts_at < happened
        attended = status == GroupingStatus.PUBLISHED and (session_id, person_id) in present
        if took_place and not attended:
            continue
        sessions.setdefault(session_id, {})[str(person_id)] = number
    return [groups for groups in sessions.values() if len(groups) > 1]


@dataclass(frozen=True)
class PersonEncounters:
    person: Person
    sessions: int
    met: int


@dataclass(frozen=True)
class CohortEncounters:
    """How much of the cohort has met in groups: pairs met, and each person's count."""

    people: tuple[PersonEncounters, ...]
    sessions: int
    pairs: int
    pairs_met: int
    pairs_met_twice: int

    @property
    def pairs_met_pct(self) -> float:
        return 100.0 * self.pairs_met / self.pairs if self.pairs else 0.0


def cohort_encounters(cohort: Cohort, *, before: Any, people: Sequence[Person]) -> CohortEncounters:
    """Encounters among `people` in the cohort's past, attended, published groups."""
    ids = {str(p.pk) for p in people}
    history = past_groups(cohort, before=before, now=before)
    times: dict[frozenset[str], int] = defaultdict(int)
    attended: dict[str, int] = defaultdict(int)
    for groups in history:
        by_group: dict[int, list[str]] = defaultdict(list)
        for pid, number in groups.items():
            if pid in ids:
                by_group[number].append(pid)
                attended[pid] += 1
        for members in by_group.values():
            for a, b in combinations(sorted(members), 2):
                times[frozenset((a, b))] += 1
    met: dict[str, int] = defaultdict(int)
    for pair in times:
        for pid in pair:
            met[pid] += 1
    rows = sorted(
        (PersonEncounters(p, attended[str(p.pk)], met[str(p.pk)]) for p in people),
        key=lambda row: (row.met, name_key(row.person.name), row.person.pk),
    )
    n = len(people)
    return CohortEncounters(
        people=tuple(rows),
        sessions=len(history),
        pairs=n * (n - 1) // 2,
        pairs_met=len(times),
        pairs_met_twice=sum(1 for count in times.values() if count > 1),
    )


def with_members(groupings: QuerySet[Grouping]) -> QuerySet[Grouping]:
    """Groupings with their groups and members (people) prefetched."""
    return groupings.select_related("session__format", "session__cohort").prefetch_related(
        Prefetch(
            "groups",
            queryset=Group.objects.order_by("number").prefetch_related(
                Prefetch(
                    "members",
                    queryset=GroupMember.objects.select_related("person").order_by("person__name"),
                )
            ),
        )
    )


def working_grouping(session: Session) -> Grouping | None:
    """The coach's proposal for a session (its draft, or its published groups), with members."""
    return with_members(Grouping.objects.working().filter(session=session)).first()


def published_grouping(session: Session) -> Grouping | None:
    """The groups participants see at a session, with members, or None."""
    return with_members(Grouping.objects.published().filter(session=session)).first()


def my_group(session: Session, person: Person | None) -> Group | None:
    """The person's group at a session, only once the groups are published."""
    if person is None:
        return None
    return (
        Group.objects.filter(
            grouping__in=Grouping.objects.published().filter(session=session),
            members__person=person,
        )
        .prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.select_related("person").order_by("person__name"),
            )
        )
        .first()
    )


def _with_grouping(sessions: QuerySet[Session]) -> list[Session]:
    """Sessions with `grouping_or_none` (the coach's working proposal, or None, with its
    `group_count`) and `has_published` (whether participants see groups) set."""
    working = Grouping.objects.working().annotate(group_count=Count("groups"))
    rows: list[Session] = list(
        sessions.select_related("format")
        .annotate(has_published=Exists(Grouping.objects.published().filter(session=OuterRef("pk"))))
        .prefetch_related(Prefetch("groupings", queryset=working, to_attr="working_list"))
        .order_by("starts_at", "pk")
    )
    for session in rows:
        grouping = next(iter(session.working_list), None)  # type: ignore[attr-defined]
        session.grouping_or_none = grouping  # type: ignore[attr-defined]
        session.group_count = grouping.group_count if grouping else 0  # type: ignore[attr-defined]
    return rows


def cohort_group_sessions(cohort: Cohort) -> list[Session]:
    """The cohort's sessions whose format forms groups, with their grouping and its size."""
    return _with_grouping(
        Session.objects.filter(cohort=cohort, format__grouping_mode__in=FORMING_MODES)
    )


def group_formats(cohort: Cohort) -> list[Format]:
    """Formats forming groups that have sessions in the cohort."""
    return list(
        Format.objects.filter(grouping_mode__in=FORMING_MODES, sessions__cohort=cohort)
        .distinct()
        .order_by("position", "name")
    )


def expected_people(session: Session) -> list[Person]:
    """Who the groups are formed from: the registered (or expected) participants, facilitators aside."""
    from magellan.program.queries import expected_participants

    facilitators = set(session.facilitators.values_list("pk", flat=True))
    return [p for p in expected_participants(session) if p.pk not in facilitators]


def series_sessions(cohort: Cohort, format: Format) -> list[Session]:
    """All the format's sessions in the cohort, with their grouping and its number of groups."""
    return _with_grouping(Session.objects.filter(cohort=cohort, format=format))


def cohort_fellows(cohort: Cohort) -> list[Person]:
    """The cohort's fellows, by name: the people whose encounters the coaches follow."""
    return list(
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW)
        .distinct()
        .order_by("name")
    )


def has_published_groups(session: Session) -> bool:
    """Whether participants see groups at the session (re-forming them is confirmed first)."""
    return Grouping.objects.published().filter(session=session).exists()


def next_series_seed(cohort: Cohort, format: Format) -> int:
    """The seed of another proposal for a series: above every seed its sessions used."""
    used = Grouping.objects.filter(session__cohort=cohort, session__format=format).aggregate(
        top=Max("seed")
    )["top"]
    return next_seed(used)
