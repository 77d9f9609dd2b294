"""Program pages: members see their sessions; coaches see all and manage; feeds go by secret token."""

from typing import Any

from django.urls import reverse

from tests.factories import (
    CalendarFeedFactory,
    FormatFactory,
    RegistrationFactory,
    SessionFactory,
)

from . import Case, World, statuses


def _fellows_session(w: World) -> Any:
    """A future session for the cohort's fellows (not for owners or mentors)."""
    if "fellows_session" not in w.extra:
        w.extra["fellows_session"] = SessionFactory(cohort=w.cohort)
    return w.extra["fellows_session"]


def _past_session(w: World) -> Any:
    if "past_session" not in w.extra:
        w.extra["past_session"] = SessionFactory(cohort=w.cohort, past=True)
    return w.extra["past_session"]


def _attended_session(w: World) -> Any:
    """A past session for the cohort's fellows that `fellow` registered for."""
    if "attended_session" not in w.extra:
        session = SessionFactory(cohort=w.cohort, past=True)
        RegistrationFactory(session=session, person=w.fellow)
        w.extra["attended_session"] = session
    return w.extra["attended_session"]


def _challenge_session(w: World) -> Any:
    """A committee of `challenge`: its team and coaches, not the other challenge's fellow."""
    if "challenge_session" not in w.extra:
        committee = FormatFactory(
            open=True, audience_roles=["fellow", "project_owner", "sponsor", "coach"]
        )
        w.extra["challenge_session"] = SessionFactory(
            cohort=w.cohort, format=committee, challenge=w.challenge
        )
    return w.extra["challenge_session"]


def _session_url(name: str, session: Any) -> str:
    return reverse(f"program:{name}", kwargs={"pk": session.pk})


# Accounts without a role are refused (403); members who may not know a session exists get 404.
MEMBERS = statuses(200, anonymous=302, outsiders=403)
COACHES = statuses(403, anonymous=302, coaches=200)
NOT_FOR_FELLOWS = {"project_owner": 404, "sponsor": 404, "mentor": 404, "alumni": 404}
FELLOWS_SESSION = statuses(200, anonymous=302, outsiders=403, **NOT_FOR_FELLOWS)
CHALLENGE_SESSION = statuses(
    200, anonymous=302, outsiders=403, other_fellow=404, mentor=404, alumni=404
)
# What needs a person (registering, feedback, calendar feeds) is refused to a staff account with none.
POST_FELLOWS = statuses(302, outsiders=403, staff=403, **NOT_FOR_FELLOWS)


def _back_to(session: Any) -> Any:
    """Where an action on a session comes back to: the session's page."""
    return lambda w: session(w).get_absolute_url()


CASES = [
    Case("program:my_sessions", lambda w: reverse("program:my_sessions"), MEMBERS),
    Case("program:calendar", lambda w: reverse("program:calendar"), MEMBERS),
    Case(
        "program:calendar_bulk",
        lambda w: f"{reverse('program:calendar_bulk')}?sessions={_fellows_session(w).pk}",
        COACHES,
    ),
    Case("program:format_list", lambda w: reverse("program:format_list"), MEMBERS),
    Case("program:format_create", lambda w: reverse("program:format_create"), COACHES),
    Case(
        "program:format_edit",
        lambda w: reverse("program:format_edit", kwargs={"slug": FormatFactory().slug}),
        COACHES,
    ),
    Case(
        "program:cohort_calendar",
        lambda w: reverse("program:cohort_calendar", kwargs={"slug": w.cohort.slug}),
        # The alumni belongs to an earlier cohort only.
        statuses(200, anonymous=302, outsiders=403, alumni=404),
    ),
    Case(
        "program:cohort_plan",
        lambda w: reverse("program:cohort_plan", kwargs={"slug": w.cohort.slug}),
        COACHES,
    ),
    Case(
        "program:session_create",
        lambda w: reverse("program:session_create", kwargs={"slug": w.cohort.slug}),
        COACHES,
    ),
    Case(
        "program:attendance_report",
        lambda w: reverse("program:attendance_report", kwargs={"slug": w.cohort.slug}),
        COACHES,
    ),
    Case(
        "program:session_detail",
        lambda w: _session_url("session_detail", _fellows_session(w)),
        FELLOWS_SESSION,
        id="fellows' session",
    ),
    Case(
        "program:session_detail",
        lambda w: _session_url("session_detail", _challenge_session(w)),
        CHALLENGE_SESSION,
        id="a challenge's session",
    ),
    Case(
        "program:session_edit",
        lambda w: _session_url("session_edit", _fellows_session(w)),
        COACHES,
    ),
    Case(
        "program:session_cancel",
        lambda w: _session_url("session_cancel", _fellows_session(w)),
        statuses(403, anonymous=302, coaches=302),
        method="post",
        redirect=_back_to(_fellows_session),
    ),
    Case(
        "program:session_cancel",
        lambda w: _session_url("session_cancel", _fellows_session(w)),
        COACHES,
        id="program:session_cancel (confirmation page)",
    ),
    Case(
        "program:session_register",
        lambda w: _session_url("session_register", _fellows_session(w)),
        POST_FELLOWS,
        method="post",
        redirect=_back_to(_fellows_session),
    ),
    Case(
        "program:session_unregister",
        lambda w: _session_url("session_unregister", _fellows_session(w)),
        POST_FELLOWS,
        method="post",
        redirect=_back_to(_fellows_session),
    ),
    Case(
        "program:session_attendance",
        lambda w: _session_url("session_attendance", _past_session(w)),
        COACHES,
    ),
    Case(
        "program:session_waitlist",
        lambda w: _session_url("session_waitlist", _fellows_session(w)),
        COACHES,
    ),
    Case(
        # Only participants give feedback: the others are sent back to the session page.
        "program:session_feedback",
        lambda w: _session_url("session_feedback", _attended_session(w)),
        statuses(302, outsiders=403, staff=403, fellow=200, **NOT_FOR_FELLOWS),
        redirect=_back_to(_attended_session),
    ),
    Case(
        "program:session_ics",
        lambda w: _session_url("session_ics", _challenge_session(w)),
        CHALLENGE_SESSION,
    ),
    Case(
        "program:feed_settings",
        lambda w: reverse("program:feed_settings"),
        statuses(200, anonymous=302, outsiders=403, staff=403),
    ),
    Case(
        "program:feed_renew",
        lambda w: reverse("program:feed_renew"),
        statuses(302, outsiders=403, staff=403),
        method="post",
        redirect=lambda w: reverse("program:feed_settings"),
    ),
    Case(
        "program:personal_feed",
        lambda w: reverse(
            "program:personal_feed", kwargs={"token": CalendarFeedFactory(person=w.fellow).token}
        ),
        statuses(200),
    ),
    Case(
        "program:personal_feed",
        lambda w: reverse("program:personal_feed", kwargs={"token": "not-a-token"}),
        statuses(404),
        id="unknown token",
    ),
    Case(
        "program:cohort_feed",
        lambda w: reverse(
            "program:cohort_feed",
            kwargs={"token": CalendarFeedFactory(person=w.fellow).token, "slug": w.cohort.slug},
        ),
        statuses(200),
    ),
]
