from typing import Any

from django.urls import reverse

from . import Case, World, statuses


def _job(world: World) -> Any:
    """A running job launched by the coach."""
    from tests.factories import JobFactory

    if "job" not in world.extra:
        world.extra["job"] = JobFactory(created_by=world.coach.user, running=True)
    return world.extra["job"]


# The coach who launched the job, and staff; 404 for the others, who may not know it exists.
LAUNCHER_AND_STAFF = statuses(404, anonymous=302, coaches=200)

CASES = [
    Case(
        "core:job_status",
        lambda w: _job(w).get_absolute_url(),
        LAUNCHER_AND_STAFF,
    ),
    Case(
        "core:job_status_json",
        lambda w: f"{_job(w).get_absolute_url()}etat.json",
        LAUNCHER_AND_STAFF,
    ),
]

# The State site's mandatory pages, linked from every footer: open to everyone.
CASES += [
    Case(name, lambda w, name=name: reverse(name), statuses(200))
    for name in ("core:legal_notice", "core:accessibility", "core:personal_data", "core:sitemap")
]
