import pytest
from django.apps import apps
from django.urls import reverse

from magellan.audit import registry
from magellan.directory.models import Cohort, Person
from tests.factories import CohortFactory, PersonFactory


def test_the_registry_lists_exactly_the_models_that_keep_a_history() -> None:
    with_history = sorted(
        registry.key_of(model)
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    )

    assert with_history == sorted(registry.AUDITED_MODELS)


def test_the_issue_s_models_are_audited() -> None:
    assert {
        "accounts.user",
        "directory.person",
        "directory.cohortrole",
        "directory.challengemembership",
        "directory.challenge",
        "program.session",
        "grouping.group",
        "grouping.groupmember",
        "mentoring.round",
        "evaluation.report",
        "evaluation.retrospective",
        "evaluation.indicator",
        "helpdesk.helprequest",
        "values.valuestatus",
    } <= set(registry.AUDITED_MODELS)


def test_audited_model_takes_a_key_in_any_case_and_refuses_others() -> None:
    assert registry.audited_model("directory.Person") is Person
    assert registry.audited_model("directory.cohort") is None
    assert registry.audited_model("nothing") is None
    assert registry.audited_model("auth.group") is None


@pytest.mark.django_db
def test_history_url_only_for_audited_models() -> None:
    person = PersonFactory()

    assert registry.history_url(person) == reverse(
        "audit:object_history", args=["directory.person", person.pk]
    )
    assert registry.history_url(CohortFactory()) is None
    assert registry.history_url(Person()) is None
    assert registry.is_audited(Person)
    assert not registry.is_audited(Cohort)
