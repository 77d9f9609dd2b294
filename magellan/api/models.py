"""API tokens: scoped (an area, read or write), expiring, revocable; a member's own or an
integration's (a service account: an account with no person in the directory)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(raw: str) -> str:
    """Tokens are stored hashed; the raw value is shown once, when issued."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Area(models.TextChoices):
    DIRECTORY = "directory", _("Annuaire")
    PROGRAM = "program", _("Programme (séances, inscriptions, présences)")
    HELPDESK = "helpdesk", _("Bureau d’aide")
    BULLETINS = "bulletins", _("Bulletins d’équipe")


class Level(models.TextChoices):
    READ = "read", _("lecture")
    WRITE = "write", _("écriture")


# Every scope a token may hold: "<area>:<level>"; writing an area includes reading it.
SCOPES = tuple(f"{area}:{level}" for area in Area.values for level in Level.values)


def scope_label(scope: str) -> str:
    area, level = scope.split(":")
    return f"{Area(area).label} — {Level(level).label}"


class ServiceAccount(models.Model):
    """An integration: its own account (no person, no password) holding its tokens."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="service_account",
        verbose_name=_("compte"),
    )
    name = models.CharField(_("nom de l’intégration"), max_length=100, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("compte d’intégration")
        verbose_name_plural = _("comptes d’intégration")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("compte"),
    )
    name = models.CharField(_("nom"), max_length=100, blank=True)
    key_hash = models.CharField(_("empreinte"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("début du jeton"), max_length=8, editable=False)
    scopes = models.JSONField(_("droits"), default=list)
    expires_at = models.DateTimeField(_("expire le"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’API")
        verbose_name_plural = _("jetons d’API")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def allows(self, area: str, level: str) -> bool:
        """Whether the token holds that scope (writing an area includes reading it)."""
        if f"{area}:{level}" in self.scopes:
            return True
        return level == Level.READ and f"{area}:{Level.WRITE}" in self.scopes

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def service_name(self) -> str | None:
        """The integration's name when the token is a service account's, else None."""
        try:
            return str(self.user.service_account.name)
        except ServiceAccount.DoesNotExist:
            return None

    def scope_labels(self) -> list[str]:
        return [scope_label(scope) for scope in SCOPES if scope in self.scopes]
