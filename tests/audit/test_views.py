import datetime

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.directory.models import Profession
from tests.factories import PersonFactory, UserFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _history_url(instance) -> str:
    return reverse(
        "audit:object_history",
        args=[f"{instance._meta.app_label}.{instance._meta.model_name}", instance.pk],
    )


def test_a_coach_reads_who_changed_which_field_from_what_to_what() -> None:
    coach = PersonFactory(coach=True, name="Camille Coach")
    person = PersonFactory(
        name="Ada Lovelace", bio="Ancienne présentation", profession=Profession.OTHER
    )
    person.bio = "Nouvelle présentation"
    person.profession = Profession.DESIGN
    person._history_user = coach.user
    person.save()

    page = _client(coach.user).get(_history_url(person)).content.decode()

    assert "Ada Lovelace" in page
    assert "Modification" in page
    assert "Camille Coach" in page
    assert "<td>Ancienne présentation</td><td>Nouvelle présentation</td>" in page
    assert f"<td>{Profession.OTHER.label}</td><td>{Profession.DESIGN.label}</td>" in page
    # The creation, by nobody signed in.
    assert "Création" in page
    assert "système" in page


def test_related_objects_are_named_and_unchanged_fields_left_out() -> None:
    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace", job_title="Cheffe de projet")
    account = UserFactory(email="ada@example.org")
    person.user = account
    person.save()

    page = _client(coach.user).get(_history_url(person)).content.decode()

    assert "<td>—</td><td>ada@example.org</td>" in page
    assert page.count("Cheffe de projet") == 1  # the creation only, not the change


def test_an_import_is_shown_as_such() -> None:
    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace")
    person.bio = "Importée"
    person._change_reason = "import"
    person.save()

    page = _client(coach.user).get(_history_url(person)).content.decode()

    assert "— import</h2>" in page


def test_a_deleted_object_keeps_its_history_page() -> None:
    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace")
    pk = person.pk
    person.delete()

    response = _client(coach.user).get(
        reverse("audit:object_history", args=["directory.person", pk])
    )

    assert response.status_code == 200
    assert "Suppression" in response.content.decode()
    assert "Ada Lovelace" in response.content.decode()


def test_an_object_that_never_existed_is_404() -> None:
    coach = PersonFactory(coach=True)

    response = _client(coach.user).get(
        reverse("audit:object_history", args=["directory.person", 999999])
    )

    assert response.status_code == 404


def test_members_who_are_not_coaches_are_refused() -> None:
    fellow = PersonFactory(fellow=True)

    response = _client(fellow.user).get(_history_url(fellow))

    assert response.status_code == 403


def test_the_history_is_paginated_newest_first() -> None:
    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace", job_title="Poste 0")
    for number in range(1, 25):
        person.job_title = f"Poste {number}"
        person.save()

    first = _client(coach.user).get(_history_url(person)).content.decode()
    second = _client(coach.user).get(_history_url(person) + "?page=2").content.decode()

    assert "<td>Poste 23</td><td>Poste 24</td>" in first
    assert "<td>Poste 4</td><td>Poste 5</td>" in first
    assert "<td>Poste 3</td><td>Poste 4</td>" not in first
    assert "<td>Poste 3</td><td>Poste 4</td>" in second
    assert "1 / 2" in first


def test_the_history_page_s_queries_do_not_grow_with_changes() -> None:
    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace")
    counter = iter(range(100))

    def make() -> str:
        number = next(counter)
        other = PersonFactory(name=f"Auteur {number}")
        person.job_title = f"Poste {number}"
        person._history_user = other.user
        person.save()
        return f"Poste {number}"

    assert_queries_do_not_grow(_client(coach.user), _history_url(person), make)


# --- The log of logins ----------------------------------------------------------------------


def test_staff_read_logins_and_failures_filtered_by_address() -> None:
    staff = UserFactory(staff=True)
    AccessLog.objects.create(
        username="ada@example.org", ip_address="192.0.2.1", user_agent="Firefox"
    )
    AccessFailureLog.objects.create(
        username="ada@example.org", ip_address="192.0.2.2", user_agent="Firefox", locked_out=True
    )
    AccessLog.objects.create(username="grace@example.org", ip_address="192.0.2.3")

    page = _client(staff).get(reverse("audit:logins"), {"email": "ADA@"}).content.decode()

    assert "192.0.2.1" in page
    assert "192.0.2.2" in page
    assert "Échec, compte bloqué" in page
    assert "grace@example.org" not in page


def test_logins_newest_first_and_paginated() -> None:
    staff = UserFactory(staff=True)
    now = timezone.now()
    for minutes in range(55):
        entry = AccessLog.objects.create(username=f"p{minutes}@example.org", ip_address="192.0.2.1")
        AccessLog.objects.filter(pk=entry.pk).update(
            attempt_time=now - datetime.timedelta(minutes=minutes)
        )

    first = _client(staff).get(reverse("audit:logins")).content.decode()
    second = _client(staff).get(reverse("audit:logins"), {"page": 2}).content.decode()

    assert first.index("p0@example.org") < first.index("p1@example.org")
    assert "p54@example.org" not in first
    assert "p54@example.org" in second


def test_coaches_who_are_not_staff_do_not_read_the_logins() -> None:
    coach = PersonFactory(coach=True)

    assert _client(coach.user).get(reverse("audit:logins")).status_code == 403


def test_the_logins_page_s_queries_do_not_grow() -> None:
    staff = UserFactory(staff=True)
    counter = iter(range(100))

    def make() -> str:
        address = f"p{next(counter)}@example.org"
        AccessLog.objects.create(username=address, ip_address="192.0.2.1")
        return address

    assert_queries_do_not_grow(_client(staff), reverse("audit:logins"), make)


def test_a_failed_login_is_recorded_in_the_durable_log() -> None:
    UserFactory(email="ada@example.org")

    Client().post(reverse("accounts:login"), {"username": "ada@example.org", "password": "faux"})

    assert list(AccessFailureLog.objects.values_list("username", flat=True)) == ["ada@example.org"]


# --- The link on the objects' pages ---------------------------------------------------------


def test_coaches_find_the_history_link_on_a_person_s_page_others_do_not() -> None:
    coach = PersonFactory(coach=True)
    fellow = PersonFactory(fellow=True, is_public=True)
    link = _history_url(fellow)

    coach_page = _client(coach.user).get(fellow.get_absolute_url()).content.decode()
    fellow_page = _client(fellow.user).get(fellow.get_absolute_url()).content.decode()

    assert f'href="{link}"' in coach_page
    assert "Historique des modifications" in coach_page
    assert "Historique des modifications" not in fellow_page


def test_the_history_link_is_on_a_help_request_s_page() -> None:
    from tests.factories import HelpRequestFactory

    coach = PersonFactory(coach=True)
    help_request = HelpRequestFactory()

    page = _client(coach.user).get(help_request.get_absolute_url()).content.decode()

    assert f'href="{_history_url(help_request)}"' in page


def test_the_declared_gender_never_shows_in_the_history() -> None:
    from magellan.directory.models import Gender

    coach = PersonFactory(coach=True)
    person = PersonFactory(name="Ada Lovelace", gender=Gender.FEMALE)
    person.gender = Gender.MALE
    person.save()

    page = _client(coach.user).get(_history_url(person)).content.decode()

    assert "genre" not in page.lower()
    assert str(Gender.MALE.label) not in page
