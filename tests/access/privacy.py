"""« Mes données » is every signed-in account's own; the requests for erasure are the coaches'
(others: 404, they may not know who asked)."""

from typing import Any

from django.urls import reverse

from . import COACHES, ROLES, Case, World, statuses

SIGNED_IN = statuses(200, anonymous=302)
WITH_PERSON = statuses(200, anonymous=302, bare_account=403, staff=403)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)
NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": 302}


def _request(world: World) -> Any:
    from tests.factories import ErasureRequestFactory, PersonFactory

    if "privacy" not in world.extra:
        person = PersonFactory(fellow=True, cohort=world.cohort, name="Camille Départ")
        world.extra["privacy"] = ErasureRequestFactory(person=person)
    return world.extra["privacy"]


def _url(name: str) -> Any:
    return lambda w: reverse(name, args=[_request(w).pk])


CASES = [
    Case("privacy:home", lambda w: reverse("privacy:home"), SIGNED_IN),
    Case("privacy:export_json", lambda w: reverse("privacy:export_json"), SIGNED_IN),
    Case("privacy:export_html", lambda w: reverse("privacy:export_html"), SIGNED_IN),
    Case("privacy:erasure_request", lambda w: reverse("privacy:erasure_request"), WITH_PERSON),
    Case(
        "privacy:erasure_request",
        lambda w: reverse("privacy:erasure_request"),
        statuses(302, anonymous=302, bare_account=403, staff=403),
        method="post",
        data=lambda w: {"confirm": "on", "reason": ""},
        id="privacy:erasure_request (post)",
        redirect=lambda w: reverse("privacy:home"),
    ),
    Case("privacy:erasure_list", lambda w: reverse("privacy:erasure_list"), COACH_ONLY),
    Case(
        "privacy:erasure_detail",
        _url("privacy:erasure_detail"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 200),
    ),
    Case(
        "privacy:erasure_confirm",
        _url("privacy:erasure_confirm"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 302),
        method="post",
        redirect=lambda w: _request(w).get_absolute_url(),
    ),
    Case(
        "privacy:erasure_refuse",
        _url("privacy:erasure_refuse"),
        NOBODY_ELSE | dict.fromkeys(COACHES, 302),
        method="post",
        data=lambda w: {"reason": "Votre contrat court encore."},
        redirect=lambda w: _request(w).get_absolute_url(),
    ),
]
