"""Directory workflows that are not imports (those live in `importers/`)."""

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from magellan.core import services as jobs
from magellan.core.models import Job

from .models import Cohort, Person

if TYPE_CHECKING:
    from .forms import ProfileForm

COACH_GROUP = "Coachs"
# The apps whose data coaches manage in the admin.
COACH_APPS = ("directory", "program", "grouping", "api", "core")


def coach_group() -> Group:
    """The admin group of coaches, with every permission on the apps they manage."""
    group, _ = Group.objects.get_or_create(name=COACH_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=COACH_APPS)
            | Q(content_type__app_label="accounts", codename__in=["view_user", "change_user"])
        )
    )
    return group


@transaction.atomic
def grant_coach_access(*, person: Person) -> bool:
    """Make a person's account staff in the coaches' admin group; says whether it had an account."""
    if person.user is None:
        return False
    user = person.user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(coach_group())
    return True


def start_people_import(*, user: Any, cohort: Cohort, upload: UploadedFile, dry_run: bool) -> Job:
    """Keep the uploaded CSV where the worker can read it and enqueue its import; returns the job."""
    from .tasks import import_people_task

    folder = settings.MEDIA_ROOT / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.csv"
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    label = (
        _("Simulation d’import : %(cohort)s") if dry_run else _("Import de personnes : %(cohort)s")
    ) % {"cohort": cohort}
    job = jobs.create_job(kind="directory.import_people", label=label, created_by=user)
    import_people_task.enqueue(
        job.pk, str(path), cohort.slug, dry_run, Path(upload.name or "").name
    )
    job.refresh_from_db()
    return job


def update_profile(*, person: Person, form: "ProfileForm") -> Person:
    """Save what a person declared about themself (the form is valid)."""
    form.instance = person
    return form.save()
