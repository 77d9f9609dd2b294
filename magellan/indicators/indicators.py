"""The follow-up surveys' indicators (registered like every app's, `registry.py`): the fellows
still in the public service at the programme's end and some months after it (public), and the
surveys' response rate (coaches). Both read the answers of the cohorts asked for in two queries,
whatever the number of cohorts; the surveys are not tied to a phase, so the phase filter does not
change them."""

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, selection
from .models import Employment, SurveyInvitation, Wave
from .registry import Column, Filters, Indicator, Table, register

PUBLIC_SERVICE = "eig-dans-le-service-public"
RESPONSE_RATE = "taux-de-reponse-aux-enquetes"


def _figures(filters: Filters) -> list[tuple[str, str, dict[str, int]]]:
    """Per cohort asked for (oldest first) and wave (in order) with invitations: the counts."""
    cohorts = selection.cohorts(filters)
    found = (
        SurveyInvitation.objects.filter(cohort__in=[c.pk for c in cohorts])
        .values("cohort_id", "wave")
        .annotate(
            invited=Count("pk"),
            answered=Count("answer"),
            same=Count("answer", filter=Q(answer__employment=Employment.SAME_ADMINISTRATION)),
            other=Count("answer", filter=Q(answer__employment=Employment.OTHER_ADMINISTRATION)),
        )
        .order_by()
    )
    by_cohort: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    for row in found:
        by_cohort[row["cohort_id"]][row["wave"]] = {
            name: row[name] for name in ("invited", "answered", "same", "other")
        }
    return [
        (str(cohort), str(Wave(wave).label), by_cohort[cohort.pk][wave])
        for cohort in cohorts
        for wave in Wave.values
        if wave in by_cohort[cohort.pk]
    ]


def compute_public_service(filters: Filters) -> Table:
    """Per cohort and wave: the answers, those still in the public service (same administration,
    another one), those who left it, and the share still in it. Every count that the others
    would let one work out is a column of its own, so that public outputs suppress it too."""
    rows: list[list[Any]] = []
    for cohort, wave, counts in _figures(filters):
        staying = counts["same"] + counts["other"]
        rows.append(
            [
                cohort,
                wave,
                counts["answered"],
                staying,
                counts["same"],
                counts["other"],
                counts["answered"] - staying,
                selection.percent(staying, counts["answered"]),
            ]
        )
    answered = sum(row[2] for row in rows)
    staying = sum(row[3] for row in rows)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column(
                "vague",
                _("Vague de l’enquête"),
                description=_(
                    "Quand l’enquête est envoyée : à la fin du programme, puis 6 et 12 mois après."
                ),
            ),
            Column(
                "reponses",
                _("Réponses"),
                "integer",
                _("EIG de la promotion qui ont répondu à cette vague."),
            ),
            Column(
                "service_public",
                _("Dans le service public"),
                "integer",
                _("Répondants qui travaillent dans une administration publique."),
            ),
            Column(
                "meme_administration",
                _("Même administration"),
                "integer",
                _("Répondants restés dans l’administration de leur défi."),
            ),
            Column(
                "autre_administration",
                _("Autre administration"),
                "integer",
                _("Répondants passés dans une autre administration publique."),
            ),
            Column(
                "hors_service_public",
                _("Hors du service public"),
                "integer",
                _("Répondants qui ont quitté le service public."),
            ),
            Column(
                "part_service_public",
                _("Part dans le service public (%)"),
                "number",
                _("Répondants dans le service public sur répondants."),
            ),
        ],
        rows=rows,
        summary=(
            _(
                "%(share)s des EIG qui ont répondu aux enquêtes de suivi travaillent dans le service public (%(staying)s sur %(answered)s réponses)."
            )
            % {
                "share": charts.format_figure(selection.percent(staying, answered), "%"),
                "staying": staying,
                "answered": answered,
            }
            if answered
            else _("Aucune réponse aux enquêtes de suivi pour ces promotions.")
        ),
    )


def plot_public_service(table: Table) -> str:
    return charts.plot_grouped_bars(
        table,
        category="promotion",
        group="vague",
        value="part_service_public",
        title=_("Part des EIG dans le service public après le programme, par promotion"),
        chart_id=PUBLIC_SERVICE,
        unit="%",
        maximum=100.0,
    )


def compute_response_rate(filters: Filters) -> Table:
    """Per cohort and wave: the invitations sent, the answers and the response rate."""
    rows: list[list[Any]] = [
        [
            cohort,
            wave,
            counts["invited"],
            counts["answered"],
            selection.percent(counts["answered"], counts["invited"]),
        ]
        for cohort, wave, counts in _figures(filters)
    ]
    invited = sum(row[2] for row in rows)
    answered = sum(row[3] for row in rows)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("vague", _("Vague de l’enquête")),
            Column(
                "invitations", _("Invitations"), "integer", _("EIG à qui l’enquête a été envoyée.")
            ),
            Column("reponses", _("Réponses"), "integer"),
            Column("taux", _("Taux de réponse (%)"), "number", _("Réponses sur invitations.")),
        ],
        rows=rows,
        summary=(
            _(
                "%(answered)s des %(invited)s enquêtes de suivi envoyées ont reçu une réponse (%(rate)s)."
            )
            % {
                "answered": answered,
                "invited": invited,
                "rate": charts.format_figure(selection.percent(answered, invited), "%"),
            }
            if invited
            else _("Aucune enquête de suivi envoyée pour ces promotions.")
        ),
    )


def plot_response_rate(table: Table) -> str:
    return charts.plot_grouped_bars(
        table,
        category="promotion",
        group="vague",
        value="taux",
        title=_("Taux de réponse aux enquêtes de suivi, par promotion et par vague"),
        chart_id=RESPONSE_RATE,
        unit="%",
        maximum=100.0,
    )


register(
    Indicator(
        slug=PUBLIC_SERVICE,
        title=gettext_lazy("EIG dans le service public après le programme"),
        description=gettext_lazy(
            "D’après les enquêtes de suivi envoyées à la fin du programme, puis 6 et 12 mois "
            "après : la part des répondants qui travaillent dans une administration publique "
            "(la même que celle de leur défi, ou une autre). Le filtre de phase ne s’y applique pas."
        ),
        app="indicators",
        compute=compute_public_service,
        plot=plot_public_service,
        public=True,
        position=15,
    )
)
register(
    Indicator(
        slug=RESPONSE_RATE,
        title=gettext_lazy("Taux de réponse aux enquêtes de suivi"),
        description=gettext_lazy(
            "Les réponses sur les invitations envoyées, par promotion et par vague (fin du "
            "programme, 6 et 12 mois après). Le filtre de phase ne s’y applique pas."
        ),
        app="indicators",
        compute=compute_response_rate,
        plot=plot_response_rate,
        public=False,
        position=16,
    )
)
