"""Personal data: requests for erasure (confirmed or refused by a coach) and the retention notices
sent to inactive alumni before their anonymisation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Person


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    CONFIRMED = "confirmed", _("Confirmée : données effacées")
    REFUSED = "refused", _("Refusée")


class ErasureRequest(TimeStampedModel):
    """A person's request that Magellan erase their personal data; a coach confirms or refuses it."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("personne"),
    )
    reason = models.TextField(_("motif de la demande (facultatif)"), blank=True, max_length=2000)
    status = models.CharField(
        _("état"), max_length=20, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidée par"),
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("demande d’effacement")
        verbose_name_plural = _("demandes d’effacement")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("person",),
                condition=models.Q(status="pending"),
                name="one_pending_erasure_request_per_person",
                violation_error_message=_("Une demande d’effacement est déjà en attente."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("privacy:erasure_detail", kwargs={"pk": self.pk})


class RetentionNotice(models.Model):
    """An inactive alumni warned that their data will be anonymised unless they sign in."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="retention_notice",
        verbose_name=_("personne"),
    )
    warned_at = models.DateTimeField(_("prévenu·e le"))

    class Meta:
        verbose_name = _("avertissement avant anonymisation")
        verbose_name_plural = _("avertissements avant anonymisation")
        ordering = ("warned_at", "pk")

    def __str__(self) -> str:
        return f"{self.person} — {self.warned_at:%Y-%m-%d}"


class ErasureOrigin(models.TextChoices):
    REQUEST = "request", _("À la demande de la personne")
    RETENTION = "retention", _("Fin de la durée de conservation")


class Erasure(models.Model):
    """The fact that a person was erased (anonymised): when, by whom, why. It keeps no personal
    data: the person it points at is the anonymised one."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="erasure", verbose_name=_("personne")
    )
    erased_at = models.DateTimeField(_("effacée le"))
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("effacée par"),
    )
    origin = models.CharField(_("origine"), max_length=20, choices=ErasureOrigin.choices)

    class Meta:
        verbose_name = _("effacement")
        verbose_name_plural = _("effacements")
        ordering = ("-erased_at", "-pk")

    def __str__(self) -> str:
        return str(self.person)
