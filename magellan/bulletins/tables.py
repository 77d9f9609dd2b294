"""A cohort's bulletins as a table (the CSV export registered in `exports.tables`, coaches only):
every field, private help needs included, one row per team and week."""

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from magellan.directory.models import Cohort
from magellan.exports.writers import Cell

from . import queries, weeks
from .models import Bulletin


def headers() -> list[str]:
    return [
        _("Année ISO"),
        _("Semaine"),
        _("Lundi"),
        _("Défi"),
        _("Humeur (1 à 4)"),
        _("Humeur"),
        _("Priorité"),
        _("Hauts et bas"),
        _("Besoin d’aide"),
        _("Besoin réservé à l’équipe"),
        _("Demande d’aide ouverte"),
        _("Date clé"),
        _("Description de la date clé"),
        _("Écrit par"),
        _("Dernière modification par"),
    ]


def rows(cohort: Cohort) -> Iterator[Sequence[Cell]]:
    bulletins = queries.with_data(Bulletin.objects.filter(cohort=cohort)).order_by(
        "iso_year", "iso_week", "challenge__title", "pk"
    )
    for b in bulletins:
        yield [
            b.iso_year,
            b.iso_week,
            weeks.monday((b.iso_year, b.iso_week)),
            b.challenge.title,
            b.mood,
            str(b.get_mood_display()),
            b.priority,
            b.ups_and_downs,
            b.help_needed,
            b.help_is_private,
            b.help_request_id is not None,
            b.key_date,
            b.key_date_description,
            b.author.name,
            b.last_editor.name,
        ]
