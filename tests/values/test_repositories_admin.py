import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from magellan.values.models import HealthCheck, Repository
from tests.factories import HealthCheckFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Repository, HealthCheck])
def test_the_repositories_admin_only_reads(model: type) -> None:
    request = RequestFactory().get("/")
    request.user = UserFactory(staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    ) == (False, False, False)


def test_the_repositories_admin_pages_show_the_checks() -> None:
    check = HealthCheckFactory(warnings=True, repository__url="https://forge.example.fr/x.git")
    client = Client()
    client.force_login(UserFactory(staff=True, is_superuser=True))
    page = client.get(reverse("admin:values_repository_change", args=[check.repository.pk]))
    assert page.status_code == 200
    assert "https://forge.example.fr/x.git" in page.content.decode()
    assert client.get(reverse("admin:values_healthcheck_changelist")).status_code == 200
