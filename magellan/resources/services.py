"""Every write of the knowledge base: guides and their revisions, links, files, uses.

Each function is atomic and raises `ResourcesError` (a French message for the page) on refusal.
An edit carries the version it was made from: saved over a newer one, it is refused with
`StaleGuideError`, and the page shows the user's text again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from magellan.community.models import Answer, Question
from magellan.community.models import Comment as CommunityComment
from magellan.directory.models import Expertise, Person, PhaseKind
from magellan.directory.queries import person_of
from magellan.helpdesk import filetypes
from magellan.helpdesk import queries as helpdesk_queries
from magellan.helpdesk.models import HelpRequest
from magellan.helpdesk.models import Status as RequestStatus
from magellan.helpdesk.services import attachment_refusal
from magellan.program.models import Session

from . import permissions
from .models import (
    ConversionConsent,
    Guide,
    GuideFile,
    GuideLink,
    GuidePhase,
    GuideRevision,
    GuideStatus,
    GuideUse,
    Visibility,
)

SLUG_LENGTH = 200


class ResourcesError(Exception):
    """A refused write, with the message to show."""


class StaleGuideError(ResourcesError):
    """The guide was saved by someone else since the edit began."""


def _unique_slug(title: str) -> str:
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "guide"
    slug, number = base, 2
    while Guide.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _editor_name(user: Any) -> str:
    person = person_of(user)
    if person is not None:
        return person.name
    return str(getattr(user, "email", "") or "")


def _record_revision(guide: Guide, *, by: Any, note: str) -> GuideRevision:
    return GuideRevision.objects.create(
        guide=guide,
        number=guide.version,
        editor=by,
        editor_name=_editor_name(by),
        title=guide.title,
        summary=guide.summary,
        body=guide.body,
        note=note,
    )


def _set_phases(guide: Guide, phases: Iterable[int]) -> None:
    wanted = {PhaseKind(int(kind)) for kind in phases}
    guide.phases.exclude(kind__in=wanted).delete()
    have = set(guide.phases.values_list("kind", flat=True))
    GuidePhase.objects.bulk_create(
        GuidePhase(guide=guide, kind=kind) for kind in sorted(wanted - have)
    )


def _check_text(title: str, summary: str, body: str) -> None:
    if not title.strip():
        raise ResourcesError(_("Donnez un titre au guide."))
    if not summary.strip() or not body.strip():
        raise ResourcesError(_("Le résumé et le contenu du guide ne peuvent pas être vides."))


@transaction.atomic
def create_guide(
    *,
    by: Any,
    title: str,
    summary: str,
    body: str,
    phases: Iterable[int] = (),
    expertises: Iterable[Expertise] = (),
    visibility: str = "members",
    author: Person | None = None,
    note: str = "",
) -> Guide:
    """Write a new guide, as a draft, and record its first revision."""
    _check_text(title, summary, body)
    guide = Guide.objects.create(
        title=title.strip(),
        slug=_unique_slug(title),
        summary=summary.strip(),
        body=body,
        visibility=visibility,
        author=author if author is not None else person_of(by),
    )
    guide.expertises.set(list(expertises))
    _set_phases(guide, phases)
    _record_revision(guide, by=by, note=note or _("Création du guide."))
    return guide


@transaction.atomic
def update_guide(
    guide: Guide,
    *,
    by: Any,
    version: int,
    title: str,
    summary: str,
    body: str,
    phases: Iterable[int],
    expertises: Iterable[Expertise],
    visibility: str,
    note: str = "",
) -> Guide:
    """Save an edit made from `version`, as a new revision; refused if the guide changed since."""
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    if not permissions.can_edit_guide(by, locked):
        raise ResourcesError(_("Vous ne pouvez pas modifier ce guide."))
    if locked.version != version:
        editor = locked.revisions.order_by("-number").first()
        raise StaleGuideError(
            _(
                "Ce guide a été modifié par %(name)s pendant que vous l’éditiez (version "
                "%(current)s, vous partiez de la version %(version)s) : rien n’a été enregistré. "
                "Votre texte est ci-dessous ; reportez vos changements sur la nouvelle version."
            )
            % {
                "name": (editor.editor_name if editor else "") or _("quelqu’un d’autre"),
                "current": locked.version,
                "version": version,
            }
        )
    _check_text(title, summary, body)
    locked.title, locked.summary, locked.body = title.strip(), summary.strip(), body
    locked.visibility = visibility
    locked.version += 1
    locked.save()
    locked.expertises.set(list(expertises))
    _set_phases(locked, phases)
    _record_revision(locked, by=by, note=note)
    return locked


@transaction.atomic
def publish_guide(guide: Guide, *, by: Any) -> Guide:
    """Publish a draft: it becomes readable by its visibility's audience."""
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    if not permissions.can_edit_guide(by, locked):
        raise ResourcesError(_("Vous ne pouvez pas publier ce guide."))
    if locked.status == GuideStatus.PUBLISHED:
        raise ResourcesError(_("Ce guide est déjà publié."))
    _check_text(locked.title, locked.summary, locked.body)
    locked.status = GuideStatus.PUBLISHED
    locked.published_at = locked.published_at or timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked


@transaction.atomic
def unpublish_guide(guide: Guide, *, by: Any) -> Guide:
    """Take a guide back to draft: only coaches and its author read it then."""
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    if not permissions.can_edit_guide(by, locked):
        raise ResourcesError(_("Vous ne pouvez pas dépublier ce guide."))
    if locked.status == GuideStatus.DRAFT:
        raise ResourcesError(_("Ce guide est déjà un brouillon."))
    locked.status = GuideStatus.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def add_link(guide: Guide, *, by: Any, label: str, url: str) -> GuideLink:
    """Add a link (label and address) at the end of the guide's links."""
    if not permissions.can_edit_guide(by, guide):
        raise ResourcesError(_("Vous ne pouvez pas modifier ce guide."))
    if not label.strip() or not url.strip():
        raise ResourcesError(_("Un lien a un libellé et une adresse."))
    last = guide.links.order_by("-position").values_list("position", flat=True).first()
    return GuideLink.objects.create(
        guide=guide, label=label.strip(), url=url.strip(), position=(last or 0) + 1
    )


@transaction.atomic
def remove_link(link: GuideLink, *, by: Any) -> None:
    """Remove a link from its guide."""
    if not permissions.can_edit_guide(by, link.guide):
        raise ResourcesError(_("Vous ne pouvez pas modifier ce guide."))
    link.delete()


@transaction.atomic
def link_guide(
    guide: Guide,
    *,
    by: Any,
    session: Session | None = None,
    help_request: HelpRequest | None = None,
) -> GuideUse:
    """Record that a session or a help request used a published guide (once)."""
    if (session is None) == (help_request is None):
        raise ResourcesError(_("Un guide est relié à une séance ou à une demande d’aide."))
    if session is not None:
        if not permissions.can_link_to_session(by):
            raise ResourcesError(_("Seuls les coachs relient des guides aux séances."))
        return _link(guide, by=by, target={"session": session})
    assert help_request is not None  # noqa: S101 - one of the two, checked above
    if not permissions.can_link_to_help_request(by, help_request):
        raise ResourcesError(
            _("Seuls les coachs et les aidant·es de la demande y relient des guides.")
        )
    return _link(guide, by=by, target={"help_request": help_request})


def _link(guide: Guide, *, by: Any, target: dict[str, Any]) -> GuideUse:
    if not guide.is_published:
        raise ResourcesError(_("Seul un guide publié peut être relié."))
    if GuideUse.objects.filter(guide=guide, **target).exists():
        raise ResourcesError(_("Ce guide y est déjà relié."))
    try:
        with transaction.atomic():
            return GuideUse.objects.create(guide=guide, created_by=by, **target)
    except IntegrityError as error:  # a double click: the other request linked it first
        raise ResourcesError(_("Ce guide y est déjà relié.")) from error


@transaction.atomic
def unlink_guide(use: GuideUse, *, by: Any) -> None:
    """Remove the link between a guide and what used it."""
    if not permissions.can_unlink(by, use):
        raise ResourcesError(_("Vous ne pouvez pas retirer ce lien."))
    use.delete()


# --- Files -----------------------------------------------------------------------------------


@transaction.atomic
def add_file(guide: Guide, *, by: Any, upload: UploadedFile) -> GuideFile:
    """Attach a file, its type read from its content (the help desk's one check, same limits)."""
    if not permissions.can_edit_guide(by, guide):
        raise ResourcesError(_("Vous ne pouvez pas modifier ce guide."))
    refusal = attachment_refusal(upload)
    if refusal:
        raise ResourcesError(refusal)
    kind = filetypes.detect(upload)
    assert kind is not None  # noqa: S101 - attachment_refusal checked it just above
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    stored = GuideFile(
        guide=guide,
        name=name,
        content_type=filetypes.content_type_for(kind, filetypes.extension_of(name)),
        size=upload.size or 0,
        uploaded_by=by,
    )
    stored.file.save("file", upload, save=False)
    stored.save()
    return stored


@transaction.atomic
def remove_file(guide_file: GuideFile, *, by: Any) -> None:
    """Remove a file from its guide, and from the storage."""
    if not permissions.can_edit_guide(by, guide_file.guide):
        raise ResourcesError(_("Vous ne pouvez pas modifier ce guide."))
    storage, name = guide_file.file.storage, guide_file.file.name
    guide_file.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- From a help request or a question to a guide ----------------------------------------------
#
# A source is a resolved help request or an answered question. Its author turns it into a guide,
# or lets the coaches do it (ConversionConsent, given on a page that shows the result). The
# private parts (the thread, the attachments, the author's name) go in only when chosen.

CONVERTIBLE_STATUSES = (RequestStatus.RESOLVED, RequestStatus.CLOSED)
Source = HelpRequest | Question


@dataclass(frozen=True)
class DraftGuide:
    """What a guide made from a source holds: the consent page shows exactly this."""

    title: str
    summary: str
    body: str
    attachments: list[Any]


def source_field(source: Source) -> str:
    """The field of Guide and ConversionConsent that points to this kind of source."""
    return "from_help_request" if isinstance(source, HelpRequest) else "from_question"


def _consent_field(source: Source) -> str:
    return "help_request" if isinstance(source, HelpRequest) else "question"


def consent_for(source: Source) -> ConversionConsent | None:
    """The author's consent for this source, if given (and not withdrawn)."""
    return ConversionConsent.objects.filter(**{_consent_field(source): source}).first()


def guide_made_from(source: Source) -> Guide | None:
    return Guide.objects.filter(**{source_field(source): source}).first()


def _excerpt(text: str, length: int = 280) -> str:
    flat = " ".join(text.replace("#", " ").replace("*", " ").split())
    return flat if len(flat) <= length else flat[: length - 1].rsplit(" ", 1)[0] + " …"


def _help_request_draft(
    help_request: HelpRequest,
    *,
    include_comments: bool,
    include_attachments: bool,
    include_name: bool,
) -> DraftGuide:
    parts = [
        f"## {_('Le besoin')}",
        help_request.description.strip(),
        f"## {_('Ce qui a aidé')}",
        help_request.resolution_summary.strip(),
    ]
    if include_name:
        parts.append(_("Demande d’aide de %(name)s.") % {"name": help_request.author.name})
    if include_comments:
        team = helpdesk_queries.team_ids(help_request)
        messages = list(helpdesk_queries.comments_of(help_request))
        if messages:
            parts.append(f"## {_('Les échanges')}")
        for message in messages:
            person = getattr(message.author, "person", None) if message.author else None
            asking = person is not None and person.pk in team
            if person is not None and include_name and person.pk == help_request.author_id:
                who = person.name
            else:
                who = _("L’équipe qui demandait") if asking else _("L’aide")
            parts.append(f"**{who}** :\n\n{message.body.strip()}")
    attachments = list(helpdesk_queries.attachments_of(help_request)) if include_attachments else []
    return DraftGuide(
        title=help_request.subject,
        summary=_excerpt(help_request.resolution_summary),
        body="\n\n".join(part for part in parts if part),
        attachments=attachments,
    )


def _shown_answers(question: Question) -> list[Answer]:
    """The answers a guide takes: visible ones, the accepted one first, then the verified ones."""
    answers = list(question.answers.filter(is_hidden=False).order_by("created_at", "pk"))
    answers.sort(key=lambda a: (a.pk != question.accepted_answer_id, not a.is_verified))
    return answers


def _question_draft(
    question: Question, *, include_comments: bool, include_name: bool
) -> DraftGuide:
    answers = _shown_answers(question)
    parts = [f"## {_('La question')}", question.body.strip()]
    if include_name:
        parts.append(_("Question de %(name)s.") % {"name": question.author.name})
    parts.append(f"## {_('Les réponses') if len(answers) > 1 else _('La réponse')}")
    comments: dict[int | None, list[Any]] = {}
    if include_comments:
        for comment in (
            CommunityComment.objects.filter(is_hidden=False)
            .filter(Q(question=question) | Q(answer__in=answers))
            .order_by("created_at", "pk")
        ):
            comments.setdefault(comment.answer_id, []).append(comment)
    for answer in answers:
        if answer.pk == question.accepted_answer_id:
            label = _("Réponse acceptée")
        elif answer.is_verified:
            label = _("Réponse vérifiée par un coach")
        else:
            label = _("Réponse")
        parts.append(f"**{label}** :\n\n{answer.body.strip()}")
        parts += [f"> {c.body.strip()}" for c in comments.get(answer.pk, [])]
    if comments.get(None):
        parts.append(f"## {_('Les commentaires')}")
        parts += [f"> {c.body.strip()}" for c in comments[None]]
    first = answers[0].body if answers else question.body
    return DraftGuide(
        title=question.title,
        summary=_excerpt(first),
        body="\n\n".join(part for part in parts if part),
        attachments=[],
    )


def draft_from(
    source: Source,
    *,
    include_comments: bool = False,
    include_attachments: bool = False,
    include_name: bool = False,
) -> DraftGuide:
    """The guide a source makes: for a help request its need and resolution, for a question the
    question and its visible answers (accepted, then verified, first), never who answered; the
    thread, the attachments (help requests only) and the author's name only when chosen."""
    if isinstance(source, HelpRequest):
        return _help_request_draft(
            source,
            include_comments=include_comments,
            include_attachments=include_attachments,
            include_name=include_name,
        )
    return _question_draft(source, include_comments=include_comments, include_name=include_name)


def not_ready_reason(source: Source) -> str | None:
    """Why a source may not become a guide yet (unresolved, unanswered, hidden), or None."""
    if isinstance(source, HelpRequest):
        if source.status not in CONVERTIBLE_STATUSES or not source.resolution_summary:
            return _("Seule une demande d’aide résolue devient un guide.")
        return None
    if source.is_hidden:
        return _("Une question masquée ne devient pas un guide.")
    if not source.answers.filter(is_hidden=False).exists():
        return _("Seule une question qui a une réponse devient un guide.")
    return None


def conversion_refusal(
    source: Source,
    *,
    by: Any,
    include_comments: bool = False,
    include_attachments: bool = False,
    include_name: bool = False,
) -> str | None:
    """Why `by` may not turn this source into a guide with these parts, or None."""
    not_ready = not_ready_reason(source)
    if not_ready:
        return not_ready
    existing = guide_made_from(source)
    if existing is not None:
        return _("Elle a déjà donné le guide « %(title)s ».") % {"title": existing.title}
    if permissions.is_source_author(by, source):
        return None
    if not permissions.can_convert(by, source):
        return _("Seuls son auteur ou son autrice et les coachs en font un guide.")
    consent = consent_for(source)
    if consent is None:
        return _(
            "Son auteur ou son autrice n’a pas donné son accord pour en faire un guide : "
            "demandez-le-lui (page « Faire de ma demande un guide » ou « Faire de ma question "
            "un guide »)."
        )
    refused = [
        label
        for wanted, allowed, label in (
            (include_comments, consent.allow_comments, _("les échanges")),
            (include_attachments, consent.allow_attachments, _("les pièces jointes")),
            (include_name, consent.allow_name, _("son nom")),
        )
        if wanted and not allowed
    ]
    if refused:
        return _("L’accord de son auteur ou de son autrice ne couvre pas : %(parts)s.") % {
            "parts": ", ".join(str(label) for label in refused)
        }
    return None


@transaction.atomic
def give_consent(
    source: Source,
    *,
    by: Any,
    allow_comments: bool = False,
    allow_attachments: bool = False,
    allow_name: bool = False,
) -> ConversionConsent:
    """The author lets the coaches turn their source into a guide, with the parts they chose."""
    person = person_of(by)
    if person is None or not permissions.can_consent(by, source):
        raise ResourcesError(_("Seul son auteur ou son autrice donne son accord."))
    target: dict[str, Any] = {_consent_field(source): source}
    consent, _created = ConversionConsent.objects.update_or_create(
        **target,
        defaults={
            "given_by": person,
            "allow_comments": allow_comments,
            "allow_attachments": allow_attachments and isinstance(source, HelpRequest),
            "allow_name": allow_name,
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(source: Source, *, by: Any) -> None:
    """The author takes their consent back (a guide already made stays)."""
    if not permissions.can_consent(by, source):
        raise ResourcesError(_("Seul son auteur ou son autrice retire son accord."))
    ConversionConsent.objects.filter(**{_consent_field(source): source}).delete()


def _convert(source: Source, *, by: Any, options: dict[str, bool], note: str) -> Guide:
    refusal = conversion_refusal(source, by=by, **options)
    if refusal:
        raise ResourcesError(refusal)
    draft = draft_from(source, **options)
    guide = create_guide(
        by=by,
        title=draft.title,
        summary=draft.summary or draft.title,
        body=draft.body,
        expertises=list(source.expertises.all()),
        visibility=Visibility.MEMBERS,
        note=note,
    )
    setattr(guide, source_field(source), source)
    guide.save(update_fields=[source_field(source), "updated_at"])
    for attachment in draft.attachments:
        copy = GuideFile(
            guide=guide,
            name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            uploaded_by=by,
        )
        with attachment.file.open("rb") as content:
            copy.file.save("file", File(content), save=False)
        copy.save()
    return guide


@transaction.atomic
def guide_from_help_request(
    request: HelpRequest,
    *,
    by: Any,
    include_comments: bool = False,
    include_attachments: bool = False,
    include_name: bool = False,
) -> Guide:
    """Turn a resolved help request into a draft guide (members only) that `by` then edits."""
    locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
    return _convert(
        locked,
        by=by,
        options={
            "include_comments": include_comments,
            "include_attachments": include_attachments,
            "include_name": include_name,
        },
        note=_("Tiré de la demande d’aide n° %(number)s.") % {"number": locked.pk},
    )


@transaction.atomic
def guide_from_question(
    question: Question,
    *,
    by: Any,
    include_comments: bool = False,
    include_name: bool = False,
) -> Guide:
    """Turn an answered question into a draft guide (members only) that `by` then edits."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    return _convert(
        locked,
        by=by,
        options={"include_comments": include_comments, "include_name": include_name},
        note=_("Tiré de la question n° %(number)s de l’entraide.") % {"number": locked.pk},
    )
