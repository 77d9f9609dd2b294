"""Evaluation, part H: the challenge's indicators and the team's retrospective of a phase.

The team (fellows, project owner, sponsor) and the coaches read them; the fellows and the project
owner write the retrospective; the indicators are written by them and the coaches; another
challenge's fellow and everyone else signed in get a 403; the coaches reopen a submitted
retrospective; anyone who reads it comments."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from . import Case, World, statuses

READERS = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200, sponsor=200)
EDITORS = statuses(403, anonymous=302, coaches=200, fellow=200, project_owner=200)
WRITERS = statuses(403, anonymous=302, fellow=200, project_owner=200)
WRITERS_POST = statuses(403, anonymous=302, fellow=302, project_owner=302)
COACHES_POST = statuses(403, anonymous=302, coaches=302)
READERS_POST = statuses(403, anonymous=302, coaches=302, fellow=302, project_owner=302, sponsor=302)


def _phase(world: World, kind: int) -> Any:
    from magellan.directory.models import Phase

    start = world.cohort.start_date + datetime.timedelta(days=75 * (kind - 1))
    phase, _created = Phase.objects.get_or_create(
        cohort=world.cohort,
        kind=kind,
        defaults={"start_date": start, "end_date": start + datetime.timedelta(days=70)},
    )
    return phase


def _data(world: World) -> dict[str, Any]:
    from tests.factories import CommitteeFactory, IndicatorFactory, RetrospectiveFactory

    if "evaluation_indicators" not in world.extra:
        first, second = _phase(world, 1), _phase(world, 2)
        soon = (timezone.now() + datetime.timedelta(days=5)).replace(microsecond=0)
        for phase in (first, second):
            CommitteeFactory(phase=phase, challenge=world.challenge, starts_at=soon)
        world.extra["evaluation_indicators"] = {
            "indicator": IndicatorFactory(challenge=world.challenge),
            "first": first,
            "second": second,
            "draft": RetrospectiveFactory(challenge=world.challenge, phase=first),
            "submitted": RetrospectiveFactory(
                challenge=world.challenge, phase=second, submitted=True
            ),
        }
    return world.extra["evaluation_indicators"]


def _indicator(name: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)["indicator"].pk])


def _retro(name: str, phase: str = "first") -> Any:
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
        _retro("evaluation:retrospective_reopen", "second"),
        COACHES_POST,
        method="post",
        redirect=_retro("evaluation:retrospective", "second"),
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
