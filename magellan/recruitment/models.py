"""Recruitment: calls (for challenges, for fellows), their grids, challenge dossiers, fellow applications,
the jury (reviewers, conflicts of interest, assignments, reviews and scores), decisions; onboarding
checklists (templates and each newcomer's list). Rules live in services/, reads in queries.py."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Administration, Challenge, Cohort, Person, Profession


class CallKind(models.TextChoices):
    CHALLENGES = "challenges", _("appel à projets (défis)")
    FELLOWS = "fellows", _("appel à candidatures (EIG)")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("en préparation")
    OPEN = "open", _("ouvert")
    REVIEWING = "reviewing", _("en évaluation")
    DECIDED = "decided", _("décidé")


class Stage(models.TextChoices):
    """A call's rounds of review: a dossier is reviewed once; a candidate on paper, then at interview."""

    DOSSIER = "dossier", _("dossier")
    PRESELECTION = "preselection", _("présélection sur dossier")
    INTERVIEW = "interview", _("entretien")


class Call(TimeStampedModel):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="calls", verbose_name=_("promotion")
    )
    kind = models.CharField(_("type"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True, help_text=_("Markdown."))
    opens_on = models.DateField(_("ouverture"))
    closes_on = models.DateField(_("clôture"))
    status = models.CharField(
        _("état"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    # Profiles sought (fellow calls): professions, as the directory names them.
    profiles = models.JSONField(_("profils recherchés"), default=list, blank=True)
    reviews_per_application = models.PositiveSmallIntegerField(
        _("évaluations par candidature"), default=2
    )
    anonymous_preselection = models.BooleanField(
        _("présélection anonyme"),
        default=True,
        help_text=_("Nom, genre et photo cachés aux évaluateurs pendant la présélection."),
    )
    # Candidates' personal data is erased this many days after the call's decision
    # (default: MAGELLAN_CANDIDATE_RETENTION_DAYS).
    retention_days = models.PositiveIntegerField(_("conservation des candidatures (jours)"))
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appel")
        verbose_name_plural = _("appels")
        ordering = ("-opens_on", "title")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One line of a call's grid, for one stage: scored on [scale_min, scale_max], weighted."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("appel")
    )
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices)
    label = models.CharField(_("critère"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("note minimale"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("note maximale"), default=5)
    weight = models.DecimalField(_("poids"), max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ("call", "stage", "position", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="criterion_scale_not_empty"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("déposé")
    ACCEPTED = "accepted", _("retenu")
    REJECTED = "rejected", _("non retenu")


def new_submission_token() -> str:
    return secrets.token_urlsafe(32)


class ChallengeDossier(TimeStampedModel):
    """An administration's application to a call for challenges (the dossier's main fields)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="dossiers", verbose_name=_("appel")
    )
    title = models.CharField(_("nom du projet"), max_length=255)
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("administration"),
    )
    administration_name = models.CharField(
        _("administration (si elle n’est pas encore dans l’annuaire)"), max_length=255, blank=True
    )
    contact_name = models.CharField(_("porteur ou porteuse"), max_length=200, blank=True)
    contact_email = models.EmailField(_("adresse e-mail du porteur"), blank=True)
    problem = models.TextField(_("problème"), blank=True)
    beneficiaries = models.TextField(_("bénéficiaires"), blank=True)
    hypothesis = models.TextField(_("hypothèse privilégiée"), blank=True)
    risks = models.TextField(_("risques"), blank=True)
    value = models.TextField(_("valeur et indicateurs"), blank=True)
    team = models.TextField(_("équipe projet"), blank=True)
    profiles_wanted = models.JSONField(_("profils recherchés"), default=list, blank=True)
    fellows_wanted = models.PositiveSmallIntegerField(_("nombre d’EIG"), default=2)
    openness = models.TextField(_("ouverture (données, code)"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    # The project owner's private link to fill and submit the dossier (only its SHA-256 is kept).
    token_hash = models.CharField(_("empreinte du lien"), max_length=64, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    challenge = models.OneToOneField(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossier",
        verbose_name=_("défi créé"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier de défi")
        verbose_name_plural = _("dossiers de défi")
        ordering = ("call", "title")

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("reçue")
    PRESELECTED = "preselected", _("présélectionnée (entretien)")
    NOT_PRESELECTED = "not_preselected", _("non présélectionnée")
    SELECTED = "selected", _("retenue")
    WAITING = "waiting", _("liste d’attente")
    NOT_SELECTED = "not_selected", _("non retenue")
    WITHDRAWN = "withdrawn", _("retirée")


class Application(TimeStampedModel):
    """A candidate's application to a call for fellows. Personal fields are erased after the call's
    retention period (`erased_at`); the scores and decisions stay, anonymous."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("appel")
    )
    reference = models.CharField(_("référence"), max_length=20, unique=True)
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    gender = models.CharField(_("genre"), max_length=20, blank=True)
    profession = models.CharField(
        _("métier"), max_length=30, choices=Profession.choices, blank=True
    )
    skills = models.TextField(_("compétences"), blank=True)
    experience = models.TextField(_("expérience"), blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    cv = models.FileField(_("CV"), upload_to="recruitment/cv/", blank=True)
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )
    # The decision per challenge and profile, set on the ranking page.
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("défi retenu"),
    )
    waiting_rank = models.PositiveSmallIntegerField(
        _("rang en liste d’attente"), null=True, blank=True
    )
    person = models.OneToOneField(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("personne créée"),
    )
    erased_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["phone", "email", "first_name", "last_name", "cv"])

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ("call", "reference")

    def __str__(self) -> str:
        return self.reference


class Wish(models.Model):
    """A candidate's ranked wish among the cohort's challenges (1 = first choice)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("candidature")
    )
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="+", verbose_name=_("défi")
    )
    rank = models.PositiveSmallIntegerField(_("rang"))

    class Meta:
        verbose_name = _("vœu")
        verbose_name_plural = _("vœux")
        ordering = ("application", "rank")
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="wish_rank_unique"),
            models.UniqueConstraint(
                fields=["application", "challenge"], name="wish_challenge_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.challenge}"


class ReviewerKind(models.TextChoices):
    COACH = "coach", _("coach")
    PROJECT_OWNER = "project_owner", _("porteur ou porteuse de projet")
    ALUMNI = "alumni", _("alumni")
    EXPERT = "expert", _("expert·e invité·e")


class Reviewer(models.Model):
    """A jury member of one call. Sees no application before declaring their conflicts."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("appel")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_roles",
        verbose_name=_("compte"),
    )
    kind = models.CharField(_("qualité"), max_length=20, choices=ReviewerKind.choices)
    conflicts_declared_at = models.DateTimeField(_("conflits déclarés le"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluateur·rice")
        verbose_name_plural = _("évaluateur·rices")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="reviewer_once_per_call")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.Model):
    """A declared conflict of interest: the reviewer is never assigned that dossier or application."""

    reviewer = models.ForeignKey(
        Reviewer, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("évaluateur")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts"
    )
    dossier = models.ForeignKey(
        ChallengeDossier, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts"
    )
    reason = models.CharField(_("raison"), max_length=255, blank=True)
    declared_at = models.DateTimeField(_("déclaré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflit d’intérêts")
        verbose_name_plural = _("conflits d’intérêts")
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, dossier__isnull=True)
                | Q(application__isnull=True, dossier__isnull=False),
                name="conflict_one_subject",
            ),
            models.UniqueConstraint(
                fields=["reviewer", "application"], name="conflict_application_once"
            ),
            models.UniqueConstraint(fields=["reviewer", "dossier"], name="conflict_dossier_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ≠ {self.application or self.dossier}"


class Assignment(models.Model):
    """A reviewer asked to review one dossier or application at one stage."""

    reviewer = models.ForeignKey(
        Reviewer, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("évaluateur")
    )
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    dossier = models.ForeignKey(
        ChallengeDossier,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    assigned_at = models.DateTimeField(_("attribuée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, dossier__isnull=True)
                | Q(application__isnull=True, dossier__isnull=False),
                name="assignment_one_subject",
            ),
            models.UniqueConstraint(
                fields=["reviewer", "stage", "application"], name="assignment_application_once"
            ),
            models.UniqueConstraint(
                fields=["reviewer", "stage", "dossier"], name="assignment_dossier_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application or self.dossier}"


class Opinion(models.TextChoices):
    FAVOURITE = "favourite", _("coup de cœur")
    FAVOURABLE = "favourable", _("avis favorable")
    NEUTRAL = "neutral", _("avis neutre")
    UNFAVOURABLE = "unfavourable", _("avis défavorable")


class Review(TimeStampedModel):
    """A reviewer's review of their assignment: scores per criterion, an opinion; once submitted it
    is final, and only then does the reviewer see the others' reviews."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="review", verbose_name=_("attribution")
    )
    opinion = models.CharField(
        _("avis d’ensemble"), max_length=20, choices=Opinion.choices, blank=True
    )
    comment = models.TextField(_("appréciation d’ensemble"), blank=True)
    submitted_at = models.DateTimeField(_("remise le"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("évaluation")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("critère")
    )
    value = models.PositiveSmallIntegerField(_("note"))
    assessment = models.TextField(_("appréciation"), blank=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} : {self.value}"


# --- Onboarding ----------------------------------------------------------------------------------


class Audience(models.TextChoices):
    FELLOW = "fellow", _("nouvel ou nouvelle EIG")
    PROJECT_OWNER = "project_owner", _("porteur ou porteuse de projet")


class Responsible(models.TextChoices):
    FELLOW = "fellow", _("l’EIG")
    PROJECT_OWNER = "project_owner", _("le porteur ou la porteuse")
    HOST = "host", _("l’administration d’accueil")
    COACH = "coach", _("les coachs")


class ChecklistTemplate(TimeStampedModel):
    """Coaches' template of an onboarding checklist for one audience."""

    name = models.CharField(_("nom"), max_length=200)
    audience = models.CharField(_("pour"), max_length=20, choices=Audience.choices)
    is_active = models.BooleanField(_("en service"), default=True)

    class Meta:
        verbose_name = _("modèle de liste d’intégration")
        verbose_name_plural = _("modèles de listes d’intégration")
        ordering = ("audience", "name")

    def __str__(self) -> str:
        return self.name


class TemplateItem(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("modèle")
    )
    section = models.CharField(_("rubrique"), max_length=120)
    label = models.CharField(_("étape"), max_length=300)
    responsible = models.CharField(_("qui s’en charge"), max_length=20, choices=Responsible.choices)
    # Due this many days after the arrival date (negative: before the arrival).
    due_days = models.SmallIntegerField(_("échéance (jours après l’arrivée)"), default=0)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("étape de modèle")
        verbose_name_plural = _("étapes de modèle")
        ordering = ("template", "position", "pk")

    def __str__(self) -> str:
        return self.label


class Checklist(TimeStampedModel):
    """A newcomer's checklist, made from a template at their arrival."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="checklists", verbose_name=_("personne")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="checklists", verbose_name=_("promotion")
    )
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklists",
        verbose_name=_("modèle"),
    )
    audience = models.CharField(_("pour"), max_length=20, choices=Audience.choices)
    arrival_date = models.DateField(_("date d’arrivée"))

    class Meta:
        verbose_name = _("liste d’intégration")
        verbose_name_plural = _("listes d’intégration")
        ordering = ("cohort", "person")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cohort", "audience"], name="checklist_once_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("liste")
    )
    section = models.CharField(_("rubrique"), max_length=120)
    label = models.CharField(_("étape"), max_length=300)
    responsible = models.CharField(_("qui s’en charge"), max_length=20, choices=Responsible.choices)
    due_date = models.DateField(_("échéance"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    done_at = models.DateTimeField(_("fait le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fait par"),
    )
    successes = models.TextField(_("réussites"), blank=True)
    difficulties = models.TextField(_("difficultés, questions, besoins"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("étape d’intégration")
        verbose_name_plural = _("étapes d’intégration")
        ordering = ("checklist", "position", "pk")

    def __str__(self) -> str:
        return self.label
