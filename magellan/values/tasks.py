"""Background tasks of the values app: they take ids and call a service."""

from django_tasks import task

from .models import HealthCheck
from .services.repositories import run_check


@task()
def check_repository_task(check_id: int) -> str:
    """Run a repository's health check (its job's page shows the progress); returns the outcome."""
    check = HealthCheck.objects.filter(pk=check_id).first()
    if check is None:  # the repository was removed before the worker picked the check up
        return "gone"
    return run_check(check=check).outcome
