import datetime
import importlib.util
import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

from magellan.accounts.models import User
from magellan.directory.models import Person
from magellan.privacy import registry
from tests.factories import (
    AttendanceFactory,
    EntryFactory,
    FeedbackFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _apps_holding_personal_data() -> set[str]:
    """Apps with a model (history included) pointing at a person or an account."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and getattr(field, "related_model", None) in (Person, User):
                found.add(model._meta.app_label)
    return found


def test_every_app_holding_personal_data_has_its_module_or_a_reason() -> None:
    missing = []
    for label in sorted(_apps_holding_personal_data()):
        config = apps.get_app_config(label)
        has_module = importlib.util.find_spec(f"{config.name}.personal_data") is not None
        if not has_module and label not in registry.WITHOUT:
            missing.append(label)
    assert missing == []


def test_the_sections_are_found_by_name_with_their_erase_order() -> None:
    labels = [s.app for s in registry.sections()]
    assert {"accounts", "directory", "program", "logbook", "mentoring", "privacy"} <= set(labels)
    order = [s.app for s in registry.erase_order()]
    assert order[-2:] == ["directory", "accounts"]


def test_the_export_holds_every_app_and_is_json_ready() -> None:
    person = PersonFactory(fellow=True, name="Inès Export", bio="Ma présentation.")
    AttendanceFactory(person=person)
    FeedbackFactory(person=person, comment="Séance très utile.")
    EntryFactory(person=person, goals="Livrer le prototype.")
    data = registry.export_person(person)
    assert data["Compte"]["Compte"]["Adresse e-mail"] == person.user.email
    assert data["Annuaire"]["Fiche"]["Nom"] == "Inès Export"
    assert data["Annuaire"]["Fiche"]["Présentation"] == "Ma présentation."
    assert data["Annuaire"]["Fiche"]["Créé le"] == person.created_at
    assert data["Séances"]["Avis"][0]["Commentaire"] == "Séance très utile."
    assert (
        data["Carnet de bord"]["Entrées"][0]["Mes objectifs pour le mois"] == "Livrer le prototype."
    )
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    assert "Inès Export" in text


def test_readable_turns_values_into_what_a_reader_reads() -> None:
    tree = registry.readable(
        {"Né le": datetime.date(2026, 12, 1), "Actif": True, "Vide": "", "Liste": ["a"]}
    )
    assert tree == {
        "kind": "map",
        "entries": [
            {"label": "Né le", "value": {"kind": "text", "text": "1er décembre 2026"}},
            {"label": "Actif", "value": {"kind": "text", "text": "oui"}},
            {"label": "Vide", "value": {"kind": "text", "text": "—"}},
            {"label": "Liste", "value": {"kind": "list", "items": [{"kind": "text", "text": "a"}]}},
        ],
    }
