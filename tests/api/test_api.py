"""The read API: same visibility as the pages, tokens, pagination, clear 4xx."""

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from magellan.api import services
from magellan.api.models import ApiToken
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_people_anonymous_sees_only_consenting_people_without_email(client: Client) -> None:
    PersonFactory(name="Alice", public=True, email="alice@example.test")
    PersonFactory(name="Bruno")

    body = client.get("/api/people").json()

    assert [p["name"] for p in body["items"]] == ["Alice"]
    assert "email" not in body["items"][0]


def test_people_member_token_sees_everyone(client: Client) -> None:
    fellow = PersonFactory(name="Zoé", fellow=True)
    PersonFactory(name="Bruno")
    _, raw = services.issue_token(user=fellow.user)

    body = client.get("/api/people", headers=_bearer(raw)).json()

    assert [p["name"] for p in body["items"]] == ["Bruno", "Zoé"]
    assert body["count"] == 2


def test_person_detail_email_only_for_members(client: Client) -> None:
    person = PersonFactory(public=True, email="contact@example.test")
    _, raw = services.issue_token(user=PersonFactory(fellow=True).user)

    assert client.get(f"/api/people/{person.slug}").json()["email"] is None
    assert (
        client.get(f"/api/people/{person.slug}", headers=_bearer(raw)).json()["email"]
        == "contact@example.test"
    )


def test_private_person_is_404_for_the_public(client: Client) -> None:
    person = PersonFactory()

    response = client.get(f"/api/people/{person.slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_invalid_token_is_401_with_a_reason(client: Client) -> None:
    response = client.get("/api/people", headers=_bearer("mgl_wrong"))

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}


def test_revoked_token_is_401(client: Client) -> None:
    user = PersonFactory(fellow=True).user
    _, raw = services.issue_token(user=user)
    services.revoke_tokens(user=user)

    assert client.get("/api/people", headers=_bearer(raw)).status_code == 401


def test_token_is_stored_hashed_and_records_use(client: Client) -> None:
    user = UserFactory()
    token, raw = services.issue_token(user=user)

    client.get("/api/cohorts", headers=_bearer(raw))

    token.refresh_from_db()
    assert raw not in token.key_hash
    assert token.last_used_at is not None


def test_challenges_filter_by_cohort_and_theme(client: Client) -> None:
    cohort = CohortFactory()
    theme = ThemeFactory()
    ChallengeFactory(title="Dedans", cohorts=[cohort], themes=[theme])
    ChallengeFactory(title="Dehors", cohorts=[cohort])

    body = client.get("/api/challenges", {"cohort": cohort.slug, "theme": theme.slug}).json()

    assert [c["title"] for c in body["items"]] == ["Dedans"]
    assert body["items"][0]["cohorts"] == [{"slug": cohort.slug, "name": str(cohort)}]


def test_unknown_filter_value_is_400_with_a_reason(client: Client) -> None:
    response = client.get("/api/challenges", {"cohort": "nope"})

    assert response.status_code == 400
    assert response.json() == {"detail": "Unknown cohort: 'nope'."}


def test_invalid_enum_filter_is_422_with_a_reason(client: Client) -> None:
    response = client.get("/api/people", {"role": "pirate"})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: ")


def test_invalid_page_is_422(client: Client) -> None:
    assert client.get("/api/people", {"page": 0}).status_code == 422


def test_hidden_challenge_is_hidden_from_anonymous_lists(client: Client) -> None:
    ChallengeFactory(title="Caché", hidden=True)
    ChallengeFactory(title="Visible")
    _, raw = services.issue_token(user=PersonFactory(fellow=True).user)

    anonymous = client.get("/api/challenges").json()["items"]
    member = client.get("/api/challenges", headers=_bearer(raw)).json()["items"]

    assert [c["title"] for c in anonymous] == ["Visible"]
    assert [c["title"] for c in member] == ["Caché", "Visible"]


def _person_in_a_visible_and_a_hidden_challenge() -> tuple[str, dict[str, str], dict[str, str]]:
    person = PersonFactory(public=True)
    visible = ChallengeMembershipFactory(
        person=person, challenge=ChallengeFactory(title="Défi visible")
    ).challenge
    hidden = ChallengeMembershipFactory(
        person=person, challenge=ChallengeFactory(title="Défi caché", hidden=True)
    ).challenge
    return (
        f"/api/people/{person.slug}",
        {"challenge": visible.slug, "title": "Défi visible", "role": "fellow"},
        {"challenge": hidden.slug, "title": "Défi caché", "role": "fellow"},
    )


def test_person_detail_hides_a_hidden_challenge_from_non_members(client: Client) -> None:
    url, visible, _hidden = _person_in_a_visible_and_a_hidden_challenge()
    _, raw = services.issue_token(user=UserFactory())  # an account without a role

    assert client.get(url).json()["challenges"] == [visible]
    assert client.get(url, headers=_bearer(raw)).json()["challenges"] == [visible]


def test_person_detail_shows_a_hidden_challenge_to_members(client: Client) -> None:
    url, visible, hidden = _person_in_a_visible_and_a_hidden_challenge()
    _, raw = services.issue_token(user=PersonFactory(fellow=True).user)

    assert client.get(url, headers=_bearer(raw)).json()["challenges"] == [hidden, visible]


def test_openapi_documents_every_endpoint(client: Client) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])

    assert paths == {
        "/api/cohorts",
        "/api/cohorts/{slug}",
        "/api/administrations",
        "/api/administrations/{slug}",
        "/api/challenges",
        "/api/challenges/{slug}",
        "/api/people",
        "/api/people/{slug}",
        "/api/sessions",
        "/api/sessions/{session_id}/registration",
        "/api/sessions/{session_id}/attendance/{person}",
        "/api/help-requests",
        "/api/challenges/{slug}/bulletin",
    }


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/challenges", lambda: ChallengeFactory(cohorts=[CohortFactory()]).title),
        ("/api/people", lambda: PersonFactory(public=True, fellow=True).name),
        ("/api/cohorts", lambda: str(CohortFactory())),
        ("/api/administrations", lambda: ChallengeFactory().administration.name),
    ],
)
def test_list_endpoints_query_count_does_not_grow(
    client: Client, url: str, make: Callable[[], str]
) -> None:
    assert_queries_do_not_grow(client, url, make)


def test_issue_api_token_command_prints_a_working_token(
    capsys: pytest.CaptureFixture[str], client: Client
) -> None:
    user = PersonFactory(fellow=True, email="eig@example.test").user

    call_command("issue_api_token", "eig@example.test", "--name", "script")
    raw = capsys.readouterr().out.strip()

    token = ApiToken.objects.get(user=user)
    assert (token.name, token.scopes) == ("script", ["directory:read"])
    assert client.get("/api/people", headers=_bearer(raw)).status_code == 200


def test_issue_api_token_command_takes_scopes_and_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = PersonFactory(fellow=True, email="eig@example.test").user

    call_command("issue_api_token", "eig@example.test", "--scope", "program:write", "--days", "7")

    token = ApiToken.objects.get(user=user)
    assert token.scopes == ["program:write"]
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=7)).date()
    assert capsys.readouterr().out.strip().startswith("mgl_")


def test_issue_api_token_command_refuses_an_expiry_beyond_the_maximum() -> None:
    PersonFactory(fellow=True, email="eig@example.test")

    with pytest.raises(CommandError, match="au plus tard 365 jours"):
        call_command("issue_api_token", "eig@example.test", "--days", "400")


def test_issue_api_token_command_unknown_email_fails_clearly() -> None:
    with pytest.raises(
        CommandError, match=r"No active account with the email 'ghost@example\.test'"
    ):
        call_command("issue_api_token", "ghost@example.test")
