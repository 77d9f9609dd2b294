"""The help desk: helpers who opted in, help requests and their life (assignments, comments,
attachments, help-desk sessions, a timeline of every change).

Every write goes through `services` (the entry point for other apps: `services.open_help_request`);
who sees what is in `permissions` and `queries`, from one rule (`queries.visibility`).
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Challenge, Cohort, Expertise, Person
from magellan.program.models import Session


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normale")
    URGENT = "urgent", _("Urgente")


class WishedForm(models.TextChoices):
    WRITTEN = "written", _("Une réponse écrite")
    SESSION = "session", _("Une séance du bureau d’aide")


class Status(models.TextChoices):
    NEW = "new", _("Nouvelle")
    TAKEN = "taken", _("Prise en charge")
    SESSION_PLANNED = "session_planned", _("Séance planifiée")
    RESOLVED = "resolved", _("Résolue")
    CLOSED = "closed", _("Close")
    WITHDRAWN = "withdrawn", _("Retirée")


# A request still waiting for an answer (counted in a helper's load and in the figures).
OPEN_STATUSES = (Status.NEW, Status.TAKEN, Status.SESSION_PLANNED)


class HelperProfile(TimeStampedModel):
    """A person who opted in as a helper (coaches, mentors, alumni) or an expert a coach added."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="helper_profile", verbose_name=_("personne")
    )
    expertises = models.ManyToManyField(
        Expertise, related_name="helper_profiles", verbose_name=_("expertises"), blank=True
    )
    is_active = models.BooleanField(
        _("disponible pour aider"),
        default=True,
        help_text=_("Décochez pour ne plus recevoir de demande (vos demandes en cours restent)."),
    )
    note = models.TextField(
        _("ce que je peux apporter"), blank=True, max_length=1000, help_text=_("Facultatif.")
    )
    added_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajouté·e par"),
    )

    class Meta:
        verbose_name = _("profil d’aidant·e")
        verbose_name_plural = _("profils d’aidant·es")
        ordering = ("person__name",)

    def __str__(self) -> str:
        return str(self.person)


class HelpRequest(TimeStampedModel):
    """A help request: what a fellow, a team or a project owner needs, and its life to resolution."""

    author = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="help_requests", verbose_name=_("auteur·e")
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("défi concerné"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("promotion"),
    )
    subject = models.CharField(_("sujet"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    expertises = models.ManyToManyField(
        Expertise, related_name="help_requests", verbose_name=_("expertises"), blank=True
    )
    urgency = models.CharField(
        _("urgence"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    wished_form = models.CharField(
        _("forme souhaitée"), max_length=10, choices=WishedForm.choices, default=WishedForm.WRITTEN
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.NEW, editable=False
    )
    resolution_summary = models.TextField(_("résumé de la résolution"), blank=True, editable=False)
    filed_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("déposée par"),
    )
    first_response_at = models.DateTimeField(
        _("première réponse le"), null=True, blank=True, editable=False
    )
    resolved_at = models.DateTimeField(_("résolue le"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(
        _("close ou retirée le"), null=True, blank=True, editable=False
    )
    origin_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    search_vector = SearchVectorField(null=True, editable=False)
    # The search vector is derived (search app), not a change anyone made.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("demande d’aide")
        verbose_name_plural = _("demandes d’aide")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=("status", "created_at"))]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:request_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT


class Assignment(models.Model):
    """A helper on a request, assigned by a coach or who took it from the queue."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("demande")
    )
    helper = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="help_assignments",
        verbose_name=_("aidant·e"),
    )
    assigned_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("aidant·e de la demande")
        verbose_name_plural = _("aidant·es des demandes")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=("request", "helper"), name="unique_help_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.helper} → {self.request}"


def attachment_path(instance: Any, filename: str) -> str:
    """A non-guessable storage name; the original name is kept in the row, never in the path."""
    return f"helpdesk/{secrets.token_urlsafe(24)}"


class Attachment(models.Model):
    """A file joined to a request: its type checked from its content, served only to its readers."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("demande")
    )
    file = models.FileField(_("fichier"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    uploaded_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ajouté le"), default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "helpdesk:attachment", kwargs={"pk": self.request_id, "attachment_pk": self.pk}
        )


class Comment(TimeStampedModel):
    """A message in a request's thread, between the author's side and the helpers (and coaches)."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="comments", verbose_name=_("demande")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur·e"),
    )
    body = models.TextField(_("message"), max_length=10000, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.request} — {self.created_at:%d/%m/%Y %H:%M}"


class EventKind(models.TextChoices):
    OPENED = "opened", _("Demande déposée")
    ASSIGNED = "assigned", _("Aidant·e désigné·e")
    TAKEN = "taken", _("Demande prise en charge")
    SESSION_PLANNED = "session_planned", _("Séance planifiée")
    RESOLVED = "resolved", _("Demande résolue")
    CLOSED = "closed", _("Demande close")
    WITHDRAWN = "withdrawn", _("Demande retirée")
    REOPENED = "reopened", _("Demande rouverte")
    COMMENTED = "commented", _("Message")
    ATTACHED = "attached", _("Pièce jointe ajoutée")


class TimelineEvent(models.Model):
    """One change in a request's life: who, when, what (and the status before and after)."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("demande")
    )
    kind = models.CharField(_("quoi"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("qui"),
    )
    from_status = models.CharField(_("état avant"), max_length=20, blank=True)
    to_status = models.CharField(_("état après"), max_length=20, blank=True)
    detail = models.CharField(_("détail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("quand"), default=timezone.now)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d/%m/%Y %H:%M})"


class RequestSession(models.Model):
    """A help-desk session (a private program session) planned for a request."""

    request = models.ForeignKey(
        HelpRequest,
        on_delete=models.CASCADE,
        related_name="request_sessions",
        verbose_name=_("demande"),
    )
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="help_request_link"
    )

    class Meta:
        verbose_name = _("séance de la demande")
        verbose_name_plural = _("séances des demandes")
        ordering = ("session__starts_at", "pk")

    def __str__(self) -> str:
        return str(self.session)
