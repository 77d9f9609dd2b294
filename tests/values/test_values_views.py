import datetime
import html
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.values.models import Dataset, Declarations, Status, Value, ValueStatus
from tests.factories import (
    ChallengeFactory,
    DatasetFactory,
    HealthCheckFactory,
    RepositoryFactory,
    ValueStatusChangeFactory,
    ValueStatusFactory,
)
from tests.query_counts import assert_queries_do_not_grow

from .values_world import client_of, make_team

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _status_url(team, kind=2, value=Value.OPEN_DATA):
    return reverse("values:status_edit", args=[team.challenge.slug, team.phase(kind).pk, value])


def test_the_challenge_page_shows_each_value_by_phase_with_its_history_and_evidence():
    team = make_team()
    record = ValueStatusFactory(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_DATA,
        status=Status.DONE,
        comment="Publié en mai",
    )
    ValueStatusChangeFactory(value_status=record, status=Status.DONE, comment="Publié en mai")
    DatasetFactory(challenge=team.challenge, title="Points d’accueil", data_format="GeoJSON")
    repository = RepositoryFactory(challenge=team.challenge)
    Declarations.objects.create(
        challenge=team.challenge,
        rgaa_compliance="partial",
        rgaa_rate=72,
        rgaa_declaration_url="https://exemple.gouv.fr/accessibilite",
        uses_proconnect=True,
        apis="API Adresse",
    )
    response = client_of(team.sponsor).get(reverse("values:challenge", args=[team.challenge.slug]))
    text = _text(response)
    assert response.status_code == 200
    for value in Value:
        assert str(value.label) in text
    assert "Publié en mai" in text
    assert "L’historique de « Données ouvertes » (1 changement)" in text
    assert "Points d’accueil" in text
    assert "GeoJSON" in text
    assert "Partiellement conforme — 72 % des critères respectés" in text
    assert "API : API Adresse" in text
    assert repository.url in text
    assert "ProConnect" in text
    # The sponsor reads only.
    assert _status_url(team) not in text
    assert reverse("values:dataset_add", args=[team.challenge.slug]) not in text
    assert reverse("values:declarations_edit", args=[team.challenge.slug]) not in text


def test_writers_see_the_links_to_change():
    team = make_team()
    text = _text(
        client_of(team.fellow).get(reverse("values:challenge", args=[team.challenge.slug]))
    )
    assert _status_url(team) in text
    assert reverse("values:dataset_add", args=[team.challenge.slug]) in text
    assert reverse("values:declarations_edit", args=[team.challenge.slug]) in text


def test_a_fellow_changes_a_status_and_reads_it_back():
    team = make_team()
    client = client_of(team.fellow)
    response = client.post(
        _status_url(team), {"status": Status.IN_PROGRESS, "comment": "En cours", "version": 0}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("values:challenge", args=[team.challenge.slug]) + "#valeur-open_data"
    )
    record = ValueStatus.objects.get()
    assert (record.status, record.comment, record.updated_by) == (
        Status.IN_PROGRESS,
        "En cours",
        team.fellow,
    )


def test_not_applicable_without_a_reason_redisplays_the_form():
    team = make_team()
    response = client_of(team.fellow).post(
        _status_url(team), {"status": Status.NOT_APPLICABLE, "comment": "", "version": 0}
    )
    assert response.status_code == 200
    assert "Dites pourquoi cette valeur ne s’applique pas à ce défi." in _text(response)
    assert ValueStatus.objects.count() == 0


def test_a_conflict_keeps_the_users_comment_and_shows_the_saved_status():
    team = make_team()
    ValueStatusFactory(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_DATA,
        status=Status.DONE,
        comment="Fait par la coach",
        version=3,
    )
    response = client_of(team.fellow).post(
        _status_url(team), {"status": Status.IN_PROGRESS, "comment": "Mon texte", "version": 2}
    )
    text = _text(response)
    assert response.status_code == 200
    assert "Cet état a été modifié pendant que vous écriviez" in text
    assert "Mon texte" in text
    assert "Fait par la coach" in text
    assert 'name="version" value="3"' in text
    assert ValueStatus.objects.get().status == Status.DONE


def test_a_phase_of_another_cohort_or_an_unknown_value_is_404():
    team = make_team()
    other = make_team(title="Autre équipe")
    client = client_of(team.coach)
    url = reverse("values:status_edit", args=[team.challenge.slug, other.phase(1).pk, "open_data"])
    assert client.get(url).status_code == 404
    url = reverse("values:status_edit", args=[team.challenge.slug, team.phase(1).pk, "karma"])
    assert client.get(url).status_code == 404


def test_the_declarations_form_saves_and_refuses_a_contradiction():
    team = make_team()
    client = client_of(team.project_owner)
    url = reverse("values:declarations_edit", args=[team.challenge.slug])
    data = {
        "version": 0,
        "rgaa_compliance": "full",
        "rgaa_rate": "80",
        "rgaa_declaration_url": "https://exemple.gouv.fr/accessibilite",
        "uses_dsfr": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Le niveau de conformité ne correspond pas au taux" in _text(response)
    assert Declarations.objects.count() == 0
    response = client.post(url, data | {"rgaa_compliance": ""})
    assert response.status_code == 302
    found = Declarations.objects.get()
    assert (found.rgaa_compliance, found.uses_dsfr, found.version) == ("partial", True, 1)


def test_the_declarations_form_refuses_a_rate_over_100_with_the_fields_message():
    team = make_team()
    response = client_of(team.fellow).post(
        reverse("values:declarations_edit", args=[team.challenge.slug]),
        {"version": 0, "rgaa_rate": "120"},
    )
    assert response.status_code == 200
    assert "inférieure ou égale à 100" in _text(response)
    assert Declarations.objects.count() == 0


def test_a_dataset_is_added_edited_and_removed_through_the_pages():
    team = make_team()
    client = client_of(team.fellow)
    response = client.post(
        reverse("values:dataset_add", args=[team.challenge.slug]),
        {
            "title": "Horaires",
            "url": "https://www.data.gouv.fr/fr/datasets/horaires/",
            "licence": "odbl-1.0",
            "data_format": "CSV",
            "update_frequency": "",
        },
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    edit = reverse("values:dataset_edit", args=[dataset.pk])
    form = client.get(edit)
    seen = form.context["form"]["seen_at"].value()
    response = client.post(
        edit,
        {
            "title": "Horaires d’ouverture",
            "url": dataset.url,
            "licence": "odbl-1.0",
            "data_format": "CSV",
            "seen_at": seen,
        },
    )
    assert response.status_code == 302
    assert Dataset.objects.get().title == "Horaires d’ouverture"
    # The same form sent again: the dataset moved meanwhile, the user's title is kept.
    response = client.post(
        edit,
        {
            "title": "Mon titre",
            "url": dataset.url,
            "licence": "odbl-1.0",
            "data_format": "CSV",
            "seen_at": seen,
        },
    )
    assert response.status_code == 200
    assert "Mon titre" in _text(response)
    assert Dataset.objects.get().title == "Horaires d’ouverture"
    response = client.post(reverse("values:dataset_delete", args=[dataset.pk]))
    assert response.status_code == 302
    assert Dataset.objects.count() == 0


def test_a_bad_dataset_address_redisplays_the_form():
    team = make_team()
    response = client_of(team.fellow).post(
        reverse("values:dataset_add", args=[team.challenge.slug]),
        {"title": "X", "url": "pas une adresse", "licence": "etalab-2.0", "data_format": "CSV"},
    )
    assert response.status_code == 200
    assert Dataset.objects.count() == 0


def test_the_home_page_lists_the_coachs_cohorts_and_the_members_challenges():
    team = make_team()
    coach_text = _text(client_of(team.coach).get(reverse("values:home")))
    assert reverse("values:cohort", args=[team.cohort.slug]) in coach_text
    fellow_text = _text(client_of(team.fellow).get(reverse("values:home")))
    assert reverse("values:challenge", args=[team.challenge.slug]) in fellow_text
    assert reverse("values:challenge", args=[team.other_challenge.slug]) not in fellow_text


def test_the_cohort_dashboard_shows_the_phase_the_counts_and_this_months_changes():
    team = make_team(under_way=2)
    record = ValueStatusFactory(
        challenge=team.challenge, phase=team.phase(2), value=Value.OPEN_SOURCE, status=Status.DONE
    )
    ValueStatusChangeFactory(value_status=record, status=Status.DONE)
    client = client_of(team.coach)
    url = reverse("values:cohort", args=[team.cohort.slug])
    matrix = client.get(url).context["matrix"]
    assert matrix.phase == team.phase(2)
    assert [(row.challenge, dict(row.cells)[Value.OPEN_SOURCE]) for row in matrix.rows] == [
        (team.other_challenge, Status.NOT_STARTED),
        (team.challenge, Status.DONE),
    ]
    counts = {c.phase.kind: dict(c.values) for c in matrix.counts}
    assert counts[2][Value.OPEN_SOURCE] == [
        ("done", "Fait", 1),
        ("in_progress", "En cours", 0),
        ("not_started", "Pas commencé", 1),
        ("not_applicable", "Non applicable", 0),
    ]
    assert counts[1][Value.OPEN_SOURCE][2] == ("not_started", "Pas commencé", 2)
    assert [change.value_status for change in matrix.changes] == [record]
    text = _text(client.get(url))
    assert f'href="/indicateurs/adoption-des-valeurs/?cohorts={team.cohort.pk}"' in text
    # Another phase by the selector.
    assert client.get(url, {"phase": 3}).context["matrix"].phase == team.phase(3)


def test_a_change_before_this_month_is_not_in_the_dashboards_changes():
    team = make_team()
    record = ValueStatusFactory(challenge=team.challenge, phase=team.phase(2))
    change = ValueStatusChangeFactory(value_status=record)
    first_day = timezone.localdate().replace(day=1)
    type(change).objects.filter(pk=change.pk).update(
        changed_at=timezone.make_aware(
            datetime.datetime.combine(first_day - datetime.timedelta(days=1), datetime.time(12))
        )
    )
    matrix = (
        client_of(team.coach)
        .get(reverse("values:cohort", args=[team.cohort.slug]))
        .context["matrix"]
    )
    assert matrix.changes == []


def test_the_cohort_dashboard_queries_do_not_grow_with_the_challenges():
    team = make_team()
    numbers = itertools.count(1)

    def make() -> str:
        challenge = ChallengeFactory(cohorts=[team.cohort], title=f"Défi {next(numbers)}")
        record = ValueStatusFactory(
            challenge=challenge, phase=team.phase(2), value=Value.ECODESIGN, status=Status.DONE
        )
        ValueStatusChangeFactory(value_status=record)
        return challenge.title

    assert_queries_do_not_grow(
        client_of(team.coach), reverse("values:cohort", args=[team.cohort.slug]), make
    )


def test_the_challenge_page_queries_do_not_grow_with_the_datasets_and_changes():
    team = make_team()
    numbers = itertools.count(1)

    def make() -> str:
        n = next(numbers)
        HealthCheckFactory(repository=RepositoryFactory(challenge=team.challenge))
        record = ValueStatusFactory(
            challenge=team.challenge, phase=team.phase(n % 4 + 1), value=Value.OPEN_DATA
        )
        ValueStatusChangeFactory(value_status=record, changed_by=team.fellow)
        return DatasetFactory(challenge=team.challenge, title=f"Jeu {n}").title

    assert_queries_do_not_grow(
        client_of(team.fellow), reverse("values:challenge", args=[team.challenge.slug]), make
    )
