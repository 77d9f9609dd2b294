"""Values — a challenge's values page (its team and the coaches), the forms that change a status,
the declarations and the datasets (the fellows, the project owner and the coaches: the sponsor
reads only), the home page (coaches and team members) and the cohort dashboard (coaches)."""

from typing import Any

from django.urls import reverse

from . import Case, World, phase_of, statuses


def _data(world: World) -> dict[str, Any]:
    from tests.factories import DatasetFactory

    if "values_challenge" not in world.extra:
        world.extra["values_challenge"] = {
            "phase": phase_of(world, 1),
            "dataset": DatasetFactory(challenge=world.challenge, title="Les points d’accueil"),
        }
    return world.extra["values_challenge"]


TEAM_AND_COACHES = statuses(
    403, anonymous=302, coaches=200, fellow=200, project_owner=200, sponsor=200
)
WRITERS_AND_COACHES = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200)
COACHES_ONLY = statuses(403, anonymous=302, coaches=200)


def _back_to_datasets(world: World) -> str:
    return reverse("values:challenge", args=[world.challenge.slug]) + "#donnees"


CASES = [
    Case(
        "values:home",
        lambda w: reverse("values:home"),
        statuses(
            403,
            anonymous=302,
            coaches=200,
            fellow=200,
            other_fellow=200,
            project_owner=200,
            sponsor=200,
        ),
    ),
    Case(
        "values:challenge",
        lambda w: (_data(w), reverse("values:challenge", args=[w.challenge.slug]))[1],
        TEAM_AND_COACHES,
    ),
    Case(
        "values:challenge",
        lambda w: reverse("values:challenge", args=["defi-inexistant"]),
        statuses(404, anonymous=302),
        id="values:challenge (unknown challenge)",
    ),
    Case(
        "values:status_edit",
        lambda w: reverse(
            "values:status_edit", args=[w.challenge.slug, _data(w)["phase"].pk, "open_data"]
        ),
        WRITERS_AND_COACHES,
    ),
    Case(
        "values:declarations_edit",
        lambda w: reverse("values:declarations_edit", args=[w.challenge.slug]),
        WRITERS_AND_COACHES,
    ),
    Case(
        "values:dataset_add",
        lambda w: reverse("values:dataset_add", args=[w.challenge.slug]),
        WRITERS_AND_COACHES,
    ),
    Case(
        "values:dataset_edit",
        lambda w: reverse("values:dataset_edit", args=[_data(w)["dataset"].pk]),
        WRITERS_AND_COACHES,
    ),
    Case(
        "values:dataset_delete",
        lambda w: reverse("values:dataset_delete", args=[_data(w)["dataset"].pk]),
        statuses(403, anonymous=302, coaches=302, fellow=302, project_owner=302),
        method="post",
        redirect=_back_to_datasets,
    ),
    Case(
        "values:cohort",
        lambda w: (_data(w), reverse("values:cohort", args=[w.cohort.slug]))[1],
        COACHES_ONLY,
    ),
]
