"""Recruitment pages of calls, dossiers and applications.

Coaches run everything. The project owner sits on both juries, has declared their conflicts and is
assigned the dossier and the application (on paper, anonymous): they read them, but not the
candidate's CV (it carries the name). Nobody else knows a dossier or an application exists (404).
The owner's private link opens the dossier's page to anyone who has it (a token; no account)."""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from . import COACHES, ROLES, Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
COACHES_SEE = dict.fromkeys(COACHES, 200)
SAMPLE = "recruitment/cv/access-matrix-sample.pdf"
PDF = b"%PDF-1.4\n%%EOF\n"


def _data(world: World) -> dict[str, Any]:
    from magellan.recruitment.models import CallKind, ReviewerKind, Stage
    from magellan.recruitment.services.calls import issue_dossier_link
    from tests.factories import (
        ApplicationFactory,
        CallFactory,
        ChallengeDossierFactory,
        ReviewAssignmentFactory,
        ReviewerFactory,
    )

    if "recruitment_calls" not in world.extra:
        fellows_call = CallFactory(cohort=world.cohort, anonymous_preselection=True)
        challenges_call = CallFactory(cohort=world.cohort, kind=CallKind.CHALLENGES)
        if not default_storage.exists(SAMPLE):
            default_storage.save(SAMPLE, ContentFile(PDF))
        application = ApplicationFactory(call=fellows_call, cv=SAMPLE)
        dossier = ChallengeDossierFactory(call=challenges_call)
        draft = ChallengeDossierFactory(call=challenges_call, status="draft")
        token = issue_dossier_link(dossier=draft)
        now = timezone.now()
        for call, subject in ((fellows_call, "application"), (challenges_call, "dossier")):
            reviewer = ReviewerFactory(
                call=call,
                user=world.project_owner.user,
                kind=ReviewerKind.PROJECT_OWNER,
                conflicts_declared_at=now,
            )
            target = application if subject == "application" else dossier
            ReviewAssignmentFactory(
                reviewer=reviewer,
                stage=Stage.PRESELECTION if subject == "application" else Stage.DOSSIER,
                application=target if subject == "application" else None,
                dossier=target if subject == "dossier" else None,
            )
        world.extra["recruitment_calls"] = {
            "fellows_call": fellows_call,
            "challenges_call": challenges_call,
            "application": application,
            "dossier": dossier,
            "draft": draft,
            "token": token,
        }
    return world.extra["recruitment_calls"]


def _url(name: str, key: str, *extra: Any) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].pk, *extra])


def _detail(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].pk])


CASES = [
    Case(
        "recruitment:home",
        lambda w: (_data(w), reverse("recruitment:home"))[1],
        statuses(403, anonymous=302, coaches=200, project_owner=200),
    ),
    Case("recruitment:call_create", lambda w: reverse("recruitment:call_create"), COACH_ONLY),
    Case("recruitment:call_detail", _url("recruitment:call_detail", "fellows_call"), COACH_ONLY),
    Case(
        "recruitment:call_detail",
        _url("recruitment:call_detail", "challenges_call"),
        COACH_ONLY,
        id="recruitment:call_detail (challenges)",
    ),
    Case("recruitment:call_edit", _url("recruitment:call_edit", "fellows_call"), COACH_ONLY),
    Case(
        "recruitment:call_status",
        _url("recruitment:call_status", "fellows_call"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"status": "reviewing"},
        redirect=_detail("recruitment:call_detail", "fellows_call"),
    ),
    Case(
        "recruitment:call_criteria",
        _url("recruitment:call_criteria", "fellows_call", "interview"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:dossier_create",
        _url("recruitment:dossier_create", "challenges_call"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:dossier_detail",
        _url("recruitment:dossier_detail", "dossier"),
        NOBODY_ELSE | COACHES_SEE | {"project_owner": 200},
    ),
    Case(
        "recruitment:dossier_detail",
        _url("recruitment:dossier_detail", "draft"),
        NOBODY_ELSE | COACHES_SEE,
        id="recruitment:dossier_detail (not assigned)",
    ),
    Case("recruitment:dossier_edit", _url("recruitment:dossier_edit", "dossier"), COACH_ONLY),
    Case(
        "recruitment:dossier_link",
        _url("recruitment:dossier_link", "draft"),
        COACH_POSTS,
        method="post",
        redirect=_detail("recruitment:dossier_detail", "draft"),
    ),
    Case(
        "recruitment:dossier_file",
        _url("recruitment:dossier_file", "draft"),
        COACH_POSTS,
        method="post",
        redirect=_detail("recruitment:dossier_detail", "draft"),
    ),
    Case(
        "recruitment:dossier_accept",
        _url("recruitment:dossier_accept", "dossier"),
        COACH_POSTS,
        method="post",
        redirect=_detail("recruitment:dossier_detail", "dossier"),
    ),
    Case(
        "recruitment:dossier_reject",
        _url("recruitment:dossier_reject", "dossier"),
        COACH_POSTS,
        method="post",
        redirect=_detail("recruitment:dossier_detail", "dossier"),
    ),
    Case(
        "recruitment:dossier_submit",
        lambda w: reverse("recruitment:dossier_submit", args=[_data(w)["token"]]),
        dict.fromkeys(ROLES, 200),
    ),
    Case(
        "recruitment:dossier_submit",
        lambda w: (_data(w), reverse("recruitment:dossier_submit", args=["not-a-token"]))[1],
        dict.fromkeys(ROLES, 404),
        id="recruitment:dossier_submit (unknown link)",
    ),
    Case(
        "recruitment:application_create",
        _url("recruitment:application_create", "fellows_call"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:application_import",
        _url("recruitment:application_import", "fellows_call"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:application_detail",
        _url("recruitment:application_detail", "application"),
        NOBODY_ELSE | COACHES_SEE | {"project_owner": 200},
    ),
    Case(
        "recruitment:application_cv",
        _url("recruitment:application_cv", "application"),
        NOBODY_ELSE | COACHES_SEE | {"project_owner": 403},
    ),
]
