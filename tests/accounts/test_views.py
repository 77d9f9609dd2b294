"""Login by password and by one-time email link."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from magellan.accounts.models import User
from tests.factories import PersonFactory, UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _link_from_mail() -> str:
    match = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert match is not None
    return match.group(0)


def test_password_login_logs_in_with_the_email(client: Client) -> None:
    user = UserFactory(email="ada@example.test")

    response = client.post(
        reverse("accounts:login"), {"username": "ADA@example.test", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_password_login_wrong_password_redisplays_the_form(client: Client) -> None:
    UserFactory(email="ada@example.test")

    response = client.post(
        reverse("accounts:login"), {"username": "ada@example.test", "password": "nope"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]
    assert "_auth_user_id" not in client.session


def test_login_link_is_emailed_and_logs_in_once(client: Client) -> None:
    user = PersonFactory(fellow=True, email="eig@example.test").user

    client.post(reverse("accounts:request_login_link"), {"email": "eig@example.test"})
    link = _link_from_mail()
    assert client.get(link).status_code == 200  # a confirmation page: mail scanners don't burn it
    response = client.post(link)

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.logout()
    second = client.post(link)
    assert second.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_login_link_for_unknown_email_sends_nothing_and_says_the_same(client: Client) -> None:
    response = client.post(reverse("accounts:request_login_link"), {"email": "ghost@example.test"})

    assert response.status_code == 200
    assert mail.outbox == []
    assert "ghost@example.test" in response.content.decode()


def test_login_link_request_with_invalid_email_redisplays_with_an_error(client: Client) -> None:
    response = client.post(reverse("accounts:request_login_link"), {"email": "not-an-email"})

    assert response.status_code == 400
    assert response.context["link_form"].errors["email"]


def test_login_link_expires(client: Client, settings: object) -> None:
    UserFactory(email="late@example.test")
    client.post(reverse("accounts:request_login_link"), {"email": "late@example.test"})
    link = _link_from_mail()
    settings.MAGELLAN_LOGIN_LINK_MAX_AGE = -1  # type: ignore[attr-defined]

    client.post(link)

    assert "_auth_user_id" not in client.session


def test_login_link_of_inactive_user_is_refused(client: Client) -> None:
    user = UserFactory(email="gone@example.test")
    client.post(reverse("accounts:request_login_link"), {"email": "gone@example.test"})
    link = _link_from_mail()
    User.objects.filter(pk=user.pk).update(is_active=False)

    client.post(link)

    assert "_auth_user_id" not in client.session


def test_logout_logs_out(client: Client) -> None:
    client.force_login(UserFactory())

    client.post(reverse("accounts:logout"))

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Saisissez une adresse e-mail."),
        ("ada", "Saisissez une adresse e-mail valide, au format nom@domaine.fr."),
        ("ada@", "Saisissez une adresse e-mail valide, au format nom@domaine.fr."),
    ],
)
def test_login_forms_say_what_is_wrong_with_the_email(
    client: Client, email: str, message: str
) -> None:
    link = client.post(reverse("accounts:request_login_link"), {"email": email})
    password = client.post(reverse("accounts:login"), {"username": email, "password": "x"})

    assert link.context["link_form"].errors == {"email": [message]}
    assert password.context["form"].errors == {"username": [message]}


def test_password_login_wrong_password_says_so_in_french(client: Client) -> None:
    UserFactory(email="ada@example.test")

    response = client.post(
        reverse("accounts:login"), {"username": "ada@example.test", "password": ""}
    )
    wrong = client.post(
        reverse("accounts:login"), {"username": "ada@example.test", "password": "nope"}
    )

    assert response.context["form"].errors == {"password": ["Saisissez votre mot de passe."]}
    assert wrong.context["form"].errors == {
        "__all__": [
            "Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte. "
            "Vérifiez-les (le mot de passe distingue majuscules et minuscules), ou recevez "
            "un lien de connexion."
        ]
    }
