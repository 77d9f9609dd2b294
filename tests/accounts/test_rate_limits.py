"""Guessing is slowed down: password attempts lock out, login-link e-mails are capped."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, email: str, password: str, ip: str = "127.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_right_password_is_refused_after_five_wrong_ones(client: Client) -> None:
    UserFactory(email="ada@example.test")
    for _ in range(6):
        _login(client, "ada@example.test", "wrong")

    response = _login(client, "ada@example.test", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_lockout_holds_per_account_whatever_the_address_and_its_case(client: Client) -> None:
    UserFactory(email="ada@example.test")
    for number in range(6):
        _login(client, "ADA@example.test", "wrong", ip=f"10.0.0.{number}")

    response = _login(client, "ada@example.test", PASSWORD, ip="10.0.1.1")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_holds_per_ip_address_across_accounts(client: Client) -> None:
    UserFactory(email="ada@example.test")
    for number in range(6):
        _login(client, f"guess{number}@example.test", "wrong", ip="10.0.0.9")

    response = _login(client, "ada@example.test", PASSWORD, ip="10.0.0.9")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_lock_out(client: Client) -> None:
    user = UserFactory(email="ada@example.test")
    for _ in range(3):
        _login(client, "ada@example.test", "wrong")

    response = _login(client, "ada@example.test", PASSWORD)

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_forty_link_requests_send_at_most_three_emails(client: Client) -> None:
    UserFactory(email="eig@example.test")

    responses = [
        client.post(reverse("accounts:request_login_link"), {"email": "eig@example.test"})
        for _ in range(40)
    ]

    assert len(mail.outbox) == 3
    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    assert responses[-1].status_code == 429
    assert "Trop de demandes de lien de connexion" in responses[-1].content.decode()


def test_link_limit_says_the_same_for_an_unknown_address(client: Client) -> None:
    responses = [
        client.post(reverse("accounts:request_login_link"), {"email": "ghost@example.test"})
        for _ in range(4)
    ]

    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert mail.outbox == []


def test_link_requests_are_capped_per_ip_address(client: Client) -> None:
    for number in range(12):
        UserFactory(email=f"p{number}@example.test")

    for number in range(12):
        client.post(
            reverse("accounts:request_login_link"),
            {"email": f"p{number}@example.test"},
            REMOTE_ADDR="10.0.0.7",
        )

    assert len(mail.outbox) == 10


def test_behind_a_proxy_clients_are_told_apart_by_forwarded_for(client: Client, settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1"]
    user = UserFactory(email="ada@example.test")
    for number in range(6):
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{number}@example.test", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )

    response = client.post(
        reverse("accounts:login"),
        {"username": "ada@example.test", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.77",
    )

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_admin_login_locks_out_like_the_login_page(client: Client) -> None:
    UserFactory(email="staff@example.test", is_staff=True)
    for _ in range(6):
        client.post(reverse("admin:login"), {"username": "staff@example.test", "password": "x"})

    response = client.post(
        reverse("admin:login"), {"username": "staff@example.test", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
