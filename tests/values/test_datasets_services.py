import pytest

from magellan.values.models import DataLicence, Dataset
from magellan.values.services.base import ConflictError, ValuesError
from magellan.values.services.datasets import add_dataset, remove_dataset, update_dataset
from tests.factories import ChallengeFactory, DatasetFactory

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    return {
        "title": " Points d’accueil ",
        "url": "https://www.data.gouv.fr/fr/datasets/points-accueil/",
        "licence": DataLicence.ETALAB,
        "data_format": "CSV",
        "update_frequency": "mensuelle",
        **overrides,
    }


def test_a_dataset_is_added():
    challenge = ChallengeFactory()
    dataset = add_dataset(challenge=challenge, by=None, **_fields())
    assert (dataset.challenge, dataset.title, dataset.licence) == (
        challenge,
        "Points d’accueil",
        DataLicence.ETALAB,
    )


def test_the_same_address_twice_is_refused():
    challenge = ChallengeFactory()
    add_dataset(challenge=challenge, by=None, **_fields())
    with pytest.raises(ValuesError) as refused:
        add_dataset(challenge=challenge, by=None, **_fields(title="Autre titre"))
    assert refused.value.message == "Ce jeu de données est déjà suivi pour ce défi."
    assert Dataset.objects.count() == 1
    # Another challenge may follow the same dataset.
    add_dataset(challenge=ChallengeFactory(), by=None, **_fields())
    assert Dataset.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "  "}, "Donnez un titre au jeu de données."),
        (
            {"url": "data.gouv.fr"},
            "Donnez l’adresse web du jeu de données (https://…), par exemple sa page sur "
            "data.gouv.fr.",
        ),
        ({"licence": "wtfpl"}, "Choisissez la licence du jeu de données."),
        ({"data_format": ""}, "Donnez le format du jeu de données (CSV, JSON…)."),
    ],
)
def test_bad_input_is_refused(overrides, message):
    with pytest.raises(ValuesError) as refused:
        add_dataset(challenge=ChallengeFactory(), by=None, **_fields(**overrides))
    assert refused.value.message == message
    assert Dataset.objects.count() == 0


def test_an_edit_with_the_time_read_is_saved():
    dataset = DatasetFactory(title="Ancien titre")
    saved = update_dataset(
        dataset=dataset, seen_at=dataset.updated_at, by=None, **_fields(title="Nouveau titre")
    )
    assert Dataset.objects.get(pk=saved.pk).title == "Nouveau titre"


def test_an_edit_of_a_dataset_changed_meanwhile_is_a_conflict():
    dataset = DatasetFactory(title="Ancien titre")
    seen = dataset.updated_at
    update_dataset(dataset=dataset, seen_at=seen, by=None, **_fields(title="Titre d’Alice"))
    with pytest.raises(ConflictError) as conflict:
        update_dataset(dataset=dataset, seen_at=seen, by=None, **_fields(title="Titre de Bob"))
    assert conflict.value.current.title == "Titre d’Alice"
    assert Dataset.objects.get().title == "Titre d’Alice"


def test_an_edit_cannot_take_the_address_of_another_dataset_of_the_challenge():
    first = DatasetFactory()
    second = DatasetFactory(challenge=first.challenge)
    with pytest.raises(ValuesError):
        update_dataset(dataset=second, seen_at=second.updated_at, by=None, **_fields(url=first.url))


def test_a_dataset_is_removed():
    dataset = DatasetFactory()
    remove_dataset(dataset=dataset, by=None)
    assert Dataset.objects.count() == 0
