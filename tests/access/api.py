from typing import Any

from . import ROLES, Case, World, statuses

CASES = [
    Case("api:api-root", lambda w: "/api/", statuses(404)),
    Case("api:openapi-json", lambda w: "/api/openapi.json", statuses(200)),
    Case("api:openapi-view", lambda w: "/api/docs", statuses(200)),
    Case("api:list_cohorts", lambda w: "/api/cohorts", statuses(200)),
    Case("api:get_cohort", lambda w: f"/api/cohorts/{w.cohort.slug}", statuses(200)),
    Case("api:list_administrations", lambda w: "/api/administrations", statuses(200)),
    Case(
        "api:get_administration",
        lambda w: f"/api/administrations/{w.challenge.administration.slug}",
        statuses(200),
    ),
    Case("api:list_challenges", lambda w: "/api/challenges", statuses(200)),
    Case("api:get_challenge", lambda w: f"/api/challenges/{w.challenge.slug}", statuses(200)),
    Case(
        "api:get_challenge",
        lambda w: f"/api/challenges/{w.hidden_challenge.slug}",
        statuses(200, anonymous=404, outsiders=404),
        id="api hidden challenge",
    ),
    Case("api:list_people", lambda w: "/api/people", statuses(200)),
    Case(
        "api:get_person",
        lambda w: f"/api/people/{w.private_person.slug}",
        statuses(200, anonymous=404, outsiders=404),
        id="api private person",
    ),
]


def _session(world: World) -> Any:
    from tests.factories import SessionFactory

    if "api_session" not in world.extra:
        world.extra["api_session"] = SessionFactory(cohort=world.cohort)
    return world.extra["api_session"]


def _fellows_token(world: World) -> Any:
    from tests.factories import ApiTokenFactory

    if "api_token" not in world.extra:
        world.extra["api_token"] = ApiTokenFactory(user=world.fellow.user)
    return world.extra["api_token"]


def _bulletin_url(world: World) -> str:
    # The team's bulletin of the week: the one the bulletins' cases make (one per team and week;
    # the browser sweep builds every case on one world).
    from tests.access.bulletins import _data

    _data(world)
    return f"/api/challenges/{world.challenge.slug}/bulletin"


# Writes take a bearer token only, never the session cookie (no CSRF to forge): a signed-in
# browser is a 401 like anybody without a token (tests/api/test_writes.py has the token cases).
TOKEN_ONLY = dict.fromkeys(ROLES, 401)
# The team's bulletin: the team, the coaches and the members of the team's cohort; the alumni
# (an earlier cohort), the accounts without a role and the public are told nothing.
TEAM_AND_COHORT = statuses(200, anonymous=404, outsiders=404, alumni=404)

CASES += [
    Case("api:tokens", lambda w: "/jetons-api/", statuses(200, anonymous=302)),
    Case(
        "api:service_token_create",
        lambda w: "/jetons-api/integration/",
        statuses(403, anonymous=302, coaches=200),
    ),
    Case(
        "api:token_revoke",
        lambda w: f"/jetons-api/{_fellows_token(w).pk}/revoquer/",
        statuses(404, anonymous=302, coaches=302, fellow=302),
        method="post",
        redirect=lambda w: "/jetons-api/",
    ),
    Case("api:list_sessions", lambda w: "/api/sessions", statuses(200)),
    Case(
        "api:session_registration",
        lambda w: f"/api/sessions/{_session(w).pk}/registration",
        TOKEN_ONLY,
        method="post",
    ),
    # One URL name per path: POST registers, DELETE unregisters; GET reads, PUT writes a bulletin.
    Case(
        "api:session_registration",
        lambda w: f"/api/sessions/{_session(w).pk}/registration",
        TOKEN_ONLY,
        method="delete",
        id="api:unregister",
    ),
    Case(
        "api:mark_attendance",
        lambda w: f"/api/sessions/{_session(w).pk}/attendance/{w.fellow.slug}",
        TOKEN_ONLY,
        method="put",
    ),
    Case("api:open_help_request", lambda w: "/api/help-requests", TOKEN_ONLY, method="post"),
    Case("api:team_bulletin", _bulletin_url, TEAM_AND_COHORT),
    Case(
        "api:team_bulletin",
        lambda w: f"/api/challenges/{w.challenge.slug}/bulletin",
        TOKEN_ONLY,
        method="put",
        id="api:write_bulletin",
    ),
]
