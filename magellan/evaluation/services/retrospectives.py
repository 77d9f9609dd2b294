"""The team's retrospective before its committee of a phase: written by the fellows and the
project owner while open, submitted, reopened by a coach, commented, and the reminder."""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.dates import format_date
from magellan.directory.models import Challenge, ChallengeMembership, Person, Phase, PhaseKind, Role
from magellan.logbook.queries import competences_of
from magellan.notifications import kinds
from magellan.notifications.services import notify
from magellan.program.models import Session

from .. import queries
from ..models import (
    ActionReview,
    ObjectiveStatus,
    Retrospective,
    RetrospectiveComment,
    RetrospectiveObjective,
    RetrospectiveStatus,
)
from .actions import set_action_status
from .base import ConflictError, EvaluationError


def retrospective_url(retrospective: Retrospective) -> str:
    """The retrospective's page (path only)."""
    return reverse(
        "evaluation:retrospective", args=[retrospective.challenge.slug, retrospective.phase_id]
    )


def asks_outlook(phase: Phase) -> bool:
    """From phase 3 on, the retrospective asks for the outlook after the programme."""
    return phase.kind >= PhaseKind.PROVE_VALUE


def is_empty(retrospective: Retrospective) -> bool:
    """Nothing to submit: no successes, difficulties nor learnings written."""
    return not (
        retrospective.successes.strip()
        or retrospective.difficulties.strip()
        or retrospective.learnings.strip()
    )


def _team_writers(challenge: Challenge) -> list[Any]:
    """The accounts of the challenge's fellows and project owner."""
    return [
        membership.person.user
        for membership in ChallengeMembership.objects.filter(
            challenge=challenge, role__in=queries.TEAM_WRITER_ROLES, person__user__isnull=False
        ).select_related("person__user")
    ]


def _coaches_of(committee: Session | None) -> list[Any]:
    """The committee's facilitators; every coach when it has none."""
    people = list(committee.facilitators.select_related("user")) if committee else []
    if not people:
        people = list(
            Person.objects.filter(cohort_roles__role=Role.COACH, user__isnull=False)
            .select_related("user")
            .distinct()
        )
    return [person.user for person in people if person.user_id]


def _stale(current: Retrospective) -> ConflictError:
    name = current.last_editor.name if current.last_editor else _("Un autre membre de l’équipe")
    return ConflictError(
        _(
            "%(name)s a modifié la rétrospective pendant que vous écriviez : sa version est "
            "affichée ci-dessous ; votre texte est conservé dans le formulaire, reportez-y ce "
            "qui manque puis enregistrez. Rien n’a été enregistré."
        )
        % {"name": name},
        current=current,
    )


def _refuse_submitted() -> EvaluationError:
    return EvaluationError(
        _(
            "La rétrospective est remise : elle ne se modifie plus. Demandez aux coachs de la "
            "rouvrir si elle doit changer."
        )
    )


@transaction.atomic
def save_retrospective(
    *,
    challenge: Challenge,
    phase: Phase,
    version: int | None,
    by: Person | None,
    successes: str,
    difficulties: str,
    learnings: str,
    competence_notes: dict[str, str] | None = None,
    outlook_service: str = "",
    outlook_fellows: str = "",
    objectives: list[dict[str, Any]] = (),  # type: ignore[assignment]
    action_reviews: list[dict[str, Any]] = (),  # type: ignore[assignment]
    today: datetime.date | None = None,
) -> Retrospective:
    """Write the team's retrospective of the phase (created on first save; `version` as read),
    its objectives, its notes on the competences and its review of the carried actions."""
    today = today or timezone.localdate()
    committee = queries.committee_of(challenge, phase)
    if committee is None:
        raise EvaluationError(
            _(
                "Les coachs n’ont pas encore planifié le comité de cette phase : la rétrospective n’est pas ouverte."
            )
        )
    if not queries.is_retrospective_open(committee, today):
        raise EvaluationError(
            _("La rétrospective ouvre le %(day)s.")
            % {"day": format_date(queries.retrospective_opens_on(committee), "j F Y")}
        )
    current = (
        Retrospective.objects.select_for_update(of=("self",))
        .select_related("last_editor")
        .filter(challenge=challenge, phase=phase)
        .first()
    )
    if current is None:
        retrospective = Retrospective(challenge=challenge, phase=phase, version=1)
    elif version != current.version:
        raise _stale(current)
    elif current.is_submitted:
        raise _refuse_submitted()
    else:
        retrospective = current
        retrospective.version = current.version + 1
    retrospective.successes = (successes or "").strip()
    retrospective.difficulties = (difficulties or "").strip()
    retrospective.learnings = (learnings or "").strip()
    phase_competences = competences_of(phase)
    retrospective.competence_notes = {
        competence: note.strip()
        for competence, note in (competence_notes or {}).items()
        if competence in phase_competences and (note or "").strip()
    }
    if asks_outlook(phase):
        retrospective.outlook_service = (outlook_service or "").strip()
        retrospective.outlook_fellows = (outlook_fellows or "").strip()
    retrospective.last_editor = by
    try:
        with transaction.atomic():
            retrospective.save()
    except IntegrityError as error:
        raise EvaluationError(
            _("Votre équipe vient de commencer cette rétrospective : rechargez la page.")
        ) from error
    _save_objectives(retrospective, objectives)
    _save_action_reviews(retrospective, action_reviews, by=by)
    return retrospective


def _save_objectives(retrospective: Retrospective, objectives: list[dict[str, Any]]) -> None:
    existing = {objective.pk: objective for objective in retrospective.objectives.all()}
    for position, item in enumerate(objectives):
        pk = item.get("pk")
        objective = existing.get(pk) if pk else RetrospectiveObjective(retrospective=retrospective)
        if objective is None:
            raise EvaluationError(_("Cet objectif n’est pas celui de cette rétrospective."))
        if item.get("delete"):
            if objective.pk:
                objective.delete()
            continue
        text = (item.get("text") or "").strip()
        if not text:
            raise EvaluationError(_("Chaque objectif a un intitulé."))
        if item.get("status") not in ObjectiveStatus.values:
            raise EvaluationError(_("Choisissez l’état de chaque objectif."))
        objective.text = text
        objective.status = item["status"]
        objective.comment = (item.get("comment") or "").strip()
        objective.position = position
        objective.save()


def _save_action_reviews(
    retrospective: Retrospective, reviews: list[dict[str, Any]], *, by: Person | None
) -> None:
    carried = {
        action.pk: action
        for action in queries.carried_actions(
            retrospective.challenge, retrospective.phase, retrospective
        )
    }
    for item in reviews:
        action_pk = getattr(item["action"], "pk", item["action"])
        action = carried.get(action_pk)
        if action is None:
            raise EvaluationError(
                _("Cette action n’est pas l’une de celles que la rétrospective reprend.")
            )
        comment = (item.get("comment") or "").strip()
        set_action_status(action=action, status=item["status"], comment=comment, by=by)
        ActionReview.objects.update_or_create(
            retrospective=retrospective,
            action=action,
            defaults={"status": item["status"], "comment": comment},
        )


@transaction.atomic
def submit_retrospective(
    *, retrospective: Retrospective, by: Person | None, now: datetime.datetime | None = None
) -> Retrospective:
    """Submit the retrospective to the coaches (not empty, once) and tell the committee's facilitators."""
    current = (
        Retrospective.objects.select_for_update(of=("self",))
        .select_related("challenge", "phase")
        .get(pk=retrospective.pk)
    )
    if current.is_submitted:
        raise EvaluationError(_("La rétrospective est déjà remise."))
    if is_empty(current):
        raise EvaluationError(
            _(
                "La rétrospective est vide : écrivez au moins les réussites, les difficultés ou "
                "les apprentissages de la phase avant de la remettre."
            )
        )
    current.status = RetrospectiveStatus.SUBMITTED
    current.submitted_at = now or timezone.now()
    current.submitted_by = by
    current.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    committee = queries.committee_of(current.challenge, current.phase)
    notify(
        recipients=_coaches_of(committee),
        kind=kinds.RETROSPECTIVE_SUBMITTED,
        title=_("%(challenge)s a remis sa rétrospective de la phase « %(phase)s »")
        % {"challenge": current.challenge.title, "phase": current.phase.get_kind_display()},
        body=_("La rétrospective prépare le comité d’évaluation de la phase."),
        url=retrospective_url(current),
        actor=by.user if by is not None else None,
    )
    return current


@transaction.atomic
def reopen_retrospective(
    *, retrospective: Retrospective, by: Person | None, actor: Any = None
) -> Retrospective:
    """Put a submitted retrospective back to draft (a coach), and tell the team's writers."""
    current = (
        Retrospective.objects.select_for_update(of=("self",))
        .select_related("challenge", "phase")
        .get(pk=retrospective.pk)
    )
    if not current.is_submitted:
        raise EvaluationError(_("La rétrospective n’est pas remise : elle est déjà modifiable."))
    current.status = RetrospectiveStatus.DRAFT
    current.submitted_at = None
    current.submitted_by = None
    current.version = current.version + 1
    current.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
    notify(
        recipients=_team_writers(current.challenge),
        kind=kinds.RETROSPECTIVE_REOPENED,
        title=_("La rétrospective de la phase « %(phase)s » est rouverte")
        % {"phase": current.phase.get_kind_display()},
        body=_(
            "Les coachs l’ont rouverte : l’équipe peut la compléter puis la remettre à nouveau."
        ),
        url=retrospective_url(current),
        actor=actor if actor is not None else (by.user if by is not None else None),
    )
    return current


@transaction.atomic
def comment_retrospective(
    *, retrospective: Retrospective, by: Person | None, body: str, actor: Any = None
) -> RetrospectiveComment:
    """Add a comment to the retrospective (anyone who reads it); the team's writers and the
    committee's coaches (every coach when it has no facilitator) are told, the author aside."""
    body = (body or "").strip()
    if not body:
        raise EvaluationError(_("Le commentaire est vide."))
    comment = RetrospectiveComment.objects.create(retrospective=retrospective, author=by, body=body)
    challenge, phase = retrospective.challenge, retrospective.phase
    notify(
        recipients=[
            *_team_writers(challenge),
            *_coaches_of(queries.committee_of(challenge, phase)),
        ],
        kind=kinds.RETROSPECTIVE_COMMENT,
        title=_("Un commentaire sur la rétrospective de %(challenge)s (« %(phase)s »)")
        % {"challenge": challenge.title, "phase": phase.get_kind_display()},
        body=body,
        url=retrospective_url(retrospective) + "#commentaires",
        actor=actor if actor is not None else (by.user if by is not None else None),
    )
    return comment


def remind_retrospectives(*, now: datetime.datetime) -> int:
    """Remind the fellows and project owner, once, of each open retrospective not yet submitted
    whose committee (not yet held) is within `MAGELLAN_RETROSPECTIVE_REMINDER_DAYS`; the count."""
    today = timezone.localdate(now)
    horizon = now + datetime.timedelta(days=settings.MAGELLAN_RETROSPECTIVE_REMINDER_DAYS + 1)
    window = {"ends_at__gt": now, "starts_at__lt": horizon}
    cohort_ids = set(queries.committees().filter(**window).values_list("cohort_id", flat=True))
    candidates = queries.cohort_committees(cohort_ids, **window)
    seen: set[tuple[int, int]] = set()
    count = 0
    for candidate in candidates:
        challenge, phase = candidate.challenge, candidate.evaluated_phase  # type: ignore[attr-defined]
        if challenge is None or (challenge.pk, phase.pk) in seen:
            continue
        seen.add((challenge.pk, phase.pk))
        committee = queries.committee_of(challenge, phase)  # the latest one is the committee
        if committee is None or queries.is_committee_held(committee, now=now):
            continue
        days_left = (timezone.localdate(committee.starts_at) - today).days
        if days_left > settings.MAGELLAN_RETROSPECTIVE_REMINDER_DAYS:
            continue
        if not queries.is_retrospective_open(committee, today):
            continue
        if _remind(committee, challenge=challenge, phase=phase, now=now):
            count += 1
    return count


@transaction.atomic
def _remind(
    committee: Session, *, challenge: Challenge, phase: Phase, now: datetime.datetime
) -> bool:
    retrospective, _created = Retrospective.objects.select_for_update().get_or_create(
        challenge=challenge, phase=phase
    )
    if retrospective.is_submitted or retrospective.reminded_at is not None:
        return False
    retrospective.reminded_at = now
    retrospective.save(update_fields=["reminded_at", "updated_at"])
    notify(
        recipients=_team_writers(challenge),
        kind=kinds.RETROSPECTIVE_REMINDER,
        title=_("Votre rétrospective de la phase « %(phase)s » n’est pas encore remise")
        % {"phase": phase.get_kind_display()},
        body=_(
            "Le comité d’évaluation de %(challenge)s a lieu le %(day)s : remettez la "
            "rétrospective de l’équipe avant."
        )
        % {"challenge": challenge.title, "day": format_date(committee.starts_at, "l j F")},
        url=retrospective_url(retrospective),
    )
    return True
