import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    AxisAssessmentFactory,
    IndicatorValueFactory,
    PersonFactory,
    RetrospectiveCommentFactory,
    RetrospectiveObjectiveFactory,
)

pytestmark = pytest.mark.django_db

MODELS = (
    "indicator",
    "retrospective",
    "retrospectivecomment",
    "report",
    "action",
)


@pytest.fixture
def admin_client(client):
    client.force_login(PersonFactory(staff_coach=True).user)
    return client


@pytest.fixture
def rows():
    action = ActionFactory(title="Ouvrir le code")
    AxisAssessmentFactory(report=action.report)
    value = IndicatorValueFactory()
    comment = RetrospectiveCommentFactory()
    RetrospectiveObjectiveFactory(retrospective=comment.retrospective)
    return {
        "indicator": value.indicator,
        "retrospective": comment.retrospective,
        "retrospectivecomment": comment,
        "report": action.report,
        "action": action,
    }


@pytest.mark.parametrize("model", MODELS)
def test_staff_read_every_evaluation_model_in_the_admin(admin_client, rows, model):
    changelist = admin_client.get(reverse(f"admin:evaluation_{model}_changelist"))
    assert changelist.status_code == 200
    page = admin_client.get(reverse(f"admin:evaluation_{model}_change", args=[rows[model].pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_neither_adds_nor_deletes_what_the_services_own(admin_client, rows, model):
    assert admin_client.get(reverse(f"admin:evaluation_{model}_add")).status_code == 403
    delete = reverse(f"admin:evaluation_{model}_delete", args=[rows[model].pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert type(rows[model]).objects.filter(pk=rows[model].pk).exists()


def test_a_changed_status_posted_to_the_admin_is_not_saved(admin_client, rows):
    action = rows["action"]
    url = reverse("admin:evaluation_action_change", args=[action.pk])
    response = admin_client.post(url, {"title": action.title, "status": "done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"
