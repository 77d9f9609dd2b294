"""The program's indicators (registered in the indicators app's registry): the fellows' attendance
by format (public) and by person (coaches only), and the feedback scores by format (public).

Each reads the fellows of each cohort only (their attendance at their own cohort's sessions), the
sessions of the phase asked for, and runs the same queries whatever the number of cohorts."""

from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from magellan.core.sorting import name_key
from magellan.directory.models import Cohort, CohortRole, Person, Role
from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from .models import Attendance, Feedback

ATTENDANCE_BY_FORMAT = "assiduite-par-dispositif"
ATTENDANCE_BY_PERSON = "assiduite-par-personne"
FEEDBACK_BY_FORMAT = "avis-par-dispositif"

# The attendance rate bands of the per-person chart (lower bound included, in per cent).
BANDS = ((0, 50), (50, 75), (75, 90), (90, 101))


def _of_fellows(queryset: QuerySet[Any], cohorts: list[Cohort], filters: Filters) -> QuerySet[Any]:
    """Rows (attendance or feedback) of the cohorts' fellows at their cohort's sessions, in the
    phase asked for."""
    fellow = CohortRole.objects.filter(
        person=OuterRef("person"), cohort=OuterRef("session__cohort"), role=Role.FELLOW
    )
    found = queryset.filter(Exists(fellow), session__cohort__in=[c.pk for c in cohorts])
    if filters.phase_kind is not None:
        found = found.filter(session__phase__kind=filters.phase_kind)
    return found


def compute_attendance_by_format(filters: Filters) -> Table:
    """One row per cohort and format: sessions, attendances noted, present, rate (two queries)."""
    cohorts = selection.cohorts(filters)
    figures = (
        _of_fellows(Attendance.objects.all(), cohorts, filters)
        .values("session__cohort_id", "session__format__name", "session__format__position")
        .annotate(
            sessions=Count("session", distinct=True),
            noted=Count("pk"),
            present=Count("pk", filter=Q(is_present=True)),
        )
        .order_by("session__format__position", "session__format__name")
    )
    by_cohort: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in figures:
        by_cohort[row["session__cohort_id"]].append(row)
    rows: list[list[Any]] = [
        [
            str(cohort),
            row["session__format__name"],
            row["sessions"],
            row["noted"],
            row["present"],
            selection.percent(row["present"], row["noted"]),
        ]
        for cohort in cohorts
        for row in by_cohort[cohort.pk]
    ]
    noted = sum(row[3] for row in rows)
    present = sum(row[4] for row in rows)
    rate = selection.percent(present, noted)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("dispositif", _("Dispositif")),
            Column("seances", _("Séances"), "integer", _("Séances où la présence a été notée.")),
            Column("presences_notees", _("Présences notées"), "integer"),
            Column("presents", _("Présents"), "integer"),
            Column(
                "taux", _("Taux de présence (%)"), "number", _("Présents sur présences notées.")
            ),
        ],
        rows=rows,
        summary=(
            _("Les EIG ont été présents à %(rate)s des %(noted)s présences notées.")
            % {"rate": charts.format_figure(rate, "%"), "noted": noted}
            if noted
            else _("Aucune présence notée pour ces promotions.")
        ),
    )


def plot_attendance_by_format(table: Table) -> str:
    return charts.plot_grouped_bars(
        table,
        category="promotion",
        group="dispositif",
        value="taux",
        title=_("Taux de présence des EIG par dispositif et par promotion"),
        chart_id=ATTENDANCE_BY_FORMAT,
        unit="%",
        maximum=100.0,
    )


def compute_attendance_by_person(filters: Filters) -> Table:
    """One row per cohort and fellow (by name): sessions noted, present, excused, rate (three
    queries; the names are read apart, grouping by them is slow)."""
    cohorts = selection.cohorts(filters)
    figures = list(
        _of_fellows(Attendance.objects.all(), cohorts, filters)
        .values("session__cohort_id", "person_id")
        .annotate(
            noted=Count("pk"),
            present=Count("pk", filter=Q(is_present=True)),
            excused=Count("pk", filter=Q(is_present=False, is_excused=True)),
        )
        .order_by()
    )
    names = dict(
        Person.objects.filter(pk__in={row["person_id"] for row in figures})
        .values_list("pk", "name")
        .order_by()
    )
    by_cohort: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(figures, key=lambda r: (name_key(names[r["person_id"]]), r["person_id"])):
        by_cohort[row["session__cohort_id"]].append(row)
    rows: list[list[Any]] = [
        [
            str(cohort),
            names[row["person_id"]],
            row["noted"],
            row["present"],
            row["excused"],
            selection.percent(row["present"], row["noted"]),
        ]
        for cohort in cohorts
        for row in by_cohort[cohort.pk]
    ]
    low = sum(1 for row in rows if row[5] is not None and row[5] < 50)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("personne", _("EIG")),
            Column("presences_notees", _("Présences notées"), "integer"),
            Column("presents", _("Présent·e"), "integer"),
            Column("excuses", _("Absent·e excusé·e"), "integer"),
            Column("taux", _("Taux de présence (%)"), "number"),
        ],
        rows=rows,
        summary=ngettext(
            "%(low)s EIG sur %(count)s a été présent·e à moins de la moitié des séances.",
            "%(low)s EIG sur %(count)s ont été présents à moins de la moitié des séances.",
            low,
        )
        % {"low": low, "count": len(rows)},
    )


def band_table(table: Table) -> Table:
    """The per-person table summed up: per cohort, how many fellows in each attendance band."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    names = [f"{low}–{min(high, 100)} %" for low, high in BANDS]
    cohorts = list(dict.fromkeys(row[0] for row in table.rows))
    for row in table.rows:
        if row[5] is None:
            continue
        for (low, high), name in zip(BANDS, names, strict=True):
            if low <= row[5] < high:
                counts[(row[0], name)] += 1
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("tranche", _("Taux de présence")),
            Column("eig", _("EIG"), "integer"),
        ],
        rows=[[c, name, counts[(c, name)]] for c in cohorts for name in names],
        summary=table.summary,
    )


def plot_attendance_by_person(table: Table) -> str:
    return charts.plot_grouped_bars(
        band_table(table),
        category="promotion",
        group="tranche",
        value="eig",
        title=_("Nombre d’EIG par tranche de taux de présence, par promotion"),
        chart_id=ATTENDANCE_BY_PERSON,
    )


def compute_feedback_by_format(filters: Filters) -> Table:
    """One row per cohort and format: the fellows' feedback count and mean score (two queries)."""
    cohorts = selection.cohorts(filters)
    figures = (
        _of_fellows(Feedback.objects.all(), cohorts, filters)
        .values("session__cohort_id", "session__format__name", "session__format__position")
        .annotate(answers=Count("pk"), mean=Avg("rating"))
        .order_by("session__format__position", "session__format__name")
    )
    by_cohort: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in figures:
        by_cohort[row["session__cohort_id"]].append(row)
    rows: list[list[Any]] = [
        [
            str(cohort),
            row["session__format__name"],
            row["answers"],
            round(float(row["mean"]), 2) if row["mean"] is not None else None,
        ]
        for cohort in cohorts
        for row in by_cohort[cohort.pk]
    ]
    answers = sum(row[2] for row in rows)
    total = sum(row[2] * row[3] for row in rows if row[3] is not None)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("dispositif", _("Dispositif")),
            Column("avis", _("Avis"), "integer", _("Nombre d’avis donnés par les EIG.")),
            Column("note_moyenne", _("Note moyenne (sur 5)"), "number"),
        ],
        rows=rows,
        summary=(
            _("Note moyenne de %(mean)s sur 5 pour %(answers)s avis.")
            % {"mean": charts.format_figure(round(total / answers, 1)), "answers": answers}
            if answers
            else _("Aucun avis pour ces promotions.")
        ),
    )


def plot_feedback_by_format(table: Table) -> str:
    return charts.plot_grouped_bars(
        table,
        category="promotion",
        group="dispositif",
        value="note_moyenne",
        title=_("Note moyenne des séances par dispositif et par promotion (sur 5)"),
        chart_id=FEEDBACK_BY_FORMAT,
        maximum=5.0,
    )


register(
    Indicator(
        slug=ATTENDANCE_BY_FORMAT,
        title=gettext_lazy("Assiduité par dispositif"),
        description=gettext_lazy(
            "Pour chaque promotion et chaque dispositif, la part des présences notées des EIG de "
            "la promotion où la personne était présente, aux séances de la phase choisie."
        ),
        app="program",
        compute=compute_attendance_by_format,
        plot=plot_attendance_by_format,
        public=True,
        position=20,
    )
)
register(
    Indicator(
        slug=ATTENDANCE_BY_PERSON,
        title=gettext_lazy("Assiduité par personne"),
        description=gettext_lazy(
            "Pour chaque EIG, ses présences notées, ses présences et ses absences excusées aux "
            "séances de sa promotion ; le graphique compte les EIG par tranche de taux de présence."
        ),
        app="program",
        compute=compute_attendance_by_person,
        plot=plot_attendance_by_person,
        public=False,
        position=25,
    )
)
register(
    Indicator(
        slug=FEEDBACK_BY_FORMAT,
        title=gettext_lazy("Avis sur les séances par dispositif"),
        description=gettext_lazy(
            "La note moyenne (de 1 à 5) donnée par les EIG aux séances de leur promotion, par "
            "dispositif, dans la phase choisie."
        ),
        app="program",
        compute=compute_feedback_by_format,
        plot=plot_feedback_by_format,
        public=True,
        position=30,
    )
)
