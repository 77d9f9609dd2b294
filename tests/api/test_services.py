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

    # The token with its account (and whether it is an integration's), then its last use.
    with django_assert_num_queries(2):
        found = services.user_for_token(raw)
        assert found.pk == user.pk


def test_issue_token_keeps_scopes_in_order_and_expires_at_most_the_setting(settings) -> None:
    settings.MAGELLAN_API_TOKEN_MAX_DAYS = 30
    user, coach = UserFactory(), UserFactory()
    before = timezone.now()

    token, _raw = services.issue_token(
        user=user, scopes=["bulletins:write", "directory:read"], by=coach
    )

    assert token.scopes == ["directory:read", "bulletins:write"]
    assert token.created_by == coach
    assert before + datetime.timedelta(days=30) <= token.expires_at
    assert token.expires_at <= timezone.now() + datetime.timedelta(days=30)


@pytest.mark.parametrize(
    ("scopes", "days", "message"),
    [
        ([], 5, "Choisissez au moins un droit pour ce jeton."),
        (["directory:admin"], 5, "Droit inconnu : directory:admin."),
        (["directory:read"], -1, "La date d’expiration doit être dans le futur."),
        (["directory:read"], 366, "Un jeton expire au plus tard 365 jours après sa création."),
    ],
)
def test_issue_token_refusals_write_nothing(scopes: list[str], days: int, message: str) -> None:
    with pytest.raises(services.ApiTokenError, match=f"^{message}$"):
        services.issue_token(
            user=UserFactory(),
            scopes=scopes,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )

    assert not ApiToken.objects.exists()


def test_write_scope_includes_read_of_its_area_only() -> None:
    token, _raw = services.issue_token(user=UserFactory(), scopes=["program:write"])

    assert token.allows("program", "read")
    assert token.allows("program", "write")
    assert not token.allows("directory", "read")
    assert not token.allows("helpdesk", "write")


def test_an_expired_token_opens_nothing() -> None:
    user = UserFactory()
    token, raw = services.issue_token(user=user)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert services.user_for_token(raw) is None
    token.refresh_from_db()
    assert token.last_used_at is None


def test_revoke_token_revokes_that_token_once() -> None:
    user = UserFactory()
    token, raw = services.issue_token(user=user)
    _other, other_raw = services.issue_token(user=user)

    services.revoke_token(token=token)

    assert services.user_for_token(raw) is None
    assert services.user_for_token(other_raw) == user
    with pytest.raises(services.ApiTokenError, match=r"^Ce jeton est déjà révoqué\.$"):
        services.revoke_token(token=token)


def test_a_service_account_has_no_person_no_password_and_an_unreachable_address() -> None:
    coach = UserFactory()

    service = services.create_service_account(name="  Badgeuse   de la salle ", by=coach)

    assert service.name == "Badgeuse de la salle"
    assert service.created_by == coach
    assert service.user.email.endswith("@integrations.magellan.invalid")
    assert service.user.is_active
    assert not service.user.has_usable_password()
    assert not hasattr(service.user, "person")


def test_a_service_account_needs_a_name() -> None:
    with pytest.raises(services.ApiTokenError, match=r"^Donnez un nom à l’intégration\.$"):
        services.create_service_account(name="   ", by=None)
