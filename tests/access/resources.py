"""Knowledge base pages: a public guide, a members-only guide and a draft (each with text that
must not leak), a session that used the public guide. A members-only guide is a 404 for the
public and for accounts without a role; a draft is a 404 for everyone but the coaches."""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from . import COACHES, ROLES, Case, World, statuses

EVERYONE = dict.fromkeys(ROLES, 200)
MEMBERS_SEE = statuses(200, anonymous=404, outsiders=404)
COACHES_SEE = statuses(404, coaches=200)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
DRAFT_POSTS = statuses(404, anonymous=302, coaches=302)
# The resolved help request: its author (fellow), the team, the assigned helper (mentor), coaches.
REQUEST_UNSEEN = statuses(404, anonymous=302)
SAMPLE = "resources/access-matrix-sample"
PDF = b"%PDF-1.4\n%%EOF\n"


def _data(world: World) -> dict[str, Any]:
    from magellan.helpdesk.models import Status
    from magellan.resources.models import GuideFile
    from tests.factories import (
        AnswerFactory,
        GuideFactory,
        GuideLinkFactory,
        GuideUseFactory,
        HelpRequestFactory,
        QuestionFactory,
        SessionFactory,
    )

    if "resources" not in world.extra:
        public = GuideFactory(title="Guide ouvert", body="Tout le monde peut lire ceci.")
        members = GuideFactory(members=True, body="Réservé aux membres du programme.")
        draft = GuideFactory(draft=True, author=world.coach, body="Brouillon pas encore relu.")
        session = SessionFactory(cohort=world.cohort)
        if not default_storage.exists(SAMPLE):
            default_storage.save(SAMPLE, ContentFile(PDF))
        resolved = HelpRequestFactory(
            author=world.fellow,
            challenge=world.challenge,
            cohort=world.cohort,
            status=Status.RESOLVED,
            resolution_summary="Un plan en trois étapes, relu ensemble.",
            helpers=[world.mentor],
        )
        question = QuestionFactory(author=world.fellow, title="Quelle licence choisir ?")
        AnswerFactory(question=question, body="Une licence à réciprocité.")
        world.extra["resources"] = {
            "question": question,
            "file": GuideFile.objects.create(
                guide=members,
                file=SAMPLE,
                name="grille.pdf",
                content_type="application/pdf",
                size=len(PDF),
            ),
            "resolved": resolved,
            "public": public,
            "members": members,
            "draft": draft,
            "link": GuideLinkFactory(guide=public),
            "session": session,
            "use": GuideUseFactory(guide=public, session=session),
        }
    return world.extra["resources"]


def _guide(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].slug])


def _request_url(name: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)["resolved"].pk])


def _question_url(name: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)["question"].pk])


def _latest_guide_edit(world: World) -> str:
    from magellan.resources.models import Guide

    return reverse("resources:guide_edit", args=[Guide.objects.latest("pk").slug])


def _disguised(world: World) -> dict[str, Any]:
    """A program renamed .pdf: refused (nothing stored), the page says why."""
    return {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 60)}


def _to(key: str, anchor: str = "") -> Any:
    return lambda w: _data(w)[key].get_absolute_url() + anchor


CASES = [
    Case(
        "resources:guide_list", lambda w: (_data(w), reverse("resources:guide_list"))[1], EVERYONE
    ),
    Case("resources:guide_create", lambda w: reverse("resources:guide_create"), COACH_ONLY),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "public"),
        EVERYONE,
        id="guide_detail public",
    ),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "members"),
        MEMBERS_SEE,
        id="guide_detail members-only",
    ),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "draft"),
        COACHES_SEE,
        id="guide_detail draft",
    ),
    Case(
        "resources:guide_edit",
        _guide("resources:guide_edit", "public"),
        COACH_ONLY,
        id="guide_edit public",
    ),
    Case(
        "resources:guide_edit",
        _guide("resources:guide_edit", "draft"),
        statuses(404, anonymous=302, coaches=200),
        id="guide_edit draft",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "members"),
        statuses(200, anonymous=302, outsiders=404),
        id="guide_history members-only",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "public"),
        statuses(200, anonymous=302, outsiders=403),
        id="guide_history public",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "draft"),
        statuses(404, anonymous=302, coaches=200),
        id="guide_history draft",
    ),
    Case(
        "resources:guide_publish",
        _guide("resources:guide_publish", "draft"),
        DRAFT_POSTS,
        method="post",
        redirect=_to("draft"),
    ),
    Case(
        "resources:guide_unpublish",
        _guide("resources:guide_unpublish", "public"),
        COACH_POSTS,
        method="post",
        redirect=_to("public"),
    ),
    Case(
        "resources:link_add",
        _guide("resources:link_add", "public"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"label": "Référentiel", "url": "https://example.org/referentiel"},
        redirect=_to("public", "#liens"),
    ),
    Case(
        "resources:link_remove",
        lambda w: reverse(
            "resources:link_remove", args=[_data(w)["public"].slug, _data(w)["link"].pk]
        ),
        COACH_POSTS,
        method="post",
        redirect=_to("public", "#liens"),
    ),
    Case(
        "resources:session_link",
        lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        COACH_ONLY,
    ),
    Case(
        "resources:session_link",
        lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        COACH_POSTS,
        method="post",
        data=lambda w: {"guide": _data(w)["members"].pk},
        redirect=lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        id="session_link post",
    ),
    Case(
        "resources:use_remove",
        lambda w: reverse("resources:use_remove", args=[_data(w)["use"].pk]),
        COACH_POSTS,
        method="post",
        redirect=lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
    ),
    Case(
        "resources:file_add",
        _guide("resources:file_add", "public"),
        COACH_POSTS,
        method="post",
        data=_disguised,
        redirect=_to("public", "#fichiers"),
    ),
    Case(
        "resources:file_download",
        lambda w: _data(w)["file"].get_absolute_url(),
        MEMBERS_SEE,
    ),
    Case(
        "resources:file_remove",
        lambda w: reverse(
            "resources:file_remove", args=[_data(w)["members"].slug, _data(w)["file"].pk]
        ),
        statuses(403, anonymous=302, outsiders=404, coaches=302),
        method="post",
        redirect=_to("members", "#fichiers"),
    ),
    Case(
        "resources:help_request_link",
        _request_url("resources:help_request_link"),
        REQUEST_UNSEEN
        | dict.fromkeys(("fellow", "project_owner", "sponsor"), 403)
        | dict.fromkeys(("mentor", *COACHES), 200),
    ),
    Case(
        "resources:help_request_consent",
        _request_url("resources:help_request_consent"),
        REQUEST_UNSEEN
        | dict.fromkeys(("project_owner", "sponsor", "mentor", *COACHES), 403)
        | {"fellow": 200},
    ),
    Case(
        "resources:help_request_consent",
        _request_url("resources:help_request_consent"),
        REQUEST_UNSEEN
        | dict.fromkeys(("project_owner", "sponsor", "mentor", *COACHES), 403)
        | {"fellow": 302},
        method="post",
        data=lambda w: {"action": "save", "allow_comments": "on"},
        redirect=_request_url("resources:help_request_consent"),
        id="help_request_consent post",
    ),
    Case(
        "resources:help_request_convert",
        _request_url("resources:help_request_convert"),
        REQUEST_UNSEEN
        | dict.fromkeys(("project_owner", "sponsor", "mentor"), 403)
        | dict.fromkeys(("fellow", *COACHES), 200),
    ),
    Case(
        "resources:help_request_convert",
        _request_url("resources:help_request_convert"),
        # A coach without the author's consent: the page again, with why.
        REQUEST_UNSEEN
        | dict.fromkeys(("project_owner", "sponsor", "mentor"), 403)
        | dict.fromkeys(COACHES, 200)
        | {"fellow": 302},
        method="post",
        data=lambda w: {"action": "save"},
        redirect=_latest_guide_edit,
        id="help_request_convert post",
    ),
    Case(
        "resources:question_consent",
        _question_url("resources:question_consent"),
        statuses(403, anonymous=302, outsiders=404, fellow=200),
    ),
    Case(
        "resources:question_convert",
        _question_url("resources:question_convert"),
        statuses(403, anonymous=302, outsiders=404, coaches=200, fellow=200),
    ),
    Case(
        "resources:question_convert",
        _question_url("resources:question_convert"),
        # A coach without the asker's consent: the page again, with why.
        statuses(403, anonymous=302, outsiders=404, coaches=200, fellow=302),
        method="post",
        data=lambda w: {"action": "save"},
        redirect=_latest_guide_edit,
        id="question_convert post",
    ),
]
