"""The API's program, help-desk and bulletin operations: reads, and writes through each app's
services with the pages' permission predicates (one rule, one place).

A refusal of a service is a 400 (the input breaks a rule) or a 409 (the state refuses it: a
session full, cancelled or started, a bulletin saved by someone else meanwhile), with the
service's French message.
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from magellan.bulletins import permissions as bulletin_permissions
from magellan.bulletins import services as bulletin_services
from magellan.bulletins import weeks
from magellan.bulletins.models import Bulletin
from magellan.directory import permissions as directory_permissions
from magellan.directory.models import Challenge, Expertise, Person
from magellan.directory.queries import person_of
from magellan.helpdesk import permissions as helpdesk_permissions
from magellan.helpdesk import services as helpdesk_services
from magellan.program import permissions as program_permissions
from magellan.program import queries as program_queries
from magellan.program import services as program_services
from magellan.program.models import Session

from .api import Pagination, TokenBearer, api, require_scope
from .schemas import (
    DB_INT_MAX,
    AttendanceIn,
    AttendanceOut,
    BulletinIn,
    BulletinOut,
    ErrorOut,
    HelpRequestIn,
    HelpRequestOut,
    RegistrationOut,
    SessionOut,
)

SessionId = Path(..., ge=1, le=DB_INT_MAX, description="The session's id.")


def write_answers(ok: Any, status: int = 200) -> dict[int, Any]:
    """A write's answers: its success, and 400 (a rule refused the input, or a NUL byte in the
    address), 401 (no, a wrong, revoked or expired token), 403 (no scope, or not allowed), 404,
    409 (the state refuses it), 422 (the body does not validate), 429 (too many requests)."""
    return {status: ok} | dict.fromkeys((400, 401, 403, 404, 409, 422, 429), ErrorOut)


def _person(request: HttpRequest) -> Person:
    person = person_of(request.auth)  # type: ignore[attr-defined]
    if person is None:
        raise HttpError(403, "This token's account has no person in the directory.")
    return person


def _session(request: HttpRequest, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if not program_permissions.can_view_session(request.auth, session):  # type: ignore[attr-defined]
        raise Http404
    return session


# --- Program ---------------------------------------------------------------------------------


@api.get(
    "/sessions",
    response={200: list[SessionOut]} | dict.fromkeys((400, 401, 403, 422, 429), ErrorOut),
    tags=["program"],
)
@paginate(Pagination)
def list_sessions(request: HttpRequest) -> Any:
    """The sessions the caller may see (coaches: all), latest first."""
    require_scope(request, "program", "read")
    return (
        program_queries.sessions_visible_to(request.auth)  # type: ignore[attr-defined]
        .select_related("format", "cohort")
        .order_by("-starts_at", "-pk")
    )


@api.post(
    "/sessions/{session_id}/registration",
    response=write_answers(RegistrationOut),
    auth=TokenBearer(),
    url_name="session_registration",
    tags=["program"],
)
def register(request: HttpRequest, session_id: int = SessionId) -> Any:
    """Register the token's person (or put them on the waiting list when the session is full)."""
    require_scope(request, "program", "write")
    session = _session(request, session_id)
    person = _person(request)
    if not program_permissions.can_register(request.auth, session):  # type: ignore[attr-defined]
        raise HttpError(403, "This session does not take your registration.")
    try:
        registration = program_services.register(session=session, person=person)
    except program_services.ProgramError as error:
        raise HttpError(409, str(error)) from error
    return {"session": session.pk, "person": person.slug, "status": registration.status}


@api.delete(
    "/sessions/{session_id}/registration",
    response=write_answers(RegistrationOut),
    auth=TokenBearer(),
    url_name="session_registration",
    tags=["program"],
)
def unregister(request: HttpRequest, session_id: int = SessionId) -> Any:
    """Cancel the token's person's registration; a freed place goes to the waiting list."""
    require_scope(request, "program", "write")
    session = _session(request, session_id)
    person = _person(request)
    try:
        registration = program_services.cancel_registration(session=session, person=person)
    except program_services.ProgramError as error:
        raise HttpError(409, str(error)) from error
    return {"session": session.pk, "person": person.slug, "status": registration.status}


@api.put(
    "/sessions/{session_id}/attendance/{person}",
    response=write_answers(AttendanceOut),
    auth=TokenBearer(),
    tags=["program"],
)
def mark_attendance(
    request: HttpRequest, person: str, payload: AttendanceIn, session_id: int = SessionId
) -> Any:
    """Mark a person (by slug) present, absent or excused: coaches and the session's facilitators."""
    require_scope(request, "program", "write")
    session = _session(request, session_id)
    if not program_permissions.can_take_attendance(request.auth, session):  # type: ignore[attr-defined]
        raise HttpError(403, "Only coaches and the session's facilitators take attendance.")
    attendee = get_object_or_404(Person, slug=person)
    try:
        program_services.record_attendance(
            session=session,
            person=attendee,
            is_present=payload.mark == "present",
            is_excused=payload.mark == "excused",
        )
    except program_services.ProgramError as error:
        raise HttpError(409, str(error)) from error
    return {"session": session.pk, "person": attendee.slug, "mark": payload.mark}


# --- Help desk -------------------------------------------------------------------------------


@api.post(
    "/help-requests",
    response=write_answers(HelpRequestOut, status=201),
    auth=TokenBearer(),
    tags=["helpdesk"],
)
def open_help_request(request: HttpRequest, payload: HelpRequestIn) -> Any:
    """Open a help request as the token's person (origin: this token)."""
    require_scope(request, "helpdesk", "write")
    person = _person(request)
    if not helpdesk_permissions.can_ask_help(request.auth):  # type: ignore[attr-defined]
        raise HttpError(403, "Only fellows, project owners, sponsors and coaches ask for help.")
    challenge = None
    if payload.challenge:
        challenge = Challenge.objects.filter(slug=payload.challenge).first()
        if challenge is None or not directory_permissions.can_view_challenge(
            request.auth,  # type: ignore[attr-defined]
            challenge,
        ):
            raise HttpError(400, f"Unknown challenge: {payload.challenge!r}.")
    expertises = list(Expertise.objects.filter(slug__in=payload.expertises))
    unknown = sorted(set(payload.expertises) - {e.slug for e in expertises})
    if unknown:
        raise HttpError(400, f"Unknown expertise: {', '.join(map(repr, unknown))}.")
    try:
        help_request = helpdesk_services.open_help_request(
            author=person,
            subject=payload.subject,
            description=payload.description,
            expertises=expertises,
            challenge=challenge,
            urgency=payload.urgency,
            wished_form=payload.wished_form,
            origin=request.api_token,  # type: ignore[attr-defined]
            by=request.auth,  # type: ignore[attr-defined]
        )
    except helpdesk_services.HelpdeskError as error:
        raise HttpError(400, str(error)) from error
    return Status(201, help_request)


# --- Weekly bulletins ------------------------------------------------------------------------


def _team(request: HttpRequest, slug: str) -> Challenge:
    challenge = get_object_or_404(Challenge.objects.prefetch_related("cohorts"), slug=slug)
    if not bulletin_permissions.can_view_team(request.auth, challenge):  # type: ignore[attr-defined]
        raise Http404
    return challenge


@api.get(
    "/challenges/{slug}/bulletin",
    response={200: BulletinOut} | dict.fromkeys((400, 401, 403, 404, 429), ErrorOut),
    url_name="team_bulletin",
    tags=["bulletins"],
)
def get_bulletin(request: HttpRequest, slug: str) -> Any:
    """The team's bulletin of the current week (404 while nobody wrote it)."""
    require_scope(request, "bulletins", "read")
    challenge = _team(request, slug)
    year, week = weeks.week_at(timezone.now())
    bulletin = get_object_or_404(
        Bulletin.objects.select_related("challenge"),
        challenge=challenge,
        iso_year=year,
        iso_week=week,
    )
    if not bulletin_permissions.can_view_help(request.auth, bulletin):  # type: ignore[attr-defined]
        bulletin.help_needed = ""
    return bulletin


@api.put(
    "/challenges/{slug}/bulletin",
    response=write_answers(BulletinOut),
    auth=TokenBearer(),
    url_name="team_bulletin",
    tags=["bulletins"],
)
def write_bulletin(request: HttpRequest, slug: str, payload: BulletinIn) -> Any:
    """Write (`version` null) or edit (`version` as read) the team's bulletin of the current week."""
    require_scope(request, "bulletins", "write")
    challenge = _team(request, slug)
    if not bulletin_permissions.can_write(request.auth, challenge):  # type: ignore[attr-defined]
        raise HttpError(403, "Only the team's fellows and project owner write its bulletin.")
    person = _person(request)
    now = timezone.now()
    try:
        bulletin = bulletin_services.save_bulletin(
            challenge=challenge,
            person=person,
            week=weeks.week_at(now),
            version=payload.version,
            mood=payload.mood,
            priority=payload.priority,
            ups_and_downs=payload.ups_and_downs,
            help_needed=payload.help_needed,
            help_is_private=payload.help_is_private,
            open_request=payload.open_request,
            key_date=payload.key_date,
            key_date_description=payload.key_date_description,
            now=now,
        )
    except bulletin_services.StaleBulletinError as error:
        raise HttpError(409, str(error)) from error
    except (bulletin_services.BulletinError, helpdesk_services.HelpdeskError) as error:
        raise HttpError(400, str(error)) from error
    return bulletin
