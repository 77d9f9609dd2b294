"""The API tokens pages: one's own tokens (raw value shown once), integrations' tokens for
coaches, revocation; bad input re-displays the form and writes nothing."""

import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone

from magellan.api.models import ApiToken, ServiceAccount, hash_token
from tests.factories import ApiTokenFactory, PersonFactory, UserFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_member_creates_a_token_and_sees_it_once(client: Client) -> None:
    fellow = PersonFactory(fellow=True)
    client.force_login(fellow.user)

    response = client.post(
        "/jetons-api/",
        {
            "name": "Mon script",
            "scopes": ["program:write", "directory:read"],
            "expires_on": _in(30),
        },
    )

    token = ApiToken.objects.get()
    raw = response.context["raw"]
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert raw in _text(response)
    assert token.key_hash == hash_token(raw)
    assert (token.user, token.created_by, token.name) == (fellow.user, fellow.user, "Mon script")
    assert token.scopes == ["directory:read", "program:write"]
    assert timezone.localtime(token.expires_at).date().isoformat() == _in(30)
    # Never again: the list shows its first characters only.
    listed = _text(client.get("/jetons-api/"))
    assert raw not in listed
    assert f"{token.prefix}…" in listed


def test_expiry_beyond_the_maximum_is_refused_and_nothing_is_written(
    client: Client, settings
) -> None:
    settings.MAGELLAN_API_TOKEN_MAX_DAYS = 10
    client.force_login(UserFactory())

    response = client.post("/jetons-api/", {"scopes": ["directory:read"], "expires_on": _in(11)})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Un jeton expire au plus tard 10 jours après sa création."]
    }
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_scope_and_a_future_expiry(client: Client) -> None:
    client.force_login(UserFactory())

    no_scope = client.post("/jetons-api/", {"expires_on": _in(3)})
    today = client.post("/jetons-api/", {"scopes": ["directory:read"], "expires_on": _in(0)})

    assert "scopes" in no_scope.context["form"].errors
    assert today.context["form"].errors == {
        "__all__": ["La date d’expiration doit être dans le futur."]
    }
    assert not ApiToken.objects.exists()


def test_a_member_sees_only_their_tokens_and_a_coach_sees_all(client: Client) -> None:
    mine = ApiTokenFactory(user=PersonFactory(fellow=True).user, raw="mgl_aaaaMINE")
    theirs = ApiTokenFactory(raw="mgl_bbbbTHEIRS")

    client.force_login(mine.user)
    member_page = _text(client.get("/jetons-api/"))
    client.force_login(PersonFactory(coach=True).user)
    coach_page = _text(client.get("/jetons-api/"))

    assert "aaaaMINE" in member_page
    assert "bbbbTHEI" not in member_page
    assert "aaaaMINE" in coach_page
    assert "bbbbTHEI" in coach_page
    assert theirs.user.email in coach_page


def test_a_member_revokes_their_token(client: Client) -> None:
    token = ApiTokenFactory(user=PersonFactory(fellow=True).user)
    client.force_login(token.user)

    response = client.post(f"/jetons-api/{token.pk}/revoquer/")

    token.refresh_from_db()
    assert response.status_code == 302
    assert token.revoked_at is not None


def test_another_members_token_is_404_and_stays(client: Client) -> None:
    token = ApiTokenFactory()
    client.force_login(PersonFactory(fellow=True).user)

    response = client.post(f"/jetons-api/{token.pk}/revoquer/")

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_a_coach_revokes_any_token(client: Client) -> None:
    token = ApiTokenFactory()
    client.force_login(PersonFactory(coach=True).user)

    client.post(f"/jetons-api/{token.pk}/revoquer/")

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_twice_says_so(client: Client) -> None:
    token = ApiTokenFactory(revoked_at=timezone.now())
    client.force_login(token.user)

    response = client.post(f"/jetons-api/{token.pk}/revoquer/", follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Ce jeton est déjà révoqué."]


def test_a_coach_creates_an_integration_token_without_a_person(client: Client) -> None:
    coach = PersonFactory(coach=True).user
    client.force_login(coach)

    response = client.post(
        "/jetons-api/integration/",
        {"new_service": "Tableau de bord", "scopes": ["directory:read"], "expires_on": _in(60)},
    )

    service = ServiceAccount.objects.get()
    token = ApiToken.objects.get()
    assert response.status_code == 200
    assert (service.name, service.created_by) == ("Tableau de bord", coach)
    assert (token.user, token.created_by, token.name) == (service.user, coach, "Tableau de bord")
    assert not hasattr(service.user, "person")
    assert not service.user.has_usable_password()
    assert (
        client.get(
            "/api/people", headers={"Authorization": f"Bearer {response.context['raw']}"}
        ).status_code
        == 200
    )


def test_an_integration_needs_a_name_or_an_existing_one(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)

    response = client.post(
        "/jetons-api/integration/", {"scopes": ["directory:read"], "expires_on": _in(60)}
    )

    assert response.context["form"].errors == {
        "new_service": ["Choisissez une intégration existante ou nommez la nouvelle."]
    }
    assert not ServiceAccount.objects.exists()


def test_two_integrations_never_share_a_name(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)
    data = {"new_service": "Badgeuse", "scopes": ["program:write"], "expires_on": _in(60)}
    client.post("/jetons-api/integration/", data)

    response = client.post("/jetons-api/integration/", data | {"new_service": "badgeuse"})

    assert response.context["form"].errors == {
        "__all__": ["Une intégration porte déjà ce nom : « badgeuse »."]
    }
    assert ServiceAccount.objects.count() == 1
    assert ApiToken.objects.count() == 1


def test_members_may_not_create_integration_tokens(client: Client) -> None:
    client.force_login(PersonFactory(fellow=True).user)

    response = client.post(
        "/jetons-api/integration/",
        {"new_service": "X", "scopes": ["directory:read"], "expires_on": _in(5)},
    )

    assert response.status_code == 403
    assert not ServiceAccount.objects.exists()


def test_tokens_list_query_count_does_not_grow(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)

    def make() -> str:
        return ApiTokenFactory().user.email

    assert_queries_do_not_grow(client, "/jetons-api/", make)
