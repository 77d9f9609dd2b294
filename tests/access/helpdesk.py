"""Help-desk pages: the fellow's request (taken by the mentor, with a file), a resolved one of the
same team, and the other fellow's new request in the queue of the helpers (mentor and alumni).

A request is seen by its author, their challenge's team (project owner, sponsor), its assigned
helper and the coaches: everyone else gets a 404, the attachment's address included. A helper
takes from the queue a request they may not read yet."""

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from . import COACHES, ROLES, Case, World, statuses

NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
TEAM = ("fellow", "project_owner", "sponsor")
VIEWERS = (*TEAM, "mentor", *COACHES)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)
SAMPLE = "helpdesk/access-matrix-sample"
PDF = b"%PDF-1.4\n%%EOF\n"


def _only(status: int, *roles: str) -> dict[str, int]:
    return dict.fromkeys(roles, status)


def _data(world: World) -> dict[str, Any]:
    from magellan.helpdesk.models import Attachment, HelpRequest, Status
    from tests.factories import ExpertiseFactory, HelperProfileFactory, HelpRequestFactory

    if "helpdesk" not in world.extra:
        expertise = ExpertiseFactory(name="Expérimentation")
        HelperProfileFactory(person=world.mentor, expertises=[expertise])
        HelperProfileFactory(person=world.alumni, expertises=[expertise])
        request = HelpRequestFactory(
            author=world.fellow,
            challenge=world.challenge,
            cohort=world.cohort,
            status=Status.TAKEN,
            expertises=[expertise],
            helpers=[world.mentor],
        )
        if not default_storage.exists(SAMPLE):
            default_storage.save(SAMPLE, ContentFile(PDF))
        attachment = Attachment.objects.create(
            request=request,
            file=SAMPLE,
            original_name="plan.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )
        resolved = HelpRequestFactory(
            author=world.fellow,
            challenge=world.challenge,
            cohort=world.cohort,
            status=Status.RESOLVED,
            helpers=[world.mentor],
        )
        HelpRequest.objects.filter(pk=resolved.pk).update(resolved_at=timezone.now())
        queued = HelpRequestFactory(
            author=world.other_fellow,
            challenge=world.other_challenge,
            cohort=world.cohort,
            expertises=[expertise],
        )
        world.extra["helpdesk"] = {
            "request": request,
            "attachment": attachment,
            "resolved": resolved,
            "queued": queued,
        }
    return world.extra["helpdesk"]


def _url(name: str, key: str = "request") -> Any:
    return lambda w: reverse(f"helpdesk:{name}", args=[_data(w)[key].pk])


def _to(key: str = "request", anchor: str = "") -> Any:
    return lambda w: _data(w)[key].get_absolute_url() + anchor


def _plan(world: World) -> dict[str, Any]:
    moment = timezone.localtime() + datetime.timedelta(days=4)
    return {
        "starts_at": moment.strftime("%Y-%m-%dT10:00"),
        "minutes": 60,
        "helper": world.mentor.pk,
    }


CASES = [
    Case(
        "helpdesk:home",
        lambda w: reverse("helpdesk:home"),
        statuses(200, anonymous=302, outsiders=403),
    ),
    Case(
        "helpdesk:request_create",
        lambda w: reverse("helpdesk:request_create"),
        statuses(
            403,
            anonymous=302,
            fellow=200,
            other_fellow=200,
            project_owner=200,
            sponsor=200,
            coach=200,
            staff_coach=200,
        ),
    ),
    Case("helpdesk:queue", lambda w: reverse("helpdesk:queue"), COACH_ONLY),
    Case("helpdesk:helpers", lambda w: reverse("helpdesk:helpers"), COACH_ONLY),
    Case(
        "helpdesk:helper_profile",
        lambda w: reverse("helpdesk:helper_profile"),
        statuses(403, anonymous=302, mentor=200, alumni=200, coach=200, staff_coach=200),
    ),
    Case(
        "helpdesk:request_detail",
        _url("request_detail"),
        NOBODY_ELSE | _only(200, *VIEWERS),
    ),
    Case(
        "helpdesk:attachment",
        lambda w: _data(w)["attachment"].get_absolute_url(),
        NOBODY_ELSE | _only(200, *VIEWERS),
    ),
    Case(
        "helpdesk:request_comment",
        _url("request_comment"),
        NOBODY_ELSE | _only(302, *VIEWERS),
        method="post",
        data=lambda w: {"body": "Une précision sur notre contexte."},
        redirect=_to(anchor="#fil"),
    ),
    Case(
        "helpdesk:request_attach",
        _url("request_attach"),
        # No file sent: the page again with its message (400), for those who see the request.
        NOBODY_ELSE | _only(400, *VIEWERS),
        method="post",
    ),
    Case(
        "helpdesk:request_assign",
        _url("request_assign"),
        NOBODY_ELSE | _only(403, *TEAM, "mentor") | _only(302, *COACHES),
        method="post",
        data=lambda w: {"helpers": [w.alumni.pk]},
        redirect=_to(),
    ),
    Case(
        "helpdesk:request_take",
        _url("request_take", "queued"),
        NOBODY_ELSE | _only(403, "other_fellow", *COACHES) | _only(302, "mentor", "alumni"),
        method="post",
        redirect=_to("queued"),
    ),
    Case(
        "helpdesk:request_plan",
        _url("request_plan"),
        NOBODY_ELSE | _only(403, *TEAM) | _only(302, "mentor", *COACHES),
        method="post",
        data=_plan,
        redirect=_to(anchor="#seances"),
    ),
    Case(
        "helpdesk:request_resolve",
        _url("request_resolve"),
        NOBODY_ELSE | _only(403, *TEAM) | _only(302, "mentor", *COACHES),
        method="post",
        data=lambda w: {"summary": "Trois pistes retenues."},
        redirect=_to(),
    ),
    Case(
        "helpdesk:request_close",
        _url("request_close", "resolved"),
        NOBODY_ELSE | _only(302, *VIEWERS),
        method="post",
        redirect=_to("resolved"),
    ),
    Case(
        "helpdesk:request_withdraw",
        _url("request_withdraw"),
        NOBODY_ELSE
        | _only(403, "project_owner", "sponsor", "mentor")
        | _only(302, "fellow", *COACHES),
        method="post",
        redirect=_to(),
    ),
    Case(
        "helpdesk:request_reopen",
        _url("request_reopen", "resolved"),
        NOBODY_ELSE | _only(403, "mentor") | _only(302, *TEAM, *COACHES),
        method="post",
        redirect=_to("resolved"),
    ),
]
