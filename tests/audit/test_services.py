import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from magellan.accounts.models import User
from magellan.audit import services
from magellan.directory.models import Cohort, Person
from tests.factories import CohortFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _edited_person(name: str) -> Person:
    person = PersonFactory(name=name, bio="Première présentation")
    person.bio = "Seconde présentation"
    person.save()
    return person


def test_forget_deletes_every_history_row_of_an_instance_and_only_its_own() -> None:
    erased = _edited_person("Ada Lovelace")
    kept = _edited_person("Grace Hopper")
    before = Person.history.filter(id=erased.pk).count()

    assert services.forget(erased) == before
    assert Person.history.filter(id=erased.pk).count() == 0
    assert Person.history.filter(id=kept.pk).count() == before


def test_forget_takes_a_queryset() -> None:
    erased = _edited_person("Ada Lovelace")
    kept = _edited_person("Grace Hopper")

    count = services.forget(Person.objects.filter(pk=erased.pk))

    assert count == 2
    assert not Person.history.filter(bio__contains="présentation", id=erased.pk).exists()
    assert Person.history.filter(id=kept.pk).count() == 2


def test_forget_takes_a_list_of_objects_of_several_models() -> None:
    person = _edited_person("Ada Lovelace")
    user = UserFactory(email="ada@example.org")
    user.first_name = "Ada"
    user.save()
    before = Person.history.filter(id=person.pk).count() + User.history.filter(id=user.pk).count()

    assert services.forget([person, user]) == before
    assert Person.history.filter(id=person.pk).count() == 0
    assert User.history.filter(id=user.pk).count() == 0


def test_forget_ignores_objects_whose_model_is_not_audited() -> None:
    cohort = CohortFactory()

    assert services.forget(cohort) == 0
    assert services.forget(Cohort.objects.all()) == 0
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_forget_keeps_the_object_itself() -> None:
    person = _edited_person("Ada Lovelace")

    services.forget(person)

    assert Person.objects.get(pk=person.pk).bio == "Seconde présentation"


def _records(username: str) -> None:
    AccessLog.objects.create(username=username, ip_address="127.0.0.1")
    AccessFailureLog.objects.create(username=username, ip_address="127.0.0.1")
    AccessAttempt.objects.create(
        username=username,
        ip_address="127.0.0.1",
        get_data="",
        post_data="",
        failures_since_start=1,
    )


def test_forget_logins_deletes_logins_failures_and_lockouts_of_the_address_in_any_case() -> None:
    _records("ada@example.org")
    _records("grace@example.org")

    assert services.forget_logins("ADA@example.org ") == 3

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["grace@example.org"]


def test_forget_logins_of_an_empty_address_deletes_nothing() -> None:
    AccessLog.objects.create(username="", ip_address="127.0.0.1")

    assert services.forget_logins("") == 0
    assert AccessLog.objects.count() == 1


def test_the_retention_purge_deletes_old_logins_failures_and_lockouts() -> None:
    import datetime

    from django.test import override_settings
    from django.utils import timezone

    from magellan.accounts.services import purge_login_log

    _records("old@example.org")
    _records("recent@example.org")
    old = timezone.now() - datetime.timedelta(days=31)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.filter(username="old@example.org").update(attempt_time=old)

    with override_settings(MAGELLAN_LOGIN_LOG_RETENTION_DAYS=30):
        assert purge_login_log() == 3

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["recent@example.org"]
