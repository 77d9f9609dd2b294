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
from magellan.audit.services import create_with_history, record_changes
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


def _lock(session: Session) -> None:
    """Lock the session's row: every write to its groupings takes this lock first, in one order."""
    Session.objects.select_for_update().filter(pk=session.pk).values_list("pk", flat=True).first()


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
    """Store groups as the session's draft, replacing its draft (its published groups stay)."""
    _lock(session)
    grouping, _created = Grouping.objects.select_for_update().get_or_create(
        session=session, status=GroupingStatus.DRAFT, defaults={"kind": kind}
    )
    grouping.groups.all().delete()
    grouping.kind = kind
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
    create_with_history(
        GroupMember,
        (
            GroupMember(grouping=grouping, group=groups[g], person_id=int(pid))
            for pid, g in assignment.items()
        ),
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
    published = set(
        Grouping.objects.published()
        .filter(session__cohort=cohort, session__format=format)
        .values_list("session_id", flat=True)
    )
    sessions = [
        s
        for s in queries.remaining_sessions(cohort, format, after=timezone.now())
        if s.pk not in published
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


def _draft_to_edit(session: Session) -> Grouping:
    """The session's draft; made as a copy of its published groups when there is none (locked)."""
    draft = Grouping.objects.drafts().select_for_update().filter(session=session).first()
    if draft is not None:
        return draft
    published = Grouping.objects.published().filter(session=session).first()
    if published is None:
        raise GroupingError(_("Cette séance n’a pas de groupes à modifier."))
    draft = Grouping.objects.create(
        session=session,
        kind=published.kind,
        status=GroupingStatus.DRAFT,
        seed=published.seed,
        series_size=published.series_size,
        repeat_weight=published.repeat_weight,
        cpu_seconds=published.cpu_seconds,
        created_by=published.created_by,
        objective=published.objective,
        cost=published.cost,
        bound=published.bound,
        repeats=published.repeats,
        new_encounters=published.new_encounters,
        violations=published.violations,
        is_edited=published.is_edited,
    )
    copies = {
        group.pk: Group.objects.create(grouping=draft, number=group.number, label=group.label)
        for group in published.groups.order_by("number")
    }
    create_with_history(
        GroupMember,
        (
            GroupMember(grouping=draft, group=copies[m.group_id], person_id=m.person_id)
            for m in published.members.order_by("pk")
        ),
    )
    return draft


@transaction.atomic
def move_member(*, grouping: Grouping, person: Person, group: Group) -> Evaluation:
    """Move a person to another group of the session's draft, and rescore it.

    Published groups are never changed in place: a move in them (or in a draft published
    meanwhile) goes to the session's draft, copied from the published groups if need be;
    participants see the published groups until that draft is published.
    """
    if group.grouping_id != grouping.pk:
        raise GroupingError(_("Ce groupe n’appartient pas à cette séance."))
    _lock(grouping.session)
    draft = _draft_to_edit(grouping.session)
    if draft.pk == grouping.pk:
        draft = grouping  # the caller's object gets the new scores (only they are saved)
    target = Group.objects.filter(grouping=draft, number=group.number).first()
    member = GroupMember.objects.select_for_update().filter(grouping=draft, person=person).first()
    if target is None:
        raise GroupingError(
            _("Ce groupe n’existe plus dans la proposition en cours : rechargez la page.")
        )
    if member is None:
        raise GroupingError(_("Cette personne ne fait partie d’aucun groupe de cette séance."))
    member.group = target
    member.save(update_fields=["group"])
    draft.is_edited = True
    return rescore(draft)


def changed_people(before: Mapping[int, int], after: Mapping[int, int]) -> list[int]:
    """People of `after` whose group-mates differ from `before` (person id → group number)."""

    def mates(assignment: Mapping[int, int]) -> dict[int, frozenset[int]]:
        groups: dict[int, set[int]] = {}
        for person, number in assignment.items():
            groups.setdefault(number, set()).add(person)
        return {p: frozenset(groups[n] - {p}) for p, n in assignment.items()}

    old, new = mates(before), mates(after)
    return sorted(p for p in new if old.get(p) != new[p])


@dataclass(frozen=True)
class Publication:
    """What publishing did: `changed` is None for a first publication; when the groups replace
    published ones, the people whose group changed and those no longer in any group (to tell
    them)."""

    changed: tuple[int, ...] | None
    removed: tuple[int, ...] = ()


def _assignment(grouping: Grouping) -> dict[int, int]:
    return dict(grouping.members.values_list("person_id", "group__number"))


@transaction.atomic
def publish_grouping(*, grouping: Grouping) -> Publication:
    """Publish a draft: participants see it, in place of the session's published groups if any.

    Of two clicks (or two coaches), one publishes; the other is told the groups are published.
    """
    _lock(grouping.session)
    draft = Grouping.objects.drafts().filter(pk=grouping.pk).first()
    if draft is None:
        raise GroupingError(_("Ces groupes sont déjà publiés."))
    if not draft.members.exists():
        raise GroupingError(_("Il n’y a aucun groupe à publier."))
    previous = Grouping.objects.published().filter(session_id=draft.session_id).first()
    changed: tuple[int, ...] | None = None
    removed: tuple[int, ...] = ()
    if previous is not None:
        before, after = _assignment(previous), _assignment(draft)
        changed = tuple(changed_people(before, after))
        removed = tuple(sorted(set(before) - set(after)))
        previous.delete()
    now = timezone.now()
    Grouping.objects.filter(pk=draft.pk, status=GroupingStatus.DRAFT).update(
        status=GroupingStatus.PUBLISHED, published_at=now, announced_at=None, updated_at=now
    )
    record_changes(Grouping, [draft.pk])
    grouping.status, grouping.published_at, grouping.updated_at = GroupingStatus.PUBLISHED, now, now
    grouping.announced_at = None
    return Publication(changed=changed, removed=removed)


@transaction.atomic
def unpublish_grouping(*, grouping: Grouping) -> None:
    """Take published groups back to draft, to edit them (participants no longer see them)."""
    _lock(grouping.session)
    if Grouping.objects.drafts().filter(session_id=grouping.session_id).exists():
        raise GroupingError(
            _(
                "Une nouvelle proposition attend déjà d’être publiée : publiez-la ou "
                "abandonnez-la d’abord."
            )
        )
    done = Grouping.objects.filter(pk=grouping.pk, status=GroupingStatus.PUBLISHED).update(
        status=GroupingStatus.DRAFT, published_at=None, updated_at=timezone.now()
    )
    if not done:
        raise GroupingError(_("Ces groupes ne sont pas publiés."))
    record_changes(Grouping, [grouping.pk])
    grouping.status, grouping.published_at = GroupingStatus.DRAFT, None


@transaction.atomic
def discard_draft(*, session: Session) -> None:
    """Drop the new proposal beside published groups: participants keep seeing the published ones."""
    _lock(session)
    if not Grouping.objects.published().filter(session=session).exists():
        raise GroupingError(_("Il n’y a pas de groupes publiés à garder à sa place."))
    deleted, _counts = Grouping.objects.drafts().filter(session=session).delete()
    if not deleted:
        raise GroupingError(_("Il n’y a pas de nouvelle proposition à abandonner."))


def announce_grouping(
    *, grouping: Grouping, people: Sequence[int] | None = None, removed: Sequence[int] = ()
) -> int:
    """E-mail the members of a published grouping their group, once; return how many were sent.

    `people` (person ids) announces a change to them only ("vos groupes ont changé"), and tells
    `removed` that they are no longer in any group; None announces a first publication to every
    member.
    """
    from magellan.program.emails import site_url

    # Claimed before sending: a second run (a retried task) sends nothing.
    claimed = Grouping.objects.filter(
        pk=grouping.pk, status=GroupingStatus.PUBLISHED, announced_at__isnull=True
    ).update(announced_at=timezone.now())
    if not claimed:
        return 0
    record_changes(Grouping, [grouping.pk])
    session = grouping.session
    groups = (
        Group.objects.filter(grouping=grouping)
        .prefetch_related("members__person")
        .order_by("number")
    )
    told = None if people is None else set(people)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "session": session.display_title,
            "date": timezone.localtime(session.starts_at).strftime("%d/%m/%Y"),
        }
        if told is None:
            subject = _("Votre groupe pour « %(session)s » du %(date)s") % context
        else:
            subject = _("Vos groupes ont changé pour « %(session)s » du %(date)s") % context
        for group in groups:
            members = sorted((m.person for m in group.members.all()), key=lambda p: p.name)
            for person in members:
                if not person.email or (told is not None and person.pk not in told):
                    continue
                body = render_to_string(
                    "grouping/emails/announcement.txt",
                    {
                        "session": session,
                        "group": group,
                        "person": person,
                        "others": [p for p in members if p.pk != person.pk],
                        "is_change": told is not None,
                        "url": site_url() + session.get_absolute_url(),
                    },
                )
                sent += send_mail(subject, body, None, [person.email])
        for person in Person.objects.filter(pk__in=removed).exclude(email="").order_by("name"):
            body = render_to_string(
                "grouping/emails/removed.txt",
                {
                    "session": session,
                    "person": person,
                    "url": site_url() + session.get_absolute_url(),
                },
            )
            sent += send_mail(subject, body, None, [person.email])
    return sent
