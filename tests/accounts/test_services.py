"""Account services: the login-link rate limit in time (its window), per client, and the log purge."""

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from axes.models import AccessLog
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.test import RequestFactory, override_settings
from django.urls import resolve
from django.utils import timezone

from magellan.accounts import services
from magellan.accounts.tokens import login_link_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WINDOW = 15 * 60


class _Clock:
    """The cache's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(locmem, "time", fake)
    monkeypatch.setattr(cache_base, "time", fake)
    return fake


def _may(email: str = "ada@example.test", ip: str = "10.0.0.1") -> bool:
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    return services.may_request_login_link(request=request, email=email)


@override_settings(MAGELLAN_LOGIN_LINK_LIMIT_WINDOW=WINDOW, MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL=3)
def test_login_links_are_limited_per_address_for_the_whole_window(clock: _Clock) -> None:
    first = [_may() for _ in range(4)]
    clock.now += WINDOW - 1
    just_before_the_end = _may()
    clock.now += 2
    once_over = [_may() for _ in range(4)]

    assert first == [True, True, True, False]
    assert just_before_the_end is False
    assert once_over == [True, True, True, False]


@override_settings(MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL=3)
def test_the_address_limit_ignores_case_and_spaces() -> None:
    asked = [
        _may(email) for email in ("ada@example.test", " ADA@example.test", "Ada@Example.test ")
    ]

    assert asked == [True, True, True]
    assert _may("ada@example.test") is False
    assert _may("bruno@example.test") is True


@override_settings(MAGELLAN_LOGIN_LINK_LIMIT_PER_IP=2, MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL=9)
def test_each_client_address_has_its_own_limit() -> None:
    from_one = [_may(f"p{n}@example.test", ip="10.0.0.1") for n in range(3)]
    from_another = [_may(f"q{n}@example.test", ip="10.0.0.2") for n in range(3)]

    assert from_one == [True, True, False]
    assert from_another == [True, True, False]


class _ExpiringDuringRequest:
    """The cache, with the counter's window ending between `add` and `incr` once."""

    def __init__(self, clock: _Clock) -> None:
        self.clock = clock
        self.armed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(cache, name)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        added = cache.add(*args, **kwargs)
        if self.armed:
            self.armed = False
            self.clock.now += WINDOW
        return added


@pytest.mark.parametrize("limit", [1, 3])
def test_a_window_ending_during_a_request_starts_a_new_one_with_that_request(
    clock: _Clock, monkeypatch: pytest.MonkeyPatch, settings: Any, limit: int
) -> None:
    settings.MAGELLAN_LOGIN_LINK_LIMIT_WINDOW = WINDOW
    settings.MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL = limit
    racing = _ExpiringDuringRequest(clock)
    monkeypatch.setattr(services, "cache", racing)
    for _ in range(limit):
        assert _may()
    clock.now += WINDOW - 1
    assert _may() is False

    racing.armed = True  # the counter expires between add and incr
    in_the_new_window = [_may() for _ in range(limit + 1)]
    clock.now += WINDOW - 2
    later_in_it = _may()
    clock.now += 2
    after_it = _may()

    assert in_the_new_window == [True] * limit + [False]
    assert later_in_it is False
    assert after_it is True


@override_settings(MAGELLAN_LOGIN_LOG_RETENTION_DAYS=30)
def test_purge_login_log_counts_the_retention_from_the_given_moment() -> None:
    entry = AccessLog.objects.create(username="ada@example.test", ip_address="127.0.0.1")
    AccessLog.objects.filter(pk=entry.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=25)
    )
    later = timezone.now() + datetime.timedelta(days=10)

    assert services.purge_login_log(now=timezone.now()) == 0
    assert services.purge_login_log(now=later) == 1
    assert not AccessLog.objects.exists()


@override_settings(
    MAGELLAN_LOGIN_LINK_MAX_AGE=15 * 60, MAGELLAN_SITE_URL="https://magellan.example.gouv.fr/"
)
def test_send_login_link_emails_the_account_of_that_address_its_own_link() -> None:
    UserFactory(email="ada@example.test")
    bruno = UserFactory(email="bruno@example.test")

    sent = services.send_login_link(email=" Bruno@Example.test ")

    assert sent is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bruno@example.test"]
    assert message.subject == "Votre lien de connexion à Magellan"
    opening, link, closing = message.body.split("\n\n")[1:4]
    assert message.body.startswith("Bonjour,\n\n")
    assert opening == (
        "Pour vous connecter à Magellan, ouvrez ce lien (valable 15 minutes, une seule fois) :"
    )
    assert closing == "Si vous n’avez rien demandé, ignorez ce message."
    assert link.startswith("https://magellan.example.gouv.fr/compte/")
    match = resolve(urlsplit(link).path)
    assert match.url_name == "login_link"
    assert match.kwargs["user_id"] == bruno.pk
    assert login_link_token.check_token(bruno, match.kwargs["token"])


def test_send_login_link_sends_nothing_for_an_unknown_or_inactive_address() -> None:
    UserFactory(email="ada@example.test")
    UserFactory(email="gone@example.test", is_active=False)

    sent = [
        services.send_login_link(email=email)
        for email in ("ghost@example.test", "gone@example.test")
    ]

    assert sent == [False, False]
    assert mail.outbox == []
