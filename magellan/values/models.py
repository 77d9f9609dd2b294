"""The programme's values, per challenge: a status per value and phase with its history, and the
evidence behind it — the code repositories and their health checks (open source), the datasets
(open data), and the declarations (accessibility, eco-design, public algorithms, the State's
shared building blocks). Who reads and writes: `permissions.py`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import Job, TimeStampedModel
from magellan.directory.models import Challenge, Person, Phase


class Value(models.TextChoices):
    """The evidence tracked per challenge (the four values; the entrepreneurial spirit is the
    evaluation's « entrepreneuriat » axis, not evidence here)."""

    OPEN_SOURCE = "open_source", _("Logiciel libre")
    OPEN_DATA = "open_data", _("Données ouvertes")
    ACCESSIBILITY = "accessibility", _("Accessibilité (RGAA)")
    ECODESIGN = "ecodesign", _("Écoconception (RGESN)")
    ALGORITHMS = "algorithms", _("Algorithmes publics explicables")
    BUILDING_BLOCKS = "building_blocks", _("Briques communes de l’État")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Pas commencé")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Fait")
    NOT_APPLICABLE = "not_applicable", _("Non applicable")


class ValueStatus(TimeStampedModel):
    """Where a challenge stands on a value in a phase (a reason is required when not applicable)."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="value_statuses", verbose_name=_("défi")
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="value_statuses", verbose_name=_("phase")
    )
    value = models.CharField(_("valeur"), max_length=20, choices=Value.choices)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    comment = models.TextField(_("commentaire ou raison"), blank=True)
    updated_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("état d’une valeur")
        verbose_name_plural = _("états des valeurs")
        ordering = ("challenge", "phase__kind", "value")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "phase", "value"), name="unique_value_status_per_phase"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_applicable") | ~models.Q(comment=""),
                name="not_applicable_needs_reason",
                violation_error_message=_("Dites pourquoi cette valeur ne s’applique pas."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.get_value_display()} — {self.get_status_display()}"


class ValueStatusChange(models.Model):
    """One change of a value's status: the history shown beside it."""

    value_status = models.ForeignKey(
        ValueStatus, on_delete=models.CASCADE, related_name="changes", verbose_name=_("état")
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices)
    comment = models.TextField(_("commentaire ou raison"), blank=True)
    changed_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    changed_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("changement d’état d’une valeur")
        verbose_name_plural = _("changements d’état des valeurs")
        ordering = ("value_status", "-changed_at", "-pk")

    def __str__(self) -> str:
        return f"{self.value_status} ({self.changed_at:%Y-%m-%d})"


class Repository(TimeStampedModel):
    """A code repository of a challenge (open source), checked by `health.py`."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="repositories", verbose_name=_("défi")
    )
    url = models.CharField(
        _("adresse du dépôt git"),
        max_length=500,
        help_text=_("L’adresse de clonage, par exemple https://github.com/etalab/mon-projet.git"),
    )
    licence = models.CharField(_("licence déclarée (identifiant SPDX)"), max_length=60, blank=True)
    added_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dépôt de code")
        verbose_name_plural = _("dépôts de code")
        ordering = ("challenge", "url")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "url"),
                name="unique_repository_per_challenge",
                violation_error_message=_("Ce dépôt est déjà suivi pour ce défi."),
            )
        ]

    def __str__(self) -> str:
        return self.url


class CheckOutcome(models.TextChoices):
    PENDING = "pending", _("En attente")
    PASSED = "passed", _("Tous les critères sont remplis")
    WARNINGS = "warnings", _("Des critères manquent")
    FAILED = "failed", _("Vérification impossible")


class HealthCheck(models.Model):
    """One health check of a repository: each criterion with its result, what failed and how to
    fix it (`results`: [{"code", "label", "ok", "detail", "fix"}]), or why it could not run."""

    repository = models.ForeignKey(
        Repository, on_delete=models.CASCADE, related_name="checks", verbose_name=_("dépôt")
    )
    job = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tâche de fond"),
    )
    outcome = models.CharField(
        _("résultat"), max_length=20, choices=CheckOutcome.choices, default=CheckOutcome.PENDING
    )
    results = models.JSONField(_("critères"), default=list, blank=True)
    licence_detected = models.CharField(_("licence trouvée (SPDX)"), max_length=60, blank=True)
    last_commit_at = models.DateTimeField(_("dernier commit"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fini le"), null=True, blank=True)

    class Meta:
        verbose_name = _("vérification de dépôt")
        verbose_name_plural = _("vérifications de dépôt")
        ordering = ("repository", "-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.repository} — {self.get_outcome_display()}"


class DataLicence(models.TextChoices):
    ETALAB = "etalab-2.0", _("Licence Ouverte 2.0 (Etalab)")
    ODBL = "odbl-1.0", _("ODbL 1.0")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    OTHER = "other", _("Autre")


class Dataset(TimeStampedModel):
    """A dataset a challenge opened (open data)."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="datasets", verbose_name=_("défi")
    )
    title = models.CharField(_("titre"), max_length=255)
    url = models.URLField(_("adresse"), max_length=500)
    licence = models.CharField(_("licence"), max_length=20, choices=DataLicence.choices)
    data_format = models.CharField(_("format"), max_length=40, help_text=_("CSV, JSON, GeoJSON…"))
    update_frequency = models.CharField(_("fréquence de mise à jour"), max_length=60, blank=True)
    added_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jeu de données")
        verbose_name_plural = _("jeux de données")
        ordering = ("challenge", "title")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "url"),
                name="unique_dataset_per_challenge",
                violation_error_message=_("Ce jeu de données est déjà suivi pour ce défi."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class RgaaCompliance(models.TextChoices):
    NONE = "none", _("Non conforme")
    PARTIAL = "partial", _("Partiellement conforme")
    FULL = "full", _("Totalement conforme")


class Declarations(TimeStampedModel):
    """A challenge's declarations: accessibility (RGAA), eco-design (RGESN), the public-algorithm
    notice, the State's shared building blocks it uses. One per challenge."""

    challenge = models.OneToOneField(
        Challenge, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("défi")
    )
    rgaa_compliance = models.CharField(
        _("conformité RGAA"), max_length=20, choices=RgaaCompliance.choices, blank=True
    )
    rgaa_rate = models.DecimalField(
        _("taux de conformité (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rgaa_audit_date = models.DateField(_("date de l’audit"), null=True, blank=True)
    rgaa_declaration_url = models.URLField(
        _("déclaration d’accessibilité"), max_length=500, blank=True
    )
    rgaa_plan_url = models.URLField(_("schéma pluriannuel"), max_length=500, blank=True)
    rgesn_url = models.URLField(_("déclaration d’écoconception"), max_length=500, blank=True)
    rgesn_date = models.DateField(_("date de la déclaration"), null=True, blank=True)
    rgesn_score = models.DecimalField(
        _("score RGESN (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    makes_individual_decisions = models.BooleanField(
        _("le service prend des décisions individuelles"), default=False
    )
    algorithm_notice_url = models.URLField(
        _("notice de l’algorithme public"), max_length=500, blank=True
    )
    uses_dsfr = models.BooleanField(_("Système de design de l’État (DSFR)"), default=False)
    uses_proconnect = models.BooleanField(_("ProConnect"), default=False)
    uses_franceconnect = models.BooleanField(_("FranceConnect"), default=False)
    apis = models.TextField(_("API de l’État utilisées"), blank=True, help_text=_("Une par ligne."))
    updated_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("déclarations d’un défi")
        verbose_name_plural = _("déclarations des défis")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rgaa_rate__isnull=True)
                | models.Q(rgaa_rate__gte=0, rgaa_rate__lte=100),
                name="rgaa_rate_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(rgesn_score__isnull=True)
                | models.Q(rgesn_score__gte=0, rgesn_score__lte=100),
                name="rgesn_score_percent",
            ),
        ]

    def __str__(self) -> str:
        return str(self.challenge)
