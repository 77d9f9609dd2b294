"""The knowledge base: guides written by coaches in Markdown, their revisions, links and files,
where they were used (program sessions, help requests) and where they came from.

Every write goes through `services`; who sees what is in `queries` and `permissions`.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from magellan.community.models import Question
from magellan.core.models import TimeStampedModel
from magellan.core.validators import validate_single_line
from magellan.directory.models import Expertise, Person, PhaseKind
from magellan.helpdesk.models import HelpRequest
from magellan.program.models import Session


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Tout public")
    MEMBERS = "members", _("Membres du programme")


class Guide(TimeStampedModel):
    """A guide of the knowledge base. `version` goes up by one at each saved edit: an edit made
    from an older version is refused (services.update_guide), so nobody's text is overwritten."""

    title = models.CharField(_("titre"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("identifiant"), unique=True, max_length=220)
    summary = models.TextField(
        _("résumé"), max_length=600, help_text=_("Deux ou trois phrases, affichées dans la liste.")
    )
    body = models.TextField(_("contenu"), help_text=_("Markdown."))
    expertises = models.ManyToManyField(
        Expertise, related_name="guides", verbose_name=_("expertises"), blank=True
    )
    status = models.CharField(
        _("état"), max_length=20, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    visibility = models.CharField(
        _("visibilité"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guides",
        verbose_name=_("auteur ou autrice"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    from_help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guides",
        verbose_name=_("tiré de la demande d’aide"),
    )
    from_question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guides",
        verbose_name=_("tiré de la question"),
    )
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ("title", "pk")
        indexes = [models.Index(fields=("status", "visibility"), name="guide_status_visibility")]
        constraints = [
            # One guide per source: a double click on « En faire un guide » makes one draft.
            models.UniqueConstraint(
                fields=("from_help_request",),
                condition=models.Q(from_help_request__isnull=False),
                name="unique_guide_per_help_request",
            ),
            models.UniqueConstraint(
                fields=("from_question",),
                condition=models.Q(from_question__isnull=False),
                name="unique_guide_per_question",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:guide_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED


class GuidePhase(models.Model):
    """One of the program's phases a guide is useful in (a guide may have several)."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="phases", verbose_name=_("guide")
    )
    kind = models.PositiveSmallIntegerField(_("phase"), choices=PhaseKind.choices)

    class Meta:
        verbose_name = _("phase du guide")
        verbose_name_plural = _("phases du guide")
        ordering = ("kind",)
        constraints = [models.UniqueConstraint(fields=("guide", "kind"), name="unique_guide_phase")]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class GuideRevision(models.Model):
    """One saved version of a guide: its title, summary and body as they were then, who saved it,
    when, and why. Revision 1 is the creation; the guide's `version` is its last revision."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("guide")
    )
    number = models.PositiveIntegerField(_("numéro"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    editor_name = models.CharField(_("nom de l’auteur ou autrice"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"))
    body = models.TextField(_("contenu"))
    note = models.CharField(_("note de modification"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("révisions")
        ordering = ("guide", "-number")
        constraints = [
            models.UniqueConstraint(fields=("guide", "number"), name="unique_guide_revision")
        ]

    def __str__(self) -> str:
        return f"{self.guide_id} v{self.number}"


class GuideLink(models.Model):
    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="links", verbose_name=_("guide")
    )
    label = models.CharField(_("libellé"), max_length=200, validators=[validate_single_line])
    url = models.URLField(_("adresse"), max_length=500)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.label


def guide_file_path(instance: "GuideFile", filename: str) -> str:
    """A non-guessable storage name; the original name is kept in the row, never in the path."""
    return f"resources/{secrets.token_urlsafe(24)}"


class GuideFile(TimeStampedModel):
    """A file attached to a guide, stored through Django's storage and served only to those who
    may see the guide (never from MEDIA_URL)."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="files", verbose_name=_("guide")
    )
    file = models.FileField(_("fichier"), upload_to=guide_file_path, max_length=255)
    name = models.CharField(_("nom"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )

    class Meta:
        verbose_name = _("fichier")
        verbose_name_plural = _("fichiers")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:file_download", kwargs={"slug": self.guide.slug, "pk": self.pk})


class GuideUse(models.Model):
    """A guide used by a program session or a help request: exactly one of them is set."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="uses", verbose_name=_("guide")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guide_uses",
        verbose_name=_("séance"),
    )
    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guide_uses",
        verbose_name=_("demande d’aide"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lié par"),
    )
    created_at = models.DateTimeField(_("lié le"), auto_now_add=True)

    class Meta:
        verbose_name = _("utilisation d’un guide")
        verbose_name_plural = _("utilisations des guides")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=("guide", "session"), name="unique_guide_session_use"),
            models.UniqueConstraint(
                fields=("guide", "help_request"), name="unique_guide_help_request_use"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(session__isnull=False, help_request__isnull=True)
                    | models.Q(session__isnull=True, help_request__isnull=False)
                ),
                name="guide_use_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide} — {self.session or self.help_request}"


class ConversionConsent(models.Model):
    """The author of a help request or a question lets the coaches turn it into a guide, and says
    which of its private parts may go in (they saw the result on the consent page first)."""

    help_request = models.OneToOneField(
        HelpRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guide_consent",
        verbose_name=_("demande d’aide"),
    )
    question = models.OneToOneField(
        Question,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guide_consent",
        verbose_name=_("question"),
    )
    given_by = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("donné par")
    )
    allow_comments = models.BooleanField(_("avec les échanges"), default=False)
    allow_attachments = models.BooleanField(_("avec les pièces jointes"), default=False)
    allow_name = models.BooleanField(_("avec mon nom"), default=False)
    given_at = models.DateTimeField(_("donné le"), auto_now=True)

    class Meta:
        verbose_name = _("accord pour un guide")
        verbose_name_plural = _("accords pour un guide")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(help_request__isnull=False, question__isnull=True)
                    | models.Q(help_request__isnull=True, question__isnull=False)
                ),
                name="consent_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_by} — {self.help_request or self.question}"
