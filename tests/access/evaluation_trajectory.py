"""Evaluation — the trajectory, the home page and the coaches' cohort view: a challenge's
trajectory (and its PDF) for its team and the coaches only (another team's fellow: 403); the
cohort overview and its CSV for coaches only; the home page for coaches and team members."""

from typing import Any

from django.urls import reverse

from . import Case, World, phase_of, statuses


def _data(world: World) -> dict[str, Any]:
    if "evaluation_trajectory" not in world.extra:
        world.extra["evaluation_trajectory"] = {"phase": phase_of(world, 1)}
    return world.extra["evaluation_trajectory"]


TEAM_AND_COACHES = statuses(
    403, anonymous=302, coaches=200, fellow=200, project_owner=200, sponsor=200
)
COACHES_ONLY = statuses(403, anonymous=302, coaches=200)


def _challenge(name: str) -> Any:
    return lambda w: (_data(w), reverse(name, args=[w.challenge.slug]))[1]


def _cohort(name: str) -> Any:
    return lambda w: reverse(name, args=[w.cohort.slug, _data(w)["phase"].kind])


CASES = [
    Case(
        "evaluation:home",
        lambda w: reverse("evaluation:home"),
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
    Case("evaluation:challenge", _challenge("evaluation:challenge"), TEAM_AND_COACHES),
    Case(
        "evaluation:challenge",
        lambda w: reverse("evaluation:challenge", args=["defi-inexistant"]),
        statuses(404, anonymous=302),
        id="evaluation:challenge (unknown challenge)",
    ),
    Case("evaluation:trajectory_pdf", _challenge("evaluation:trajectory_pdf"), TEAM_AND_COACHES),
    Case("evaluation:cohort", _cohort("evaluation:cohort"), COACHES_ONLY),
    Case("evaluation:cohort_csv", _cohort("evaluation:cohort_csv"), COACHES_ONLY),
]
