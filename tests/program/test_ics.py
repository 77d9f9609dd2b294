import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from magellan.program import services
from magellan.program.ics import session_calendar
from tests.factories import (
    CalendarFeedFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _events(body: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


def test_session_calendar_is_valid_rfc5545_in_paris_time():
    starts_at = datetime.datetime(2030, 3, 12, 14, 0, tzinfo=PARIS)
    session = SessionFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=90), title="Pairs"
    )

    calendar = icalendar.Calendar.from_ical(session_calendar(session))

    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
    assert calendar.subcomponents[0]["TZID"] == "Europe/Paris"
    event = calendar.subcomponents[1]
    assert event["UID"] == f"{session.uid}@magellan"
    assert event["SUMMARY"] == "Pairs"
    assert event.decoded("DTSTART") == starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert (event["SEQUENCE"], event["STATUS"]) == (0, "CONFIRMED")


def test_session_calendar_after_an_update_keeps_uid_and_increments_sequence():
    session = SessionFactory()
    uid = _events(session_calendar(session))[0]["UID"]
    session.place = "Ailleurs"

    services.update_session(session=session, changed=["place"])

    event = _events(session_calendar(session))[0]
    assert (event["UID"], event["SEQUENCE"], event["LOCATION"]) == (uid, 1, "Ailleurs")


def test_session_calendar_after_cancellation_says_cancelled():
    session = SessionFactory()

    services.cancel_session(session=session)

    event = _events(session_calendar(session))[0]
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)


def test_personal_feed_lists_registered_and_expected_sessions_only(client):
    cohort = CohortFactory()
    person = PersonFactory(fellow=True, cohort=cohort)
    registered = RegistrationFactory(person=person, session=SessionFactory(cohort=cohort)).session
    expected = SessionFactory(cohort=cohort, format=FormatFactory(open=True))
    SessionFactory(cohort=cohort)  # open to registration, not registered: not in the feed
    SessionFactory(format=FormatFactory(open=True))  # another cohort
    feed = CalendarFeedFactory(person=person)

    response = client.get(reverse("program:personal_feed", kwargs={"token": feed.token}))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    uids = sorted(str(e["UID"]) for e in _events(response.content))
    assert uids == sorted(f"{s.uid}@magellan" for s in (registered, expected))


def test_personal_feed_after_renewal_refuses_the_old_token(client):
    feed = CalendarFeedFactory()
    old = feed.token

    services.renew_feed(person=feed.person)

    assert client.get(reverse("program:personal_feed", kwargs={"token": old})).status_code == 404


def test_cohort_feed_lists_the_cohort_sessions_meant_for_the_person(client):
    cohort = CohortFactory()
    person = PersonFactory(fellow=True, cohort=cohort)
    mine = [SessionFactory(cohort=cohort) for _ in range(2)]
    SessionFactory(cohort=cohort, format=FormatFactory(audience_roles=["project_owner"]))
    feed = CalendarFeedFactory(person=person)

    response = client.get(
        reverse("program:cohort_feed", kwargs={"token": feed.token, "slug": cohort.slug})
    )

    uids = sorted(str(e["UID"]) for e in _events(response.content))
    assert uids == sorted(f"{s.uid}@magellan" for s in mine)


FREE_TEXT = {
    "COMMENT",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "NAME",
}


def test_calendar_files_carry_no_text_but_ours():
    """No English from the library (the VTIMEZONE's « This timezone only works… » comment)."""
    session = SessionFactory(
        title="Pairs",
        description="Programme",
        place="Salle Marianne",
        format=FormatFactory(summary="Objectif", preparation="Lire le carnet"),
    )

    calendar = icalendar.Calendar.from_ical(session_calendar(session))
    texts = {
        (component.name, name): str(value)
        for component in calendar.walk()
        for name, value in component.items()
        if name in FREE_TEXT
    }

    assert texts == {
        ("VCALENDAR", "X-WR-CALNAME"): "Pairs",
        ("VEVENT", "SUMMARY"): "Pairs",
        ("VEVENT", "DESCRIPTION"): "Objectif\n\nProgramme\n\nLire le carnet",
        ("VEVENT", "LOCATION"): "Salle Marianne",
    }
