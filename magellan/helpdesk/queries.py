"""Reads of the help desk, with visibility applied, and the coaches' figures.

One rule decides who sees a request (`visibility`): its author, the members of its challenge's
team, its assigned helpers, and the coaches; nobody else. `requests_visible_to` applies it to
lists and `permissions.can_view_request` to one request.

Helpers who opted in also see the *queue* (`queue_for`): new requests nobody took yet, in their
expertises, as subject, expertises, urgency and age only; they read the rest once they take it.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from magellan.directory.models import Challenge, ChallengeMembership, Cohort, Person, Role
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from .models import (
    OPEN_STATUSES,
    Assignment,
    Attachment,
    Comment,
    HelperProfile,
    HelpRequest,
    RequestSession,
    Status,
    TimelineEvent,
    Urgency,
)

# "urgent" sorts after "normal": descending puts the urgent requests first.
URGENT_FIRST = ("-urgency",)
assert sorted(Urgency.values)[-1] == Urgency.URGENT  # noqa: S101 - the ordering above relies on it


def visibility(user: Any) -> Q | None:
    """The condition on requests that `user` may see (None: none at all). The one rule."""
    if is_coach(user):
        return Q()
    person = person_of(user)
    if person is None:
        return None
    teams = ChallengeMembership.objects.filter(person=person).values("challenge_id")
    assigned = Assignment.objects.filter(helper=person).values("request_id")
    return Q(author=person) | Q(challenge__in=teams) | Q(pk__in=assigned)


def requests_visible_to(user: Any) -> QuerySet[HelpRequest]:
    """The requests `user` may see (author, their challenge's team, assigned helpers, coaches)."""
    condition = visibility(user)
    if condition is None:
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(condition)


def team_ids(request: HelpRequest) -> set[int]:
    """The author's side of a request: its author and its challenge's team."""
    ids = {request.author_id}
    if request.challenge_id:
        ids |= set(
            ChallengeMembership.objects.filter(challenge_id=request.challenge_id).values_list(
                "person_id", flat=True
            )
        )
    return ids


def helper_ids(request: HelpRequest) -> set[int]:
    return set(request.assignments.values_list("helper_id", flat=True))


def with_list_data(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    """What a list of requests shows, in a fixed number of queries."""
    return requests.select_related("author", "challenge", "cohort").prefetch_related(
        "expertises",
        Prefetch("assignments", queryset=Assignment.objects.select_related("helper")),
    )


def with_detail_data(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return with_list_data(requests).select_related("filed_by", "origin_type")


def comments_of(request: HelpRequest) -> QuerySet[Comment]:
    return request.comments.select_related("author__person").order_by("created_at", "pk")


def events_of(request: HelpRequest) -> QuerySet[TimelineEvent]:
    return request.events.select_related("actor__person").order_by("created_at", "pk")


def attachments_of(request: HelpRequest) -> QuerySet[Attachment]:
    return request.attachments.select_related("uploaded_by").order_by("created_at", "pk")


def sessions_of(request: HelpRequest) -> QuerySet[RequestSession]:
    return (
        request.request_sessions.select_related("session__format")
        .prefetch_related("session__facilitators")
        .order_by("session__starts_at")
    )


def current_challenge(person: Person) -> Challenge | None:
    """The challenge a person works on now: of their team in a current cohort, else their latest."""
    challenges = Challenge.objects.filter(memberships__person=person).distinct()
    today = timezone.localdate()
    current = challenges.filter(cohorts__start_date__lte=today, cohorts__end_date__gte=today)
    return (
        current.order_by("-cohorts__number", "pk").first()
        or challenges.order_by("-cohorts__number", "pk").first()
    )


def cohort_for(person: Person, challenge: Challenge | None) -> Cohort | None:
    """The cohort a request belongs to: its challenge's current (else latest) cohort, else the
    author's."""
    if challenge is not None:
        cohorts = challenge.cohorts.all()
    else:
        cohorts = Cohort.objects.filter(roles__person=person).distinct()
    return cohorts.current().order_by("-number").first() or cohorts.order_by("-number").first()


def active_profile(person: Person | None) -> HelperProfile | None:
    if person is None:
        return None
    return HelperProfile.objects.filter(person=person, is_active=True).first()


def _unassigned() -> Any:
    return ~Exists(Assignment.objects.filter(request=OuterRef("pk")))


def queue_for(person: Person) -> QuerySet[HelpRequest]:
    """New requests nobody took yet, in the helper's expertises (or with none stated), that the
    helper is not on the author's side of; urgent first, then the oldest. Empty for non-helpers."""
    profile = active_profile(person)
    if profile is None:
        return HelpRequest.objects.none()
    own_teams = ChallengeMembership.objects.filter(person=person).values("challenge_id")
    expertise_ids = profile.expertises.values("pk")
    return (
        HelpRequest.objects.filter(_unassigned(), status=Status.NEW)
        .filter(Q(expertises__in=expertise_ids) | Q(expertises=None))
        .exclude(author=person)
        .exclude(challenge__in=own_teams)
        .distinct()
        .select_related("cohort")
        .prefetch_related("expertises")
        .order_by(*URGENT_FIRST, "created_at", "pk")
    )


def my_requests(person: Person) -> dict[str, list[HelpRequest]]:
    """A person's requests: those they asked, their team's, and those they help with."""
    teams = ChallengeMembership.objects.filter(person=person).values("challenge_id")
    asked = HelpRequest.objects.filter(author=person)
    team = HelpRequest.objects.filter(challenge__in=teams).exclude(author=person)
    helped = HelpRequest.objects.filter(assignments__helper=person)
    return {
        "asked": list(with_list_data(asked).order_by("-created_at", "-pk")),
        "team": list(with_list_data(team).order_by("-created_at", "-pk")),
        "helped": list(with_list_data(helped).order_by("-created_at", "-pk")),
    }


def open_requests_of(person: Person) -> QuerySet[HelpRequest]:
    """The open requests a person asked or helps with, the most recently changed first."""
    requests = HelpRequest.objects.filter(
        Q(author=person) | Q(assignments__helper=person), status__in=OPEN_STATUSES
    ).distinct()
    return with_list_data(requests).order_by("-updated_at", "-pk")


def coach_queue(
    *,
    cohort: Cohort | None = None,
    expertise: Any = None,
    status: str = "",
) -> QuerySet[HelpRequest]:
    """The coaches' queue: unassigned first, urgent first, then the oldest. Open requests by
    default (`status`: one status, or "all")."""
    requests = HelpRequest.objects.all()
    if status == "all":
        pass
    elif status:
        requests = requests.filter(status=status)
    else:
        requests = requests.filter(status__in=OPEN_STATUSES)
    if cohort is not None:
        requests = requests.filter(cohort=cohort)
    if expertise is not None:
        requests = requests.filter(expertises=expertise)
    return (
        with_list_data(requests)
        .annotate(is_unassigned=_unassigned())
        .order_by("-is_unassigned", *URGENT_FIRST, "created_at", "pk")
    )


# --- Figures ---------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile of values (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float | None:
    """The median (the mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Figures:
    """Times in hours: to the first response and to resolution (median, 90th percentile)."""

    label: str
    count: int
    open_count: int
    stale_count: int
    response_median: float | None
    response_p90: float | None
    resolution_median: float | None
    resolution_p90: float | None


def _hours(start: datetime.datetime, end: datetime.datetime | None) -> float | None:
    if end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 3600)


def _figures(
    label: str, rows: Iterable[dict[str, Any]], stale_before: datetime.datetime
) -> Figures:
    rows = list(rows)
    responses = [
        h for r in rows if (h := _hours(r["created_at"], r["first_response_at"])) is not None
    ]
    resolutions = [h for r in rows if (h := _hours(r["created_at"], r["resolved_at"])) is not None]
    open_rows = [r for r in rows if r["status"] in OPEN_STATUSES]
    return Figures(
        label=label,
        count=len(rows),
        open_count=len(open_rows),
        stale_count=sum(1 for r in open_rows if r["created_at"] < stale_before),
        response_median=median(responses),
        response_p90=percentile(responses, 0.9),
        resolution_median=median(resolutions),
        resolution_p90=percentile(resolutions, 0.9),
    )


def figures(*, now: datetime.datetime | None = None) -> dict[str, list[Figures]]:
    """The figures per cohort and per expertise (two queries), for the coaches' queue page."""
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(days=settings.MAGELLAN_HELPDESK_STALE_DAYS)
    fields = ("pk", "created_at", "first_response_at", "resolved_at", "status")
    rows = list(
        HelpRequest.objects.exclude(status=Status.WITHDRAWN).values(
            *fields, "cohort_id", "cohort__number", "cohort__variant"
        )
    )
    by_cohort: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["cohort_id"] is not None:
            by_cohort[(row["cohort__number"], row["cohort__variant"])].append(row)
    cohorts = [
        _figures(
            str(Cohort(number=number, variant=variant)), by_cohort[(number, variant)], stale_before
        )
        for number, variant in sorted(by_cohort, reverse=True)
    ]
    by_pk = {row["pk"]: row for row in rows}
    by_expertise: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pk, name in HelpRequest.expertises.through.objects.filter(
        helprequest_id__in=by_pk
    ).values_list("helprequest_id", "expertise__name"):
        by_expertise[name].append(by_pk[pk])
    expertises = [_figures(name, by_expertise[name], stale_before) for name in sorted(by_expertise)]
    total = [_figures("", rows, stale_before)]
    return {"total": total, "cohorts": cohorts, "expertises": expertises}


def helpers_with_stats() -> QuerySet[HelperProfile]:
    """Helper profiles for the coaches' page, with expertises and their current load."""
    from django.db.models import Count

    return (
        HelperProfile.objects.select_related("person")
        .prefetch_related("expertises")
        .annotate(
            load=Count(
                "person__help_assignments",
                filter=Q(person__help_assignments__request__status__in=OPEN_STATUSES),
                distinct=True,
            ),
            resolved=Count(
                "person__help_assignments",
                filter=Q(person__help_assignments__request__resolved_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("person__name", "pk")
    )


def helper_candidates() -> QuerySet[Person]:
    """People a coach may add as helpers (everyone without a profile yet), by name."""
    return Person.objects.filter(helper_profile__isnull=True).order_by("name", "pk")


def coaches_of(cohort: Cohort | None) -> QuerySet[Person]:
    """The coaches of a cohort (all coaches when there is none), with an account."""
    people = Person.objects.filter(cohort_roles__role=Role.COACH, user__isnull=False)
    if cohort is not None:
        people = people.filter(cohort_roles__cohort=cohort)
    return people.select_related("user").distinct()
