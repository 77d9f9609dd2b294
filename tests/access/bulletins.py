"""Bulletin pages: the team's bulletin of the week carries a help need kept private (never on the
cohort's pages, checked in tests/bulletins/test_views.py); another team's bulletin is read by the
cohort but never written by anyone outside that team; the public sees nothing."""

from typing import Any

from django.urls import reverse

from . import COACHES, Case, World, statuses

COHORT_READERS = statuses(
    200, anonymous=302, outsiders=403, alumni=403
)  # the cohort's members and the coaches


def _data(world: World) -> dict[str, Any]:
    from tests.factories import BulletinFactory

    if "bulletins" not in world.extra:
        world.extra["bulletins"] = {
            "mine": BulletinFactory(
                challenge=world.challenge,
                cohort=world.cohort,
                author=world.fellow,
                help_needed="Besoin secret : une revue de notre contrat de données",
                help_is_private=True,
            ),
            "theirs": BulletinFactory(
                challenge=world.other_challenge, cohort=world.cohort, author=world.other_fellow
            ),
        }
    return world.extra["bulletins"]


def _team(name: str) -> Any:
    return lambda w: (_data(w), reverse(name, args=[w.challenge.pk]))[1]


def _digest(w: World) -> str:
    bulletin = _data(w)["mine"]
    return reverse("bulletins:digest", args=[w.cohort.slug, bulletin.iso_year, bulletin.iso_week])


WRITERS = statuses(403, anonymous=302, fellow=200, project_owner=200)

CASES = [
    Case(
        "bulletins:home",
        lambda w: reverse("bulletins:home"),
        statuses(200, anonymous=302, outsiders=403),
    ),
    Case(
        "bulletins:subscription",
        lambda w: reverse("bulletins:subscription"),
        statuses(200, anonymous=302, outsiders=403, staff=403),
    ),
    Case("bulletins:team", _team("bulletins:team"), COHORT_READERS),
    Case("bulletins:write", _team("bulletins:write"), WRITERS),
    Case(
        "bulletins:write",
        lambda w: (_data(w), reverse("bulletins:write", args=[w.other_challenge.pk]))[1],
        statuses(403, anonymous=302, other_fellow=200),
        id="bulletins:write (another team)",
    ),
    Case(
        "bulletins:team_settings",
        _team("bulletins:team_settings"),
        WRITERS | dict.fromkeys(COACHES, 200),
    ),
    Case(
        "bulletins:cohort",
        lambda w: (_data(w), reverse("bulletins:cohort", args=[w.cohort.slug]))[1],
        COHORT_READERS,
    ),
    Case("bulletins:digest", _digest, COHORT_READERS),
]
