"""Evaluation, part H: the challenge's indicators and the team's retrospective of a phase.

The team (fellows, project owner, sponsor) and the coaches read them; the fellows and the project
owner write the retrospective; the indicators are written by them and the coaches; another
challenge's fellow and everyone else signed in get a 403; the coaches reopen a submitted
retrospective; anyone who reads it comments."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from . import Case, World, phase_of, statuses

READERS = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200, sponsor=200)
EDITORS = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200)
WRITERS = statuses(403, anonymous=302, fellow=200, project_owner=200)
WRITERS_POST = statuses(403, anonymous=302, fellow=302, project_owner=302)
COACHES_POST = statuses(403, anonymous=302, coaches=302)
READERS_POST = statuses(403, anonymous=302, coaches=302, fellow=302, project_owner=302, sponsor=302)


def _data(world: World) -> dict[str, Any]:
    """Phase 1: a held committee, a submitted retrospective and a published report with an action;
    phase 2: the committee in five days and the team's draft, which carries that action."""
    from tests.factories import (
        ActionFactory,
        CommitteeFactory,
        IndicatorFactory,
        IndicatorValueFactory,
        ReportFactory,
        RetrospectiveCommentFactory,
        RetrospectiveFactory,
        RetrospectiveObjectiveFactory,
    )

    if "evaluation_indicators" not in world.extra:
        first, second = phase_of(world, 1), phase_of(world, 2)
        CommitteeFactory(phase=first, challenge=world.challenge, past=True)
        soon = (timezone.now() + datetime.timedelta(days=5)).replace(microsecond=0)
        CommitteeFactory(phase=second, challenge=world.challenge, starts_at=soon)
        indicator = IndicatorFactory(challenge=world.challenge)
        IndicatorValueFactory(indicator=indicator)
        report = ReportFactory(challenge=world.challenge, phase=first, published=True)
        ActionFactory(report=report, title="Présenter le prototype à la direction")
        draft = RetrospectiveFactory(challenge=world.challenge, phase=second)
        RetrospectiveObjectiveFactory(retrospective=draft)
        RetrospectiveCommentFactory(retrospective=draft, author=world.project_owner)
        world.extra["evaluation_indicators"] = {
            "indicator": indicator,
            "draft": second,
            "submitted": first,
            "retrospectives": [
                draft,
                RetrospectiveFactory(challenge=world.challenge, phase=first, submitted=True),
            ],
        }
    return world.extra["evaluation_indicators"]


def _indicator(name: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)["indicator"].pk])


def _retro(name: str, phase: str = "draft") -> Any:
    return lambda w: reverse(name, args=[w.challenge.slug, _data(w)[phase].pk])


CASES = [
    Case(
        "evaluation:indicators",
        lambda w: (_data(w), reverse("evaluation:indicators", args=[w.challenge.slug]))[1],
        READERS,
    ),
    Case("evaluation:indicator_edit", _indicator("evaluation:indicator_edit"), EDITORS),
    Case("evaluation:indicator_value_add", _indicator("evaluation:indicator_value_add"), EDITORS),
    Case("evaluation:retrospective", _retro("evaluation:retrospective"), READERS),
    Case("evaluation:retrospective_edit", _retro("evaluation:retrospective_edit"), WRITERS),
    Case(
        "evaluation:retrospective_submit",
        _retro("evaluation:retrospective_submit"),
        WRITERS_POST,
        method="post",
        redirect=_retro("evaluation:retrospective"),
    ),
    Case(
        "evaluation:retrospective_reopen",
        _retro("evaluation:retrospective_reopen", "submitted"),
        COACHES_POST,
        method="post",
        redirect=_retro("evaluation:retrospective", "submitted"),
    ),
    Case(
        "evaluation:retrospective_comment",
        _retro("evaluation:retrospective_comment"),
        READERS_POST,
        method="post",
        data=lambda w: {"body": "Merci pour ce travail."},
        redirect=_retro("evaluation:retrospective"),
    ),
]
