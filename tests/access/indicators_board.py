"""Indicators, the coaches' pages: every indicator with its chart and table, one indicator, its
CSV. Coaches (and staff) only; anonymous visitors go to the login page, everyone else gets a 403;
an unknown indicator is a 404 (tests/indicators/test_board_pages.py)."""

from typing import Any

from django.urls import reverse

from . import Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
SLUG = "eig-recrutes"


def _data(world: World) -> dict[str, Any]:
    """A held session of the world's cohort with the fellow present and their feedback, so that
    the charts draw bars (the axe sweep reads them)."""
    from tests.factories import AttendanceFactory, FeedbackFactory, SessionFactory

    if "indicators_board" not in world.extra:
        session = SessionFactory(cohort=world.cohort, past=True)
        AttendanceFactory(session=session, person=world.fellow)
        AttendanceFactory(session=session, person=world.other_fellow, is_present=False)
        FeedbackFactory(session=session, person=world.fellow, rating=4)
        world.extra["indicators_board"] = {"session": session}
    return world.extra["indicators_board"]


def _url(name: str, *args: Any) -> Any:
    return lambda w: (_data(w), reverse(name, args=args))[1]


CASES = [
    Case("indicators:list", _url("indicators:list"), COACH_ONLY),
    Case("indicators:detail", _url("indicators:detail", SLUG), COACH_ONLY),
    Case("indicators:csv", _url("indicators:csv", SLUG), COACH_ONLY),
]
