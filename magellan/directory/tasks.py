"""Background tasks of the directory: they take ids and paths, call an importer, report on a job."""

from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from magellan.core import services as jobs
from magellan.core.models import Job

from .importers import InvalidImportError, import_people


@task()
def import_people_task(
    job_id: int, path: str, cohort_slug: str, dry_run: bool, filename: str = ""
) -> bool:
    """Import an uploaded cohort list; the job's result is the report, or the list of problems.

    `filename` is the name of the file its author uploaded (the stored copy has another name).
    Any unexpected error also ends the job, failed, so that its page stops waiting.
    """
    job = Job.objects.get(pk=job_id)
    jobs.start_job(job, message=_("Lecture du fichier"))
    progress = jobs.progress_reporter(job, message=_("Vérification des lignes"))
    try:
        with jobs.failing_on_crash(job):
            report = import_people(
                Path(path),
                cohort_slug=cohort_slug,
                dry_run=dry_run,
                progress=progress,
                display_name=filename or None,
            )
    except InvalidImportError as error:
        jobs.fail_job(job, error="\n".join([_("Rien n’a été importé :"), *error.problems]))
        return False
    finally:
        Path(path).unlink(missing_ok=True)
    result = {
        "url": reverse("directory:import_result", kwargs={"pk": job.pk}),
        "dry_run": report.dry_run,
        "counts": {kind: [c.created, c.updated, c.unchanged] for kind, c in report.counts.items()},
        "unmatched": report.unmatched,
        "warnings": report.warnings,
    }
    message = (
        _("Simulation terminée : rien n’a été enregistré.") if dry_run else _("Import terminé.")
    )
    jobs.finish_job(job, result=result, message=message)
    return True
