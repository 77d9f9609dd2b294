"""Recruitment pages of the jury.

Coaches run the jury, the ranking and the decisions. The project owner sits on the call's jury, has
declared their conflicts and is assigned an application (on paper): they see their conflicts page,
their reviews and that review. The alumni sits on the jury without having declared: they see their
conflicts page and their (empty) list, not the application. Coaches know the jury's pages exist but
are not on this jury (403); nobody else knows they exist (404). The guide is for members.
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from . import COACHES, ROLES, Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
COACHES_403 = dict.fromkeys(COACHES, 403)


def _data(world: World) -> dict[str, Any]:
    from magellan.recruitment.models import ApplicationStatus, ReviewerKind
    from tests.factories import (
        ApplicationFactory,
        CallFactory,
        CriterionFactory,
        ReviewAssignmentFactory,
        ReviewerFactory,
        WishFactory,
    )

    if "recruitment_jury" not in world.extra:
        call = CallFactory(cohort=world.cohort, title="Appel du jury")
        CriterionFactory(call=call, label="Motivation")
        application = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
        WishFactory(application=application, challenge=world.challenge)
        owner = ReviewerFactory(
            call=call,
            user=world.project_owner.user,
            kind=ReviewerKind.PROJECT_OWNER,
            conflicts_declared_at=timezone.now(),
        )
        alumni = ReviewerFactory(call=call, user=world.alumni.user, kind=ReviewerKind.ALUMNI)
        assignment = ReviewAssignmentFactory(reviewer=owner, application=application)
        world.extra["recruitment_jury"] = {
            "call": call,
            "application": application,
            "alumni": alumni,
            "assignment": assignment,
        }
    return world.extra["recruitment_jury"]


def _url(name: str, key: str, *extra: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].pk, *extra])


JURY = _url("recruitment:jury", "call")
SEATED = NOBODY_ELSE | COACHES_403 | {"project_owner": 200, "alumni": 200}

CASES = [
    Case("recruitment:jury", JURY, COACH_ONLY),
    Case("recruitment:reviewer_add", _url("recruitment:reviewer_add", "call"), COACH_ONLY),
    Case(
        "recruitment:reviewer_remove",
        _url("recruitment:reviewer_remove", "alumni"),
        COACH_POSTS,
        method="post",
        redirect=JURY,
    ),
    Case(
        "recruitment:assign",
        _url("recruitment:assign", "call", "preselection"),
        COACH_POSTS,
        method="post",
        redirect=JURY,
    ),
    Case("recruitment:conflicts", _url("recruitment:conflicts", "call"), SEATED),
    Case("recruitment:jury_reviews", _url("recruitment:jury_reviews", "call"), SEATED),
    Case(
        "recruitment:review",
        _url("recruitment:review", "assignment"),
        NOBODY_ELSE | COACHES_403 | {"project_owner": 200},
    ),
    Case(
        "recruitment:ranking",
        _url("recruitment:ranking", "call", "preselection"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:ranking_export",
        _url("recruitment:ranking_export", "call", "interview"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:decide",
        _url("recruitment:decide", "application"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"status": "not_selected"},
        redirect=_url("recruitment:ranking", "call", "interview"),
    ),
    Case("recruitment:select", _url("recruitment:select", "application"), COACH_ONLY),
    Case(
        "recruitment:waiting_move",
        _url("recruitment:waiting_move", "application"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"rank": "1"},
        redirect=_url("recruitment:ranking", "call", "interview"),
    ),
    Case(
        "recruitment:guide_inclusive",
        lambda w: reverse("recruitment:guide_inclusive"),
        statuses(200, anonymous=302, outsiders=403),
    ),
]
