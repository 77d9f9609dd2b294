"""Planning a cohort's year: the sessions a rule would create, previewed, then created."""

import datetime
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from magellan.directory.models import Challenge, Cohort, Phase

from .. import queries
from ..models import Format, GroupingMode, Session
from ..planning import Span, lay_out, period_of, plan_days
from .base import PARIS
from .bulk import cohort_date_refusal
from .sessions import _phase_on


@dataclass(frozen=True)
class PlannedSession:
    """A session the plan would create; `exists` when the same one is already in the calendar
    (same format, cohort and challenge in the rule's period); `refusal` when it would fall outside
    the cohort's dates (a spill past its last day); `warnings` about conflicts."""

    format: Format
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    phase: Phase | None
    challenge: Challenge | None
    exists: bool
    refusal: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def to_create(self) -> bool:
        return not self.exists and self.refusal is None


def cohort_spans(cohort: Cohort) -> list[tuple[Span, Phase | None]]:
    """The cohort's phases as spans, or the cohort's dates when it has no phases."""
    phases = list(cohort.phases.order_by("start_date"))
    if phases:
        return [(Span(p.start_date, p.end_date), p) for p in phases]
    if cohort.start_date and cohort.end_date:
        return [(Span(cohort.start_date, cohort.end_date), None)]
    return []


def _workday() -> tuple[datetime.time, datetime.time]:
    return (
        datetime.time.fromisoformat(settings.MAGELLAN_WORKDAY_START),
        datetime.time.fromisoformat(settings.MAGELLAN_WORKDAY_END),
    )


def preview_plan(
    *,
    cohort: Cohort,
    formats: list[Format],
    rule: str,
    weekday: int,
    week: int,
    anchor: str,
    start_time: datetime.time,
    include_past: bool = False,
) -> list[PlannedSession]:
    """The future sessions a rule would create for the formats within the cohort's phases, in
    working hours, with their conflicts (nothing saved; `include_past` for the demo's history).

    Each session's phase is the one its own day falls in (a slot spilled to the next working day
    may leave the rule's phase), and a slot spilled past the cohort's end is refused.
    """
    spans = cohort_spans(cohort)
    phases = [phase for _span, phase in spans if phase is not None]
    plain_spans = [s for s, _p in spans]
    days = plan_days(plain_spans, rule=rule, weekday=weekday, week=week, anchor=anchor)
    challenges = list(Challenge.objects.filter(cohorts=cohort).order_by("title"))
    workday_start, workday_end = _workday()
    existing = {
        (
            format_id,
            challenge_id,
            period_of(timezone.localtime(starts_at, PARIS).date(), rule=rule, spans=plain_spans),
        )
        for format_id, challenge_id, starts_at in Session.objects.filter(
            cohort=cohort, format__in=formats
        ).values_list("format_id", "challenge_id", "starts_at")
    }
    now = timezone.now()
    planned = []
    for format_ in formats:
        per_challenge = format_.grouping_mode == GroupingMode.PER_CHALLENGE and challenges
        targets: list[Challenge | None] = list(challenges) if per_challenge else [None]
        duration = datetime.timedelta(minutes=format_.duration_minutes)
        in_turn = per_challenge and duration < datetime.timedelta(hours=4)
        for day in days:
            period = period_of(day, rule=rule, spans=plain_spans)
            starts = lay_out(
                day,
                start=start_time,
                duration=duration,
                count=len(targets) if in_turn else 1,
                workday_start=workday_start,
                workday_end=workday_end,
            )
            if not in_turn:
                starts *= len(targets)
            for challenge, start in zip(targets, starts, strict=True):
                starts_at = start.replace(tzinfo=PARIS)
                if starts_at <= now and not include_past:
                    continue
                planned.append(
                    PlannedSession(
                        format=format_,
                        starts_at=starts_at,
                        ends_at=starts_at + duration,
                        phase=_phase_on(phases, start.date()),
                        challenge=challenge,
                        exists=(format_.pk, challenge.pk if challenge else None, period)
                        in existing,
                        refusal=cohort_date_refusal(cohort=cohort, starts_at=starts_at),
                    )
                )
    planned.sort(key=lambda p: (p.starts_at, p.format.position, p.format.pk))
    slots = [
        queries.Slot(
            label=item.format.name,
            cohort_id=cohort.pk,
            challenge_id=item.challenge.pk if item.challenge else None,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
        )
        for item in planned
        if item.to_create
    ]
    warnings = iter(queries.conflicts_for(slots))
    return [replace(item, warnings=next(warnings)) if item.to_create else item for item in planned]


@transaction.atomic
def create_planned_sessions(
    *, cohort: Cohort, planned: list[PlannedSession], place: str = "", online_url: str = ""
) -> list[Session]:
    """Create the previewed sessions that do not exist yet and fall within the cohort."""
    created = []
    for item in planned:
        if not item.to_create:
            continue
        session = Session(
            cohort=cohort,
            format=item.format,
            challenge=item.challenge,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            phase=item.phase,
            place="" if item.format.is_online else place,
            online_url=online_url if item.format.is_online else "",
            capacity=item.format.default_capacity if item.format.registration_required else None,
        )
        session.save()
        created.append(session)
    return created
