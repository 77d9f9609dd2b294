from typing import Any

from django.urls import reverse

from magellan.directory.services import version_of
from tests.factories import AdministrationAliasFactory, CohortRoleFactory, PhaseFactory

from . import Case, World, statuses

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


# The coaches' edit pages: 403 for other signed-in users, the login page for anonymous visitors.
COACHES_ONLY = statuses(403, anonymous=302, coaches=200)
COACHES_POST = statuses(403, anonymous=302, coaches=302)


def _phase(w: World) -> Any:
    if "phase" not in w.extra:
        w.extra["phase"] = PhaseFactory(cohort=w.cohort)
    return w.extra["phase"]


def _phase_url(name: str) -> Any:
    return lambda w: reverse(
        f"directory:{name}", kwargs={"slug": w.cohort.slug, "pk": _phase(w).pk}
    )


CASES += [
    Case("directory:cohort_create", lambda w: reverse("directory:cohort_create"), COACHES_ONLY),
    Case(
        "directory:cohort_edit",
        lambda w: reverse("directory:cohort_edit", kwargs={"slug": w.cohort.slug}),
        COACHES_ONLY,
    ),
    Case(
        "directory:phase_create",
        lambda w: reverse("directory:phase_create", kwargs={"slug": w.cohort.slug}),
        COACHES_ONLY,
    ),
    Case("directory:phase_edit", _phase_url("phase_edit"), COACHES_ONLY),
    Case(
        "directory:phase_delete",
        _phase_url("phase_delete"),
        COACHES_ONLY,
        id="directory:phase_delete (confirmation page)",
    ),
    Case(
        "directory:phase_delete",
        _phase_url("phase_delete"),
        COACHES_POST,
        method="post",
        data=lambda w: {"seen": version_of(_phase(w))},
        redirect=lambda w: w.cohort.get_absolute_url(),
    ),
]


def _alias(w: World) -> Any:
    if "alias" not in w.extra:
        w.extra["alias"] = AdministrationAliasFactory(administration=w.challenge.administration)
    return w.extra["alias"]


def _administration_url(name: str) -> Any:
    return lambda w: reverse(f"directory:{name}", kwargs={"slug": w.challenge.administration.slug})


CASES += [
    Case(
        "directory:administration_create",
        lambda w: reverse("directory:administration_create"),
        COACHES_ONLY,
    ),
    Case("directory:administration_edit", _administration_url("administration_edit"), COACHES_ONLY),
    Case(
        "directory:administration_aliases",
        _administration_url("administration_aliases"),
        COACHES_ONLY,
    ),
    Case(
        "directory:alias_delete",
        lambda w: reverse(
            "directory:alias_delete",
            kwargs={"slug": w.challenge.administration.slug, "pk": _alias(w).pk},
        ),
        COACHES_POST,
        method="post",
        redirect=_administration_url("administration_aliases"),
    ),
]


def _challenge_url(name: str) -> Any:
    return lambda w: reverse(f"directory:{name}", kwargs={"slug": w.challenge.slug})


CASES += [
    Case(
        "directory:challenge_create", lambda w: reverse("directory:challenge_create"), COACHES_ONLY
    ),
    Case("directory:challenge_edit", _challenge_url("challenge_edit"), COACHES_ONLY),
    Case("directory:challenge_team", _challenge_url("challenge_team"), COACHES_ONLY),
    Case(
        "directory:membership_delete",
        lambda w: reverse(
            "directory:membership_delete",
            kwargs={"slug": w.challenge.slug, "pk": w.sponsor.memberships.get().pk},
        ),
        COACHES_POST,
        method="post",
        redirect=_challenge_url("challenge_team"),
    ),
]


def _person_url(name: str) -> Any:
    return lambda w: reverse(f"directory:{name}", kwargs={"slug": w.private_person.slug})


def _private_role(w: World) -> Any:
    if "private_role" not in w.extra:
        w.extra["private_role"] = CohortRoleFactory(
            person=w.private_person, cohort=w.cohort, role="mentor"
        )
    return w.extra["private_role"]


CASES += [
    Case("directory:person_create", lambda w: reverse("directory:person_create"), COACHES_ONLY),
    Case("directory:person_edit", _person_url("person_edit"), COACHES_ONLY),
    Case("directory:person_roles", _person_url("person_roles"), COACHES_ONLY),
    Case(
        "directory:role_delete",
        lambda w: reverse(
            "directory:role_delete",
            kwargs={"slug": w.private_person.slug, "pk": _private_role(w).pk},
        ),
        COACHES_POST,
        method="post",
        redirect=_person_url("person_roles"),
    ),
]
