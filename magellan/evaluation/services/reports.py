"""The coaches' report after a committee: writing it (with an optimistic version check: two coaches
never lose each other's text silently), publishing it to the team, and the team's acknowledgement
after its internal review."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Challenge, ChallengeMembership, Person, Phase
from magellan.notifications import kinds
from magellan.notifications.services import notify

from .. import permissions, queries, scale
from ..models import Action, ActionOwner, Axis, AxisAssessment, Report, ReportStatus
from .base import ConflictError, EvaluationError


def report_url(report: Report) -> str:
    return reverse("evaluation:report", args=[report.challenge.slug, report.phase_id])


def _validated_actions(report: Report | None, actions: Iterable[Mapping[str, Any]]) -> list[dict]:
    known = set(report.actions.values_list("pk", flat=True)) if report is not None else set()
    cleaned = []
    for number, action in enumerate(actions, start=1):
        pk = action.get("pk")
        if pk is not None and pk not in known:
            raise EvaluationError(
                _("L’action n° %(n)s n’est pas une action de ce rapport.") % {"n": number}
            )
        if action.get("delete"):
            if pk is not None:
                cleaned.append({"pk": pk, "delete": True})
            continue
        title = (action.get("title") or "").strip()
        owner = action.get("owner") or ""
        due_date = action.get("due_date")
        if not title:
            raise EvaluationError(_("L’action n° %(n)s n’a pas d’intitulé.") % {"n": number})
        if owner not in ActionOwner.values:
            raise EvaluationError(
                _(
                    "L’action « %(title)s » n’a pas de responsable (l’équipe, le porteur ou les coachs)."
                )
                % {"title": title}
            )
        if not isinstance(due_date, datetime.date):
            raise EvaluationError(
                _("L’action « %(title)s » n’a pas d’échéance.") % {"title": title}
            )
        cleaned.append(
            {"pk": pk, "delete": False, "title": title, "owner": owner, "due_date": due_date}
        )
    return cleaned


def _validated_assessments(
    assessments: Mapping[str, tuple[int | None, str]],
) -> dict[str, tuple[int | None, str]]:
    cleaned = {}
    for axis, (level, comment) in assessments.items():
        if axis not in Axis.values:
            raise EvaluationError(_("Cet axe d’impact n’existe pas."))
        if level is not None and not scale.is_valid(level):
            raise EvaluationError(
                _("Le niveau de l’axe « %(axis)s » n’est pas sur l’échelle (de 1 à %(size)s).")
                % {"axis": Axis(axis).label, "size": scale.size()}
            )
        cleaned[axis] = (level, (comment or "").strip())
    return cleaned


def _conflict(current: Report) -> ConflictError:
    editor = current.last_editor.name if current.last_editor else _("un autre coach")
    return ConflictError(
        _(
            "%(editor)s a enregistré ce rapport pendant que vous le modifiiez : rien n’a été "
            "enregistré. Votre texte est conservé ci-dessous, à côté de sa version ; reprenez-le "
            "puis enregistrez à nouveau."
        )
        % {"editor": editor},
        current=current,
    )


@transaction.atomic
def save_report(
    *,
    challenge: Challenge,
    phase: Phase,
    version: int,
    by: Person | None,
    strengths: str,
    recommendations: str,
    assessments: Mapping[str, tuple[int | None, str]],
    actions: Iterable[Mapping[str, Any]],
) -> Report:
    """Write the report of a challenge's phase (created on first save, `version` 0), if nobody saved it since."""
    current = (
        Report.objects.select_for_update(of=("self",))
        .select_related("last_editor")
        .filter(challenge=challenge, phase=phase)
        .first()
    )
    if current is not None and current.is_published:
        raise EvaluationError(_("Ce rapport est publié : il ne se modifie plus."))
    if current is not None and current.version != version:
        raise _conflict(current)
    if current is None and version != 0:
        raise EvaluationError(_("Ce rapport n’existe plus."))
    cleaned_assessments = _validated_assessments(assessments)
    cleaned_actions = _validated_actions(current, actions)
    if current is None:
        try:
            with transaction.atomic():
                current = Report.objects.create(challenge=challenge, phase=phase, version=0)
        except IntegrityError:
            raise _conflict(
                Report.objects.select_related("last_editor").get(challenge=challenge, phase=phase)
            ) from None
    current.strengths = strengths.strip()
    current.recommendations = recommendations.strip()
    current.last_editor = by
    current.version += 1
    current.save()
    for axis, (level, comment) in cleaned_assessments.items():
        AxisAssessment.objects.update_or_create(
            report=current, axis=axis, defaults={"level": level, "comment": comment}
        )
    existing = {action.pk: action for action in current.actions.all()}
    position = 0
    for action in cleaned_actions:
        if action["delete"]:
            existing.pop(action["pk"]).delete()
            continue
        row = existing.get(action["pk"]) or Action(report=current)
        row.title, row.owner, row.due_date = action["title"], action["owner"], action["due_date"]
        row.position = position
        row.save()
        position += 1
    committee = queries.committee_of(challenge, phase)
    authors = list(committee.facilitators.all()) if committee is not None else []
    current.authors.add(*authors, *([by] if by is not None else []))
    return current


def publish_refusals(report: Report) -> list[str]:
    """Why the report cannot be published yet (empty: it can). The page shows the same reasons."""
    if report.is_published:
        return [_("Ce rapport est déjà publié.")]
    reasons = []
    committee = queries.committee_of(report.challenge, report.phase)
    if committee is None:
        reasons.append(_("Le comité d’évaluation de cette phase n’est pas planifié."))
    elif not queries.is_committee_held(committee):
        reasons.append(
            _("Le comité d’évaluation n’a pas encore eu lieu : le rapport se publie après lui.")
        )
    levels = {a.axis: a.level for a in report.assessments.all()}
    missing = [str(axis.label) for axis in Axis if not scale.is_valid(levels.get(axis.value))]
    if missing:
        reasons.append(
            _("Chaque axe doit avoir un niveau ; il manque : %(axes)s.")
            % {"axes": ", ".join(missing)}
        )
    if not report.strengths.strip() and not report.recommendations.strip():
        reasons.append(_("Écrivez les points forts ou les recommandations."))
    return reasons


def _team_users(challenge: Challenge) -> list[Any]:
    return [
        m.person.user
        for m in ChallengeMembership.objects.filter(
            challenge=challenge, role__in=queries.TEAM_ROLES, person__user__isnull=False
        ).select_related("person__user")
    ]


@transaction.atomic
def publish_report(*, report: Report, by: Person | None) -> Report:
    """Publish a complete report after its committee, and tell the team (fellows, project owner, sponsor)."""
    current = (
        Report.objects.select_for_update(of=("self",))
        .select_related("challenge", "phase")
        .get(pk=report.pk)
    )
    reasons = publish_refusals(current)
    if reasons:
        raise EvaluationError(" ".join(str(reason) for reason in reasons))
    current.status = ReportStatus.PUBLISHED
    current.published_at = timezone.now()
    current.published_by = by
    current.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    notify(
        recipients=_team_users(current.challenge),
        kind=kinds.EVALUATION_REPORT_PUBLISHED,
        title=_("Le rapport d’évaluation de « %(challenge)s » (%(phase)s) est publié")
        % {"challenge": current.challenge.title, "phase": current.phase.get_kind_display()},
        body=_(
            "Les coachs ont publié le rapport de votre comité d’évaluation : lisez-le, faites "
            "votre bilan interne puis indiquez-le sur la page du rapport."
        ),
        url=report_url(current),
        actor=by.user if by is not None else None,
    )
    return current


@transaction.atomic
def acknowledge_report(*, report: Report, by: Person, text: str) -> Report:
    """The team says, once, that it reviewed the published report (its fellows or project owner)."""
    current = (
        Report.objects.select_for_update(of=("self",))
        .select_related("challenge", "phase")
        .get(pk=report.pk)
    )
    if not current.is_published:
        raise EvaluationError(_("Un rapport se prend en compte une fois publié."))
    if by.user is None or not permissions.can_acknowledge_report(by.user, current):
        raise EvaluationError(
            _("Seuls les EIG et le porteur ou la porteuse du défi indiquent le bilan interne.")
        )
    if current.acknowledged_at is not None:
        raise EvaluationError(_("L’équipe a déjà indiqué son bilan interne de ce rapport."))
    current.acknowledged_at = timezone.now()
    current.acknowledged_by = by
    current.acknowledgement = text.strip()
    current.save(
        update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement", "updated_at"]
    )
    notify(
        recipients=[a.user for a in current.authors.select_related("user") if a.user_id],
        kind=kinds.EVALUATION_REPORT_ACKNOWLEDGED,
        title=_("« %(challenge)s » a fait le bilan interne de votre rapport (%(phase)s)")
        % {"challenge": current.challenge.title, "phase": current.phase.get_kind_display()},
        body=current.acknowledgement,
        url=report_url(current),
        actor=by.user,
    )
    return current
