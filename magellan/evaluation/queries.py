"""Reads of the evaluation, with visibility applied, and the rules every page shares: who is in a
challenge's team, which session is a challenge's committee of a phase, when its retrospective
opens, which actions a retrospective carries over and which are late."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from magellan.directory.models import Challenge, ChallengeMembership, Cohort, Phase, Role
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of
from magellan.program.models import Session, SessionStatus

from . import scale
from .models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    Axis,
    Indicator,
    IndicatorValue,
    Report,
    ReportStatus,
    Retrospective,
)

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


def committees() -> QuerySet[Session]:
    """Every evaluation committee (the format's sessions, cancelled ones left out)."""
    return Session.objects.filter(format__slug=COMMITTEE_FORMAT_SLUG).exclude(
        status=SessionStatus.CANCELLED
    )


# A committee in the first days of a phase closes the phase before (see `evaluated_phase`).
SPILL_DAYS = 7


def evaluated_phase(committee: Session, phases: list[Phase]) -> Phase | None:
    """THE rule of which phase a committee evaluates: its session's phase (its date's), unless
    the committee falls in the first `SPILL_DAYS` days of that phase — committees close a phase,
    and the year planner lays a series from the phase's last Monday, whose last ones spill into
    the next phase's first days: those evaluate the phase that just ended."""
    own = next((p for p in phases if p.pk == committee.phase_id), None)
    if own is None:
        return None
    day = timezone.localdate(committee.starts_at)
    if 0 <= (day - own.start_date).days < SPILL_DAYS:
        earlier = [
            p for p in phases if p.cohort_id == own.cohort_id and p.end_date < own.start_date
        ]
        if earlier:
            return max(earlier, key=lambda p: p.end_date)
    return own


def _with_evaluated_phases(sessions: Any, phases: list[Phase]) -> list[Session]:
    """The sessions (oldest first), each with `evaluated_phase` set; those with none left out."""
    found = []
    for session in sessions:
        session.evaluated_phase = evaluated_phase(session, phases)
        if session.evaluated_phase is not None:
            found.append(session)
    return found


def cohort_committees(cohort_ids: Any, **filters: Any) -> list[Session]:
    """The committees of these cohorts for a challenge (oldest first), each with
    `evaluated_phase` (two queries)."""
    phases = list(Phase.objects.filter(cohort_id__in=list(cohort_ids)))
    sessions = (
        committees()
        .filter(cohort_id__in=[p.cohort_id for p in phases], challenge__isnull=False, **filters)
        .select_related("challenge", "cohort")
        .order_by("starts_at", "pk")
    )
    return _with_evaluated_phases(sessions, phases)


def committee_of(challenge: Challenge, phase: Phase) -> Session | None:
    """A challenge's committee of a phase: its latest committee (not cancelled) that evaluates the
    phase (`evaluated_phase`)."""
    found = committees_of_challenge(challenge, cohort_ids=[phase.cohort_id])
    return found.get(phase.pk)


def committees_of_phase(phase: Phase) -> dict[int, Session]:
    """{challenge id: its committee} for every challenge with a committee of the phase (two
    queries; the latest wins, as in committee_of)."""
    found: dict[int, Session] = {}
    for session in cohort_committees([phase.cohort_id]):
        if session.evaluated_phase == phase:  # type: ignore[attr-defined]
            found[int(session.challenge_id or 0)] = session
    return found


def committees_of_challenge(challenge: Challenge, *, cohort_ids: Any = None) -> dict[int, Session]:
    """{phase id: the challenge's committee} for each phase that has one (two queries)."""
    if cohort_ids is None:
        cohort_ids = list(challenge.cohorts.values_list("pk", flat=True))
    found: dict[int, Session] = {}
    for session in cohort_committees(cohort_ids, challenge=challenge):
        found[session.evaluated_phase.pk] = session  # type: ignore[attr-defined]
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


# --- Indicators and retrospectives (part H) ---


def is_retrospective_open(committee: Session | None, today: datetime.date) -> bool:
    """THE rule of an open retrospective: its committee is planned and the opening day has come
    (`retrospective_opens_on`); no committee, not open."""
    return committee is not None and today >= retrospective_opens_on(committee)


def indicators_of(challenge: Challenge) -> list[Any]:
    """The challenge's indicators in order, each with its values (oldest first) and `latest`,
    its most recent value or None (two queries)."""
    from .models import Indicator

    indicators = list(Indicator.objects.filter(challenge=challenge).prefetch_related("values"))
    for indicator in indicators:
        values = list(indicator.values.all())
        indicator.latest = values[-1] if values else None  # type: ignore[attr-defined]
    return indicators


# --- The trajectory of a challenge and the cohort overview (the coaches' view per phase) ---


@dataclass
class PhaseStep:
    """A phase of a challenge's trajectory: its committee, the team's retrospective, the report
    (`report_readable`: its content is for the viewer; a draft is only « en cours » for the team)
    and the level of each axis (None when not assessed or not readable)."""

    phase: Phase
    committee: Session | None
    committee_held: bool
    retrospective: Retrospective | None
    report: Report | None
    report_readable: bool
    levels: dict[str, int | None]
    # The day the team's retrospective opens (`retrospective_opens_on`; None: no committee yet).
    retrospective_opens: datetime.date | None = None

    @property
    def axis_labels(self) -> list[tuple[str, str]]:
        """(axis, level label) for each axis, in the axes' order."""
        return [(str(axis.label), str(scale.label(self.levels[axis.value]))) for axis in Axis]


@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: list[IndicatorValue]

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


@dataclass
class Trajectory:
    """Everything the trajectory page and its PDF show, read in a constant number of queries."""

    challenge: Challenge
    steps: list[PhaseStep]
    indicators: list[IndicatorSeries]
    late: list[Action]
    open: list[Action]
    done: list[Action]
    dropped: list[Action]


def trajectory_of(challenge: Challenge, *, today: datetime.date, user: Any = None) -> Trajectory:
    """The challenge's phases side by side (committee, retrospective, report, axis levels), its
    indicators with their values, and the actions of its published reports: late, open, done and
    dropped. A draft report's content is only for those `permissions.can_view_report` lets read
    it (the coaches); with no `user`, drafts stay closed."""
    from . import permissions  # permissions reads this module

    phases = phases_of(challenge)
    committees = committees_of_challenge(challenge)
    retrospectives = {r.phase_id: r for r in Retrospective.objects.filter(challenge=challenge)}
    reports = {
        r.phase_id: r
        for r in Report.objects.filter(challenge=challenge)
        .select_related("challenge", "phase")
        .prefetch_related("assessments", "actions")
    }
    now = timezone.now()
    steps = []
    actions: list[Action] = []
    for phase in phases:
        report = reports.get(phase.pk)
        readable = (
            report is not None and user is not None and permissions.can_view_report(user, report)
        )
        assessed = (
            {a.axis: a.level for a in report.assessments.all()} if report and readable else {}
        )
        committee = committees.get(phase.pk)
        steps.append(
            PhaseStep(
                phase=phase,
                committee=committee,
                committee_held=is_committee_held(committee, now=now),
                retrospective=retrospectives.get(phase.pk),
                report=report,
                report_readable=readable,
                levels={axis: assessed.get(axis) for axis in Axis.values},
                retrospective_opens=retrospective_opens_on(committee) if committee else None,
            )
        )
        if report is not None and report.is_published:
            actions += list(report.actions.all())
    indicators = [
        IndicatorSeries(indicator=i, values=list(i.values.all()))
        for i in Indicator.objects.filter(challenge=challenge).prefetch_related("values")
    ]
    late = [a for a in actions if is_late(a, today)]
    return Trajectory(
        challenge=challenge,
        steps=steps,
        indicators=indicators,
        late=sorted(late, key=lambda a: (a.due_date, a.pk)),
        open=[a for a in actions if a.is_open and not is_late(a, today)],
        done=[a for a in actions if a.status == ActionStatus.DONE],
        dropped=[a for a in actions if a.status == ActionStatus.DROPPED],
    )


@dataclass
class OverviewRow:
    """One challenge of a cohort in a phase, as the coaches follow it."""

    challenge: Challenge
    committee: Session | None
    committee_held: bool
    retrospective: Retrospective | None
    report: Report | None
    late_actions: int

    @property
    def retrospective_submitted(self) -> bool:
        return self.retrospective is not None and self.retrospective.is_submitted

    @property
    def report_published(self) -> bool:
        return self.report is not None and self.report.is_published

    @property
    def report_acknowledged(self) -> bool:
        return (
            self.report_published
            and self.report is not None
            and self.report.acknowledged_at is not None
        )


def cohort_overview(cohort: Cohort, phase: Phase, *, today: datetime.date) -> list[OverviewRow]:
    """A row per challenge of the cohort (by title): its committee of the phase (planned, held),
    its retrospective, its report (drafted, published, acknowledged), and how many of its actions
    are late (all phases: a late action is late wherever it was decided). Five queries."""
    challenges = list(Challenge.objects.filter(cohorts=cohort).order_by("title", "pk"))
    ids = [c.pk for c in challenges]
    committees = committees_of_phase(phase)
    retrospectives = {
        r.challenge_id: r for r in Retrospective.objects.filter(phase=phase, challenge_id__in=ids)
    }
    reports = {r.challenge_id: r for r in Report.objects.filter(phase=phase, challenge_id__in=ids)}
    late = dict(
        Action.objects.filter(late_q(today), report__challenge_id__in=ids)
        .values("report__challenge_id")
        .annotate(count=Count("pk"))
        .values_list("report__challenge_id", "count")
    )
    now = timezone.now()
    return [
        OverviewRow(
            challenge=c,
            committee=committees.get(c.pk),
            committee_held=is_committee_held(committees.get(c.pk), now=now),
            retrospective=retrospectives.get(c.pk),
            report=reports.get(c.pk),
            late_actions=late.get(c.pk, 0),
        )
        for c in challenges
    ]


def overview_totals(rows: list[OverviewRow]) -> dict[str, int]:
    """The cohort overview's figures for the phase, counted from its rows."""
    return {
        "challenges": len(rows),
        "planned": sum(1 for r in rows if r.committee is not None and not r.committee_held),
        "held": sum(1 for r in rows if r.committee_held),
        "submitted": sum(1 for r in rows if r.retrospective_submitted),
        "drafted": sum(1 for r in rows if r.report is not None and not r.report_published),
        "published": sum(1 for r in rows if r.report_published),
        "acknowledged": sum(1 for r in rows if r.report_acknowledged),
        "late_actions": sum(r.late_actions for r in rows),
    }
