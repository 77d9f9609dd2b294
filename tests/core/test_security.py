"""Hardening: trusted proxies and the client's address, security headers, session expiry."""

import time

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from magellan.core.middleware import SESSION_SEEN, SESSION_STARTED
from magellan.core.security import TrustedProxyMiddleware, client_ip, is_trusted_proxy
from tests.factories import PersonFactory, UserFactory
from tests.factories.accounts import PASSWORD


def _request(peer: str, forwarded: str | None = None, proto: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    if proto is not None:
        extra["HTTP_X_FORWARDED_PROTO"] = proto
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_client_is_the_peer_whatever_it_forwards(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = []

    assert client_ip(_request("198.51.100.7", forwarded="203.0.113.1")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1"]

    request = _request("127.0.0.1", forwarded="10.9.9.9, 203.0.113.1")

    assert client_ip(request) == "203.0.113.1"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    request = _request("127.0.0.1", forwarded="6.6.6.6, 203.0.113.1, 10.1.2.3")

    assert client_ip(request) == "203.0.113.1"


def test_a_peer_outside_the_trusted_proxies_is_the_client(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(_request("192.0.2.5", forwarded="203.0.113.1")) == "192.0.2.5"
    assert is_trusted_proxy("10.200.0.1") is True
    assert is_trusted_proxy("11.0.0.1") is False
    assert is_trusted_proxy("not an address") is False


def test_a_garbled_forwarded_for_falls_back_to_the_proxy(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1"]

    assert client_ip(_request("127.0.0.1", forwarded="nonsense")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


def _seen_meta(request) -> dict[str, str]:
    seen: dict[str, str] = {}
    TrustedProxyMiddleware(lambda r: seen.update(r.META) or None)(request)  # type: ignore[arg-type,func-returns-value]
    return seen


def test_forwarded_headers_from_an_untrusted_peer_are_dropped(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1"]

    meta = _seen_meta(_request("198.51.100.7", forwarded="203.0.113.1", proto="https"))

    assert "HTTP_X_FORWARDED_FOR" not in meta
    assert "HTTP_X_FORWARDED_PROTO" not in meta


def test_forwarded_headers_from_a_trusted_proxy_are_kept(settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["127.0.0.1"]

    meta = _seen_meta(_request("127.0.0.1", forwarded="203.0.113.1", proto="https"))

    assert meta["HTTP_X_FORWARDED_FOR"] == "203.0.113.1"
    assert meta["HTTP_X_FORWARDED_PROTO"] == "https"


@pytest.mark.django_db
def test_a_client_cannot_claim_https_by_sending_forwarded_proto(client: Client, settings) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.MAGELLAN_TRUSTED_PROXIES = ["10.0.0.1"]

    forged = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="198.51.100.7")
    proxied = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.1")

    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")
    assert proxied.status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_a_lockout(client: Client, settings) -> None:
    settings.MAGELLAN_TRUSTED_PROXIES = ["10.0.0.1"]
    UserFactory(email="ada@example.test")
    for number in range(6):
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{number}@example.test", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )

    response = client.post(
        reverse("accounts:login"),
        {"username": "ada@example.test", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client: Client) -> None:
    response = client.get(reverse("accounts:login"))

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
    }
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def _signed_in() -> tuple[Client, object]:
    user = PersonFactory(fellow=True).user
    client = Client()
    client.force_login(user)
    return client, user


def _age_session(client: Client, *, started_ago: float, seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_SEEN] = now - seen_ago
    session.save()


@pytest.mark.django_db
def test_a_session_idle_too_long_is_signed_out(settings) -> None:
    settings.MAGELLAN_SESSION_IDLE_MINUTES = 30
    client, _user = _signed_in()
    _age_session(client, started_ago=3600, seen_ago=31 * 60)

    response = client.get("/", follow=True)

    assert "_auth_user_id" not in client.session
    assert response.wsgi_request.user.is_authenticated is False
    assert "Votre session a expiré : reconnectez-vous." in response.content.decode()


@pytest.mark.django_db
def test_a_session_older_than_its_maximum_age_is_signed_out_even_if_active(settings) -> None:
    settings.MAGELLAN_SESSION_MAX_AGE_HOURS = 12
    client, _user = _signed_in()
    _age_session(client, started_ago=12 * 3600 + 5, seen_ago=10)

    client.get("/")

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_active_session_within_its_limits_stays_and_records_the_request(settings) -> None:
    settings.MAGELLAN_SESSION_IDLE_MINUTES = 30
    settings.MAGELLAN_SESSION_MAX_AGE_HOURS = 12
    client, user = _signed_in()
    _age_session(client, started_ago=11 * 3600, seen_ago=29 * 60)

    client.get("/")

    session = client.session
    assert int(session["_auth_user_id"]) == user.pk
    assert time.time() - session[SESSION_SEEN] < 5


def test_the_session_cookie_lasts_no_longer_than_the_maximum_age() -> None:
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == settings.MAGELLAN_SESSION_MAX_AGE_HOURS * 3600


def _page_templates():
    from tests.conftest import REPO_ROOT

    for path in sorted((REPO_ROOT / "magellan").glob("**/templates/**/*.html")):
        # E-mails and the PDFs' print templates are not pages: no CSP applies to them.
        if "email" in str(path.relative_to(REPO_ROOT)) or path.name.endswith("_print.html"):
            continue
        yield path


def test_no_page_template_has_an_inline_style_or_script() -> None:
    import re

    offending = [
        str(path)
        for path in _page_templates()
        if re.search(r'\sstyle="|<style|<script(?![^>]*\ssrc=)|\son[a-z]+="', path.read_text())
    ]

    assert offending == []
    assert len(list(_page_templates())) > 100


def test_check_deploy_is_clean_behind_a_trusted_proxy() -> None:
    from tests.test_production import PROD_ENV, _manage

    env = {**PROD_ENV, "MAGELLAN_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"}
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_the_retired_proxy_count_stops_the_start_with_what_to_set_instead() -> None:
    from tests.test_production import PROD_ENV, _manage

    result = _manage("check", env={**PROD_ENV, "MAGELLAN_PROXY_COUNT": "1"})

    assert result.returncode != 0
    assert "MAGELLAN_PROXY_COUNT is replaced by MAGELLAN_TRUSTED_PROXIES" in result.stderr


def test_a_wrong_trusted_proxy_stops_the_start() -> None:
    from tests.test_production import PROD_ENV, _manage

    result = _manage("check", env={**PROD_ENV, "MAGELLAN_TRUSTED_PROXIES": "proxy.local"})

    assert result.returncode != 0
    assert "does not appear to be an IPv4 or IPv6 network" in result.stderr
