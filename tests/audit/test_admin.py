import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from magellan.audit.admin import ReadOnlyHistoryAdmin
from magellan.directory.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _staff() -> Client:
    client = Client()
    client.force_login(UserFactory(staff=True))
    return client


def test_every_audited_model_s_admin_shows_its_history() -> None:
    with_history = sorted(
        f"{model._meta.app_label}.{model._meta.model_name}"
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReadOnlyHistoryAdmin)
    )

    assert {"accounts.user", "directory.person", "program.session", "helpdesk.helprequest"} <= set(
        with_history
    )


def test_the_admin_lists_a_person_s_changes() -> None:
    person = PersonFactory(name="Ada Lovelace", job_title="Avant")
    person.job_title = "Après"
    person.save()

    response = _staff().get(reverse("admin:directory_person_history", args=[person.pk]))

    assert response.status_code == 200
    assert "Après" in response.content.decode()


def test_the_admin_never_reverts_to_an_old_version() -> None:
    person = PersonFactory(name="Ada Lovelace", job_title="Avant")
    first = Person.history.get(id=person.pk)
    person.job_title = "Après"
    person.save()
    url = reverse("admin:directory_person_simple_history", args=[person.pk, first.history_id])
    client = _staff()

    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Ada Lovelace", "job_title": "Avant"})

    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).job_title == "Après"
