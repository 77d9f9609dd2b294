"""A task for the fault tests: it starts its job, reports once, then works for a long time (long
enough to be killed in the middle). Imported by a real worker process, never by the suite itself."""

import time

from django_tasks import task

from magellan.core import services
from magellan.core.models import Job


@task(queue_name="emails")
def hold_job(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    services.start_job(job, total=10, message="Étape 1 sur 10")
    services.report_progress(job, done=1)
    time.sleep(300)
