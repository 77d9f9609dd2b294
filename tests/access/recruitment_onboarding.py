"""Onboarding pages: the fellow's checklist is theirs, their challenge's project owner's and the
coaches'; nobody else may know it exists (404). Templates and the cohort view are the coaches'."""

import datetime
from typing import Any

from django.urls import reverse

from . import COACHES, ROLES, Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
SIGNED_IN = statuses(200, anonymous=302)
# The fellow's checklist: the fellow, their project owner and the coaches; 404 for everyone else.
FOLLOWERS = ("fellow", "project_owner", *COACHES)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}


def _data(world: World) -> dict[str, Any]:
    from tests.factories import (
        ChecklistFactory,
        ChecklistItemFactory,
        ChecklistTemplateFactory,
        TemplateItemFactory,
    )

    if "onboarding" not in world.extra:
        checklist = ChecklistFactory(
            person=world.fellow, cohort=world.cohort, arrival_date=datetime.date(2027, 9, 6)
        )
        item = ChecklistItemFactory(checklist=checklist, label="Ordinateur remis")
        ChecklistFactory(person=world.other_fellow, cohort=world.cohort)
        template = ChecklistTemplateFactory(audience="fellow")
        TemplateItemFactory(template=template)
        world.extra["onboarding"] = {"checklist": checklist, "item": item, "template": template}
    return world.extra["onboarding"]


def _item_post(world: World) -> dict[str, Any]:
    item = _data(world)["item"]
    return {
        f"item-{item.pk}-done": "on",
        f"item-{item.pk}-successes": "Poste prêt le premier jour.",
        f"item-{item.pk}-difficulties": "",
        f"item-{item.pk}-version": str(item.version),
    }


def _checklist_url(world: World) -> str:
    return reverse("recruitment:checklist_detail", args=[_data(world)["checklist"].pk])


def _cohort_view(world: World) -> str:
    return reverse("recruitment:onboarding_cohort") + f"?promotion={world.cohort.slug}"


CASES = [
    Case(
        "recruitment:onboarding_mine", lambda w: reverse("recruitment:onboarding_mine"), SIGNED_IN
    ),
    Case(
        "recruitment:checklist_detail",
        _checklist_url,
        NOBODY_ELSE | dict.fromkeys(FOLLOWERS, 200),
    ),
    Case(
        "recruitment:checklist_item",
        lambda w: reverse("recruitment:checklist_item", args=[_data(w)["item"].pk]),
        NOBODY_ELSE | dict.fromkeys(FOLLOWERS, 302),
        method="post",
        data=_item_post,
        redirect=lambda w: _checklist_url(w) + f"#etape-{_data(w)['item'].pk}",
    ),
    Case("recruitment:onboarding_cohort", _cohort_view, COACH_ONLY),
    Case(
        "recruitment:onboarding_start",
        lambda w: reverse("recruitment:onboarding_start", args=[w.cohort.slug]),
        COACH_POSTS,
        method="post",
        data=lambda w: {"arrival_date": "2027-09-06"},
        redirect=_cohort_view,
    ),
    Case(
        "recruitment:onboarding_templates",
        lambda w: reverse("recruitment:onboarding_templates"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:onboarding_template_create",
        lambda w: reverse("recruitment:onboarding_template_create"),
        COACH_ONLY,
    ),
    Case(
        "recruitment:onboarding_template_edit",
        lambda w: reverse("recruitment:onboarding_template_edit", args=[_data(w)["template"].pk]),
        COACH_ONLY,
    ),
]
