from django.urls import reverse

from . import Case, statuses

CASES = [
    Case("home", lambda w: reverse("home"), statuses(200)),
    Case("directory:cohort_list", lambda w: reverse("directory:cohort_list"), statuses(200)),
    Case("directory:cohort_detail", lambda w: w.cohort.get_absolute_url(), statuses(200)),
    Case("directory:challenge_list", lambda w: reverse("directory:challenge_list"), statuses(200)),
    Case("directory:challenge_detail", lambda w: w.challenge.get_absolute_url(), statuses(200)),
    Case(
        "directory:challenge_detail",
        lambda w: w.hidden_challenge.get_absolute_url(),
        statuses(200, anonymous=404, outsiders=404),
        id="hidden challenge",
    ),
    Case("directory:person_list", lambda w: reverse("directory:person_list"), statuses(200)),
    Case(
        "directory:person_detail",
        lambda w: w.public_person.get_absolute_url(),
        statuses(200),
        id="public person",
    ),
    Case(
        "directory:person_detail",
        lambda w: w.private_person.get_absolute_url(),
        statuses(200, anonymous=404, outsiders=404),
        id="private person",
    ),
    Case(
        "directory:administration_list",
        lambda w: reverse("directory:administration_list"),
        statuses(200),
    ),
    Case(
        "directory:administration_detail",
        lambda w: w.challenge.administration.get_absolute_url(),
        statuses(200),
    ),
]

CASES += [
    Case(
        "directory:people_import",
        lambda w: reverse("directory:people_import"),
        statuses(403, anonymous=302, coaches=200),
    ),
    Case(
        "directory:import_result",
        lambda w: reverse("directory:import_result", kwargs={"pk": _import_job(w).pk}),
        # The coach who launched it, and staff.
        statuses(404, anonymous=302, coaches=200),
    ),
]


def _import_job(world: object) -> object:
    from magellan.core.models import Job

    return Job.objects.create(
        kind="directory.import_people",
        label="Import",
        created_by=world.coach.user,  # type: ignore[attr-defined]
        result={"counts": {"people": [1, 0, 0]}, "dry_run": False},
    )


CASES += [
    Case(
        "directory:profile_edit",
        lambda w: reverse("directory:profile_edit"),
        statuses(200, anonymous=302),
    ),
]
