from django.apps import apps

from magellan.search.sources import SOURCES


def test_every_model_with_a_search_vector_is_a_source():
    with_vector = {
        model._meta.label for model in apps.get_models() if hasattr(model, "search_vector")
    }

    assert with_vector == {source.model for source in SOURCES}


def test_every_source_names_fields_its_model_has():
    for source in SOURCES:
        model = source.model_class()
        names = [name for name, _weight in source.fields]
        names += list(source.extract_fields) + ([source.tags] if source.tags else [])
        assert [model._meta.get_field(name).name for name in names] == names
        assert {weight for _name, weight in source.fields} <= {"A", "B", "C", "D"}
