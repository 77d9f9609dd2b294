"""The program: formats ("dispositifs"), sessions, registrations, attendance, feedback, feeds."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.core.validators import validate_single_line
from magellan.directory.models import Challenge, Cohort, Person, Phase, Role


class GroupingMode(models.TextChoices):
    NONE = "none", _("Pas de groupes")
    PER_CHALLENGE = "per_challenge", _("Par défi")
    PEER_BY_PROFESSION = "peer_by_profession", _("Groupes de pairs (même métier)")
    DIVERSE = "diverse", _("Groupes mixtes")


class Frequency(models.TextChoices):
    ON_REQUEST = "on_request", _("À la demande")
    MONTHLY = "monthly", _("Mensuel")
    PER_PHASE = "per_phase", _("Une à deux fois par phase")
    TWICE_A_YEAR = "twice_a_year", _("Deux fois par an")
    CYCLE = "cycle", _("Cycle de séances")


GROUP_SIZES_ORDERED = _("La taille maximale ne peut pas être inférieure à la minimale.")


class FormatQuerySet(models.QuerySet["Format"]):
    def active(self) -> "FormatQuerySet":
        return self.filter(is_active=True)


class Format(TimeStampedModel):
    """A kind of session (a "dispositif"): who it is for, how often, how long, how."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), unique=True, max_length=120)
    summary = models.TextField(_("objectif"), blank=True)
    audience_roles = models.JSONField(
        _("public"),
        default=list,
        blank=True,
        help_text=_("Rôles de la promotion à qui s’adresse ce dispositif."),
    )
    registration_required = models.BooleanField(
        _("sur inscription"),
        default=True,
        help_text=_("Sinon, tout le public de la promotion est attendu sans s’inscrire."),
    )
    frequency = models.CharField(
        _("fréquence"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    frequency_detail = models.CharField(_("rythme"), max_length=200, blank=True)
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), default=90)
    is_online = models.BooleanField(_("en ligne par défaut"), default=False)
    default_capacity = models.PositiveIntegerField(
        _("capacité par défaut"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Au moins une place (laissez vide : sans limite)."))],
        help_text=_("Vide : sans limite."),
    )
    preparation = models.TextField(_("comment se préparer"), blank=True)
    follow_up = models.TextField(_("suites à donner"), blank=True)
    grouping_mode = models.CharField(
        _("mode de groupes"),
        max_length=30,
        choices=GroupingMode.choices,
        default=GroupingMode.NONE,
    )
    group_size_min = models.PositiveSmallIntegerField(
        _("taille minimale des groupes"), null=True, blank=True
    )
    group_size_max = models.PositiveSmallIntegerField(
        _("taille maximale des groupes"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("actif"), default=True)

    objects = FormatQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ("position", "name")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group_size_min__isnull=True)
                | models.Q(group_size_max__isnull=True)
                | models.Q(group_size_max__gte=models.F("group_size_min")),
                name="format_group_sizes_ordered",
                violation_error_message=GROUP_SIZES_ORDERED,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The program's pages and the admin both refuse a minimum group size above the maximum."""
        low, high = self.group_size_min, self.group_size_max
        if low is not None and high is not None and low > high:
            raise ValidationError({"group_size_max": GROUP_SIZES_ORDERED})

    def get_absolute_url(self) -> str:
        return reverse("program:format_list") + f"#format-{self.slug}"

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(role, role)) for role in self.audience_roles]


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Prévue")
    CANCELLED = "cancelled", _("Annulée")


class SessionQuerySet(models.QuerySet["Session"]):
    def scheduled(self) -> "SessionQuerySet":
        return self.filter(status=SessionStatus.SCHEDULED)


class Session(TimeStampedModel):
    """One occurrence of a format for a cohort (optionally for one challenge)."""

    uid = models.UUIDField(
        _("identifiant de calendrier"), default=uuid.uuid4, unique=True, editable=False
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("promotion")
    )
    format = models.ForeignKey(
        Format, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("dispositif")
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("phase"),
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("défi"),
        help_text=_("Pour une séance propre à un défi (comité d’évaluation, atelier)."),
    )
    title = models.CharField(
        _("titre"), max_length=200, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(_("programme de la séance"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    online_url = models.URLField(_("lien de visioconférence"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Au moins une place (laissez vide : sans limite)."))],
        help_text=_("Vide : sans limite."),
    )
    facilitators = models.ManyToManyField(
        Person, related_name="facilitated_sessions", verbose_name=_("animation"), blank=True
    )
    status = models.CharField(
        _("état"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(
        _("révision"), default=0, editable=False, help_text=_("SEQUENCE iCalendar.")
    )
    reminder_sent_at = models.DateTimeField(
        _("rappel envoyé le"), null=True, blank=True, editable=False
    )
    is_private = models.BooleanField(
        _("réservée à ses inscrits et à son animation"),
        default=False,
        editable=False,
        help_text=_(
            "Une séance privée (le mentorat d’un binôme) n’a pas de public : seuls ses inscrits, "
            "son animation et les coachs la voient, quel que soit le public de son dispositif."
        ),
    )

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ("starts_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="session_capacity_at_least_one",
                violation_error_message=_("Au moins une place (laissez vide : sans limite)."),
            ),
        ]
        indexes = [models.Index(fields=("cohort", "starts_at"))]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("program:session_detail", kwargs={"pk": self.pk})

    @property
    def display_title(self) -> str:
        return self.title or self.format.name

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    WAITLISTED = "waitlisted", _("En liste d’attente")
    CANCELLED = "cancelled", _("Désinscrit·e")


class Registration(TimeStampedModel):
    """A person's registration to a session; `position` orders the waiting list (arrival order)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("séance")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("personne")
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    position = models.PositiveIntegerField(_("rang d’arrivée"), default=0)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ("session", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("session", "person"), name="unique_registration")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session} ({self.get_status_display()})"


class Attendance(models.Model):
    """Whether a person was present at a session, as taken by a coach."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("séance")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("personne")
    )
    is_present = models.BooleanField(_("présent·e"), default=True)
    is_excused = models.BooleanField(
        _("absence excusée"),
        default=False,
        help_text=_("Une absence prévenue : elle ne compte pas dans le taux de présence."),
    )
    recorded_at = models.DateTimeField(_("noté le"), auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ("session", "person__name")
        constraints = [
            models.UniqueConstraint(fields=("session", "person"), name="unique_attendance"),
            models.CheckConstraint(
                condition=~models.Q(is_present=True, is_excused=True),
                name="attendance_excused_only_when_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"


class Feedback(TimeStampedModel):
    """A participant's rating (1 to 5) and comment after a session; private to them and coaches."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="feedbacks", verbose_name=_("séance")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="feedbacks", verbose_name=_("personne")
    )
    rating = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("retour")
        verbose_name_plural = _("retours")
        ordering = ("session", "-created_at")
        constraints = [
            models.UniqueConstraint(fields=("session", "person"), name="unique_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session} ({self.rating}/5)"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    """A person's secret iCal address; renewing the token revokes the old address."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("personne")
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("agenda iCal")
        verbose_name_plural = _("agendas iCal")

    def __str__(self) -> str:
        return str(self.person)
