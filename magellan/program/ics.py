"""iCalendar (RFC 5545) files: one session, a person's feed, a cohort's feed; times in Europe/Paris."""

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone

from magellan.core.site import site_url
from magellan.core.validators import one_line

from .models import Session

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PRODID = "-//Magellan//Programme EIG//FR"


def session_event(session: Session) -> icalendar.Event:
    """The VEVENT of a session: stable UID, SEQUENCE bumped on changes, STATUS for cancellations."""
    event = icalendar.Event()
    event.add("uid", f"{session.uid}@magellan")
    event.add("sequence", session.sequence)
    event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(PARIS))
    event.add("dtend", session.ends_at.astimezone(PARIS))
    event.add("summary", one_line(session.display_title))
    description = [session.format.summary, session.description, session.format.preparation]
    if session.online_url:
        description.append(session.online_url)
    event.add("description", "\n\n".join(part for part in description if part))
    location = session.place or session.online_url
    if location:
        event.add("location", location)
    event.add("url", site_url() + session.get_absolute_url())
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def build_calendar(sessions: Iterable[Session], *, name: str) -> bytes:
    """A VCALENDAR with the sessions and the Europe/Paris VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for session in sessions:
        calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    for timezone_component in calendar.walk("VTIMEZONE"):
        # icalendar adds an English note on the years its rules cover: Magellan's files stay French.
        timezone_component.pop("COMMENT", None)
    return bytes(calendar.to_ical())


def session_calendar(session: Session) -> bytes:
    """The .ics file of one session."""
    return build_calendar([session], name=one_line(session.display_title))


def feed_window_start() -> datetime.datetime:
    """Feeds keep the last 180 days so that calendar clients still see recent changes."""
    return timezone.now() - datetime.timedelta(days=180)
