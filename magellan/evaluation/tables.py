"""The cohort overview of a phase as a table (the CSV the coaches download): one row per
challenge, the same figures as the page (`queries.cohort_overview`)."""

from collections.abc import Iterator, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Cohort, Phase
from magellan.exports.writers import Cell

from . import queries


def headers() -> list[str]:
    return [
        _("Défi"),
        _("Comité prévu le"),
        _("Comité tenu"),
        _("Rétrospective"),
        _("Rétrospective remise le"),
        _("Rapport"),
        _("Rapport publié le"),
        _("Bilan interne de l’équipe le"),
        _("Actions en retard (toutes phases)"),
    ]


def retrospective_state(row: queries.OverviewRow) -> str:
    if row.retrospective is None:
        return _("Pas commencée")
    return str(row.retrospective.get_status_display())


def report_state(row: queries.OverviewRow) -> str:
    if row.report is None:
        return _("Pas commencé")
    if row.report_acknowledged:
        return _("Publié, bilan interne fait")
    return str(row.report.get_status_display())


def _local(value: object) -> Cell:
    return timezone.localtime(value) if value is not None else None  # type: ignore[arg-type]


def rows(cohort: Cohort, phase: Phase) -> Iterator[Sequence[Cell]]:
    for row in queries.cohort_overview(cohort, phase, today=timezone.localdate()):
        yield [
            row.challenge.title,
            _local(row.committee.starts_at) if row.committee else None,
            row.committee_held,
            retrospective_state(row),
            _local(row.retrospective.submitted_at) if row.retrospective else None,
            report_state(row),
            _local(row.report.published_at) if row.report else None,
            _local(row.report.acknowledged_at) if row.report else None,
            row.late_actions,
        ]
