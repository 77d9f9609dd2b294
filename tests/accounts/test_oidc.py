"""ProConnect login against a real OpenID provider (tests/oidc_provider): the flow and its refusals."""

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from axes.models import AccessLog
from django.test import Client
from django.urls import reverse

from magellan.accounts import oidc
from magellan.accounts.models import User
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.oidc_provider import Provider, configure, provider, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def op(settings: object) -> Provider:
    running = provider()
    configure(settings, running)
    return running


def _authorize(client: Client, next_url: str = "") -> str:
    query = f"?next={next_url}" if next_url else ""
    response = client.get(reverse("accounts:proconnect_login") + query)
    assert response.status_code == 302
    return str(response["Location"])


def _callback(client: Client, email: str, next_url: str = "") -> tuple[str, object]:
    """Go to the provider as `email` and come back; the callback path and its response."""
    back = sign_in(_authorize(client, next_url), email)
    parts = urlsplit(back)
    path = f"{parts.path}?{parts.query}"
    return path, client.get(path)


def _messages(client: Client) -> list[str]:
    response = client.get(reverse("accounts:login"))
    return [str(m) for m in response.context["messages"]]


def _signed_in(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


# ProConnect off


def test_without_a_client_id_there_is_no_button_and_the_urls_answer_404(
    client: Client, settings: object
) -> None:
    settings.OIDC_RP_CLIENT_ID = ""  # type: ignore[attr-defined]

    page = client.get(reverse("accounts:login")).content.decode()

    assert "ProConnect" not in page
    for name in ("proconnect_login", "proconnect_callback", "proconnect_logged_out"):
        assert client.get(reverse(f"accounts:{name}")).status_code == 404


def test_the_login_page_shows_the_proconnect_button_beside_the_other_ways(
    client: Client, op: Provider
) -> None:
    page = client.get(reverse("accounts:login")).content.decode()

    assert 'class="fr-connect"' in page
    assert "S’identifier avec" in page
    assert '<span class="fr-connect__brand">ProConnect</span>' in page
    assert "Qu’est-ce que ProConnect ?" in page
    assert 'href="https://www.proconnect.gouv.fr/"' in page
    assert reverse("accounts:proconnect_login") in page
    assert reverse("accounts:request_login_link") in page
    assert 'name="password"' in page


# The flow


def test_the_request_carries_state_nonce_and_a_pkce_challenge(client: Client, op: Provider) -> None:
    query = parse_qs(urlsplit(_authorize(client)).query)

    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["magellan"]
    assert query["scope"] == ["openid email given_name usual_name"]
    assert query["redirect_uri"] == ["http://testserver/compte/proconnect/retour/"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32
    assert len(query["nonce"][0]) >= 32
    assert len(query["code_challenge"][0]) == 43
    assert "acr_values" not in query


def test_acr_values_are_sent_when_set(client: Client, op: Provider, settings: object) -> None:
    settings.MAGELLAN_PROCONNECT_ACR_VALUES = "eidas1"  # type: ignore[attr-defined]

    query = parse_qs(urlsplit(_authorize(client)).query)

    assert query["acr_values"] == ["eidas1"]


def test_a_verified_email_signs_in_its_account_and_the_login_is_logged(
    client: Client, op: Provider
) -> None:
    user = UserFactory(email="agathe@example.test")

    _, response = _callback(client, "agathe@example.test")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == reverse("home")  # type: ignore[index]
    assert _signed_in(client) == user.pk
    assert client.session[oidc.ID_TOKEN_KEY].count(".") == 2
    assert client.session["_auth_user_backend"] == oidc.BACKEND
    assert AccessLog.objects.filter(username="agathe@example.test").count() == 1
    assert "Vous êtes connecté·e avec ProConnect." in client.get(reverse("home")).content.decode()


def test_the_email_is_matched_whatever_its_case_and_next_is_followed(
    client: Client, op: Provider
) -> None:
    user = UserFactory(email="agathe@example.test")

    _, response = _callback(client, "Agathe@Example.TEST", next_url="/programme/")

    assert response["Location"] == "/programme/"  # type: ignore[index]
    assert _signed_in(client) == user.pk


def test_an_es256_client_signs_in_too(client: Client, op: Provider, settings: object) -> None:
    settings.OIDC_RP_CLIENT_ID = "magellan-es256"  # type: ignore[attr-defined]
    user = UserFactory(email="agathe@example.test")

    _callback(client, "agathe@example.test")

    assert _signed_in(client) == user.pk


def test_password_login_still_works_with_proconnect_on(client: Client, op: Provider) -> None:
    user = UserFactory(email="ada@example.test")

    client.post(reverse("accounts:login"), {"username": "ada@example.test", "password": PASSWORD})

    assert _signed_in(client) == user.pk


# Refusals: each says why, and nobody is signed in


def test_a_wrong_state_is_refused(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test")
    back = sign_in(_authorize(client), "agathe@example.test")
    parts = urlsplit(back)
    query = parse_qs(parts.query)

    client.get(parts.path, {"code": query["code"][0], "state": "x" * 43})

    assert _signed_in(client) is None
    assert _messages(client) == [
        "Cette réponse de ProConnect ne correspond à aucune connexion en cours dans ce navigateur "
        "(elle a peut-être déjà servi) : vous n’êtes pas connecté·e. Recommencez."
    ]


def test_an_answer_used_twice_is_refused_the_second_time(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test")
    path, _ = _callback(client, "agathe@example.test")
    client.logout()

    client.get(path)

    assert _signed_in(client) is None
    assert "ne correspond à aucune connexion en cours" in _messages(client)[0]


def test_a_token_signed_with_another_key_is_refused(
    client: Client, op: Provider, settings: object
) -> None:
    UserFactory(email="agathe@example.test")
    settings.OIDC_OP_JWKS_ENDPOINT = op.forged_jwks  # type: ignore[attr-defined]

    _callback(client, "agathe@example.test")

    assert _signed_in(client) is None
    assert _messages(client) == [
        "La réponse de ProConnect n’a pas pu être vérifiée : vous n’êtes pas connecté·e. "
        "Recommencez ; si cela se reproduit, contactez l’équipe du programme."
    ]


def test_an_expired_id_token_is_refused(client: Client, op: Provider, settings: object) -> None:
    settings.OIDC_RP_CLIENT_ID = "magellan-expired"  # type: ignore[attr-defined]
    settings.MAGELLAN_PROCONNECT_CLOCK_SKEW = 0  # type: ignore[attr-defined]
    UserFactory(email="agathe@example.test")

    # The provider's ID tokens for this client live one second and arrive two seconds late.
    _callback(client, "agathe@example.test")

    assert _signed_in(client) is None
    assert _messages(client) == [
        "La réponse de ProConnect a expiré : vous n’êtes pas connecté·e. Recommencez."
    ]


def test_a_nonce_that_does_not_match_is_refused(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test")
    back = sign_in(_authorize(client), "agathe@example.test")
    session = client.session
    for pending in session["oidc_states"].values():
        pending["nonce"] = "n" * 32
    session.save()

    parts = urlsplit(back)
    client.get(f"{parts.path}?{parts.query}")

    assert _signed_in(client) is None
    assert "n’a pas pu être vérifiée" in _messages(client)[0]


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test")
    back = sign_in(_authorize(client), "agathe@example.test")
    session = client.session
    for pending in session["oidc_states"].values():
        pending["code_verifier"] = "v" * 64
    session.save()

    parts = urlsplit(back)
    client.get(f"{parts.path}?{parts.query}")

    assert _signed_in(client) is None
    assert "n’a pas pu être vérifiée" in _messages(client)[0]


def test_email_verified_false_is_refused_even_when_the_provider_vouches(
    client: Client, op: Provider, settings: object
) -> None:
    settings.MAGELLAN_PROCONNECT_EMAIL_VOUCHED = True  # type: ignore[attr-defined]
    UserFactory(email="non-verifie@example.test")

    _callback(client, "non-verifie@example.test")

    assert _signed_in(client) is None
    assert _messages(client) == [
        "ProConnect ne garantit pas votre adresse électronique non-verifie@example.test : elle "
        "ne peut pas servir à vous connecter. Utilisez un lien de connexion ou votre mot de passe."
    ]


def test_an_email_without_email_verified_follows_the_setting(
    client: Client, op: Provider, settings: object
) -> None:
    user = UserFactory(email="sans-verification@example.test")
    settings.MAGELLAN_PROCONNECT_EMAIL_VOUCHED = False  # type: ignore[attr-defined]

    _callback(client, "sans-verification@example.test")
    assert _signed_in(client) is None
    assert "ne garantit pas votre adresse" in _messages(client)[0]

    settings.MAGELLAN_PROCONNECT_EMAIL_VOUCHED = True  # type: ignore[attr-defined]
    _callback(client, "sans-verification@example.test")
    assert _signed_in(client) == user.pk


def test_an_unknown_email_is_refused_and_no_account_is_created(
    client: Client, op: Provider
) -> None:
    UserFactory(email="agathe@example.test")

    _callback(client, "inconnu@example.test")

    assert _signed_in(client) is None
    assert User.objects.count() == 1
    assert _messages(client) == [
        "Aucun compte Magellan actif n’a l’adresse inconnu@example.test. Les comptes sont ouverts "
        "par l’équipe du programme : demandez-lui de vous inscrire avec cette adresse, ou "
        "connectez-vous avec celle de votre compte."
    ]


def test_an_inactive_account_is_refused(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test", is_active=False)

    _callback(client, "agathe@example.test")

    assert _signed_in(client) is None
    assert "Aucun compte Magellan actif" in _messages(client)[0]


def test_an_error_from_the_provider_is_refused(client: Client, op: Provider) -> None:
    client.get(reverse("accounts:proconnect_callback"), {"error": "access_denied", "state": "s"})

    assert _signed_in(client) is None
    assert _messages(client) == [
        "La connexion avec ProConnect a été interrompue : vous n’êtes pas connecté·e."
    ]


def test_a_locked_out_client_stays_locked_out(
    client: Client, op: Provider, settings: object
) -> None:
    UserFactory(email="agathe@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):  # type: ignore[attr-defined]
        client.post(reverse("accounts:login"), {"username": "x@example.test", "password": "no"})

    _, response = _callback(client, "agathe@example.test")

    assert response.status_code == 429  # type: ignore[attr-defined]
    assert _signed_in(client) is None


def test_an_unreachable_provider_is_a_message_not_an_error(
    client: Client, settings: object
) -> None:
    settings.OIDC_RP_CLIENT_ID = "magellan"  # type: ignore[attr-defined]
    settings.MAGELLAN_PROCONNECT_ISSUER = "http://127.0.0.1:9"  # type: ignore[attr-defined]

    response = client.get(reverse("accounts:proconnect_login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "ProConnect ne répond pas pour le moment" in _messages(client)[0]


# Logout


def test_logout_ends_the_proconnect_session_too(client: Client, op: Provider) -> None:
    UserFactory(email="agathe@example.test")
    _callback(client, "agathe@example.test")
    id_token = client.session[oidc.ID_TOKEN_KEY]

    response = client.post(reverse("accounts:logout"))

    assert _signed_in(client) is None
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{op.issuer}/session/end"
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/compte/proconnect/deconnecte/"]
    back = client.get(reverse("accounts:proconnect_logged_out"), {"state": query["state"][0]})
    assert back["Location"] == reverse("home")
    assert _messages(client)[-1] == "Vous êtes déconnecté·e de Magellan et de ProConnect."


def test_the_return_from_logout_with_another_state_says_nothing(
    client: Client, op: Provider
) -> None:
    response = client.get(reverse("accounts:proconnect_logged_out"), {"state": "forged"})

    assert response["Location"] == reverse("home")
    assert _messages(client) == []


def test_logout_of_a_password_session_stays_here(client: Client, op: Provider) -> None:
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("home")


# The verified-e-mail rule


@pytest.mark.parametrize(
    ("claims", "vouched", "expected"),
    [
        ({"email_verified": True}, False, True),
        ({"email_verified": "true"}, False, True),
        ({"email_verified": False}, True, False),
        ({"email_verified": "false"}, True, False),
        ({}, True, True),
        ({}, False, False),
    ],
)
def test_email_is_verified(
    claims: dict[str, object], vouched: bool, expected: bool, settings: object
) -> None:
    settings.MAGELLAN_PROCONNECT_EMAIL_VOUCHED = vouched  # type: ignore[attr-defined]

    assert oidc.email_is_verified(claims) is expected


# The ID token's checks, on a real token of the provider


def _id_token(client: Client) -> str:
    UserFactory(email="agathe@example.test")
    _callback(client, "agathe@example.test")
    return str(client.session[oidc.ID_TOKEN_KEY])


def test_a_real_id_token_passes_its_checks(client: Client, op: Provider) -> None:
    token = _id_token(client)
    nonce = jwt.decode(token, options={"verify_signature": False})["nonce"]

    claims = oidc.ProConnectBackend().verify_id_token(token, nonce=nonce)

    assert claims["aud"] == "magellan"
    assert claims["iss"] == op.issuer
    assert oidc.signing_algorithms() == ["RS256", "ES256"]


def test_an_id_token_for_another_client_is_refused(
    client: Client, op: Provider, settings: object
) -> None:
    token = _id_token(client)
    nonce = jwt.decode(token, options={"verify_signature": False})["nonce"]
    settings.OIDC_RP_CLIENT_ID = "another-service"  # type: ignore[attr-defined]

    with pytest.raises(oidc.ProConnectError, match="n’a pas pu être vérifiée"):
        oidc.ProConnectBackend().verify_id_token(token, nonce=nonce)


def test_an_id_token_signed_with_an_algorithm_magellan_refuses_is_refused(
    client: Client, op: Provider
) -> None:
    token = _id_token(client)
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = jwt.encode(claims, "s" * 32, algorithm="HS256", headers={"kid": "rsa-key"})

    with pytest.raises(oidc.ProConnectError, match="n’a pas pu être vérifiée"):
        oidc.ProConnectBackend().verify_id_token(forged, nonce=claims["nonce"])


def test_an_unsigned_id_token_is_refused(client: Client, op: Provider) -> None:
    token = _id_token(client)
    claims = jwt.decode(token, options={"verify_signature": False})
    unsigned = jwt.encode(claims, None, algorithm="none")

    with pytest.raises(oidc.ProConnectError, match="n’a pas pu être vérifiée"):
        oidc.ProConnectBackend().verify_id_token(unsigned, nonce=claims["nonce"])
