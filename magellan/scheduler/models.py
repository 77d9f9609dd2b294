"""The scheduler's run log: one row per (job, due time), claimed before the job runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    RUNNING = "running", _("En cours")
    SUCCEEDED = "succeeded", _("Réussie")
    FAILED = "failed", _("En échec")
    SKIPPED = "skipped", _("Non lancée")


class JobRun(models.Model):
    """A job's run for one due time. The unique constraint is the lock: whoever inserts the row
    runs the job; another caller (cron again, a second machine) gets an IntegrityError and skips."""

    job_name = models.CharField(_("tâche"), max_length=100)
    due_at = models.DateTimeField(_("échéance"))
    started_at = models.DateTimeField(_("début"))
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    outcome = models.CharField(_("résultat"), max_length=20, choices=Outcome.choices)
    summary = models.CharField(_("compte rendu"), max_length=255, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    traceback = models.TextField(_("trace"), blank=True)

    class Meta:
        verbose_name = _("exécution planifiée")
        verbose_name_plural = _("exécutions planifiées")
        ordering = ["-due_at", "job_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_name", "due_at"], name="scheduler_one_run_per_due_time"
            )
        ]
        indexes = [models.Index(fields=["job_name", "-due_at"], name="scheduler_job_due_idx")]

    def __str__(self) -> str:
        return f"{self.job_name} @ {self.due_at:%Y-%m-%d %H:%M} UTC"
