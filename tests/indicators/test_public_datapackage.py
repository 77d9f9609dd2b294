"""The Frictionless Data Package: valid under the `frictionless` validator (fetched through the
test client, written to a temporary directory, validated offline), Licence Ouverte 2.0, one CSV
per public indicator with its Table Schema, small counts masked and said so."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from frictionless import Package, validate

from magellan.indicators import registry
from magellan.indicators.indicators import PUBLIC_SERVICE, RESPONSE_RATE
from magellan.indicators.models import Employment
from tests.factories import CohortFactory, SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = pytest.mark.django_db


def _answers(cohort, count, *, employment=Employment.SAME_ADMINISTRATION, wave="end"):
    for _i in range(count):
        SurveyAnswerFactory(invitation__cohort=cohort, invitation__wave=wave, employment=employment)


def _download(client, tmp_path: Path) -> dict:
    descriptor = client.get(reverse("indicators:datapackage")).json()
    for resource in descriptor["resources"]:
        response = client.get(reverse("indicators:resource", args=[resource["name"]]))
        assert response.status_code == 200
        (tmp_path / resource["path"]).write_bytes(response.content)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return descriptor


def test_the_package_and_every_csv_are_valid_under_frictionless(client, tmp_path):
    big, small = CohortFactory(number=7), CohortFactory(number=8)
    _answers(big, 5)
    _answers(big, 5, employment=Employment.LEFT)
    _answers(small, 3)
    descriptor = _download(client, tmp_path)

    report = validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
    assert len(report.tasks) == len(registry.all_indicators(public_only=True))
    assert descriptor["licenses"] == [
        {
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "title": "Licence Ouverte / Open Licence version 2.0",
        }
    ]
    package = Package(str(tmp_path / "datapackage.json"))
    assert package.get_resource(PUBLIC_SERVICE).read_rows()[0].to_dict() == {
        "promotion": "Promotion 7",
        "vague": "Fin du programme",
        "reponses": 10,
        "service_public": 5,
        "meme_administration": 5,
        "autre_administration": 0,
        "hors_service_public": 5,
        "part_service_public": Decimal("50.0"),
        "masque": False,
    }


def test_only_public_indicators_are_resources_and_every_field_is_documented(client):
    descriptor = client.get(reverse("indicators:datapackage")).json()

    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == [i.slug for i in registry.all_indicators(public_only=True)]
    assert PUBLIC_SERVICE in names
    assert RESPONSE_RATE not in names
    for resource in descriptor["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"
        assert resource["schema"]["fields"][-1]["name"] == "masque"
        assert all(field["description"] for field in resource["schema"]["fields"])


def test_a_count_under_five_is_masked_in_the_csv_and_the_row_says_so(client):
    big, small = CohortFactory(number=7), CohortFactory(number=8)
    _answers(big, 6)
    _answers(small, 4)

    response = client.get(reverse("indicators:resource", args=[PUBLIC_SERVICE]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "promotion",
            "vague",
            "reponses",
            "service_public",
            "meme_administration",
            "autre_administration",
            "hors_service_public",
            "part_service_public",
            "masque",
        ],
        ["Promotion 7", "Fin du programme", "6", "6", "6", "0", "0", "100.0", "false"],
        ["Promotion 8", "Fin du programme", "", "", "", "", "", "", "true"],
    ]


def test_a_coaches_only_or_unknown_indicator_has_no_csv(client):
    assert client.get(reverse("indicators:resource", args=[RESPONSE_RATE])).status_code == 404
    assert client.get(reverse("indicators:resource", args=["inconnu"])).status_code == 404


def test_the_survey_invitations_alone_are_not_counted_as_answers(client):
    cohort = CohortFactory(number=7)
    for _i in range(6):
        SurveyInvitationFactory(cohort=cohort)

    response = client.get(reverse("indicators:resource", args=[PUBLIC_SERVICE]))

    assert (
        response.content.decode().splitlines()[1] == "Promotion 7,Fin du programme,0,0,0,0,0,,false"
    )


def test_a_small_count_one_could_work_out_from_the_others_is_masked_too(client):
    cohort = CohortFactory(number=7)
    _answers(cohort, 9)
    _answers(cohort, 1, employment=Employment.LEFT)

    response = client.get(reverse("indicators:resource", args=[PUBLIC_SERVICE]))

    assert response.content.decode().splitlines()[1] == "Promotion 7,Fin du programme,,,,,,,true"
