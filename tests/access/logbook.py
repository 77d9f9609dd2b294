"""Logbook pages: the fellow's entry (with a need) shared with the mentor of their cycle, the other
fellow's entry shared with nobody. Another fellow's entry is 404 to everyone but its fellow and the
coaches (its text never shown: tests/logbook/test_views.py); the public is sent to the login page."""

from typing import Any

from django.urls import reverse

from . import COACHES, ROLES, Case, World, statuses

FELLOWS_ONLY = statuses(403, anonymous=302, fellow=200, other_fellow=200)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
COACHES_READ = dict.fromkeys(COACHES, 200)
AUTHOR_ONLY = NOBODY_ELSE | dict.fromkeys(COACHES, 403) | {"mentor": 403}


def _data(world: World) -> dict[str, Any]:
    from tests.factories import CycleFactory, EntryFactory, EntryNeedFactory, NeedFactory

    if "logbook" not in world.extra:
        CycleFactory(
            need=NeedFactory(cohort=world.cohort, person=world.fellow, status="matched"),
            mentor=world.mentor,
        )
        entry = EntryFactory(person=world.fellow, cohort=world.cohort, shared_with=world.mentor)
        need = EntryNeedFactory(entry=entry)
        other = EntryFactory(person=world.other_fellow, cohort=world.cohort)
        world.extra["logbook"] = {"entry": entry, "need": need, "other": other}
    return world.extra["logbook"]


def _url(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].pk])


def _to(key: str) -> Any:
    return lambda w: _data(w)[key].get_absolute_url()


def _cohort(name: str) -> Any:
    return lambda w: reverse(name, args=[w.cohort.slug])


def _latest_request(world: World) -> str:
    from magellan.helpdesk.models import HelpRequest

    return HelpRequest.objects.latest("pk").get_absolute_url()


CASES = [
    Case("logbook:home", lambda w: reverse("logbook:home"), FELLOWS_ONLY),
    Case("logbook:entry_create", lambda w: reverse("logbook:entry_create"), FELLOWS_ONLY),
    Case("logbook:progression", lambda w: reverse("logbook:progression"), FELLOWS_ONLY),
    Case("logbook:export_markdown", lambda w: reverse("logbook:export_markdown"), FELLOWS_ONLY),
    Case("logbook:export_pdf", lambda w: reverse("logbook:export_pdf"), FELLOWS_ONLY),
    Case(
        "logbook:entry_detail",
        _url("logbook:entry_detail", "entry"),
        NOBODY_ELSE | COACHES_READ | {"fellow": 200, "mentor": 200},
    ),
    Case(
        "logbook:entry_detail",
        _url("logbook:entry_detail", "other"),
        NOBODY_ELSE | COACHES_READ | {"other_fellow": 200},
        id="logbook:entry_detail (not shared)",
    ),
    Case(
        "logbook:entry_edit",
        _url("logbook:entry_edit", "entry"),
        AUTHOR_ONLY | {"fellow": 200},
    ),
    Case(
        "logbook:entry_share",
        _url("logbook:entry_share", "entry"),
        AUTHOR_ONLY | {"fellow": 302},
        method="post",
        redirect=_to("entry"),
    ),
    Case(
        "logbook:entry_unshare",
        _url("logbook:entry_unshare", "entry"),
        AUTHOR_ONLY | {"fellow": 302},
        method="post",
        redirect=_to("entry"),
    ),
    Case(
        "logbook:need_help_request",
        _url("logbook:need_help_request", "need"),
        AUTHOR_ONLY | {"fellow": 302},
        method="post",
        redirect=_latest_request,
    ),
    Case(
        "logbook:need_mentoring",
        _url("logbook:need_mentoring", "need"),
        AUTHOR_ONLY | {"fellow": 200},
    ),
    Case("logbook:cohort_overview", _cohort("logbook:cohort_overview"), COACH_ONLY),
    Case("logbook:cohort_trends", _cohort("logbook:cohort_trends"), COACH_ONLY),
    Case(
        "logbook:fellow_logbook",
        lambda w: reverse("logbook:fellow_logbook", args=[w.cohort.slug, w.fellow.slug]),
        COACH_ONLY,
    ),
]
