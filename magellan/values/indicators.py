"""The values' indicator (registered in the indicators app's registry): per cohort and value, the
share of the challenges where the value applies that have it done, and in progress (public).

A challenge's status on a value is the one of the phase asked for; with no phase asked for, the
one of the latest phase of the cohort where a status was recorded (none: not started). A value
marked « not applicable » leaves the challenge out of that value's count. Three queries whatever
the number of cohorts.

Its counts are of challenges (public projects), not of people: public outputs show them as they
are (`Column.count=False`), small ones included."""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import Challenge
from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from .models import Status, Value, ValueStatus

VALUES_ADOPTION = "adoption-des-valeurs"


def compute_values_adoption(filters: Filters) -> Table:
    """One row per cohort and value: challenges concerned, done, in progress and their shares."""
    cohorts = selection.cohorts(filters)
    cohort_ids = [cohort.pk for cohort in cohorts]
    members: dict[int, set[int]] = defaultdict(set)
    for cohort_id, challenge_id in Challenge.cohorts.through.objects.filter(
        cohort_id__in=cohort_ids
    ).values_list("cohort_id", "challenge_id"):
        members[cohort_id].add(challenge_id)
    statuses = ValueStatus.objects.filter(phase__cohort_id__in=cohort_ids)
    if filters.phase_kind is not None:
        statuses = statuses.filter(phase__kind=filters.phase_kind)
    # (cohort, challenge, value) → the status of the latest phase that has one.
    latest: dict[tuple[int, int, str], tuple[int, str]] = {}
    for cohort_id, challenge_id, kind, value, status in statuses.values_list(
        "phase__cohort_id", "challenge_id", "phase__kind", "value", "status"
    ):
        key = (cohort_id, challenge_id, value)
        if challenge_id in members[cohort_id] and (key not in latest or latest[key][0] < kind):
            latest[key] = (kind, status)
    rows: list[list[Any]] = []
    for cohort in cohorts:
        for value in Value:
            found = [
                latest.get((cohort.pk, challenge_id, value.value), (0, Status.NOT_STARTED))[1]
                for challenge_id in members[cohort.pk]
            ]
            concerned = sum(1 for status in found if status != Status.NOT_APPLICABLE)
            done = found.count(Status.DONE)
            in_progress = found.count(Status.IN_PROGRESS)
            rows.append(
                [
                    str(cohort),
                    str(value.label),
                    concerned,
                    done,
                    in_progress,
                    selection.percent(done, concerned),
                    selection.percent(in_progress, concerned),
                ]
            )
    concerned_total = sum(row[2] for row in rows)
    done_total = sum(row[3] for row in rows)
    in_progress_total = sum(row[4] for row in rows)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("valeur", _("Valeur")),
            Column(
                "defis_concernes",
                _("Défis concernés"),
                "integer",
                _("Défis de la promotion pour qui la valeur s’applique."),
                count=False,
            ),
            Column(
                "faits", _("Faits"), "integer", _("Défis où la valeur est acquise."), count=False
            ),
            Column(
                "en_cours",
                _("En cours"),
                "integer",
                _("Défis où la valeur est en cours."),
                count=False,
            ),
            Column(
                "part_faits",
                _("Part des défis où c’est fait (%)"),
                "number",
                _("Faits sur défis concernés."),
            ),
            Column(
                "part_en_cours",
                _("Part des défis où c’est en cours (%)"),
                "number",
                _("En cours sur défis concernés."),
            ),
        ],
        rows=rows,
        summary=(
            _(
                "Sur %(concerned)s valeurs à tenir (défi par défi), %(done)s sont acquises et "
                "%(in_progress)s en cours."
            )
            % {
                "concerned": concerned_total,
                "done": charts.format_figure(selection.percent(done_total, concerned_total), "%"),
                "in_progress": charts.format_figure(
                    selection.percent(in_progress_total, concerned_total), "%"
                ),
            }
            if concerned_total
            else _("Aucun défi dans ces promotions.")
        ),
    )


def plot_values_adoption(table: Table) -> str:
    return charts.plot_grouped_bars(
        table,
        category="valeur",
        group="promotion",
        value="part_faits",
        title=_("Part des défis où chaque valeur est acquise, par promotion"),
        chart_id=VALUES_ADOPTION,
        unit="%",
        maximum=100.0,
    )


register(
    Indicator(
        slug=VALUES_ADOPTION,
        title=gettext_lazy("Adoption des valeurs du programme"),
        description=gettext_lazy(
            "Par promotion et par valeur (logiciel libre, données ouvertes, accessibilité, "
            "écoconception, algorithmes publics, briques communes) : la part des défis où elle "
            "s’applique qui l’ont acquise, et qui y travaillent, d’après l’état déclaré à la "
            "phase choisie (sans phase : à la dernière phase renseignée)."
        ),
        app="values",
        compute=compute_values_adoption,
        plot=plot_values_adoption,
        public=True,
        position=90,
    )
)
