import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory import services
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_grant_coach_access_opens_the_admin_with_directory_permissions(client: Client) -> None:
    person = PersonFactory(with_account=True)

    assert services.grant_coach_access(person=person) is True

    person.user.refresh_from_db()
    assert person.user.is_staff is True
    assert person.user.has_perm("directory.change_challenge") is True
    assert person.user.has_perm("accounts.delete_user") is False
    client.force_login(person.user)
    assert client.get(reverse("admin:directory_challenge_changelist")).status_code == 200


def test_grant_coach_access_without_account_changes_nothing() -> None:
    person = PersonFactory()

    assert services.grant_coach_access(person=person) is False


def test_admin_action_grants_and_reports_people_without_account(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    with_account, without = PersonFactory(with_account=True), PersonFactory()

    response = client.post(
        reverse("admin:directory_person_changelist"),
        {"action": "grant_coach_access", "_selected_action": [with_account.pk, without.pk]},
        follow=True,
    )

    with_account.user.refresh_from_db()
    assert with_account.user.is_staff is True
    assert [str(m) for m in response.context["messages"]] == [
        "1 personne a reçu l’accès coach.",
        "1 personne n’a pas de compte : créez-le d’abord.",
    ]


def test_admin_person_changelist_searches_and_filters(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    PersonFactory(name="Zélie Recherchée")

    response = client.get(
        reverse("admin:directory_person_changelist"), {"q": "zélie", "profession": "development"}
    )

    assert [p.name for p in response.context["cl"].result_list] == ["Zélie Recherchée"]
