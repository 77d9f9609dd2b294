from . import Case, statuses

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
