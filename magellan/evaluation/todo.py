"""What the evaluation asks of each person now, for the dashboards: the reports the coaches still
have to publish and the late actions; for a team member, the retrospective to write, the report to
acknowledge and the team's late actions. Reads only, built on the rules of `queries.py`."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from magellan.directory.models import Cohort
from magellan.program.models import Session

from . import queries
from .models import Action, Report, ReportStatus, Retrospective, RetrospectiveStatus


def reports_to_publish(*, now: datetime.datetime | None = None) -> list[Session]:
    """The held committees of the current cohorts whose report is not published yet (oldest
    first), each with `report` (the draft, or None)."""
    now = now or timezone.now()
    current = Cohort.objects.current(timezone.localdate(now)).values_list("pk", flat=True)
    committees = queries.cohort_committees(current, ends_at__lte=now)
    reports: dict[tuple[int | None, int | None], Report] = {
        (r.challenge_id, r.phase_id): r
        for r in Report.objects.filter(
            challenge_id__in={c.challenge_id for c in committees},
            phase_id__in={c.evaluated_phase.pk for c in committees},  # type: ignore[attr-defined]
        )
    }
    waiting = []
    seen: set[tuple[int | None, int]] = set()
    for committee in reversed(committees):  # the latest committee of a phase is its committee
        phase = committee.evaluated_phase  # type: ignore[attr-defined]
        key = (committee.challenge_id, phase.pk)
        if key in seen:
            continue
        seen.add(key)
        report = reports.get(key)
        if report is None or not report.is_published:
            committee.report = report  # type: ignore[attr-defined]
            waiting.append(committee)
    waiting.reverse()
    return waiting


@dataclass
class RetrospectiveDue:
    """A retrospective the team has to write for its coming (or just held) committee."""

    committee: Session
    retrospective: Retrospective | None
    opens_on: datetime.date


@dataclass
class MemberEvaluation:
    retrospectives: list[RetrospectiveDue] = field(default_factory=list)
    reports_to_acknowledge: list[Report] = field(default_factory=list)
    late_actions: list[Action] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.retrospectives or self.reports_to_acknowledge or self.late_actions)


def member_evaluation(user: Any, *, now: datetime.datetime | None = None) -> MemberEvaluation:
    """For a team member: the open retrospectives not submitted (writers only), the published
    reports not acknowledged (writers only), the team's late actions (everyone in the team)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    teams = queries.my_teams(user)
    if not teams:
        return MemberEvaluation()
    writing = [pk for pk, roles in teams.items() if roles & queries.TEAM_WRITER_ROLES]
    due = []
    if writing:
        # Committees still ahead, or held in the last days (a late retrospective is still due).
        recent = now - datetime.timedelta(days=7)
        cohort_ids = set(
            queries.committees()
            .filter(challenge_id__in=writing, ends_at__gte=recent)
            .values_list("cohort_id", flat=True)
        )
        committees = queries.cohort_committees(
            cohort_ids, challenge_id__in=writing, ends_at__gte=recent
        )
        retrospectives: dict[tuple[int | None, int | None], Retrospective] = {
            (r.challenge_id, r.phase_id): r
            for r in Retrospective.objects.filter(
                challenge_id__in=writing,
                phase_id__in={c.evaluated_phase.pk for c in committees},  # type: ignore[attr-defined]
            )
        }
        for committee in committees:
            phase = committee.evaluated_phase  # type: ignore[attr-defined]
            retrospective = retrospectives.get((committee.challenge_id, phase.pk))
            opens_on = queries.retrospective_opens_on(committee)
            submitted = retrospective is not None and retrospective.status == (
                RetrospectiveStatus.SUBMITTED
            )
            if opens_on <= today and not submitted:
                due.append(RetrospectiveDue(committee, retrospective, opens_on))
    to_acknowledge = list(
        Report.objects.filter(
            challenge_id__in=writing, status=ReportStatus.PUBLISHED, acknowledged_at__isnull=True
        )
        .select_related("challenge", "phase")
        .order_by("published_at", "pk")
    )
    return MemberEvaluation(
        retrospectives=due,
        reports_to_acknowledge=to_acknowledge,
        late_actions=list(queries.late_actions(today, challenge_ids=list(teams))),
    )
