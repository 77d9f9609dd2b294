"""The coaches' mentoring table of a cohort, one row per need, as the page and the CSV show it."""

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from magellan.directory.models import Cohort
from magellan.exports.writers import Cell

from . import queries
from .models import Cycle


def headers() -> list[str]:
    return [
        _("Personne"),
        _("Expertise principale"),
        _("Besoin"),
        _("Dernière proposition"),
        _("État de la proposition"),
        _("Parrain ou marraine du cycle"),
        _("Cycle"),
        _("Séances tenues"),
        _("Séances planifiées"),
        _("Note de la personne accompagnée"),
        _("Note du parrain ou de la marraine"),
    ]


def rows(cohort: Cohort) -> Iterator[Sequence[Cell]]:
    """Never a description, never a note: states, counts and ratings only."""
    cycles: dict[int, Cycle] = {
        c.need_id: c
        for c in queries.cycles_with_data(Cycle.objects.filter(need__cohort=cohort)).order_by(
            "created_at"
        )
    }
    ratings = queries.cycle_ratings(cohort)
    for need in queries.cohort_needs(cohort):
        sent = need.sent_proposals  # type: ignore[attr-defined]
        proposal = sent[0] if sent else None
        cycle = cycles.get(need.pk)
        planned = (
            [s for s in cycle.cycle_sessions.all() if not s.session.is_cancelled] if cycle else []
        )
        rating = ratings.get(cycle.pk, {}) if cycle else {}
        yield [
            need.person.name,
            need.main_expertise.name,
            str(need.get_status_display()),
            proposal.mentor.name if proposal else "",
            str(proposal.get_status_display()) if proposal else "",
            cycle.mentor.name if cycle else "",
            str(cycle.get_status_display()) if cycle else "",
            cycle.held_count if cycle else 0,  # type: ignore[attr-defined]
            len(planned),
            rating.get("mentee"),
            rating.get("mentor"),
        ]
