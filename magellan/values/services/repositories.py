"""A challenge's code repositories (open source) and their health checks.

A check is requested (a `HealthCheck`, pending, with a core `Job` whose page shows its progress),
then run by a background task (`tasks.check_repository_task` → `run_check`): a shallow clone in a
temporary folder, the criteria of `health.py`, the folder removed. A clone that fails (not a git
repository, too slow, too large) ends the check `failed` with the reason; the repository stays.
Every Monday the scheduler re-checks every repository (`recheck_all`).
"""

import datetime
import re
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.core import services as jobs
from magellan.core.models import Job, JobStatus
from magellan.directory.models import Challenge, Person

from .. import health
from ..models import CheckOutcome, HealthCheck, Repository
from .base import ValuesError

JOB_KIND = "values.check_repository"
DUPLICATE_MESSAGE = gettext_lazy("Ce dépôt est déjà suivi pour ce défi.")
SPDX_FORMAT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,59}$")


def _clean_url(url: str, *, allow_local: bool) -> str:
    """The address as stored: trimmed; refused at once when it can never be cloned (ssh, an
    unknown scheme, a local path where they are not allowed). Whether a git repository answers
    there is only known when it is checked."""
    url = (url or "").strip()
    if len(url) > Repository._meta.get_field("url").max_length:  # type: ignore[operator]
        raise ValuesError(_("Cette adresse est trop longue."))
    try:
        health.clone_source(url, allow_local=allow_local)
    except health.CloneError as error:
        raise ValuesError(error.message) from error
    return url


def _clean_licence(licence: str) -> str:
    licence = (licence or "").strip()
    if not licence:
        return ""
    if not SPDX_FORMAT.match(licence):
        raise ValuesError(
            _(
                "Donnez la licence par son identifiant SPDX (par exemple MIT, EUPL-1.2, "
                "AGPL-3.0-or-later), ou laissez le champ vide."
            )
        )
    return health.normalise_spdx(licence)


@transaction.atomic
def add_repository(
    *,
    challenge: Challenge,
    url: str,
    licence: str = "",
    by: Person | None,
    allow_local: bool | None = None,
) -> Repository:
    """Add a code repository to the challenge (one per address); its check is requested apart.

    `allow_local` (the setting when None) lets the demo add the repositories it made on disk."""
    allow = settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL if allow_local is None else allow_local
    url = _clean_url(url, allow_local=allow)
    licence = _clean_licence(licence)
    if Repository.objects.filter(challenge=challenge, url=url).exists():
        raise ValuesError(str(DUPLICATE_MESSAGE))
    try:
        with transaction.atomic():
            return Repository.objects.create(
                challenge=challenge, url=url, licence=licence, added_by=by
            )
    except IntegrityError as error:
        raise ValuesError(str(DUPLICATE_MESSAGE)) from error


@transaction.atomic
def remove_repository(*, repository: Repository, by: Person | None) -> None:
    """Stop following a repository: it and its checks are deleted (the code itself is untouched)."""
    Repository.objects.filter(pk=repository.pk).delete()


def pending_check(repository: Repository) -> HealthCheck | None:
    """The repository's check still waiting or running, if any (one at a time; a check whose job
    ended — e.g. its worker died and the job expired — no longer blocks a new one)."""
    return (
        HealthCheck.objects.filter(repository=repository, outcome=CheckOutcome.PENDING)
        .filter(Q(job__isnull=True) | Q(job__status__in=(JobStatus.PENDING, JobStatus.RUNNING)))
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def request_check(*, repository: Repository, by: Any = None) -> HealthCheck:
    """Ask for a health check of the repository, run in the background; `by` is the user who
    asked (None for the scheduler). A check already waiting is returned instead of a second."""
    locked = Repository.objects.select_for_update().get(pk=repository.pk)
    waiting = pending_check(locked)
    if waiting is not None:
        return waiting
    job = jobs.create_job(
        kind=JOB_KIND,
        label=_("Vérification du dépôt %(url)s") % {"url": locked.url},
        created_by=by,
        total=3,
        back_url=reverse("values:repository", kwargs={"pk": locked.pk}),
        back_label=_("Revenir au dépôt"),
    )
    user = by if getattr(by, "is_authenticated", False) else None
    check = HealthCheck.objects.create(repository=locked, job=job, requested_by=user)
    from ..tasks import check_repository_task

    transaction.on_commit(lambda: check_repository_task.enqueue(check.pk))
    return check


def check_now(
    *, repository: Repository, by: Any = None, allow_local: bool | None = None
) -> HealthCheck:
    """Check the repository at once, in this process, with no background job (the demo loader
    and the command line); see `run_check` for `allow_local`."""
    user = by if getattr(by, "is_authenticated", False) else None
    check = HealthCheck.objects.create(repository=repository, requested_by=user)
    return run_check(check=check, allow_local=allow_local)


def run_check(*, check: HealthCheck, allow_local: bool | None = None) -> HealthCheck:
    """Clone the repository and record each criterion; a clone that fails ends the check failed
    with the reason (in French). Runs once: a check already finished is returned as it is.

    `allow_local` (the setting when None) lets the demo check the repositories it made on disk.
    """
    check = HealthCheck.objects.select_related("repository", "job").get(pk=check.pk)
    if check.outcome != CheckOutcome.PENDING:
        return check
    job: Job | None = check.job
    if job is not None:
        jobs.start_job(job, total=3, message=_("Copie du dépôt"))
    allow = settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL if allow_local is None else allow_local
    error = ""
    inspection: health.Inspection | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="magellan-repo-") as folder:
            copy = Path(folder) / "copy"
            try:
                health.clone(
                    check.repository.url,
                    copy,
                    timeout=settings.MAGELLAN_REPOSITORY_CLONE_TIMEOUT,
                    max_bytes=settings.MAGELLAN_REPOSITORY_MAX_BYTES,
                    allow_local=allow,
                )
            except health.CloneError as refused:
                error = refused.message
            else:
                if job is not None:
                    jobs.report_progress(job, done=1, message=_("Lecture des critères"))
                inspection = health.inspect(
                    copy,
                    now=timezone.now(),
                    stale_days=settings.MAGELLAN_REPOSITORY_STALE_DAYS,
                )
    except Exception:
        if job is not None:
            jobs.fail_job(
                job,
                error=_("Une erreur inattendue est survenue ; l’équipe technique est prévenue."),
            )
        _record(check, outcome=CheckOutcome.FAILED, error=_("La vérification a échoué."))
        raise
    if inspection is None:
        _record(check, outcome=CheckOutcome.FAILED, error=error)
        if job is not None:
            jobs.fail_job(job, error=error)
        return check
    outcome = (
        CheckOutcome.PASSED
        if all(criterion.ok for criterion in inspection.criteria)
        else CheckOutcome.WARNINGS
    )
    _record(
        check,
        outcome=outcome,
        results=[criterion.as_dict() for criterion in inspection.criteria],
        licence_detected=inspection.licence,
        last_commit_at=inspection.last_commit_at,
    )
    if job is not None:
        met = sum(1 for criterion in inspection.criteria if criterion.ok)
        jobs.finish_job(
            job,
            result={"url": reverse("values:repository", kwargs={"pk": check.repository_id})},
            message=_("%(met)s critères remplis sur %(total)s")
            % {"met": met, "total": len(inspection.criteria)},
        )
    return check


def _record(check: HealthCheck, **fields: Any) -> None:
    """Write the check's end (a repository removed meanwhile takes its checks with it)."""
    fields["finished_at"] = timezone.now()
    for name, value in fields.items():
        setattr(check, name, value)
    HealthCheck.objects.filter(pk=check.pk).update(**fields)


def recheck_all(*, now: datetime.datetime | None = None) -> int:
    """The weekly re-check: request a check of every repository (those already waiting keep
    theirs); return how many were requested."""
    count = 0
    for repository in Repository.objects.order_by("pk"):
        if pending_check(repository) is None:
            request_check(repository=repository, by=None)
            count += 1
    return count
