"""Forming, editing, publishing and announcing a session's groups; planning a format's series.

The engine does the search (magellan.engine, no Django); this module adapts the program's data in
and the engine's result out, and stores scores recomputed by `scoring.evaluate` after each change.
"""

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from magellan import engine
from magellan.directory.models import Cohort, Person, Profession
from magellan.program.models import Format, GroupingMode, Session

from . import queries
from .models import Group, Grouping, GroupingKind, GroupingStatus, GroupMember
from .problems import (
    DEFAULT_PEER_SIZE,
    DEFAULT_SIZE,
    DIVERSE,
    PEER,
    Participant,
    Spec,
    diverse_problem,
    history_from_groups,
    peer_problem,
    size_range,
)
from .scoring import Evaluation, evaluate

Progress = Callable[[int, int], None]

# Search budgets, read from the settings at call time (e.g. shorter in tests). Rounds decide
# first, so that a seed gives the same groups; the time cap only guards against a slow machine.
BUDGETS = {
    "PATIENCE": 100,  # rounds without improvement
    "ROUNDS": 2000,
    "SECONDS": 10.0,  # one session
    "SERIES_SECONDS": 20.0,  # a whole series, shared among its sessions
}


def _budget(name: str) -> Any:
    return getattr(settings, f"MAGELLAN_GROUPING_{name}", BUDGETS[name])


class GroupingError(Exception):
    """Groups cannot be formed or changed as asked; the message says why, for the coach."""


def kind_of(format: Format) -> str:
    """The kind of groups a format forms."""
    if format.grouping_mode == GroupingMode.PEER_BY_PROFESSION:
        return GroupingKind.PEER
    if format.grouping_mode == GroupingMode.DIVERSE:
        return GroupingKind.DIVERSE
    raise GroupingError(_("Ce dispositif ne forme pas de groupes."))


def spec_of(kind: str) -> Spec:
    return PEER if kind == GroupingKind.PEER else DIVERSE


class _ReportingStop:
    """The engine's stop criterion for the app: a round and time budget that reports progress.

    Deterministic for a seed unless the time cap is hit (the round budgets decide first).
    """

    def __init__(self, *, seconds: float, progress: Progress | None) -> None:
        self.seconds = seconds
        self.inner = engine.FirstOf(
            engine.NoImprovement(_budget("PATIENCE")),
            engine.MaxIterations(_budget("ROUNDS")),
            engine.MaxRuntime(seconds),
        )
        self.progress = progress
        self.started = time.monotonic()
        self.reported = 0.0

    def scaled(self, share: float) -> "_ReportingStop":
        """A fresh criterion for a sub-problem (one profession of peer groups): less time."""
        return _ReportingStop(seconds=self.seconds * share, progress=None)

    def __call__(self, best_objective: float) -> bool:
        stop = self.inner(best_objective)
        now = time.monotonic()
        if self.progress is not None and now - self.reported >= 0.5:
            self.reported = now
            elapsed = min(now - self.started, self.seconds)
            self.progress(int(100 * elapsed / self.seconds) if self.seconds else 100, 100)
        return stop


def _check_feasible(participants: Sequence[Participant], groups: int) -> None:
    """Say in French, before searching, which challenge has more members than there are groups."""
    sizes = Counter(p.challenge for p in participants if p.challenge)
    too_big = sorted(c for c, count in sizes.items() if count > groups)
    if too_big:
        raise GroupingError(
            _(
                "Impossible de séparer les membres d’un même défi : %(challenges)s compte(nt) plus "
                "de membres qu’il n’y a de groupes (%(groups)s)."
            )
            % {"challenges": ", ".join(too_big), "groups": groups}
        )


def _group_count(n: int, low: int, high: int) -> int:
    """The number of groups the engine makes for n people in groups of low to high."""
    fewest, most = -(-n // high), n // low
    if fewest > most:
        raise GroupingError(
            _("%(n)s personnes ne peuvent pas former des groupes de %(low)s à %(high)s.")
            % {"n": n, "low": low, "high": high}
        )
    return min(max(round(2 * n / (low + high)), fewest), most)


def _solve(problem: Any, *, seed: int, seconds: float, progress: Progress | None) -> engine.Result:
    try:
        return engine.solve(
            problem, seed=seed, stop=_ReportingStop(seconds=seconds, progress=progress)
        )
    except engine.InfeasibleProblem as error:
        raise GroupingError(
            _("Impossible de former les groupes : %(reasons)s")
            % {"reasons": " ; ".join(error.reasons)}
        ) from error


def _labels(
    kind: str, participants: Sequence[Participant], assignment: Mapping[str, int]
) -> dict[int, str]:
    """Peer groups are named after their profession ("Design 1"); mixed groups have no label."""
    if kind != GroupingKind.PEER:
        return {}
    profession = {p.id: p.profession for p in participants}
    by_group: dict[int, Counter[str]] = {}
    for pid, group in assignment.items():
        by_group.setdefault(group, Counter())[profession[pid]] += 1
    names = dict(Profession.choices)
    seen: Counter[str] = Counter()
    labels = {}
    for group in sorted(by_group):
        value = by_group[group].most_common(1)[0][0]
        seen[value] += 1
        labels[group] = f"{names.get(value, value)} {seen[value]}"
    return labels


def group_sizes(format: Format) -> tuple[int, int]:
    """The sizes (fewest, most) of the groups of a format: its own, or the default of its kind."""
    default = DEFAULT_PEER_SIZE if kind_of(format) == GroupingKind.PEER else DEFAULT_SIZE
    return size_range(format.group_size_min, format.group_size_max, default=default)


def evaluate_grouping(grouping: Grouping) -> tuple[Evaluation, dict[str, Participant]]:
    """Scores and per-group explanations of a grouping as it stands, and its participants by id."""
    members = list(
        GroupMember.objects.filter(grouping=grouping)
        .select_related("person", "group")
        .order_by("group__number", "person__name")
    )
    participants = queries.participants_of(
        [m.person for m in members], cohort=grouping.session.cohort
    )
    assignment = {str(m.person_id): m.group.number for m in members}
    history = queries.past_groups(
        grouping.session.cohort, before=grouping.session.starts_at, kind=grouping.kind
    )
    spec = spec_of(grouping.kind)
    evaluation = evaluate(
        participants,
        assignment,
        spec=spec,
        history=history_from_groups(history, among=assignment, decay=spec.decay).sessions,
        repeat_weight=grouping.repeat_weight,
        # Peer groups follow the professions: their size is a target, not a bound.
        sizes=None if grouping.kind == GroupingKind.PEER else group_sizes(grouping.session.format),
    )
    return evaluation, {p.id: p for p in participants}


def rescore(grouping: Grouping) -> Evaluation:
    """Recompute and store a grouping's scores from its members."""
    evaluation, _participants = evaluate_grouping(grouping)
    grouping.objective = evaluation.objective
    grouping.cost = evaluation.cost
    grouping.bound = evaluation.bound
    grouping.repeats = evaluation.repeats
    grouping.new_encounters = evaluation.new_encounters
    grouping.violations = evaluation.violations
    # Only the scores (and the edited flag): a concurrent publication or status stays as it is.
    grouping.save(
        update_fields=[
            "objective",
            "cost",
            "bound",
            "repeats",
            "new_encounters",
            "violations",
            "is_edited",
            "updated_at",
        ]
    )
    return evaluation


@transaction.atomic
def save_groups(
    *,
    session: Session,
    kind: str,
    assignment: Mapping[str, int],
    labels: Mapping[int, str],
    seed: int,
    repeat_weight: float,
    cpu_seconds: float = 0.0,
    series_size: int = 1,
    created_by: Any = None,
) -> Grouping:
    """Store groups as the session's draft, replacing whatever groups it had."""
    grouping, _created = Grouping.objects.select_for_update().get_or_create(
        session=session, defaults={"kind": kind}
    )
    grouping.groups.all().delete()
    grouping.kind = kind
    grouping.status = GroupingStatus.DRAFT
    grouping.seed = seed
    grouping.series_size = series_size
    grouping.repeat_weight = repeat_weight
    grouping.cpu_seconds = cpu_seconds
    grouping.is_edited = False
    grouping.published_at = None
    grouping.announced_at = None
    if getattr(created_by, "is_authenticated", False):
        grouping.created_by = created_by
    grouping.save()  # the row is locked: the whole draft is this call's
    numbers = sorted(set(assignment.values()))
    groups = {
        g: Group.objects.create(grouping=grouping, number=k + 1, label=labels.get(g, ""))
        for k, g in enumerate(numbers)
    }
    GroupMember.objects.bulk_create(
        GroupMember(grouping=grouping, group=groups[g], person_id=int(pid))
        for pid, g in assignment.items()
    )
    rescore(grouping)
    return grouping


def _participants(session: Session) -> list[Participant]:
    """The session's expected participants (the audience rule), facilitators aside, as the engine
    sees them."""
    return queries.participants_of(queries.expected_people(session), cohort=session.cohort)


def _problem(session: Session, kind: str, participants: Sequence[Participant]) -> tuple[Any, float]:
    """The engine's problem for a session's groups (checked first) and its repeat weight."""
    low, high = group_sizes(session.format)
    if kind == GroupingKind.PEER:
        return peer_problem(participants, size=round((low + high) / 2)), 0.0
    _check_feasible(participants, _group_count(len(participants), low, high))
    past = queries.past_groups(session.cohort, before=session.starts_at, kind=kind)
    problem = diverse_problem(
        participants,
        min_size=low,
        max_size=high,
        history=history_from_groups(past, among=[p.id for p in participants]),
    )
    return problem, float(problem.repeat_weight or 0.0)


def _form(
    session: Session,
    participants: Sequence[Participant],
    *,
    seed: int,
    seconds: float,
    progress: Progress | None,
    series_size: int = 1,
    created_by: Any = None,
) -> Grouping:
    kind = kind_of(session.format)
    problem, repeat_weight = _problem(session, kind, participants)
    result = _solve(problem, seed=seed, seconds=seconds, progress=progress)
    return save_groups(
        session=session,
        kind=kind,
        assignment=result.assignment,
        labels=_labels(kind, participants, result.assignment),
        seed=seed,
        repeat_weight=repeat_weight,
        cpu_seconds=result.cpu_seconds,
        series_size=series_size,
        created_by=created_by,
    )


def form_groups(
    *,
    session: Session,
    seed: int,
    created_by: Any = None,
    progress: Progress | None = None,
) -> Grouping:
    """Form a session's groups from its expected participants and save them as a draft."""
    kind_of(session.format)
    if session.is_cancelled:
        raise GroupingError(_("Cette séance est annulée."))
    participants = _participants(session)
    if len(participants) < 2:
        raise GroupingError(_("Il faut au moins deux participants pour former des groupes."))
    return _form(
        session,
        participants,
        seed=seed,
        seconds=_budget("SECONDS"),
        progress=progress,
        created_by=created_by,
    )


@dataclass(frozen=True)
class SeriesPlan:
    """What planning a series did: the groupings saved, and the sessions left without groups
    because fewer than two people are expected there (yet)."""

    groupings: tuple[Grouping, ...]
    too_few: tuple[Session, ...]


def plan_series(
    *,
    cohort: Cohort,
    format: Format,
    seed: int,
    created_by: Any = None,
    progress: Progress | None = None,
) -> SeriesPlan:
    """Groups for all the format's remaining sessions, meeting new people each time.

    Each session is grouped from its own expected participants (the audience rule: registered,
    or the audience when the format takes no registration), one session after the other: the
    groups just planned for a session count as encounters for the next (`queries.past_groups`).
    Sessions whose groups are published keep them; sessions where fewer than two people are
    expected are left without groups. Every session is checked before any is saved, and
    `progress(done, total)` is called after each session planned.
    """
    kind = kind_of(format)
    sessions = [
        s
        for s in queries.remaining_sessions(cohort, format, after=timezone.now())
        if not Grouping.objects.filter(session=s, status=GroupingStatus.PUBLISHED).exists()
    ]
    if not sessions:
        raise GroupingError(_("Aucune séance à venir sans groupes publiés pour ce dispositif."))
    plan = [(session, _participants(session)) for session in sessions]
    planned = [(session, people) for session, people in plan if len(people) >= 2]
    if not planned:
        raise GroupingError(
            _(
                "Aucune des séances à venir n’a au moins deux participants attendus "
                "(inscrits, ou public du dispositif) : aucun groupe n’a été formé."
            )
        )
    if kind == GroupingKind.DIVERSE:
        low, high = group_sizes(format)
        for _session, people in planned:
            _check_feasible(people, _group_count(len(people), low, high))
    seconds = _budget("SERIES_SECONDS") / len(planned)
    groupings = []
    for t, (session, people) in enumerate(planned):
        groupings.append(
            _form(
                session,
                people,
                seed=seed + t,
                seconds=seconds,
                progress=None,
                series_size=len(planned),
                created_by=created_by,
            )
        )
        if progress is not None:
            progress(t + 1, len(planned))
    return SeriesPlan(
        groupings=tuple(groupings),
        too_few=tuple(session for session, people in plan if len(people) < 2),
    )


@transaction.atomic
def move_member(*, grouping: Grouping, person: Person, group: Group) -> Evaluation:
    """Move a person to another group of a draft grouping, and rescore it."""
    if grouping.is_published:
        raise GroupingError(
            _("Ces groupes sont publiés : repassez-les en brouillon pour les modifier.")
        )
    if group.grouping_id != grouping.pk:
        raise GroupingError(_("Ce groupe n’appartient pas à cette séance."))
    member = (
        GroupMember.objects.select_for_update().filter(grouping=grouping, person=person).first()
    )
    if member is None:
        raise GroupingError(_("Cette personne ne fait partie d’aucun groupe de cette séance."))
    member.group = group
    member.save(update_fields=["group"])
    grouping.is_edited = True
    return rescore(grouping)


@transaction.atomic
def publish_grouping(*, grouping: Grouping) -> None:
    """Publish the groups: participants see theirs (`tasks.publish_and_announce` e-mails them)."""
    if not grouping.members.exists():
        raise GroupingError(_("Il n’y a aucun groupe à publier."))
    # Conditional update: of two clicks (or two coaches), one publishes and announces.
    now = timezone.now()
    published = Grouping.objects.filter(pk=grouping.pk, status=GroupingStatus.DRAFT).update(
        status=GroupingStatus.PUBLISHED, published_at=now, updated_at=now
    )
    if not published:
        raise GroupingError(_("Ces groupes sont déjà publiés."))
    grouping.status, grouping.published_at, grouping.updated_at = GroupingStatus.PUBLISHED, now, now


@transaction.atomic
def unpublish_grouping(*, grouping: Grouping) -> None:
    """Take published groups back to draft, to edit them (participants no longer see them)."""
    if not grouping.is_published:
        raise GroupingError(_("Ces groupes ne sont pas publiés."))
    grouping.status = GroupingStatus.DRAFT
    grouping.published_at = None
    grouping.save(update_fields=["status", "published_at", "updated_at"])


def announce_grouping(*, grouping: Grouping) -> int:
    """E-mail each member of a published grouping their group; return how many were sent."""
    if not grouping.is_published:
        return 0
    from magellan.program.emails import site_url

    session = grouping.session
    groups = (
        Group.objects.filter(grouping=grouping)
        .prefetch_related("members__person")
        .order_by("number")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Votre groupe pour « %(session)s » du %(date)s") % {
            "session": session.display_title,
            "date": timezone.localtime(session.starts_at).strftime("%d/%m/%Y"),
        }
        for group in groups:
            people = sorted((m.person for m in group.members.all()), key=lambda p: p.name)
            for person in people:
                if not person.email:
                    continue
                body = render_to_string(
                    "grouping/emails/announcement.txt",
                    {
                        "session": session,
                        "group": group,
                        "person": person,
                        "others": [p for p in people if p.pk != person.pk],
                        "url": site_url() + session.get_absolute_url(),
                    },
                )
                sent += send_mail(subject, body, None, [person.email])
    Grouping.objects.filter(pk=grouping.pk).update(announced_at=timezone.now())
    return sent
