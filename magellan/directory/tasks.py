"""Background tasks of the directory: they take ids and paths, call an importer, report on a job."""

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from magellan.core import services as jobs
from magellan.core.models import Job

from .importers import InvalidImportError, import_people
from .models import Cohort


def start_people_import(*, user: Any, cohort: Cohort, upload: UploadedFile, dry_run: bool) -> Job:
    """Keep the uploaded CSV where the worker can read it and enqueue its import; returns the job.

    The task is enqueued once the job's row is committed, so that a worker never looks for it
    too early; the job's page links back to the import form, whatever the end.
    """
    folder = settings.MEDIA_ROOT / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.csv"
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    label = (
        _("Simulation d’import : %(cohort)s") if dry_run else _("Import de personnes : %(cohort)s")
    ) % {"cohort": cohort}
    job = jobs.create_job(
        kind="directory.import_people",
        label=label,
        created_by=user,
        back_url=reverse("directory:people_import"),
        back_label=_("Revenir au formulaire d’import"),
    )
    arguments = (job.pk, str(path), cohort.slug, dry_run, Path(upload.name or "").name)
    transaction.on_commit(lambda: import_people_task.enqueue(*arguments))
    return job


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
