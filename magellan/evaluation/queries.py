"""Reads of the evaluation, with visibility applied, and the rules every page shares: who is in a
challenge's team, which session is a challenge's committee of a phase, when its retrospective
opens, which actions a retrospective carries over and which are late."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from magellan.directory.models import Challenge, ChallengeMembership, Phase, Role
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of
from magellan.program.models import Session, SessionStatus

from .models import OPEN_ACTION_STATUSES, Action, Report, ReportStatus

# The team's members who write its indicators, retrospective and action status; sponsors read.
TEAM_WRITER_ROLES = frozenset({Role.FELLOW, Role.PROJECT_OWNER})
TEAM_ROLES = TEAM_WRITER_ROLES | {Role.SPONSOR}

# The program format whose sessions are the evaluation committees (seeded by the program app).
COMMITTEE_FORMAT_SLUG = "comite-evaluation"


def my_teams(user: Any) -> dict[int, frozenset[str]]:
    """{challenge id: the user's roles in its team} for the teams the user is in, cached on the user."""
    cached = getattr(user, "_evaluation_teams", None)
    if cached is None:
        person = person_of(user)
        teams: dict[int, set[str]] = {}
        if person is not None:
            for challenge_id, role in ChallengeMembership.objects.filter(
                person=person, role__in=TEAM_ROLES
            ).values_list("challenge_id", "role"):
                teams.setdefault(challenge_id, set()).add(role)
        cached = {pk: frozenset(roles) for pk, roles in teams.items()}
        if getattr(user, "is_authenticated", False):
            user._evaluation_teams = cached
    return cached


def team_roles(user: Any, challenge: Challenge) -> frozenset[str]:
    """The user's roles in the challenge's team (empty when not in it)."""
    return my_teams(user).get(challenge.pk, frozenset())


def phases_of(challenge: Challenge) -> list[Phase]:
    """The phases of the challenge's cohorts, in time order (a challenge is usually in one)."""
    return list(
        Phase.objects.filter(cohort__challenges=challenge)
        .select_related("cohort")
        .order_by("start_date", "kind")
    )


def _committees() -> QuerySet[Session]:
    return Session.objects.filter(format__slug=COMMITTEE_FORMAT_SLUG).exclude(
        status=SessionStatus.CANCELLED
    )


def committee_of(challenge: Challenge, phase: Phase) -> Session | None:
    """THE rule of a challenge's committee of a phase: the latest session, not cancelled, of the
    « Comité d’évaluation » format for the challenge, in the phase."""
    return _committees().filter(challenge=challenge, phase=phase).order_by("-starts_at").first()


def committees_of_phase(phase: Phase) -> dict[int, Session]:
    """{challenge id: its committee} for every challenge with a committee in the phase (one query)."""
    found: dict[int, Session] = {}
    for session in (
        _committees().filter(phase=phase, challenge__isnull=False).order_by("starts_at", "pk")
    ):
        found[int(session.challenge_id or 0)] = session  # the latest wins, as in committee_of
    return found


def committees_of_challenge(challenge: Challenge) -> dict[int, Session]:
    """{phase id: the challenge's committee} for each phase that has one (one query)."""
    found: dict[int, Session] = {}
    for session in (
        _committees().filter(challenge=challenge, phase__isnull=False).order_by("starts_at", "pk")
    ):
        found[int(session.phase_id or 0)] = session
    return found


def retrospective_opens_on(committee: Session) -> datetime.date:
    """The day the team's support document opens: `MAGELLAN_RETROSPECTIVE_OPENS_DAYS` before."""
    return timezone.localdate(committee.starts_at) - datetime.timedelta(
        days=settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS
    )


def is_committee_held(committee: Session | None, *, now: datetime.datetime | None = None) -> bool:
    """A committee is held once its session has ended (cancelled ones are never committees)."""
    return committee is not None and committee.ends_at <= (now or timezone.now())


def reports_visible_to(user: Any) -> QuerySet[Report]:
    """Every report for coaches; the published reports of the user's teams for others."""
    reports = Report.objects.select_related("challenge", "phase", "phase__cohort")
    if is_coach(user):
        return reports
    return reports.filter(status=ReportStatus.PUBLISHED, challenge_id__in=list(my_teams(user)))


def late_q(today: datetime.date, prefix: str = "") -> Q:
    """THE rule of a late action: published, not done nor dropped, its due date passed."""
    return Q(
        **{
            f"{prefix}status__in": OPEN_ACTION_STATUSES,
            f"{prefix}due_date__lt": today,
            f"{prefix}report__status": ReportStatus.PUBLISHED,
        }
    )


def is_late(action: Action, today: datetime.date) -> bool:
    """The same rule as `late_q`, on one action already loaded."""
    return action.is_open and action.due_date < today and action.report.is_published


def late_actions(today: datetime.date, *, challenge_ids: Any = None) -> QuerySet[Action]:
    """Late actions, oldest due first (all challenges, or those of `challenge_ids`)."""
    actions = Action.objects.filter(late_q(today)).select_related(
        "report__challenge", "report__phase"
    )
    if challenge_ids is not None:
        actions = actions.filter(report__challenge_id__in=list(challenge_ids))
    return actions.order_by("due_date", "pk")


def carried_actions(
    challenge: Challenge, phase: Phase, retrospective: Any = None
) -> QuerySet[Action]:
    """The actions a phase's retrospective carries over: those of the challenge's published
    reports of earlier phases that are still open, and those its retrospective already reviewed."""
    keep = Q(status__in=OPEN_ACTION_STATUSES)
    if retrospective is not None and retrospective.pk is not None:
        keep |= Q(reviews__retrospective=retrospective)
    return (
        Action.objects.filter(
            keep,
            report__challenge=challenge,
            report__status=ReportStatus.PUBLISHED,
            report__phase__start_date__lt=phase.start_date,
        )
        .select_related("report__phase")
        .distinct()
        .order_by("report__phase__start_date", "position", "pk")
    )
