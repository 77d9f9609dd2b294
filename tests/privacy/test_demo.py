import pytest

from magellan.demo.services import load_demo
from magellan.directory.models import Role
from magellan.privacy.models import ErasureRequest, ErasureStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_pending_request_from_an_alumni() -> None:
    load_demo()
    request = ErasureRequest.objects.get()
    assert request.status == ErasureStatus.PENDING
    assert request.person.cohort_roles.filter(role=Role.ALUMNI).exists()
    assert request.reason.startswith("J’ai quitté l’administration")
