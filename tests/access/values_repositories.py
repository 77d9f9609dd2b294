"""Values — a challenge's code repositories and their health checks: the team and the coaches
read the list and a repository's page; the fellows, the project owner and the coaches add one,
ask for a check (« vérifier maintenant ») and remove one; the sponsor reads only; anyone else
signed in gets a 403."""

from typing import Any

from django.urls import reverse

from . import Case, World, statuses

READERS = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200, sponsor=200)
WRITERS_POST = statuses(403, anonymous=302, coaches=302, fellow=302, project_owner=302)


def _data(world: World) -> dict[str, Any]:
    """A repository whose latest check has warnings (the criteria table) after a failed one."""
    from tests.factories.repositories import HealthCheckFactory, RepositoryFactory

    if "values_repositories" not in world.extra:
        repository = RepositoryFactory(challenge=world.challenge)
        HealthCheckFactory(repository=repository, failed=True)
        HealthCheckFactory(repository=repository, warnings=True, requested_by=world.fellow.user)
        world.extra["values_repositories"] = {"repository": repository}
    return world.extra["values_repositories"]


def _repository(name: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)["repository"].pk])


def _job_of_latest_check(world: World) -> str:
    from magellan.values.models import HealthCheck

    check = HealthCheck.objects.filter(repository=_data(world)["repository"]).latest("pk")
    return reverse("core:job_status", args=[check.job_id])


CASES = [
    Case(
        "values:repositories",
        lambda w: (_data(w), reverse("values:repositories", args=[w.challenge.slug]))[1],
        READERS,
    ),
    Case("values:repository", _repository("values:repository"), READERS),
    Case(
        "values:repository_check",
        _repository("values:repository_check"),
        WRITERS_POST,
        method="post",
        redirect=_job_of_latest_check,
    ),
    Case(
        "values:repository_delete",
        _repository("values:repository_delete"),
        WRITERS_POST,
        method="post",
        redirect=lambda w: reverse("values:repositories", args=[w.challenge.slug]),
    ),
]
