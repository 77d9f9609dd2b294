"""Every write of the knowledge base: guides and their revisions, links, files, uses.

Each function is atomic and raises `ResourcesError` (a French message for the page) on refusal.
An edit carries the version it was made from: saved over a newer one, it is refused with
`StaleGuideError`, and the page shows the user's text again.
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from magellan.directory.models import Expertise, Person, PhaseKind
from magellan.directory.queries import person_of
from magellan.program.models import Session

from . import permissions
from .models import Guide, GuideLink, GuidePhase, GuideRevision, GuideStatus, GuideUse

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
def link_guide(guide: Guide, *, by: Any, session: Session) -> GuideUse:
    """Record that a session used a published guide (once)."""
    if not permissions.can_link_to_session(by):
        raise ResourcesError(_("Seuls les coachs relient des guides aux séances."))
    return _link(guide, by=by, target={"session": session})


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
