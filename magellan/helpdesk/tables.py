"""A cohort's help requests as a table (the CSV export registered in `exports.tables`): states,
dates and people, never a description, a comment or a file."""

import datetime
from collections.abc import Iterator, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Cohort
from magellan.exports.writers import Cell

from . import queries
from .models import HelpRequest


def headers() -> list[str]:
    return [
        _("Sujet"),
        _("Auteur·e"),
        _("Défi"),
        _("Expertises"),
        _("Urgence"),
        _("Forme souhaitée"),
        _("État"),
        _("Aidant·es"),
        _("Déposée le"),
        _("Première réponse le"),
        _("Résolue le"),
        _("Heures jusqu’à la première réponse"),
        _("Heures jusqu’à la résolution"),
    ]


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A stored moment as the local wall-clock time spreadsheets show (no time zone)."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


def _hours(start: datetime.datetime, end: datetime.datetime | None) -> float | None:
    if end is None:
        return None
    return round((end - start).total_seconds() / 3600, 1)


def rows(cohort: Cohort) -> Iterator[Sequence[Cell]]:
    requests = queries.with_list_data(HelpRequest.objects.filter(cohort=cohort)).order_by(
        "created_at", "pk"
    )
    for item in requests:
        yield [
            item.subject,
            item.author.name,
            item.challenge.title if item.challenge else "",
            ", ".join(sorted(e.name for e in item.expertises.all())),
            str(item.get_urgency_display()),
            str(item.get_wished_form_display()),
            str(item.get_status_display()),
            ", ".join(a.helper.name for a in item.assignments.all()),
            _local(item.created_at),
            _local(item.first_response_at),
            _local(item.resolved_at),
            _hours(item.created_at, item.first_response_at),
            _hours(item.created_at, item.resolved_at),
        ]
