"""ProConnect login: OpenID Connect's authorisation-code flow (mozilla-django-oidc) with PKCE.

The flow: the button opens `ProConnectLoginView` (state, nonce and PKCE verifier kept in the
session, then off to ProConnect); ProConnect sends the browser back to `ProConnectCallbackView`,
which checks the state and calls `authenticate()`; `ProConnectBackend` exchanges the code, checks
the ID token (signature against the provider's key set, issuer, audience, expiry, nonce), reads
the signed userinfo and links the account by its verified e-mail. No account is ever created.
Logging out ends the ProConnect session too (`LogoutView`, end-session endpoint with
`id_token_hint`). Off — no button, URLs 404 — while no client id is set (docs/proconnect.md).
"""

from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from . import views as account_views
from .models import User

BACKEND = "magellan.accounts.oidc.ProConnectBackend"
# The signing algorithms Magellan accepts, when the provider announces them (ProConnect: the one
# chosen at registration among RS256 and ES256; HS256 is not offered here).
ACCEPTED_ALGORITHMS = ("RS256", "ES256")
# Session keys.
ID_TOKEN_KEY = "oidc_id_token"  # noqa: S105 - a session key, not a secret
LOGOUT_STATE_KEY = "proconnect_logout_state"
# Discovery-document fields, and the mozilla-django-oidc setting that may override each one.
ENDPOINT_SETTINGS = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_LOGOUT_ENDPOINT",
}
DISCOVERY_CACHE_SECONDS = 3600


class ProConnectError(Exception):
    """A ProConnect login refused, with the French message the login page shows."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_enabled() -> bool:
    """ProConnect is on when its client id is set."""
    return bool(settings.OIDC_RP_CLIENT_ID)


def _unreachable() -> ProConnectError:
    return ProConnectError(
        _(
            "ProConnect ne répond pas pour le moment. Réessayez plus tard, ou connectez-vous "
            "avec un lien de connexion ou votre mot de passe."
        )
    )


def provider_configuration() -> dict[str, Any]:
    """The issuer's discovery document (cached for an hour)."""
    issuer = settings.MAGELLAN_PROCONNECT_ISSUER
    key = f"proconnect:discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise _unreachable() from error
        if document.get("issuer") != issuer:
            raise _unreachable()
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def endpoint(name: str) -> str:
    """An endpoint of the provider: its `OIDC_OP_*` setting when set, else the discovery's."""
    override = getattr(settings, ENDPOINT_SETTINGS[name], "")
    if override:
        return str(override)
    url = provider_configuration().get(name)
    if not url:
        raise _unreachable()
    return str(url)


def signing_algorithms() -> list[str]:
    """The ID token algorithms both the provider announces and Magellan accepts."""
    announced = provider_configuration().get("id_token_signing_alg_values_supported", [])
    return [alg for alg in ACCEPTED_ALGORITHMS if alg in announced]


def email_is_verified(claims: dict[str, Any]) -> bool:
    """Whether the claims' e-mail may link an account (`email_verified`, else the setting)."""
    verified = claims.get("email_verified")
    if verified is None:
        return bool(settings.MAGELLAN_PROCONNECT_EMAIL_VOUCHED)
    return verified is True or verified == "true"


def account_for_email(email: str) -> User | None:
    """The one active account with this e-mail (any case), or None."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    return users[0] if len(users) == 1 else None


def _refused_token() -> ProConnectError:
    return ProConnectError(
        _(
            "La réponse de ProConnect n’a pas pu être vérifiée : vous n’êtes pas connecté·e. "
            "Recommencez ; si cela se reproduit, contactez l’équipe du programme."
        )
    )


class ProConnectBackend(OIDCAuthenticationBackend):
    """Signs in the account whose e-mail ProConnect vouches for; creates none.

    Answers only `authenticate(request, proconnect_nonce=…, proconnect_code_verifier=…)` (the
    callback's call): other logins skip it. The refusal's message is left on the request.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Settings are read at each login (the parent reads them here and insists on them).
        self.UserModel = get_user_model()

    def authenticate(
        self,
        request: HttpRequest | None,
        *,
        proconnect_nonce: str,
        proconnect_code_verifier: str | None,
    ) -> User | None:
        if request is None or not is_enabled():
            return None
        self.request = request
        try:
            return self._authenticate(request, proconnect_nonce, proconnect_code_verifier)
        except ProConnectError as error:
            request.proconnect_refusal = error.message  # type: ignore[attr-defined]
            return None

    def _authenticate(self, request: HttpRequest, nonce: str, code_verifier: str | None) -> User:
        code = request.GET.get("code")
        if not code:
            raise _refused_token()
        self.OIDC_OP_TOKEN_ENDPOINT = endpoint("token_endpoint")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        payload = {
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": request.build_absolute_uri(reverse("accounts:proconnect_callback")),
        }
        if code_verifier:
            payload["code_verifier"] = code_verifier
        try:
            token = self.get_token(payload)
        except (requests.RequestException, ValueError) as error:
            raise _refused_token() from error
        if not isinstance(token, dict):
            raise _refused_token()
        id_token = token.get("id_token")
        access_token = token.get("access_token")
        if not id_token or not access_token:
            raise _refused_token()
        identity = self.verify_id_token(id_token, nonce=nonce)
        claims = self.userinfo(access_token)
        if claims.get("sub") != identity.get("sub"):
            raise _refused_token()
        email = claims.get("email")
        if not isinstance(email, str) or not email.strip():
            raise _refused_token()
        if not email_is_verified(claims):
            raise ProConnectError(
                _(
                    "ProConnect ne garantit pas votre adresse électronique %(email)s : elle ne "
                    "peut pas servir à vous connecter. Utilisez un lien de connexion ou votre "
                    "mot de passe."
                )
                % {"email": email}
            )
        user = account_for_email(email)
        if user is None:
            raise ProConnectError(
                _(
                    "Aucun compte Magellan actif n’a l’adresse %(email)s. Les comptes sont "
                    "ouverts par l’équipe du programme : demandez-lui de vous inscrire avec "
                    "cette adresse, ou connectez-vous avec celle de votre compte."
                )
                % {"email": email}
            )
        request.proconnect_id_token = id_token  # type: ignore[attr-defined]
        return user

    def _decode(self, token: str, *, audience_required: bool) -> dict[str, Any]:
        """A JWT of the provider, its signature checked against the provider's key set."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise _refused_token() from error
        algorithm = header.get("alg")
        if algorithm not in signing_algorithms():
            raise _refused_token()
        key = self._signing_key(header)
        options: Any = {"require": ["iss", "aud", "sub"]}
        if audience_required:
            options["require"] += ["exp", "iat"]
        try:
            return dict(
                jwt.decode(
                    token,
                    key,
                    algorithms=[algorithm],
                    audience=settings.OIDC_RP_CLIENT_ID,
                    issuer=settings.MAGELLAN_PROCONNECT_ISSUER,
                    leeway=settings.MAGELLAN_PROCONNECT_CLOCK_SKEW,
                    options=options,
                )
            )
        except jwt.ExpiredSignatureError as error:
            raise ProConnectError(
                _("La réponse de ProConnect a expiré : vous n’êtes pas connecté·e. Recommencez.")
            ) from error
        except jwt.PyJWTError as error:
            raise _refused_token() from error

    def _signing_key(self, header: dict[str, Any]) -> Any:
        try:
            response = requests.get(endpoint("jwks_uri"), timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            keys = response.json().get("keys", [])
        except (requests.RequestException, ValueError, AttributeError) as error:
            raise _unreachable() from error
        for jwk in keys:
            if (
                jwk.get("kid") == header.get("kid")
                and jwk.get("alg", header["alg"]) == header["alg"]
            ):
                try:
                    return jwt.PyJWK(jwk, algorithm=header["alg"])
                except jwt.PyJWTError as error:
                    raise _refused_token() from error
        raise _refused_token()

    def verify_id_token(self, token: str, *, nonce: str) -> dict[str, Any]:
        """The ID token's claims: signature, issuer, audience, expiry and nonce checked."""
        claims = self._decode(token, audience_required=True)
        if not isinstance(claims.get("nonce"), str) or not constant_time_compare(
            claims["nonce"], nonce
        ):
            raise _refused_token()
        return claims

    def userinfo(self, access_token: str) -> dict[str, Any]:
        """The userinfo claims; ProConnect signs them (application/jwt), checked like the ID token."""
        try:
            response = requests.get(
                endpoint("userinfo_endpoint"),
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=settings.OIDC_TIMEOUT,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise _refused_token() from error
        if response.headers.get("content-type", "").lower().startswith("application/jwt"):
            return self._decode(response.text, audience_required=False)
        try:
            claims = response.json()
        except ValueError as error:
            raise _refused_token() from error
        if not isinstance(claims, dict):
            raise _refused_token()
        return claims


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("accounts:login")


class ProConnectLoginView(OIDCAuthenticationRequestView):
    """The button: state, nonce and PKCE verifier into the session, then off to ProConnect."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        View.__init__(self, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("authorization_endpoint")
        except ProConnectError as error:
            return _refuse(request, error.message)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        acr_values = settings.MAGELLAN_PROCONNECT_ACR_VALUES.strip()
        return {"acr_values": acr_values} if acr_values else {}


class ProConnectCallbackView(View):
    """ProConnect's answer: the state checked, then the backend; a refusal says why."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_enabled():
            raise Http404
        if request.GET.get("error"):
            return _refuse(
                request,
                _("La connexion avec ProConnect a été interrompue : vous n’êtes pas connecté·e."),
            )
        state = request.GET.get("state", "")
        states = request.session.get("oidc_states", {})
        if not state or state not in states or not request.GET.get("code"):
            return _refuse(
                request,
                _(
                    "Cette réponse de ProConnect ne correspond à aucune connexion en cours dans ce "
                    "navigateur (elle a peut-être déjà servi) : vous n’êtes pas connecté·e. "
                    "Recommencez."
                ),
            )
        pending = states.pop(state)
        request.session["oidc_states"] = states
        next_url = request.session.get("oidc_login_next")
        user = authenticate(
            request,
            proconnect_nonce=pending.get("nonce", ""),
            proconnect_code_verifier=pending.get("code_verifier"),
        )
        if user is None:
            return _refuse(
                request,
                getattr(request, "proconnect_refusal", None)
                or _("La connexion avec ProConnect a été refusée : vous n’êtes pas connecté·e."),
            )
        login(request, user, backend=BACKEND)
        request.session[ID_TOKEN_KEY] = request.proconnect_id_token  # type: ignore[attr-defined]
        messages.success(request, _("Vous êtes connecté·e avec ProConnect."))
        return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


class LogoutView(account_views.LogoutView):
    """Logs out here, then at ProConnect too when the session came from it."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get(ID_TOKEN_KEY)
        response = super().post(request, *args, **kwargs)
        if not id_token or not is_enabled():
            return response
        try:
            end_session = endpoint("end_session_endpoint")
        except ProConnectError:
            return response
        state = get_random_string(32)
        request.session[LOGOUT_STATE_KEY] = state
        query = urlencode(
            {
                "id_token_hint": id_token,
                "state": state,
                "post_logout_redirect_uri": request.build_absolute_uri(
                    reverse("accounts:proconnect_logged_out")
                ),
            }
        )
        return HttpResponseRedirect(f"{end_session}?{query}")


def logged_out(request: HttpRequest) -> HttpResponse:
    """ProConnect's return after its logout: the state checked, then home."""
    if not is_enabled():
        raise Http404
    expected = request.session.pop(LOGOUT_STATE_KEY, None)
    if expected and constant_time_compare(expected, request.GET.get("state", "")):
        messages.info(request, _("Vous êtes déconnecté·e de Magellan et de ProConnect."))
    return redirect("home")
