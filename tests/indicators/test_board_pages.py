"""The coaches' indicators pages: every indicator, one indicator, its CSV."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory.models import PhaseKind
from magellan.indicators import registry
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    PhaseFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _coach_client():
    client = Client()
    client.force_login(PersonFactory(coach=True).user)
    return client


def _text(response):
    return html.unescape(response.content.decode())


def test_the_page_shows_every_registered_indicator_with_chart_table_and_summary():
    cohort = CohortFactory(number=7)
    PersonFactory(fellow=True, cohort=cohort, name="Alice Martin")
    response = _coach_client().get(reverse("indicators:list"))
    text = _text(response)
    assert response.status_code == 200
    for indicator in registry.all_indicators():
        assert f'id="{indicator.slug}-section"' in text
        assert reverse("indicators:detail", args=[indicator.slug]) in text
        assert f'aria-labelledby="{indicator.slug}-title {indicator.slug}-desc"' in text
    assert "Données de « EIG recrutés par promotion et par année »" in text
    assert '<th scope="row">Promotion 7</th>' in text
    # Person-level indicators are marked as the coaches' own.
    assert (
        'Assiduité par personne</a> <span class="fr-badge fr-badge--sm fr-badge--info">réservé aux coachs</span>'
        in text
    )


def test_cohorts_are_compared_side_by_side_and_filtered():
    seven, eight, nine = (CohortFactory(number=n) for n in (7, 8, 9))
    for cohort in (seven, eight, nine):
        PersonFactory(fellow=True, cohort=cohort)
    url = reverse("indicators:detail", args=["eig-recrutes"])
    response = _coach_client().get(url, {"cohorts": [seven.pk, nine.pk]})
    text = _text(response)
    assert response.status_code == 200
    assert '<th scope="row">Promotion 7</th>' in text
    assert '<th scope="row">Promotion 9</th>' in text
    assert "Promotion 8</th>" not in text
    # The CSV link keeps the filters.
    assert f"export.csv?cohorts={seven.pk}&cohorts={nine.pk}" in text


def test_the_phase_filter_reaches_the_indicators():
    cohort = CohortFactory(number=7)
    alice = PersonFactory(fellow=True, cohort=cohort)
    phase = PhaseFactory(cohort=cohort, kind=PhaseKind.PROVE_VALUE)
    workshop = FormatFactory(name="Atelier")
    AttendanceFactory(
        session=SessionFactory(cohort=cohort, format=workshop, phase=phase, past=True),
        person=alice,
    )
    AttendanceFactory(
        session=SessionFactory(cohort=cohort, format=workshop, past=True),
        person=alice,
        is_present=False,
    )
    url = reverse("indicators:csv", args=["assiduite-par-dispositif"])
    client = _coach_client()
    in_phase = client.get(url, {"cohorts": [cohort.pk], "phase": PhaseKind.PROVE_VALUE})
    whole = client.get(url, {"cohorts": [cohort.pk]})
    header = "promotion;dispositif;seances;presences_notees;presents;taux\r\n"
    assert in_phase.content.decode() == f"\ufeff{header}Promotion 7;Atelier;1;1;1;100\r\n"
    assert whole.content.decode() == f"\ufeff{header}Promotion 7;Atelier;2;2;1;50\r\n"
    assert in_phase["Content-Type"] == "text/csv; charset=utf-8"
    assert in_phase["Content-Disposition"].startswith(
        'attachment; filename="indicateur-assiduite-par-dispositif-'
    )


def test_bad_filters_are_said_and_every_cohort_is_shown():
    CohortFactory(number=7)
    response = _coach_client().get(reverse("indicators:list"), {"cohorts": "x", "phase": "9"})
    text = _text(response)
    assert response.status_code == 200
    assert "Ces filtres ne sont pas valables" in text
    assert '<th scope="row">Promotion 7</th>' in text


def test_an_unknown_indicator_is_not_found():
    client = _coach_client()
    assert client.get(reverse("indicators:detail", args=["inconnu"])).status_code == 404
    assert client.get(reverse("indicators:csv", args=["inconnu"])).status_code == 404


def test_the_indicators_page_runs_the_same_queries_whatever_the_number_of_cohorts():
    client = _coach_client()
    workshop = FormatFactory(name="Atelier")
    numbers = iter(range(7, 20))

    def make():
        cohort = CohortFactory(number=next(numbers))
        fellow = PersonFactory(fellow=True, cohort=cohort)
        AttendanceFactory(
            session=SessionFactory(cohort=cohort, format=workshop, past=True), person=fellow
        )
        return str(cohort)

    assert_queries_do_not_grow(client, reverse("indicators:list"), make)


def test_cells_are_written_in_french():
    from magellan.indicators.registry import Column
    from magellan.indicators.views.board import cell_text

    number = Column("taux", "Taux", "number")
    assert cell_text(None, number) == "—"
    assert cell_text(66.7, number) == "66,7"
    assert cell_text(100.0, number) == "100"
    assert cell_text(True, Column("oui", "Oui", "boolean")) == "oui"
    assert cell_text(2024, Column("annee", "Année", "integer")) == "2024"
    assert cell_text("Atelier", Column("dispositif", "Dispositif")) == "Atelier"
