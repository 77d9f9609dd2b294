"""Reads of the follow-up surveys, with visibility applied (permissions.py says who sees what)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from magellan.directory.models import Cohort, Person, Role
from magellan.directory.queries import person_of

from .models import SurveyAnswer, SurveyInvitation, Wave


def surveyed_people(cohort: Cohort) -> QuerySet[Person]:
    """Who gets a cohort's follow-up surveys: its fellows who have an e-mail address."""
    return (
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW)
        .exclude(email="")
        .distinct()
        .order_by("name", "pk")
    )


@dataclass
class WaveFigures:
    """One wave of one cohort's survey: who was invited, who answered, who has not."""

    cohort: Cohort
    wave: str
    invited: int = 0
    answered: int = 0
    unanswered: list[SurveyInvitation] = field(default_factory=list)

    @property
    def wave_label(self) -> str:
        return str(Wave(self.wave).label)

    @property
    def rate(self) -> float | None:
        """The response rate in per cent, one decimal (None before any invitation)."""
        return round(100 * self.answered / self.invited, 1) if self.invited else None


def response_rates(cohorts: QuerySet[Cohort] | None = None) -> list[WaveFigures]:
    """Per cohort (latest first) and wave (in order), the invitations, answers and the people who
    have not answered, in one query whatever the number of cohorts."""
    invitations = SurveyInvitation.objects.select_related("cohort", "person").order_by(
        "-cohort__number", "cohort__variant", "cohort_id", "person__name", "pk"
    )
    if cohorts is not None:
        invitations = invitations.filter(cohort__in=cohorts)
    waves = list(Wave.values)
    found: dict[tuple[int, str], WaveFigures] = {}
    for invitation in invitations:
        key = (invitation.cohort_id, invitation.wave)
        figures = found.setdefault(key, WaveFigures(cohort=invitation.cohort, wave=invitation.wave))
        figures.invited += 1
        if invitation.answered_at is not None:
            figures.answered += 1
        else:
            figures.unanswered.append(invitation)
    cohort_order = list(dict.fromkeys(cohort_id for cohort_id, _wave in found))
    return sorted(
        found.values(),
        key=lambda f: (cohort_order.index(f.cohort.pk), waves.index(f.wave)),
    )


def invitations_of(user: Any) -> list[tuple[SurveyInvitation, SurveyAnswer | None]]:
    """The signed-in person's own survey invitations (latest cohort and wave first), each with
    its answer (None before it is given)."""
    person = person_of(user)
    if person is None:
        return []
    invitations = (
        SurveyInvitation.objects.filter(person=person)
        .select_related("cohort", "answer")
        .order_by("-cohort__number", "cohort__variant", "-created_at", "-pk")
    )
    return [(invitation, getattr(invitation, "answer", None)) for invitation in invitations]


def answer_of(user: Any, pk: int) -> SurveyAnswer | None:
    """The user's own answer `pk` (None when it is not theirs, or does not exist: a 404)."""
    person = person_of(user)
    if person is None:
        return None
    return (
        SurveyAnswer.objects.filter(pk=pk, invitation__person=person)
        .select_related("invitation__cohort", "invitation__person")
        .first()
    )
