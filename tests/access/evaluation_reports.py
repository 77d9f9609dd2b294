"""The coaches' reports and the actions: `challenge` has a draft report of phase 1 (complete, its
committee held: coaches can publish it) and a published report of phase 2 with an action;
`other_challenge` a published report. A draft, or another challenge's report, is a 404 for all but
the coaches; the sponsor reads the published report but neither acknowledges it nor updates its
actions (403)."""

from typing import Any

from django.urls import reverse

from . import COACHES, ROLES, Case, World, phase_of

NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
COACHES_OK = NOBODY_ELSE | dict.fromkeys(COACHES, 200)
TEAM_AND_COACHES = COACHES_OK | {"fellow": 200, "project_owner": 200, "sponsor": 200}


def _data(world: World) -> dict[str, Any]:
    from tests.factories import (
        ActionFactory,
        AxisAssessmentFactory,
        CommitteeFactory,
        ReportFactory,
    )

    if "evaluation_reports" not in world.extra:
        # Phases 3 and 4: the retrospective's cases use phases 1 and 2 of the same challenge.
        first, second = phase_of(world, 3), phase_of(world, 4)
        CommitteeFactory(phase=first, challenge=world.challenge, past=True)
        draft = ReportFactory(challenge=world.challenge, phase=first)
        for axis in ("entrepreneurship", "innovation", "transformation"):
            AxisAssessmentFactory(report=draft, axis=axis, level=2)
        published = ReportFactory(challenge=world.challenge, phase=second, published=True)
        action = ActionFactory(report=published)
        other = ReportFactory(challenge=world.other_challenge, phase=first, published=True)
        world.extra["evaluation_reports"] = {
            "draft": draft,
            "published": published,
            "other": other,
            "action": action,
        }
    return world.extra["evaluation_reports"]


def _report_url(name: str, key: str) -> Any:
    def url(world: World) -> str:
        report = _data(world)[key]
        return reverse(f"evaluation:{name}", args=[report.challenge.slug, report.phase_id])

    return url


def _next(world: World) -> dict[str, Any]:
    return {"status": "done", "comment": "Fait.", "next": "/evaluation/"}


CASES = [
    Case("evaluation:report", _report_url("report", "draft"), COACHES_OK, id="report (draft)"),
    Case(
        "evaluation:report",
        _report_url("report", "published"),
        TEAM_AND_COACHES,
        id="report (published)",
    ),
    Case(
        "evaluation:report",
        _report_url("report", "other"),
        COACHES_OK | {"other_fellow": 200},
        id="report (another challenge's)",
    ),
    Case("evaluation:report_edit", _report_url("report_edit", "draft"), COACHES_OK),
    Case(
        "evaluation:report_publish",
        _report_url("report_publish", "draft"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 302),
        method="post",
        redirect=_report_url("report", "draft"),
    ),
    Case(
        "evaluation:report_acknowledge",
        _report_url("report_acknowledge", "published"),
        NOBODY_ELSE
        | dict.fromkeys(COACHES, 403)
        | {"sponsor": 403, "fellow": 302, "project_owner": 302},
        method="post",
        data=lambda w: {"text": "Relu en équipe."},
        redirect=_report_url("report", "published"),
    ),
    Case("evaluation:report_pdf", _report_url("report_pdf", "published"), TEAM_AND_COACHES),
    Case(
        "evaluation:report_pdf",
        _report_url("report_pdf", "draft"),
        COACHES_OK,
        id="report_pdf (draft)",
    ),
    Case(
        "evaluation:action_status",
        lambda w: reverse("evaluation:action_status", args=[_data(w)["action"].pk]),
        NOBODY_ELSE
        | dict.fromkeys(COACHES, 302)
        | {"sponsor": 403, "fellow": 302, "project_owner": 302},
        method="post",
        data=_next,
        redirect=lambda w: "/evaluation/",
    ),
]
