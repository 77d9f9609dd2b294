"""Every write and business rule of the help desk: requests and their life, helpers, attachments.

Keyword-only verb functions; a refusal raises `HelpdeskError` with the French message to show and
changes nothing. Status changes lock the request's row (`select_for_update`) and are checked
against the life in `lifecycle`; every change writes a timeline event (who, when, what) and
notifies who it concerns (`magellan.notifications`), once the transaction commits.

Other apps open requests through `open_help_request` only.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from magellan.core.uploads import megabytes
from magellan.directory.models import Challenge, ChallengeMembership, Expertise, Person
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of
from magellan.program import services as program_services
from magellan.program.models import Format, Registration, RegistrationStatus, Session

from . import filetypes, lifecycle, permissions, queries
from .models import (
    OPEN_STATUSES,
    Assignment,
    Attachment,
    Comment,
    EventKind,
    HelperProfile,
    HelpRequest,
    RequestSession,
    Status,
    TimelineEvent,
    Urgency,
    WishedForm,
)
from .routing import Suggestion
from .routing import suggest_helpers as _suggest_helpers

HELPDESK_FORMAT_SLUG = "permanence"
SUBJECT_MAX = 200


class HelpdeskError(Exception):
    """A rule of the help desk refused the action; the message is shown to the user."""


def suggest_helpers(request: HelpRequest, *, limit: int = 5) -> list[Suggestion]:
    """The helpers to propose for a request, best first, each with its reasons (`routing`)."""
    return _suggest_helpers(request, limit=limit)


# --- Notifications and timeline --------------------------------------------------------------


def _users(people: Iterable[Person]) -> list[Any]:
    return [p.user for p in people if p.user_id]


def _people(ids: Iterable[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=set(ids)).select_related("user").order_by("pk"))


def _notify(
    *, people: Iterable[Person], kind: str, request: HelpRequest, title: str, by: Any
) -> None:
    """Notify people about a request (its subject only; never an attachment's content)."""
    from magellan.notifications.services import notify

    recipients = _users(people)
    if not recipients:
        return
    body = _("Demande d’aide : « %(subject)s ».") % {"subject": request.subject}
    notify(
        recipients=recipients,
        kind=kind,
        title=title,
        body=body,
        url=request.get_absolute_url(),
        actor=by if getattr(by, "pk", None) else None,
    )


def _tell_author_side(request: HelpRequest, title: str, by: Any) -> None:
    _notify(
        people=_people(queries.team_ids(request)),
        kind="help_request_update",
        request=request,
        title=title,
        by=by,
    )


def _tell_helpers(request: HelpRequest, title: str, by: Any) -> None:
    _notify(
        people=_people(queries.helper_ids(request)),
        kind="help_request_update",
        request=request,
        title=title,
        by=by,
    )


def _event(
    request: HelpRequest,
    kind: str,
    by: Any,
    *,
    from_status: str = "",
    to_status: str = "",
    detail: str = "",
    at: datetime.datetime | None = None,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        request=request,
        kind=kind,
        actor=by if getattr(by, "pk", None) else None,
        from_status=from_status,
        to_status=to_status,
        detail=Truncator(detail).chars(500),
        created_at=at or timezone.now(),
    )


def _locked(request: HelpRequest) -> HelpRequest:
    """The request's row, locked until the transaction ends, as it is now."""
    return HelpRequest.objects.select_for_update().get(pk=request.pk)


def _check_change(request: HelpRequest, target: str) -> None:
    if not lifecycle.is_allowed(request.status, target):
        raise HelpdeskError(lifecycle.refusal(request.status, target))


def _set_status(
    request: HelpRequest, target: str, by: Any, kind: str, *, detail: str = "", **fields: Any
) -> HelpRequest:
    before = request.status
    request.status = target
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", "updated_at", *fields])
    _event(request, kind, by, from_status=before, to_status=target, detail=detail)
    return request


def _first_response(request: HelpRequest, by: Any) -> None:
    """The first comment, assignment or take by a helper or a coach starts the response clock."""
    if request.first_response_at is None and not permissions.is_author_side(by, request):
        request.first_response_at = timezone.now()
        request.save(update_fields=["first_response_at", "updated_at"])


# --- Attachments -----------------------------------------------------------------------------


def attachment_refusal(file: UploadedFile) -> str | None:
    """Why a file may not be attached (size, type read from its content, extension), or None."""
    name = file.name or ""
    limit = int(settings.MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES)
    if file.size is not None and file.size > limit:
        return _("« %(name)s » dépasse %(limit)s : joignez un fichier plus léger.") % {
            "name": name,
            "limit": megabytes(limit),
        }
    if not file.size:
        return _("« %(name)s » est vide.") % {"name": name}
    extension = filetypes.extension_of(name)
    if extension not in filetypes.ACCEPTED_EXTENSIONS:
        return _(
            "« %(name)s » n’est pas d’un type accepté : PDF, images (PNG, JPEG, GIF, WebP) ou "
            "documents bureautiques (Word, Excel, PowerPoint, OpenDocument)."
        ) % {"name": name}
    kind = filetypes.detect(file)
    if kind is None or extension not in filetypes.TYPES[kind].extensions:
        return _(
            "Le contenu de « %(name)s » n’est pas un fichier .%(extension)s : il est refusé "
            "(le type est vérifié d’après le contenu, pas seulement le nom)."
        ) % {"name": name, "extension": extension}
    return None


def _check_attachments(files: Sequence[UploadedFile]) -> None:
    refusals = [r for f in files if (r := attachment_refusal(f))]
    if refusals:
        raise HelpdeskError(" ".join(refusals))


def _store(
    request: HelpRequest, files: Sequence[UploadedFile], person: Person | None
) -> list[Attachment]:
    stored = []
    for file in files:
        kind = filetypes.detect(file)
        assert kind is not None  # noqa: S101 - checked by _check_attachments just before
        extension = filetypes.extension_of(file.name or "")
        attachment = Attachment(
            request=request,
            original_name=(file.name or "").rsplit("/", 1)[-1][:255],
            content_type=filetypes.content_type_for(kind, extension),
            size=file.size or 0,
            uploaded_by=person,
        )
        attachment.file.save("attachment", file, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


# --- Opening ---------------------------------------------------------------------------------


def _may_file_for(author: Person, challenge: Challenge, by: Any) -> bool:
    in_team = ChallengeMembership.objects.filter(person=author, challenge=challenge).exists()
    return in_team or is_coach(by) or is_coach(author.user if author.user_id else None)


@transaction.atomic
def open_help_request(
    *,
    author: Person,
    subject: str,
    description: str,
    expertises: Iterable[Expertise] = (),
    challenge: Challenge | None = None,
    urgency: str = Urgency.NORMAL,
    wished_form: str = WishedForm.WRITTEN,
    attachments: Sequence[UploadedFile] = (),
    origin: models.Model | None = None,
    by: Any = None,
) -> HelpRequest:
    """Open a help request: THE entry point of every app (the help-desk form, the community's
    escalation, the weekly bulletins' "help needed", the logbook's needs).

    - `author`: the Person asking (their side — they and their challenge's team — follow it).
    - `challenge`: the team concerned; by default the author's current challenge (their team in
      a current cohort, else their latest). Another team's challenge only for coaches.
    - `expertises`: the expertise tags that route it to helpers; `urgency` "normal" | "urgent";
      `wished_form` "written" | "session".
    - `attachments`: uploaded files, each checked (size, type from the content) before anything
      is written: one refused file refuses the request.
    - `origin`: the object it comes from (a question, a bulletin…), kept as a generic link.
    - `by`: the User who files it (default: the author's account); a coach filing for a team.

    The cohort's coaches are notified (`help_queue`). Raises `HelpdeskError` (French message,
    nothing written) on an empty subject or description, an unknown urgency or form, a
    challenge the author is not in, or a refused attachment.
    """
    subject = " ".join((subject or "").split())
    description = (description or "").strip()
    if not subject:
        raise HelpdeskError(_("Indiquez le sujet de votre demande."))
    if len(subject) > SUBJECT_MAX:
        raise HelpdeskError(
            _("Le sujet tient en %(max)s caractères au plus.") % {"max": SUBJECT_MAX}
        )
    if not description:
        raise HelpdeskError(_("Décrivez votre besoin : c’est ce que liront les aidant·es."))
    if urgency not in Urgency.values:
        raise HelpdeskError(_("Urgence inconnue : « normale » ou « urgente »."))
    if wished_form not in WishedForm.values:
        raise HelpdeskError(_("Forme souhaitée inconnue : une réponse écrite ou une séance."))
    by = by if by is not None else author.user
    if challenge is None:
        challenge = queries.current_challenge(author)
    elif not _may_file_for(author, challenge, by):
        raise HelpdeskError(
            _("Vous ne faites pas partie de l’équipe de ce défi : choisissez le vôtre.")
        )
    _check_attachments(attachments)
    filer = person_of(by) if by is not None else None
    request = HelpRequest(
        author=author,
        challenge=challenge,
        cohort=queries.cohort_for(author, challenge),
        subject=subject,
        description=description,
        urgency=urgency,
        wished_form=wished_form,
        filed_by=filer if filer is not None and filer.pk != author.pk else None,
    )
    if origin is not None:
        request.origin_type = ContentType.objects.get_for_model(origin)
        request.origin_id = origin.pk
    request.save()
    request.expertises.set(list(expertises))
    _event(request, EventKind.OPENED, by, to_status=Status.NEW)
    if attachments:
        stored = _store(request, attachments, author)
        _event(request, EventKind.ATTACHED, by, detail=", ".join(a.original_name for a in stored))
    title = _("Nouvelle demande d’aide : %(subject)s") % {"subject": subject}
    if request.is_urgent:
        title = _("Urgent — %(title)s") % {"title": title}
    _notify(
        people=list(queries.coaches_of(request.cohort)),
        kind="help_queue",
        request=request,
        title=title,
        by=by,
    )
    return request


# --- Helpers ---------------------------------------------------------------------------------


@transaction.atomic
def save_helper_profile(
    *,
    person: Person,
    expertises: Iterable[Expertise],
    is_active: bool = True,
    note: str = "",
    by: Any = None,
) -> HelperProfile:
    """Opt in (or update, or pause) as a helper, with the expertises one helps with."""
    expertises = list(expertises)
    if is_active and not expertises:
        raise HelpdeskError(_("Indiquez au moins une expertise pour recevoir des demandes."))
    profile, created = HelperProfile.objects.select_for_update().get_or_create(person=person)
    profile.is_active = is_active
    profile.note = (note or "").strip()
    if created and by is not None:
        adder = person_of(by)
        if adder is not None and adder.pk != person.pk:
            profile.added_by = adder
    profile.save()
    profile.expertises.set(expertises)
    return profile


# --- Assigning and taking --------------------------------------------------------------------


@transaction.atomic
def assign_helpers(*, request: HelpRequest, helpers: Sequence[Person], by: Any) -> HelpRequest:
    """A coach assigns one or more helpers (a new request becomes taken); each is notified."""
    if not permissions.can_manage_helpdesk(by):
        raise HelpdeskError(_("Seuls les coachs désignent des aidant·es."))
    locked = _locked(request)
    if not locked.is_open:
        raise HelpdeskError(lifecycle.refusal(locked.status, Status.TAKEN))
    if not helpers:
        raise HelpdeskError(_("Choisissez au moins une personne."))
    already = queries.helper_ids(locked)
    new = [h for h in helpers if h.pk not in already]
    if not new:
        raise HelpdeskError(_("Ces personnes aident déjà sur cette demande."))
    active = set(
        HelperProfile.objects.filter(person__in=new, is_active=True).values_list(
            "person_id", flat=True
        )
    )
    missing = [h.name for h in new if h.pk not in active]
    if missing:
        raise HelpdeskError(
            _("%(names)s n’est pas aidant·e en ce moment (profil absent ou en pause).")
            % {"names": ", ".join(missing)}
        )
    team = queries.team_ids(locked)
    if any(h.pk in team for h in new):
        raise HelpdeskError(
            _("On n’aide pas sur sa propre demande : choisissez quelqu’un d’autre.")
        )
    assigner = person_of(by)
    Assignment.objects.bulk_create(
        Assignment(request=locked, helper=h, assigned_by=assigner) for h in new
    )
    names = ", ".join(h.name for h in new)
    if locked.status == Status.NEW:
        _set_status(locked, Status.TAKEN, by, EventKind.ASSIGNED, detail=names)
    else:
        _event(locked, EventKind.ASSIGNED, by, detail=names)
    _first_response(locked, by)
    _notify(
        people=_people(h.pk for h in new),
        kind="help_request_assigned",
        request=locked,
        title=_("Une demande d’aide vous est confiée : %(subject)s") % {"subject": locked.subject},
        by=by,
    )
    _tell_author_side(
        locked,
        _("Votre demande d’aide est prise en charge par %(names)s") % {"names": names},
        by,
    )
    return locked


@transaction.atomic
def take_request(*, request: HelpRequest, by: Any) -> HelpRequest:
    """An active helper takes a new request from their queue: it is theirs."""
    person = person_of(by)
    locked = _locked(request)
    if person is None or queries.active_profile(person) is None:
        raise HelpdeskError(_("Seul·es les aidant·es inscrit·es prennent une demande."))
    if locked.status != Status.NEW or locked.assignments.exists():
        raise HelpdeskError(_("Quelqu’un a déjà pris cette demande."))
    if not queries.queue_for(person).filter(pk=locked.pk).exists():
        raise HelpdeskError(
            _("Cette demande n’est pas dans votre file (hors de vos expertises ou la vôtre).")
        )
    Assignment.objects.create(request=locked, helper=person, assigned_by=person)
    _set_status(locked, Status.TAKEN, by, EventKind.TAKEN, detail=person.name)
    _first_response(locked, by)
    _tell_author_side(
        locked,
        _("%(name)s prend en charge votre demande d’aide") % {"name": person.name},
        by,
    )
    return locked


# --- Sessions --------------------------------------------------------------------------------


def helpdesk_format() -> Format:
    format = Format.objects.filter(slug=HELPDESK_FORMAT_SLUG).first()
    if format is None:
        raise HelpdeskError(
            _("Le dispositif « Bureau d’aide » n’existe plus : recréez-le dans les dispositifs.")
        )
    return format


@transaction.atomic
def plan_session(
    *,
    request: HelpRequest,
    by: Any,
    starts_at: datetime.datetime,
    helper: Person | None = None,
    minutes: int | None = None,
    place: str = "",
    online_url: str = "",
    notify: bool = True,
    allow_past: bool = False,
) -> Session:
    """Plan a help-desk session: a private program session of the « Bureau d’aide » format that
    the helper facilitates, with the author and the team registered (so it shows in their
    sessions, calendars and iCal feeds), e-mailed with its .ics. `notify` and `allow_past` are
    for the demo data."""
    locked = _locked(request)
    if not permissions.acts_as_helper(by, locked):
        raise HelpdeskError(_("Seul·es les aidant·es de la demande et les coachs planifient."))
    _check_change(locked, Status.SESSION_PLANNED)
    if starts_at <= timezone.now() and not allow_past:
        raise HelpdeskError(_("Choisissez une date à venir."))
    if locked.cohort_id is None:
        raise HelpdeskError(
            _("Cette demande n’est rattachée à aucune promotion : la séance ne peut être créée.")
        )
    helpers = _people(queries.helper_ids(locked))
    if helper is None:
        acting = person_of(by)
        helper = acting if acting is not None and acting.pk in {h.pk for h in helpers} else None
        helper = helper or (helpers[0] if helpers else None)
    if helper is None or helper.pk not in {h.pk for h in helpers}:
        raise HelpdeskError(_("La séance est animée par un·e aidant·e de la demande."))
    format = helpdesk_format()
    duration = minutes or format.duration_minutes or 60
    if not 15 <= duration <= 480:
        raise HelpdeskError(_("Une séance dure entre 15 minutes et 8 heures."))
    participants = [p for p in _people(queries.team_ids(locked)) if p.pk != helper.pk]
    session = Session(
        cohort_id=locked.cohort_id,
        challenge_id=locked.challenge_id,
        format=format,
        title=Truncator(_("Bureau d’aide : %(subject)s") % {"subject": locked.subject}).chars(200),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=duration),
        place=place,
        online_url=online_url,
        capacity=max(1, len(participants)),
        is_private=True,
    )
    program_services.create_session(session=session, facilitators=[helper])
    Registration.objects.bulk_create(
        Registration(
            session=session, person=person, status=RegistrationStatus.REGISTERED, position=position
        )
        for position, person in enumerate(participants, start=1)
    )
    RequestSession.objects.create(request=locked, session=session)
    local = timezone.localtime(starts_at)
    _set_status(
        locked,
        Status.SESSION_PLANNED,
        by,
        EventKind.SESSION_PLANNED,
        detail=_("le %(day)s à %(time)s avec %(helper)s")
        % {"day": f"{local:%d/%m/%Y}", "time": f"{local:%H:%M}", "helper": helper.name},
    )
    if notify:
        program_services.notify_participants(
            session=session,
            subject=program_services.email_subject(_("Séance du bureau d’aide"), session),
            template_name="helpdesk/emails/session_planned.txt",
            people=[helper, *participants],
        )
        _tell_author_side(locked, _("Une séance est planifiée pour votre demande d’aide"), by)
    return session


# --- Resolving, closing, withdrawing, reopening ----------------------------------------------


@transaction.atomic
def resolve_request(*, request: HelpRequest, by: Any, summary: str) -> HelpRequest:
    """An assigned helper or a coach resolves the request, with a summary of the resolution."""
    locked = _locked(request)
    if not permissions.acts_as_helper(by, locked):
        raise HelpdeskError(_("Seul·es les aidant·es de la demande et les coachs la résolvent."))
    _check_change(locked, Status.RESOLVED)
    summary = (summary or "").strip()
    if not summary:
        raise HelpdeskError(_("Résumez la résolution : ce qui a été trouvé, ce qui reste à faire."))
    _set_status(
        locked,
        Status.RESOLVED,
        by,
        EventKind.RESOLVED,
        resolution_summary=summary,
        resolved_at=timezone.now(),
    )
    _tell_author_side(locked, _("Votre demande d’aide est résolue"), by)
    _tell_helpers(
        locked, _("Demande d’aide résolue : %(subject)s") % {"subject": locked.subject}, by
    )
    return locked


@transaction.atomic
def close_request(*, request: HelpRequest, by: Any) -> HelpRequest:
    """Close a resolved request (the author's side, its helpers or a coach): it no longer changes."""
    locked = _locked(request)
    if not permissions.follows_request(by, locked):
        raise HelpdeskError(_("Seules les personnes qui suivent la demande la closent."))
    _check_change(locked, Status.CLOSED)
    _set_status(locked, Status.CLOSED, by, EventKind.CLOSED, closed_at=timezone.now())
    _tell_author_side(locked, _("Votre demande d’aide est close"), by)
    _tell_helpers(locked, _("Demande d’aide close : %(subject)s") % {"subject": locked.subject}, by)
    return locked


@transaction.atomic
def withdraw_request(*, request: HelpRequest, by: Any) -> HelpRequest:
    """Its author (or a coach for them) withdraws an open request; its sessions to come are
    cancelled (their participants are told)."""
    locked = _locked(request)
    if not permissions.is_author_or_coach(by, locked):
        raise HelpdeskError(_("Seule la personne qui a demandé de l’aide retire sa demande."))
    _check_change(locked, Status.WITHDRAWN)
    now = timezone.now()
    to_come = Session.objects.filter(
        help_request_link__request=locked, status="scheduled", starts_at__gt=now
    )
    for session in to_come.select_for_update().order_by("starts_at", "pk"):
        program_services.cancel_session(session=session)
    _set_status(locked, Status.WITHDRAWN, by, EventKind.WITHDRAWN, closed_at=now)
    _tell_helpers(
        locked, _("Demande d’aide retirée : %(subject)s") % {"subject": locked.subject}, by
    )
    return locked


@transaction.atomic
def reopen_request(*, request: HelpRequest, by: Any, reason: str = "") -> HelpRequest:
    """The author's side (or a coach) reopens a resolved request within the reopening window:
    it is taken again by the same helpers."""
    locked = _locked(request)
    if not permissions.author_side_or_coach(by, locked):
        raise HelpdeskError(_("Seule l’équipe qui a demandé de l’aide rouvre sa demande."))
    _check_change(locked, Status.TAKEN)
    if not permissions.within_reopen_window(locked):
        raise HelpdeskError(
            _(
                "Une demande se rouvre dans les %(days)s jours qui suivent sa résolution : déposez-en une nouvelle."
            )
            % {"days": settings.MAGELLAN_HELPDESK_REOPEN_DAYS}
        )
    _set_status(
        locked,
        Status.TAKEN,
        by,
        EventKind.REOPENED,
        detail=(reason or "").strip(),
        resolved_at=None,
    )
    if reason.strip():
        Comment.objects.create(request=locked, author=by, body=reason.strip())
    _tell_helpers(
        locked, _("Demande d’aide rouverte : %(subject)s") % {"subject": locked.subject}, by
    )
    return locked


# --- Thread and files ------------------------------------------------------------------------


@transaction.atomic
def add_comment(*, request: HelpRequest, by: Any, body: str) -> Comment:
    """A message in the request's thread; the other side is notified."""
    body = (body or "").strip()
    if not body:
        raise HelpdeskError(_("Le message est vide."))
    locked = _locked(request)
    if not permissions.can_view_request(by, locked):
        raise HelpdeskError(_("Seules les personnes qui suivent la demande y écrivent."))
    if locked.status in (Status.CLOSED, Status.WITHDRAWN):
        raise HelpdeskError(lifecycle.refusal(locked.status, locked.status))
    comment = Comment.objects.create(request=locked, author=by, body=body)
    _event(locked, EventKind.COMMENTED, by)
    author_side = permissions.is_author_side(by, locked)
    _first_response(locked, by)
    title = _("Nouveau message sur la demande d’aide : %(subject)s") % {"subject": locked.subject}
    if author_side:
        _tell_helpers(locked, title, by)
    else:
        _tell_author_side(locked, title, by)
        _tell_helpers(locked, title, by)
    return comment


@transaction.atomic
def add_attachments(
    *, request: HelpRequest, by: Any, files: Sequence[UploadedFile]
) -> list[Attachment]:
    """Join files to an open request (each checked; one refused file refuses them all)."""
    if not files:
        raise HelpdeskError(_("Choisissez au moins un fichier."))
    locked = _locked(request)
    if not permissions.can_view_request(by, locked):
        raise HelpdeskError(
            _("Seules les personnes qui suivent la demande y joignent des fichiers.")
        )
    if locked.status in (Status.CLOSED, Status.WITHDRAWN):
        raise HelpdeskError(lifecycle.refusal(locked.status, locked.status))
    _check_attachments(files)
    stored = _store(locked, files, person_of(by))
    _event(locked, EventKind.ATTACHED, by, detail=", ".join(a.original_name for a in stored))
    return stored


__all__ = [
    "OPEN_STATUSES",
    "HelpdeskError",
    "Suggestion",
    "add_attachments",
    "add_comment",
    "assign_helpers",
    "close_request",
    "open_help_request",
    "plan_session",
    "reopen_request",
    "resolve_request",
    "save_helper_profile",
    "suggest_helpers",
    "take_request",
    "withdraw_request",
]
