"""Which helpers to propose for a request, ranked, each with its reasons in French.

score = FIT × (share of the request's expertises the helper has)
        − LOAD × (open requests assigned to them)
        + PAST × (requests they resolved in those expertises, counted up to PAST_CAP)

Active helpers only; never the author's side, never a helper already assigned. When the request
states expertises, only helpers who have at least one of them are proposed.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from magellan.directory.models import Person

from . import queries
from .models import OPEN_STATUSES, Assignment, HelperProfile, HelpRequest

FIT = 100
LOAD = 15
PAST = 10
PAST_CAP = 5


@dataclass(frozen=True)
class Suggestion:
    person: Person
    score: float
    matching: list[str]
    load: int
    resolved: int
    reasons: list[str] = field(default_factory=list)


def _reasons(matching: list[str], wanted: int, load: int, resolved: int) -> list[str]:
    if not wanted:
        fit = _("La demande n’indique pas d’expertise.")
    elif matching:
        fit = _("Expertise : %(names)s (%(count)s sur %(wanted)s).") % {
            "names": ", ".join(matching),
            "count": len(matching),
            "wanted": wanted,
        }
    else:
        fit = _("Aucune des expertises demandées.")
    if load:
        charge = ngettext(
            "Charge : %(count)s demande en cours.", "Charge : %(count)s demandes en cours.", load
        ) % {"count": load}
    else:
        charge = _("Charge : aucune demande en cours.")
    if resolved:
        past = ngettext(
            "A déjà résolu %(count)s demande dans ces expertises.",
            "A déjà résolu %(count)s demandes dans ces expertises.",
            resolved,
        ) % {"count": resolved}
    else:
        past = _("Pas encore de demande résolue dans ces expertises.")
    return [fit, charge, past]


def suggest_helpers(request: HelpRequest, *, limit: int = 5) -> list[Suggestion]:
    """The best helpers for a request, best first (ties: lighter load, then name)."""
    wanted = {e.pk: e.name for e in request.expertises.all()}
    excluded = queries.team_ids(request) | queries.helper_ids(request)
    candidates = (
        HelperProfile.objects.filter(is_active=True)
        .exclude(person_id__in=excluded)
        .select_related("person")
        .prefetch_related("expertises")
    )
    if wanted:
        candidates = candidates.filter(expertises__in=wanted).distinct()
    profiles = list(candidates)
    ids = [p.person_id for p in profiles]
    loads = dict(
        Assignment.objects.filter(helper_id__in=ids, request__status__in=OPEN_STATUSES)
        .values("helper_id")
        .annotate(n=Count("request", distinct=True))
        .values_list("helper_id", "n")
    )
    resolved: dict[int, int] = {}
    if wanted:
        resolved = dict(
            Assignment.objects.filter(
                helper_id__in=ids,
                request__resolved_at__isnull=False,
                request__expertises__in=wanted,
            )
            .exclude(request=request)
            .values("helper_id")
            .annotate(n=Count("request", distinct=True))
            .values_list("helper_id", "n")
        )
    suggestions = []
    for profile in profiles:
        matching = sorted(e.name for e in profile.expertises.all() if e.pk in wanted)
        load = loads.get(profile.person_id, 0)
        past = resolved.get(profile.person_id, 0)
        fit = len(matching) / len(wanted) if wanted else 0
        score = FIT * fit - LOAD * load + PAST * min(past, PAST_CAP)
        suggestions.append(
            Suggestion(
                person=profile.person,
                score=round(score, 1),
                matching=matching,
                load=load,
                resolved=past,
                reasons=_reasons(matching, len(wanted), load, past),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.load, s.person.name, s.person.pk))
    return suggestions[:limit]
