"""Reads of the weekly bulletins, with visibility applied.

Who sees a team's bulletins: the team (fellows, project owner, sponsor), the coaches, and the
members of the team's cohort (the weekly news of the other teams, as the programme's tool did).
A help need that its team kept private is shown only to the team and the coaches.
"""

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from magellan.directory.models import (
    Challenge,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Person,
    Role,
)
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from . import weeks
from .models import Bulletin, DigestSubscription
from .weeks import Week

# The team members who write the bulletin (and get the reminders); sponsors read it.
WRITER_ROLES = (Role.FELLOW, Role.PROJECT_OWNER)


def my_challenge_ids(user: Any) -> frozenset[int]:
    """The challenges whose team the user belongs to (any role), cached on the user."""
    cached = getattr(user, "_bulletin_challenges", None)
    if cached is None:
        person = person_of(user)
        cached = frozenset(
            ChallengeMembership.objects.filter(person=person).values_list("challenge_id", flat=True)
            if person is not None
            else ()
        )
        if getattr(user, "is_authenticated", False):
            user._bulletin_challenges = cached
    return cached


def my_cohort_ids(user: Any) -> frozenset[int]:
    """The cohorts where the user holds a role, cached on the user."""
    cached = getattr(user, "_bulletin_cohorts", None)
    if cached is None:
        person = person_of(user)
        cached = frozenset(
            CohortRole.objects.filter(person=person).values_list("cohort_id", flat=True)
            if person is not None
            else ()
        )
        if getattr(user, "is_authenticated", False):
            user._bulletin_cohorts = cached
    return cached


def visibility(user: Any) -> Q | None:
    """The condition on bulletins the user may read (None: all of them)."""
    if is_coach(user):
        return None
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    return Q(challenge_id__in=my_challenge_ids(user)) | Q(cohort_id__in=my_cohort_ids(user))


def bulletins_visible_to(user: Any) -> QuerySet[Bulletin]:
    condition = visibility(user)
    qs = Bulletin.objects.all() if condition is None else Bulletin.objects.filter(condition)
    return with_data(qs)


def with_data(bulletins: QuerySet[Bulletin]) -> QuerySet[Bulletin]:
    """What pages show of each bulletin, without one query per row."""
    return bulletins.select_related("challenge", "cohort", "author", "last_editor", "help_request")


def help_visible(bulletin: Bulletin, *, coach: bool, challenge_ids: Iterable[int]) -> bool:
    """A help need is shown to the team and the coaches; to the cohort unless kept private."""
    return coach or not bulletin.help_is_private or bulletin.challenge_id in challenge_ids


def mark_visibility(
    bulletins: Iterable[Bulletin], *, coach: bool, challenge_ids: Iterable[int]
) -> None:
    """Set on each bulletin what the reader may see of it: `show_help` (its help need) and
    `show_request` (the link to its help request, which the help desk shows only to the team,
    its helpers and the coaches)."""
    challenge_ids = frozenset(challenge_ids)
    for bulletin in bulletins:
        bulletin.show_help = help_visible(  # type: ignore[attr-defined]
            bulletin, coach=coach, challenge_ids=challenge_ids
        )
        bulletin.show_request = coach or bulletin.challenge_id in challenge_ids  # type: ignore[attr-defined]


def writers_of(challenge: Challenge) -> QuerySet[Person]:
    """The team members who write the bulletin and receive its reminders."""
    return (
        Person.objects.filter(memberships__challenge=challenge, memberships__role__in=WRITER_ROLES)
        .distinct()
        .order_by("name", "pk")
    )


def is_writer(person: Person | None, challenge: Challenge) -> bool:
    return (
        person is not None
        and ChallengeMembership.objects.filter(
            person=person, challenge=challenge, role__in=WRITER_ROLES
        ).exists()
    )


def _running_during(week: Week) -> Q:
    """The cohorts running during the week's Monday to Friday."""
    monday = weeks.monday(week)
    return Q(start_date__lte=monday + datetime.timedelta(days=4), end_date__gte=monday)


def cohort_of(challenge: Challenge, week: Week) -> Cohort | None:
    """The challenge's cohort running during the week (the latest one if two overlap)."""
    return challenge.cohorts.filter(_running_during(week)).order_by("-number").first()


def active_teams(week: Week) -> dict[Cohort, list[Challenge]]:
    """The teams that owe a bulletin this week, per cohort: the challenges (with a writer) of the
    cohorts running during the week; a challenge in two running cohorts counts in the latest."""
    cohorts = Cohort.objects.filter(_running_during(week)).order_by("-number", "pk")
    seen: set[int] = set()
    teams: dict[Cohort, list[Challenge]] = {}
    for cohort in cohorts:
        challenges = [c for c in team_challenges(cohort) if c.pk not in seen]
        seen.update(c.pk for c in challenges)
        if challenges:
            teams[cohort] = challenges
    return teams


def team_challenges(cohort: Cohort) -> list[Challenge]:
    """The cohort's teams that write bulletins, by title."""
    has_writer = ChallengeMembership.objects.filter(challenge=OuterRef("pk"), role__in=WRITER_ROLES)
    return list(cohort.challenges.filter(Exists(has_writer)).order_by("title", "pk"))


def week_bulletins(cohort: Cohort, week: Week) -> list[Bulletin]:
    return list(
        with_data(Bulletin.objects.filter(cohort=cohort, iso_year=week[0], iso_week=week[1]))
    )


@dataclass
class Digest:
    """A cohort's week as the digest gives it: help needs first, then the key dates of the coming
    week, one panel per team (shuffled, the same order for everyone that week), the silent teams."""

    cohort: Cohort
    week: Week
    help_needs: list[Bulletin] = field(default_factory=list)
    key_dates: list[Bulletin] = field(default_factory=list)
    panels: list[Bulletin] = field(default_factory=list)
    silent: list[Challenge] = field(default_factory=list)
    private_help_count: int = 0

    @property
    def everyone_wrote(self) -> bool:
        return not self.silent


def shuffled(bulletins: list[Bulletin], *, cohort: Cohort, week: Week) -> list[Bulletin]:
    """The teams' panels in an order drawn from the cohort and the week: fair, and reproducible."""
    ordered = sorted(bulletins, key=lambda b: b.challenge_id)
    # Not a secret: a fair order that everyone sees the same all week.
    random.Random(f"{cohort.pk}-{week[0]}-{week[1]}").shuffle(ordered)  # noqa: S311 - see above
    return ordered


def digest_for(
    cohort: Cohort, week: Week, *, coach: bool, challenge_ids: Iterable[int] = ()
) -> Digest:
    """The digest of a cohort's week, as a reader sees it (`coach`, the reader's teams)."""
    challenge_ids = frozenset(challenge_ids)
    bulletins = week_bulletins(cohort, week)
    digest = Digest(cohort=cohort, week=week)
    for bulletin in sorted(bulletins, key=lambda b: (b.challenge.title, b.pk)):
        if not bulletin.help_needed:
            continue
        if help_visible(bulletin, coach=coach, challenge_ids=challenge_ids):
            digest.help_needs.append(bulletin)
            mark_visibility([bulletin], coach=coach, challenge_ids=challenge_ids)
        else:
            digest.private_help_count += 1
    coming = weeks.next_week(week)
    start = weeks.monday(coming)
    digest.key_dates = list(
        with_data(
            Bulletin.objects.filter(
                cohort=cohort,
                key_date__gte=start,
                key_date__lte=start + datetime.timedelta(days=6),
            )
        ).order_by("key_date", "challenge__title", "pk")
    )
    digest.panels = shuffled(bulletins, cohort=cohort, week=week)
    mark_visibility([*digest.panels, *digest.key_dates], coach=coach, challenge_ids=challenge_ids)
    wrote = {b.challenge_id for b in bulletins}
    digest.silent = [c for c in team_challenges(cohort) if c.pk not in wrote]
    return digest


def team_history(challenge: Challenge, user: Any) -> QuerySet[Bulletin]:
    """A team's bulletins, newest first, as the user may read them."""
    return (
        bulletins_visible_to(user)
        .filter(challenge=challenge)
        .order_by("-iso_year", "-iso_week", "pk")
    )


def digest_recipients(cohort: Cohort) -> list[tuple[Person, bool]]:
    """Who receives a cohort's digest: its coaches, and its members who opted in (with an
    address), each once, with whether they read it as a coach."""
    coaches = list(
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.COACH)
        .exclude(email="")
        .distinct()
        .order_by("name", "pk")
    )
    coach_ids = {p.pk for p in coaches}
    subscribed = (
        Person.objects.filter(
            cohort_roles__cohort=cohort,
            pk__in=DigestSubscription.objects.values("person_id"),
        )
        .exclude(email="")
        .exclude(pk__in=coach_ids)
        .distinct()
        .order_by("name", "pk")
    )
    return [(p, True) for p in coaches] + [(p, False) for p in subscribed]


def mood_series(
    bulletins: Iterable[Bulletin], week_list: list[Week]
) -> list[tuple[Week, float | None, int]]:
    """Per week: the average mood of the bulletins (None when nobody wrote) and how many."""
    by_week: dict[Week, list[int]] = {}
    for bulletin in bulletins:
        by_week.setdefault((bulletin.iso_year, bulletin.iso_week), []).append(bulletin.mood)
    series = []
    for week in week_list:
        moods = by_week.get(week, [])
        series.append((week, round(sum(moods) / len(moods), 2) if moods else None, len(moods)))
    return series


def cohort_weeks(cohort: Cohort, *, today: datetime.date) -> list[Week]:
    """The cohort's weeks so far (from its start to today, or its end if earlier)."""
    if cohort.start_date is None or cohort.start_date > today:
        return []
    last = min(today, cohort.end_date) if cohort.end_date else today
    return weeks.weeks_between(cohort.start_date, last)
