import pytest

from magellan.demo.services import load_demo
from magellan.logbook.models import Entry

pytestmark = pytest.mark.django_db


def test_demo_writes_logbooks_with_a_need_turned_into_a_help_request() -> None:
    load_demo()
    demo = Entry.objects.filter(person__user__email="eig@demo.magellan.test")
    assert demo.count() >= 1
    assert Entry.objects.exclude(person__user__email="eig@demo.magellan.test").exists()
    assert demo.filter(needs__help_request__isnull=False).count() == 1
