"""The directory: cohorts and their phases, administrations, challenges, people and their roles."""

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.core.sorting import COLLATION


def normalize_label(value: str) -> str:
    """A comparison key: lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", value.lower().replace("œ", "oe").replace("æ", "ae"))
    text = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c))
    return " ".join(text.encode("ascii", "ignore").decode().split())


class Profession(models.TextChoices):
    DESIGN = "design", _("Design")
    DEVELOPMENT = "development", _("Développement")
    DATA_SCIENCE = "data_science", _("Data science")
    DATA_ENGINEERING = "data_engineering", _("Data engineering")
    DIGITAL_LAW = "digital_law", _("Droit du numérique")
    PRODUCT = "product", _("Produit")
    PUBLIC_MANAGEMENT = "public_management", _("Management public")
    COACHING = "coaching", _("Accompagnement")
    OTHER = "other", _("Autre")


class Role(models.TextChoices):
    FELLOW = "fellow", _("EIG")
    PROJECT_OWNER = "project_owner", _("Porteur·euse de projet")
    SPONSOR = "sponsor", _("Mentor·e de défi (sponsor)")
    COACH = "coach", _("Coach")
    MENTOR = "mentor", _("Parrain·marraine")
    ALUMNI = "alumni", _("Alumni")


class Gender(models.TextChoices):
    FEMALE = "female", _("Femme")
    MALE = "male", _("Homme")
    NON_BINARY = "non_binary", _("Non binaire")


class PhaseKind(models.IntegerChoices):
    VALIDATE = 1, _("Valider l’hypothèse")
    PROVE_CONCEPT = 2, _("Prouver le concept")
    PROVE_VALUE = 3, _("Prouver la valeur")
    AMPLIFY = 4, _("Amplifier l’impact")


class CohortQuerySet(models.QuerySet["Cohort"]):
    def current(self, today: datetime.date | None = None) -> "CohortQuerySet":
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today, end_date__gte=today)

    def past(self, today: datetime.date | None = None) -> "CohortQuerySet":
        return self.filter(end_date__lt=today or timezone.localdate())


class Cohort(TimeStampedModel):
    """A promotion: one year of the program (e.g. "Promotion 7", "Promotion 3 - DIG")."""

    number = models.PositiveSmallIntegerField(_("numéro"))
    variant = models.CharField(
        _("variante"),
        max_length=40,
        blank=True,
        help_text=_("Par exemple « DIG » pour « Promotion 3 - DIG »."),
    )
    slug = models.SlugField(_("identifiant"), unique=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    description = models.TextField(_("présentation"), blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ("-number", "variant")
        constraints = [
            models.UniqueConstraint(
                fields=("number", "variant"),
                name="unique_cohort_number_variant",
                violation_error_message=_("Une promotion porte déjà ce numéro et cette variante."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="cohort_dates_ordered",
                violation_error_message=_("La fin de la promotion doit être après son début."),
            ),
        ]

    def __str__(self) -> str:
        name = _("Promotion %(number)s") % {"number": self.number}
        return f"{name} - {self.variant}" if self.variant else str(name)

    def get_absolute_url(self) -> str:
        return reverse("directory:cohort_detail", kwargs={"slug": self.slug})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return bool(self.start_date and self.end_date and self.start_date <= today <= self.end_date)


class Phase(TimeStampedModel):
    """One of the four phases of a cohort, with its dates and the competences it builds.

    Its dates hold together with its cohort's and its other phases' (`services.phase_refusals`).
    """

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="phases", verbose_name=_("promotion")
    )
    kind = models.PositiveSmallIntegerField(_("phase"), choices=PhaseKind.choices)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    fellow_competences = models.TextField(_("compétences visées (EIG)"), blank=True)
    owner_competences = models.TextField(_("compétences visées (porteurs)"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ("cohort", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=("cohort", "kind"),
                name="unique_phase_per_cohort",
                violation_error_message=_("La promotion a déjà cette phase."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="phase_dates_ordered",
                violation_error_message=_("La fin de la phase doit être après son début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.get_kind_display()}"


class Administration(TimeStampedModel):
    """A host administration; its aliases let several spellings name one administration."""

    name = models.CharField(_("nom"), max_length=255, unique=True, db_collation=COLLATION)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=255)
    website = models.URLField(_("site"), blank=True)

    class Meta:
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:administration_detail", kwargs={"slug": self.slug})


class AdministrationAlias(models.Model):
    """Another spelling of an administration's name (matched after normalisation)."""

    administration = models.ForeignKey(
        Administration,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("administration"),
    )
    name = models.CharField(_("autre nom"), max_length=255)
    key = models.CharField(_("clé normalisée"), max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("autre nom d’administration")
        verbose_name_plural = _("autres noms d’administration")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = normalize_label(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Theme(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=120)

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Expertise(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=120)

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertises")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Challenge(TimeStampedModel):
    """A défi: a project hosted by an administration, in one or more cohorts."""

    title = models.CharField(_("titre"), max_length=255, db_collation=COLLATION)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=255)
    summary = models.TextField(_("résumé"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="challenges",
        verbose_name=_("administration"),
        null=True,
        blank=True,
    )
    cohorts = models.ManyToManyField(
        Cohort, related_name="challenges", verbose_name=_("promotions"), blank=True
    )
    themes = models.ManyToManyField(
        Theme, related_name="challenges", verbose_name=_("thématiques"), blank=True
    )
    expertises = models.ManyToManyField(
        Expertise, related_name="challenges", verbose_name=_("expertises recherchées"), blank=True
    )
    town = models.CharField(_("ville"), max_length=120, blank=True)
    is_visible = models.BooleanField(_("visible publiquement"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("défi")
        verbose_name_plural = _("défis")
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:challenge_detail", kwargs={"slug": self.slug})


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("Site")
    REPOSITORY = "repository", _("Code source")
    DATASET = "dataset", _("Jeu de données")
    OTHER = "other", _("Autre")


class ChallengeLink(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="links", verbose_name=_("défi")
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=LinkKind.choices, default=LinkKind.WEBSITE
    )
    label = models.CharField(_("libellé"), max_length=200)
    url = models.URLField(_("adresse"), max_length=500)

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ("kind", "label")
        constraints = [
            models.UniqueConstraint(fields=("challenge", "url"), name="unique_challenge_link")
        ]

    def __str__(self) -> str:
        return self.label


class Person(TimeStampedModel):
    """Someone of the program's community, with or without an account."""

    name = models.CharField(_("nom"), max_length=200, db_collation=COLLATION)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("compte"),
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    profession = models.CharField(
        _("métier"), max_length=30, choices=Profession.choices, default=Profession.OTHER
    )
    job_title = models.CharField(_("intitulé de poste"), max_length=200, blank=True)
    expertises = models.ManyToManyField(
        Expertise, related_name="people", verbose_name=_("expertises"), blank=True
    )
    gender = models.CharField(
        _("genre (déclaratif, facultatif)"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_("Utilisé uniquement pour composer des groupes divers ; jamais affiché."),
    )
    bio = models.TextField(_("présentation"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True, max_length=500)
    github_url = models.URLField(_("GitHub"), blank=True, max_length=500)
    website_url = models.URLField(_("site personnel"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("apparaît dans l’annuaire public"),
        default=False,
        help_text=_(
            "La personne a consenti à figurer dans l’annuaire public (sans son adresse e-mail)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("email",),
                condition=~models.Q(email=""),
                name="unique_person_email_when_set",
                violation_error_message=_("Une autre personne a déjà cette adresse e-mail."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:person_detail", kwargs={"slug": self.slug})


class CohortRole(models.Model):
    """A person's role in a cohort (fellow, project owner, sponsor, coach, mentor, alumni)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="cohort_roles", verbose_name=_("personne")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="roles", verbose_name=_("promotion")
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rôle dans une promotion")
        verbose_name_plural = _("rôles dans les promotions")
        ordering = ("-cohort__number", "role")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "cohort", "role"),
                name="unique_person_cohort_role",
                violation_error_message=_("Cette personne a déjà ce rôle dans cette promotion."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.cohort})"


class ChallengeMembership(models.Model):
    """A person in a challenge's team: fellow, project owner or sponsor."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("personne")
    )
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("défi")
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.FELLOW)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre d’un défi")
        verbose_name_plural = _("membres des défis")
        ordering = ("challenge", "role", "person__name")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "challenge", "role"),
                name="unique_challenge_membership",
                violation_error_message=_("Cette personne a déjà ce rôle dans l’équipe du défi."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.challenge} ({self.get_role_display()})"
