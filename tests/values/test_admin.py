import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from magellan.values.models import Dataset, Declarations, ValueStatus
from tests.factories import (
    DatasetFactory,
    DeclarationsFactory,
    UserFactory,
    ValueStatusChangeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [ValueStatus, Dataset, Declarations])
def test_the_admin_only_reads(model):
    request = RequestFactory().get("/")
    request.user = UserFactory(staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    ) == (False, False, False)


def test_the_admin_pages_show_the_records():
    change = ValueStatusChangeFactory()
    DatasetFactory(title="Points d’accueil")
    declarations = DeclarationsFactory()
    client = Client()
    client.force_login(UserFactory(staff=True, is_superuser=True))
    for url in (
        reverse("admin:values_valuestatus_change", args=[change.value_status.pk]),
        reverse("admin:values_dataset_changelist"),
        reverse("admin:values_declarations_change", args=[declarations.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert (
        "Points d’accueil"
        in client.get(reverse("admin:values_dataset_changelist")).content.decode()
    )
