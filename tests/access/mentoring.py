"""Mentoring pages: the fellow's need proposed to the mentor, their cycle (with a private note),
the other fellow's open need in a draft round; other people's needs are 404 (their descriptions
never shown), the notes are the pair's only (checked on the page in tests/mentoring/test_views.py)."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from . import COACHES, ROLES, Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
MEMBERS = statuses(200, anonymous=302, outsiders=403)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}


def _data(world: World) -> dict[str, Any]:
    from tests.factories import (
        CycleFactory,
        ExpertiseFactory,
        NeedFactory,
        NoteFactory,
        OfferFactory,
        ProposalFactory,
        RoundFactory,
    )

    if "mentoring" not in world.extra:
        expertise = ExpertiseFactory(name="Recherche utilisateur")
        OfferFactory(person=world.mentor, expertise=expertise, capacity=3)
        need = NeedFactory(cohort=world.cohort, person=world.fellow, main_expertise=expertise)
        proposal = ProposalFactory(need=need, mentor=world.mentor)
        open_need = NeedFactory(
            cohort=world.cohort, person=world.other_fellow, main_expertise=expertise
        )
        round = RoundFactory(cohort=world.cohort)
        round.needs.set([open_need])
        cycle = CycleFactory(
            need=NeedFactory(cohort=world.cohort, person=world.fellow, status="matched"),
            mentor=world.mentor,
        )
        NoteFactory(cycle=cycle)
        world.extra["mentoring"] = {
            "need": need,
            "proposal": proposal,
            "open_need": open_need,
            "round": round,
            "cycle": cycle,
        }
    return world.extra["mentoring"]


def _url(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].pk])


def _to(key: str, anchor: str = "") -> Any:
    return lambda w: _data(w)[key].get_absolute_url() + anchor


def _only_job() -> Any:
    from magellan.core.models import Job

    return Job.objects.get()


def _latest_cycle(world: World) -> str:
    from magellan.mentoring.models import Cycle

    return Cycle.objects.latest("pk").get_absolute_url()


def _soon(world: World) -> dict[str, Any]:
    moment = timezone.localtime() + datetime.timedelta(days=5)
    return {
        "starts_at": moment.strftime("%Y-%m-%dT10:00"),
        "slot_1": moment.strftime("%Y-%m-%dT14:00"),
    }


def _cohort_url(name: str) -> Any:
    return lambda w: reverse(name, args=[w.cohort.slug])


PAIR = {"fellow": 200, "mentor": 200}
PAIR_POSTS = statuses(404, anonymous=302, coaches=403, fellow=302, mentor=302)
COACHES_SEE = dict.fromkeys(COACHES, 200)


CASES = [
    Case("mentoring:home", lambda w: reverse("mentoring:home"), MEMBERS),
    Case("mentoring:offer_list", lambda w: reverse("mentoring:offer_list"), MEMBERS),
    Case(
        "mentoring:offer_edit",
        lambda w: reverse("mentoring:offer_edit"),
        statuses(403, anonymous=302, mentor=200, alumni=200, coach=200, staff_coach=200),
    ),
    Case(
        "mentoring:need_create",
        lambda w: reverse("mentoring:need_create"),
        statuses(403, anonymous=302, fellow=200, other_fellow=200),
    ),
    Case(
        "mentoring:need_detail",
        _url("mentoring:need_detail", "need"),
        NOBODY_ELSE | COACHES_SEE | PAIR,
    ),
    Case(
        "mentoring:need_edit",
        _url("mentoring:need_edit", "need"),
        NOBODY_ELSE | COACHES_SEE | {"fellow": 200, "mentor": 403},
    ),
    Case(
        "mentoring:need_withdraw",
        _url("mentoring:need_withdraw", "need"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 302) | {"fellow": 302, "mentor": 403},
        method="post",
        redirect=_to("need"),
    ),
    Case("mentoring:cohort", _cohort_url("mentoring:cohort"), COACH_ONLY),
    Case("mentoring:cohort_export", _cohort_url("mentoring:cohort_export"), COACH_ONLY),
    Case("mentoring:need_file", _cohort_url("mentoring:need_file"), COACH_ONLY),
    Case(
        "mentoring:round_open",
        lambda w: (
            _data(w)["round"].delete(),
            reverse("mentoring:round_open", args=[w.cohort.slug]),
        )[1],
        COACH_POSTS,
        method="post",
        # The round is computed in the background: the coach follows its job.
        redirect=lambda w: _only_job().get_absolute_url(),
    ),
    Case("mentoring:round_detail", _url("mentoring:round_detail", "round"), COACH_ONLY),
    Case(
        "mentoring:round_run",
        _url("mentoring:round_run", "round"),
        COACH_POSTS,
        method="post",
        redirect=lambda w: _only_job().get_absolute_url(),
    ),
    Case(
        "mentoring:round_pin",
        _url("mentoring:round_pin", "round"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"need": _data(w)["open_need"].pk, "mentor": w.mentor.pk},
        redirect=_to("round"),
    ),
    Case(
        "mentoring:round_forbid",
        _url("mentoring:round_forbid", "round"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"need": _data(w)["open_need"].pk, "mentor": w.mentor.pk},
        redirect=_to("round"),
    ),
    Case(
        "mentoring:round_swap",
        _url("mentoring:round_swap", "round"),
        COACH_POSTS,
        method="post",
        redirect=_to("round"),
    ),
    Case(
        "mentoring:round_confirm",
        _url("mentoring:round_confirm", "round"),
        COACH_POSTS,
        method="post",
        redirect=_to("round"),
    ),
    Case(
        "mentoring:proposal_detail",
        _url("mentoring:proposal_detail", "proposal"),
        NOBODY_ELSE | COACHES_SEE | {"mentor": 200},
    ),
    Case(
        "mentoring:proposal_accept",
        _url("mentoring:proposal_accept", "proposal"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 403) | {"mentor": 302},
        method="post",
        redirect=_latest_cycle,
    ),
    Case(
        "mentoring:proposal_decline",
        _url("mentoring:proposal_decline", "proposal"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 403) | {"mentor": 302},
        method="post",
        redirect=lambda w: reverse("mentoring:home"),
    ),
    Case(
        "mentoring:proposal_withdraw",
        _url("mentoring:proposal_withdraw", "proposal"),
        COACH_POSTS,
        method="post",
        redirect=_to("proposal"),
    ),
    Case(
        "mentoring:cycle_detail",
        _url("mentoring:cycle_detail", "cycle"),
        NOBODY_ELSE | COACHES_SEE | PAIR,
    ),
    Case(
        "mentoring:cycle_schedule",
        _url("mentoring:cycle_schedule", "cycle"),
        PAIR_POSTS,
        method="post",
        data=_soon,
        redirect=_to("cycle", "#seances"),
    ),
    Case(
        "mentoring:cycle_slots",
        _url("mentoring:cycle_slots", "cycle"),
        PAIR_POSTS,
        method="post",
        data=_soon,
        redirect=_to("cycle", "#seances"),
    ),
    Case(
        "mentoring:cycle_pick",
        _url("mentoring:cycle_pick", "cycle"),
        PAIR_POSTS,
        method="post",
        data=lambda w: {"slot": 0},
        redirect=_to("cycle", "#seances"),
    ),
    Case(
        "mentoring:cycle_note",
        _url("mentoring:cycle_note", "cycle"),
        PAIR_POSTS,
        method="post",
        data=lambda w: {"body": "Une idée"},
        redirect=_to("cycle", "#notes"),
    ),
    Case(
        "mentoring:cycle_feedback",
        _url("mentoring:cycle_feedback", "cycle"),
        statuses(404, anonymous=302, coaches=403, fellow=200, mentor=200),
    ),
    Case(
        "mentoring:cycle_close",
        _url("mentoring:cycle_close", "cycle"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 302) | {"fellow": 302, "mentor": 302},
        method="post",
        redirect=_to("cycle"),
    ),
    Case(
        "mentoring:cycle_close",
        _url("mentoring:cycle_close", "cycle"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 200) | {"fellow": 200, "mentor": 200},
    ),
    Case(
        "mentoring:cycle_follow_up",
        _url("mentoring:cycle_follow_up", "cycle"),
        PAIR_POSTS,
        method="post",
        redirect=_to("cycle"),
    ),
]
