"""API tokens: issued once in the clear, stored hashed, revoked per account, checked per request."""

import datetime

import pytest
from django.utils import timezone

from magellan.api import services
from magellan.api.models import ApiToken, hash_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_issue_token_gives_the_raw_value_once_and_keeps_only_its_hash() -> None:
    user = UserFactory()

    token, raw = services.issue_token(user=user)

    token.refresh_from_db()
    assert raw.startswith("mgl_")
    assert len(raw) >= len("mgl_") + 43  # at least 32 random bytes, URL-safe base64
    assert token.user == user
    assert token.key_hash == hash_token(raw)
    assert raw not in token.key_hash
    assert token.name == ""
    assert token.revoked_at is None
    assert token.last_used_at is None


def test_issue_token_shows_the_eight_characters_after_the_public_prefix() -> None:
    token, raw = services.issue_token(user=UserFactory(), name="Tableau de bord")

    token.refresh_from_db()
    assert token.prefix == raw[len("mgl_") : len("mgl_") + 8]
    assert token.name == "Tableau de bord"
    assert str(token).startswith(token.prefix)


def test_two_tokens_never_share_a_value() -> None:
    user = UserFactory()

    raws = {services.issue_token(user=user)[1] for _ in range(3)}

    assert len(raws) == 3


def test_revoke_tokens_revokes_the_accounts_active_tokens_only() -> None:
    user, other = UserFactory(), UserFactory()
    _, first = services.issue_token(user=user)
    _, second = services.issue_token(user=user)
    old, _old_raw = services.issue_token(user=user)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    ApiToken.objects.filter(pk=old.pk).update(revoked_at=long_ago)
    _, others = services.issue_token(user=other)

    count = services.revoke_tokens(user=user)

    assert count == 2
    assert services.user_for_token(first) is None
    assert services.user_for_token(second) is None
    old.refresh_from_db()
    assert old.revoked_at == long_ago  # an earlier revocation keeps its date
    assert services.user_for_token(others) == other
    assert ApiToken.objects.get(user=other).revoked_at is None


def test_revoked_tokens_record_when() -> None:
    user = UserFactory()
    token, _raw = services.issue_token(user=user)
    before = timezone.now()

    services.revoke_tokens(user=user)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.revoked_at >= before


def test_user_for_token_finds_the_account_and_records_the_use_of_that_token_only() -> None:
    user = UserFactory()
    used, raw = services.issue_token(user=user)
    unused, _unused_raw = services.issue_token(user=user)
    before = timezone.now()

    assert services.user_for_token(raw) == user

    used.refresh_from_db()
    unused.refresh_from_db()
    assert used.last_used_at is not None
    assert used.last_used_at >= before
    assert unused.last_used_at is None


def test_user_for_token_refuses_unknown_revoked_and_inactive() -> None:
    active, inactive = UserFactory(), UserFactory(is_active=False)
    _, revoked = services.issue_token(user=active)
    services.revoke_tokens(user=active)
    _, of_inactive = services.issue_token(user=inactive)

    assert services.user_for_token("mgl_unknown") is None
    assert services.user_for_token(revoked) is None
    assert services.user_for_token(of_inactive) is None


def test_user_for_token_reads_the_account_with_the_token(django_assert_num_queries) -> None:
    user = UserFactory()
    _, raw = services.issue_token(user=user)

    with django_assert_num_queries(2):  # the token with its account, then its last use
        found = services.user_for_token(raw)
        assert found.pk == user.pk
