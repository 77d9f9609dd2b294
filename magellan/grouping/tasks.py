"""Background work on groups: `start_*` record a job and enqueue its task once the transaction
commits; tasks take ids, call a service and record progress on the job. Services never import
this module (tasks call services, not the other way round)."""

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from magellan.core import services as jobs
from magellan.core.dates import format_date
from magellan.core.models import Job
from magellan.directory.models import Cohort
from magellan.program.models import Format, Session

from . import services
from .models import Grouping


def start_forming_groups(*, session: Session, seed: int, user: Any) -> Job:
    """Record a job and enqueue, on commit, the forming of a session's groups."""
    services.kind_of(session.format)
    job = jobs.create_job(
        kind="grouping.form",
        label=_("Former les groupes de « %(session)s »") % {"session": session.display_title},
        created_by=user,
        total=100,
    )
    job_id, session_id = job.pk, session.pk
    transaction.on_commit(lambda: form_groups_task.enqueue(job_id, session_id, seed))
    return job


def start_planning_series(*, cohort: Cohort, format: Format, seed: int, user: Any) -> Job:
    """Record a job and enqueue, on commit, the planning of a format's remaining sessions."""
    services.kind_of(format)
    job = jobs.create_job(
        kind="grouping.series",
        label=_("Planifier les groupes de la série « %(format)s »") % {"format": format.name},
        created_by=user,
        total=0,  # the number of sessions, once the task has counted them
    )
    job_id, cohort_id, format_id = job.pk, cohort.pk, format.pk
    transaction.on_commit(lambda: plan_series_task.enqueue(job_id, cohort_id, format_id, seed))
    return job


@transaction.atomic
def publish_and_announce(*, grouping: Grouping) -> services.Publication:
    """Publish the groups and, once committed, e-mail each participant their group (on a
    change of published groups, only those whose group changed)."""
    publication = services.publish_grouping(grouping=grouping)
    grouping_id = grouping.pk
    people = None if publication.changed is None else list(publication.changed)
    removed = list(publication.removed)
    transaction.on_commit(lambda: announce_groups_task.enqueue(grouping_id, people, removed))
    return publication


@task()
def form_groups_task(job_id: int, session_id: int, seed: int) -> int | None:
    """Form a session's groups; the job ends with the groups page as its result."""
    job = Job.objects.get(pk=job_id)
    jobs.start_job(job, total=100, message=_("Recherche des meilleurs groupes"))
    with jobs.failing_on_crash(job):
        try:
            session = Session.objects.select_related("format", "cohort").get(pk=session_id)
            grouping = services.form_groups(
                session=session,
                seed=seed,
                created_by=job.created_by,
                progress=jobs.progress_reporter(job, message=_("Recherche des meilleurs groupes")),
            )
        except services.GroupingError as error:
            jobs.fail_job(job, error=str(error))
            return None
    jobs.finish_job(
        job,
        result={"url": grouping.get_absolute_url(), "grouping": grouping.pk},
        message=_("%(count)s groupes formés.") % {"count": grouping.groups.count()},
    )
    return grouping.pk


@task()
def plan_series_task(job_id: int, cohort_id: int, format_id: int, seed: int) -> list[int] | None:
    """Plan a format's remaining sessions; the job ends with the series page as its result."""
    job = Job.objects.get(pk=job_id)
    jobs.start_job(job, total=0, message=_("Planification de la série"))
    with jobs.failing_on_crash(job):
        try:
            cohort = Cohort.objects.get(pk=cohort_id)
            format = Format.objects.get(pk=format_id)
            plan = services.plan_series(
                cohort=cohort,
                format=format,
                seed=seed,
                created_by=job.created_by,
                progress=jobs.progress_reporter(job, message=_("Séances planifiées")),
            )
        except services.GroupingError as error:
            jobs.fail_job(job, error=str(error))
            return None
    url = reverse("grouping:series", kwargs={"slug": cohort.slug, "format_slug": format.slug})
    message = _("%(count)s séances planifiées.") % {"count": len(plan.groupings)}
    if plan.too_few:
        message += " " + _(
            "Sans groupes, faute d’au moins deux participants attendus : %(sessions)s."
        ) % {"sessions": ", ".join(format_date(s.starts_at, "j F Y") for s in plan.too_few)}
    ids = [g.pk for g in plan.groupings]
    jobs.finish_job(job, result={"url": url, "groupings": ids}, message=message)
    return ids


@task(queue_name="emails")
def announce_groups_task(
    grouping_id: int, people: list[int] | None = None, removed: list[int] | None = None
) -> int:
    """E-mail each participant their group (once the groups are published); `people` (ids)
    announces a change to them only, `removed` (ids) tells them they are in no group any more."""
    grouping = Grouping.objects.select_related("session__format").filter(pk=grouping_id).first()
    if grouping is None:
        return 0
    return services.announce_grouping(grouping=grouping, people=people, removed=removed or ())
