"""Base model mixins shared by every app, and the background jobs pages can poll."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-update timestamps."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class JobStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    SUCCEEDED = "succeeded", _("Terminé")
    FAILED = "failed", _("Échec")


class Job(TimeStampedModel):
    """A piece of background work and its progress, which a page polls until it is done.

    `result` is JSON written by the task when it succeeds; `result["url"]`, when present, is
    where the status page sends the user next. `back_url` (with `back_label`), set by whoever
    starts the job, is the page to go back to (e.g. the form that launched it), whatever the end.
    """

    kind = models.CharField(_("type"), max_length=60)
    label = models.CharField(_("libellé"), max_length=255)
    status = models.CharField(
        _("état"), max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress_done = models.PositiveIntegerField(_("étapes faites"), default=0)
    progress_total = models.PositiveIntegerField(_("étapes prévues"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    result = models.JSONField(_("résultat"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("lancé par"),
    )
    back_url = models.CharField(_("adresse de retour"), max_length=255, blank=True)
    back_label = models.CharField(_("libellé du lien de retour"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fini le"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche de fond")
        verbose_name_plural = _("tâches de fond")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("core:job_status", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 while the total is unknown, 100 once succeeded)."""
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def next_url(self) -> str:
        url = self.result.get("url", "") if isinstance(self.result, dict) else ""
        return str(url) if url else ""
