"""The surveys in the admin: read-only (no add, change nor delete), the link's hash never shown."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, SurveyAnswerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(PersonFactory(staff_coach=True).user)
    return client


@pytest.mark.parametrize("model", ["surveyinvitation", "surveyanswer"])
def test_the_admin_lists_and_shows_but_changes_nothing(admin_client, model):
    answer = SurveyAnswerFactory(invitation__person__name="Alix Martin")
    obj = answer if model == "surveyanswer" else answer.invitation

    listing = admin_client.get(reverse(f"admin:indicators_{model}_changelist"))
    page = admin_client.get(reverse(f"admin:indicators_{model}_change", args=[obj.pk]))

    assert "Alix Martin" in listing.content.decode()
    assert page.status_code == 200
    assert answer.invitation.token_hash not in page.content.decode()
    assert admin_client.get(reverse(f"admin:indicators_{model}_add")).status_code == 403
    assert (
        admin_client.get(reverse(f"admin:indicators_{model}_delete", args=[obj.pk])).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse(f"admin:indicators_{model}_change", args=[obj.pk]), {}
        ).status_code
        == 403
    )
