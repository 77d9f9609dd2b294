"""Reusable read queries for the directory, with visibility applied.

A person's follow-up (`follow_up_of`) reads the program's attendance and feedback and the groups'
encounters (`grouping.queries.past_groups`): the person page shows it to coaches.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from magellan.core.sorting import name_key
from magellan.grouping.models import Group, Grouping, GroupMember
from magellan.grouping.queries import past_groups
from magellan.program.models import Attendance, Feedback, Session

from . import permissions
from .models import Administration, Challenge, ChallengeMembership, Cohort, CohortRole, Person


def person_of(user: Any) -> Person | None:
    """The directory entry of a user (None for anonymous users and accounts without one), cached per request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_magellan_person"):
        user._magellan_person = Person.objects.filter(user_id=user.pk).first()
    person: Person | None = user._magellan_person
    return person


def _visible_challenges(user: Any, path: str = "") -> Q:
    """The condition on challenges (reached through `path`) that the user may see: hidden ones for members only.

    The one place the list queries apply `permissions.can_view_challenge`'s rule.
    """
    return Q() if permissions.is_member(user) else Q(**{f"{path}is_visible": True})


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People the user may see, with what list pages show prefetched."""
    qs = Person.objects.all()
    if not permissions.is_member(user):
        qs = qs.filter(is_public=True)
    return qs.prefetch_related(
        Prefetch("cohort_roles", queryset=CohortRole.objects.select_related("cohort")),
    )


def challenges_visible_to(user: Any) -> QuerySet[Challenge]:
    """Challenges the user may see, with what list pages show prefetched."""
    qs = Challenge.objects.filter(_visible_challenges(user))
    return qs.select_related("administration").prefetch_related("cohorts", "themes")


def search_challenges(
    qs: QuerySet[Challenge],
    *,
    text: str = "",
    cohort: Cohort | None = None,
    administration: Administration | None = None,
    theme: Any = None,
    expertise: Any = None,
) -> QuerySet[Challenge]:
    """Filter challenges by free text and facets."""
    if text:
        qs = qs.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(administration__name__icontains=text)
            | Q(administration__acronym__icontains=text)
        )
    if cohort is not None:
        qs = qs.filter(cohorts=cohort)
    if administration is not None:
        qs = qs.filter(administration=administration)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if expertise is not None:
        qs = qs.filter(expertises=expertise)
    return qs.distinct()


def search_people(
    qs: QuerySet[Person],
    *,
    text: str = "",
    cohort: Cohort | None = None,
    role: str = "",
    profession: str = "",
) -> QuerySet[Person]:
    """Filter people by free text and facets (role and cohort apply to the same role row)."""
    if text:
        qs = qs.filter(
            Q(name__icontains=text) | Q(job_title__icontains=text) | Q(bio__icontains=text)
        )
    if cohort is not None and role:
        qs = qs.filter(cohort_roles__cohort=cohort, cohort_roles__role=role)
    elif cohort is not None:
        qs = qs.filter(cohort_roles__cohort=cohort)
    elif role:
        qs = qs.filter(cohort_roles__role=role)
    if profession:
        qs = qs.filter(profession=profession)
    return qs.distinct()


def team_of(challenge: Challenge, user: Any) -> list[ChallengeMembership]:
    """A challenge's team, restricted to the people the user may see."""
    qs = challenge.memberships.select_related("person").order_by("role", "person__name")
    if not permissions.is_member(user):
        qs = qs.filter(person__is_public=True)
    return list(qs)


def memberships_visible_to(person: Person, user: Any) -> list[ChallengeMembership]:
    """A person's challenges as the user may see them (the person page, the API), by title."""
    return list(
        person.memberships.filter(_visible_challenges(user, "challenge__"))
        .select_related("challenge__administration")
        .order_by("challenge__title", "role")
    )


def cohorts_with_stats() -> QuerySet[Cohort]:
    """Cohorts with their numbers of challenges and fellows."""
    return Cohort.objects.annotate(
        challenge_count=Count("challenges", distinct=True),
        fellow_count=Count("roles", filter=Q(roles__role="fellow"), distinct=True),
    ).order_by("-number", "variant")


def administrations_with_stats(user: Any) -> QuerySet[Administration]:
    """Administrations with the number of challenges the user may see."""
    return Administration.objects.annotate(
        challenge_count=Count(
            "challenges", filter=_visible_challenges(user, "challenges__"), distinct=True
        )
    ).order_by("name")


def search_administrations(
    qs: QuerySet[Administration], *, text: str = ""
) -> QuerySet[Administration]:
    """Filter administrations by name, acronym or one of their other names."""
    if not text:
        return qs
    return qs.filter(
        Q(name__icontains=text) | Q(acronym__icontains=text) | Q(aliases__name__icontains=text)
    ).distinct()


# A person's follow-up, for coaches (permissions.can_view_follow_up) ---------------------------

ATTENDANCE_LABELS = {
    "present": _("Présent·e"),
    "absent": _("Absent·e"),
    "excused": _("Absence excusée"),
}


@dataclass(frozen=True)
class AttendanceLine:
    session: Session
    state: str  # a key of ATTENDANCE_LABELS

    @property
    def label(self) -> str:
        return str(ATTENDANCE_LABELS[self.state])


@dataclass(frozen=True)
class Encounter:
    person: Person
    times: int


@dataclass(frozen=True)
class FollowUp:
    """What coaches follow of a person: attendance, groups, whom they met in groups, feedback."""

    attendances: list[AttendanceLine]
    groups: list[Group]
    met: list[Encounter]
    feedbacks: list[Feedback]

    def _count(self, state: str) -> int:
        return sum(1 for line in self.attendances if line.state == state)

    @property
    def present(self) -> int:
        return self._count("present")

    @property
    def absent(self) -> int:
        return self._count("absent")

    @property
    def excused(self) -> int:
        return self._count("excused")


def _state(attendance: Attendance) -> str:
    if attendance.is_present:
        return "present"
    return "excused" if attendance.is_excused else "absent"


def _met(person: Person, cohorts: Iterable[Cohort], *, now: datetime.datetime) -> list[Encounter]:
    """Whom the person met in groups: the encounters of `grouping.queries.past_groups`."""
    me = str(person.pk)
    times: Counter[int] = Counter()
    for cohort in cohorts:
        for groups in past_groups(cohort, before=now, now=now):
            if me not in groups:
                continue
            times.update(
                int(pid) for pid, number in groups.items() if number == groups[me] and pid != me
            )
    people = Person.objects.in_bulk(list(times)) if times else {}
    encounters = [Encounter(people[pk], count) for pk, count in times.items() if pk in people]
    return sorted(encounters, key=lambda e: (-e.times, name_key(e.person.name), e.person.pk))


def follow_up_of(person: Person, *, now: datetime.datetime | None = None) -> FollowUp:
    """A person's attendance, groups (drafts too), people met and feedback, newest first."""
    now = now or timezone.now()
    attendances = (
        Attendance.objects.filter(person=person)
        .select_related("session__format", "session__cohort")
        .order_by("-session__starts_at", "-session__pk")
    )
    groups = list(
        # One group per session: the coach's working proposal (grouping.models: `working()`).
        Group.objects.filter(members__person=person, grouping__in=Grouping.objects.working())
        .select_related("grouping__session__format", "grouping__session__cohort")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.select_related("person").order_by("person__name"),
            )
        )
        .order_by("-grouping__session__starts_at", "-grouping__session__pk")
    )
    cohorts = {group.grouping.session.cohort_id: group.grouping.session.cohort for group in groups}
    feedbacks = (
        Feedback.objects.filter(person=person)
        .select_related("session__format")
        .order_by("-session__starts_at", "-session__pk")
    )
    return FollowUp(
        attendances=[AttendanceLine(a.session, _state(a)) for a in attendances],
        groups=groups,
        met=_met(person, cohorts.values(), now=now),
        feedbacks=list(feedbacks),
    )
