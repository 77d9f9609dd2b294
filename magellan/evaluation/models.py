"""Evaluation per phase: each challenge's impact indicators, the team's retrospective before its
committee, the coaches' report after it, and the actions the report decides.

The committee itself is a program session of the « Comité d’évaluation » format for the challenge,
in the phase (`queries.committee_of`). Who reads and writes what: `permissions.py`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Challenge, Person, Phase


class IndicatorTheme(models.TextChoices):
    PUBLIC_POLICY = "public_policy", _("Politique publique")
    PRODUCT = "product", _("Performance du produit")
    TRANSFORMATION = "transformation", _("Transformation numérique")
    OPENNESS = "openness", _("Ouverture")


class Indicator(TimeStampedModel):
    """One of a challenge's impact indicators (about four, one per theme), in the programme's
    method: what it is, the hypothesis, what is measured and how, a target."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("défi")
    )
    theme = models.CharField(_("thème"), max_length=20, choices=IndicatorTheme.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    hypothesis = models.TextField(
        _("hypothèse"), blank=True, help_text=_("« Faire/changer … va … parce que … »")
    )
    measure = models.TextField(_("ce qui est mesuré"), blank=True)
    method = models.TextField(_("comment on le mesure"), blank=True)
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    target = models.CharField(_("cible"), max_length=200, blank=True)
    target_value = models.DecimalField(
        _("valeur cible"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicateur d’impact")
        verbose_name_plural = _("indicateurs d’impact")
        ordering = ("challenge", "position", "pk")

    def __str__(self) -> str:
        return self.title


class IndicatorValue(models.Model):
    """A value of an indicator, with its date and its source."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicateur")
    )
    measured_on = models.DateField(_("date de la mesure"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=255)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    created_at = models.DateTimeField(_("saisie le"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valeur d’indicateur")
        verbose_name_plural = _("valeurs d’indicateur")
        ordering = ("indicator", "measured_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "measured_on"),
                name="unique_indicator_value_per_day",
                violation_error_message=_("Une valeur est déjà enregistrée à cette date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.measured_on}: {self.value}"


class RetrospectiveStatus(models.TextChoices):
    DRAFT = "draft", _("En cours de rédaction")
    SUBMITTED = "submitted", _("Remise")


class Retrospective(TimeStampedModel):
    """The team's support document for its committee of a phase (one per challenge and phase)."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="retrospectives", verbose_name=_("défi")
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="retrospectives", verbose_name=_("phase")
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=RetrospectiveStatus.choices,
        default=RetrospectiveStatus.DRAFT,
    )
    successes = models.TextField(_("réussites"), blank=True)
    difficulties = models.TextField(_("difficultés et risques"), blank=True)
    learnings = models.TextField(_("apprentissages"), blank=True)
    # {competence (its text in the phase, as it was): how the team used it}
    competence_notes = models.JSONField(_("compétences de la phase"), default=dict, blank=True)
    # From phase 3 on: the outlook after the programme (the extension file's questions).
    outlook_service = models.TextField(_("pérennisation du service"), blank=True)
    outlook_fellows = models.TextField(_("pérennisation des EIG"), blank=True)
    submitted_at = models.DateTimeField(_("remise le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("remise par"),
    )
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    last_editor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dernière modification par"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rétrospective d’équipe")
        verbose_name_plural = _("rétrospectives d’équipe")
        ordering = ("challenge", "phase__kind")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "phase"),
                name="unique_retrospective_per_phase",
                violation_error_message=_("Ce défi a déjà une rétrospective pour cette phase."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.phase.get_kind_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == RetrospectiveStatus.SUBMITTED


class ObjectiveStatus(models.TextChoices):
    REACHED = "reached", _("Atteint")
    PARTLY = "partly", _("Partiellement atteint")
    NOT_REACHED = "not_reached", _("Non atteint")
    DROPPED = "dropped", _("Abandonné")


class RetrospectiveObjective(models.Model):
    """One of the phase's objectives, with its status, in the team's retrospective."""

    retrospective = models.ForeignKey(
        Retrospective,
        on_delete=models.CASCADE,
        related_name="objectives",
        verbose_name=_("rétrospective"),
    )
    text = models.CharField(_("objectif"), max_length=500)
    status = models.CharField(_("état"), max_length=20, choices=ObjectiveStatus.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("objectif de la phase")
        verbose_name_plural = _("objectifs de la phase")
        ordering = ("retrospective", "position", "pk")

    def __str__(self) -> str:
        return self.text


class RetrospectiveComment(TimeStampedModel):
    """A comment on a retrospective (the project owner's, mostly)."""

    retrospective = models.ForeignKey(
        Retrospective,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("rétrospective"),
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur·rice"),
    )
    body = models.TextField(_("commentaire"))

    class Meta:
        verbose_name = _("commentaire de rétrospective")
        verbose_name_plural = _("commentaires de rétrospective")
        ordering = ("retrospective", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.author} — {self.retrospective}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class Axis(models.TextChoices):
    """The programme's three impact axes (its evaluation axes, in order)."""

    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneuriat")
    INNOVATION = "innovation", _("Innovation")
    TRANSFORMATION = "transformation", _("Transformation")


class Report(TimeStampedModel):
    """The coaches' evaluation report after a challenge's committee of a phase."""

    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.CASCADE,
        related_name="evaluation_reports",
        verbose_name=_("défi"),
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="evaluation_reports", verbose_name=_("phase")
    )
    status = models.CharField(
        _("état"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    authors = models.ManyToManyField(
        Person, related_name="evaluation_reports", verbose_name=_("coachs rédacteurs"), blank=True
    )
    strengths = models.TextField(_("points forts"), blank=True)
    recommendations = models.TextField(_("recommandations"), blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    published_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publié par"),
    )
    acknowledged_at = models.DateTimeField(_("pris en compte le"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pris en compte par"),
    )
    acknowledgement = models.TextField(_("retour de l’équipe après son bilan interne"), blank=True)
    last_editor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dernière modification par"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapport d’évaluation")
        verbose_name_plural = _("rapports d’évaluation")
        ordering = ("challenge", "phase__kind")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "phase"),
                name="unique_report_per_phase",
                violation_error_message=_("Ce défi a déjà un rapport pour cette phase."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_report_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.phase.get_kind_display()}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class AxisAssessment(models.Model):
    """The report's level and comment on one impact axis (the level on the scale of `scale.py`)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("rapport")
    )
    axis = models.CharField(_("axe"), max_length=20, choices=Axis.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("appréciation par axe")
        verbose_name_plural = _("appréciations par axe")
        ordering = ("report", "axis")
        constraints = [
            models.UniqueConstraint(fields=("report", "axis"), name="unique_axis_per_report"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1),
                name="axis_level_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.get_axis_display()}"


class ActionOwner(models.TextChoices):
    TEAM = "team", _("L’équipe")
    PROJECT_OWNER = "project_owner", _("Le porteur ou la porteuse")
    COACHES = "coaches", _("Les coachs")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Faite")
    DROPPED = "dropped", _("Abandonnée")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(TimeStampedModel):
    """An action the report decides: what, who, by when, and where it stands."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="actions", verbose_name=_("rapport")
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("qui"), max_length=20, choices=ActionOwner.choices)
    due_date = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_comment = models.TextField(_("commentaire sur l’état"), blank=True)
    status_changed_at = models.DateTimeField(_("état changé le"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("état changé par"),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("report", "position", "pk")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class ActionReview(models.Model):
    """Where a carried-over action stands, as the team says in the next phase's retrospective."""

    retrospective = models.ForeignKey(
        Retrospective,
        on_delete=models.CASCADE,
        related_name="action_reviews",
        verbose_name=_("rétrospective"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("action")
    )
    status = models.CharField(_("état"), max_length=20, choices=ActionStatus.choices)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("point sur une action")
        verbose_name_plural = _("points sur les actions")
        ordering = ("retrospective", "action__position", "action__pk")
        constraints = [
            models.UniqueConstraint(fields=("retrospective", "action"), name="unique_action_review")
        ]

    def __str__(self) -> str:
        return f"{self.action} — {self.get_status_display()}"
