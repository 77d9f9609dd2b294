"""Background work of mentoring: `start_running_round` records a job and enqueues the round's
computation once the transaction commits; e-mails leave through their own queue."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from magellan.core import services as jobs
from magellan.core.models import Job
from magellan.core.site import site_url
from magellan.directory.models import Person

from . import services
from .models import Round


def start_running_round(*, round: Round, user: Any) -> Job:
    """Record a job and enqueue, on commit, the computation of a round's proposals."""
    job = jobs.create_job(
        kind="mentoring.round",
        label=_("Calculer les propositions de mentorat — %(cohort)s") % {"cohort": round.cohort},
        created_by=user,
        total=4,
        back_url=round.get_absolute_url(),
        back_label=_("Retour au tour de mentorat"),
    )
    job_id, round_id = job.pk, round.pk
    transaction.on_commit(lambda: run_round_task.enqueue(job_id, round_id))
    return job


@task()
def run_round_task(job_id: int, round_id: int) -> int | None:
    """Compute a round's proposals; the job ends with the round's page as its result."""
    job = Job.objects.get(pk=job_id)
    message = _("Calcul des propositions")
    jobs.start_job(job, total=4, message=message)
    with jobs.failing_on_crash(job):
        try:
            round = Round.objects.select_related("cohort").get(pk=round_id)
            round = services.run_round(
                round=round, progress=jobs.progress_reporter(job, message=message)
            )
        except services.MentoringError as error:
            jobs.fail_job(job, error=str(error))
            return None
    count = round.proposals.count()
    jobs.finish_job(
        job,
        result={"url": round.get_absolute_url(), "round": round.pk},
        message=_("%(count)s proposition(s), %(unmatched)s besoin(s) sans proposition.")
        % {"count": count, "unmatched": len(round.unmatched)},
    )
    return round.pk


@task(queue_name="emails")
def send_mentoring_email(
    *, person_ids: list[int], subject: str, template_name: str, context: dict[str, Any]
) -> int:
    """Send one plain-text e-mail per person with an address; return how many were sent."""
    people = Person.objects.filter(pk__in=person_ids).exclude(email="").order_by("pk")
    messages = []
    for person in people:
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                template_name, {"person": person, "site_url": site_url(), **context}
            )
        messages.append(EmailMessage(subject=subject, body=body, to=[person.email]))
    if not messages:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(messages) or 0)
