"""Weekly team bulletins: one per challenge team and ISO week, the team's chat settings, the
members' digest opt-in, and the record of reminders and digests already sent (idempotence)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Challenge, Cohort, Person

TEXT_MAX = 300
KEY_DATE_MAX = 200


class Mood(models.IntegerChoices):
    """The team's mood: a text label, always; the emoji (`MOOD_EMOJI`) is decoration only."""

    HARD = 1, _("Difficile")
    MIXED = 2, _("Mitigée")
    GOOD = 3, _("Bonne")
    EXCELLENT = 4, _("Excellente")


MOOD_EMOJI = {Mood.HARD: "☹️", Mood.MIXED: "😐", Mood.GOOD: "🙂", Mood.EXCELLENT: "😀"}


class Bulletin(TimeStampedModel):
    """A team's news of one ISO week."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="bulletins", verbose_name=_("défi")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="bulletins", verbose_name=_("promotion")
    )
    iso_year = models.PositiveSmallIntegerField(_("année ISO"))
    iso_week = models.PositiveSmallIntegerField(_("semaine ISO"))
    mood = models.PositiveSmallIntegerField(_("humeur de l’équipe"), choices=Mood.choices)
    priority = models.CharField(
        _("priorité de la semaine"),
        max_length=TEXT_MAX,
        help_text=_("Le sujet le plus important de votre semaine (300 caractères au plus)."),
    )
    ups_and_downs = models.CharField(
        _("hauts et bas"),
        max_length=TEXT_MAX,
        help_text=_(
            "Ce qui a fonctionné et ce qui vous a donné du fil à retordre (300 caractères au plus)."
        ),
    )
    help_needed = models.CharField(
        _("besoin d’aide"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Facultatif, 300 caractères au plus."),
    )
    help_is_private = models.BooleanField(
        _("garder mon besoin d’aide pour l’équipe et les coachs"),
        default=False,
        help_text=_("La promotion ne le verra pas, ni dans le bulletin ni dans le récapitulatif."),
    )
    help_request = models.OneToOneField(
        "helpdesk.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bulletin",
        verbose_name=_("demande d’aide ouverte"),
    )
    key_date = models.DateField(_("date clé à venir"), null=True, blank=True)
    key_date_description = models.CharField(
        _("ce qui se passera à cette date"),
        max_length=KEY_DATE_MAX,
        blank=True,
        help_text=_("200 caractères au plus ; avec la date, ou rien des deux."),
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="bulletins_written",
        verbose_name=_("auteur·e"),
    )
    last_editor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="bulletins_edited",
        verbose_name=_("dernière modification par"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ("-iso_year", "-iso_week", "challenge__title", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("challenge", "iso_year", "iso_week"),
                name="unique_bulletin_per_team_week",
                violation_error_message=_(
                    "Votre équipe a déjà écrit le bulletin de cette semaine : modifiez-le."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(key_date__isnull=True) & Q(key_date_description=""))
                | (Q(key_date__isnull=False) & ~Q(key_date_description="")),
                name="bulletin_key_date_with_description",
                violation_error_message=_(
                    "Une date clé a une date et une description : donnez les deux, ou aucune."
                ),
            ),
            models.CheckConstraint(
                condition=Q(iso_week__gte=1) & Q(iso_week__lte=53),
                name="bulletin_iso_week_range",
            ),
            models.CheckConstraint(
                condition=Q(mood__gte=1) & Q(mood__lte=4), name="bulletin_mood_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} — {self.iso_year}-S{self.iso_week:02d}"

    @property
    def mood_emoji(self) -> str:
        return MOOD_EMOJI.get(Mood(self.mood), "") if self.mood else ""


class TeamSettings(models.Model):
    """A team's bulletin settings: an optional chat incoming webhook for its reminders."""

    challenge = models.OneToOneField(
        Challenge,
        on_delete=models.CASCADE,
        related_name="bulletin_settings",
        verbose_name=_("défi"),
    )
    webhook_url = models.URLField(
        _("adresse du webhook de discussion"),
        max_length=500,
        blank=True,
        help_text=_(
            "Facultatif : un webhook entrant Tchap, Mattermost ou Slack ; les rappels y sont "
            "aussi postés."
        ),
    )

    class Meta:
        verbose_name = _("réglages des bulletins d’une équipe")
        verbose_name_plural = _("réglages des bulletins des équipes")

    def __str__(self) -> str:
        return str(self.challenge)


class DigestSubscription(models.Model):
    """A member who asked to receive the weekly digest (coaches receive it anyway)."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="bulletin_digest_subscription",
        verbose_name=_("personne"),
    )
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement au récapitulatif des bulletins")
        verbose_name_plural = _("abonnements au récapitulatif des bulletins")

    def __str__(self) -> str:
        return str(self.person)


class SendingKind(models.TextChoices):
    TEAM_REMINDER = "team_reminder", _("Rappel à l’équipe")
    MEMBER_REMINDER = "member_reminder", _("Rappel à chaque membre")
    DIGEST = "digest", _("Récapitulatif")


class Sending(models.Model):
    """A reminder (per team) or a digest (per cohort) sent for a week: claimed before sending, so a
    job run twice never sends twice."""

    kind = models.CharField(_("envoi"), max_length=20, choices=SendingKind.choices)
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("défi")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("promotion")
    )
    iso_year = models.PositiveSmallIntegerField(_("année ISO"))
    iso_week = models.PositiveSmallIntegerField(_("semaine ISO"))
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("envoi des bulletins")
        verbose_name_plural = _("envois des bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "challenge", "iso_year", "iso_week"),
                condition=Q(challenge__isnull=False),
                name="unique_bulletin_sending_per_team_week",
            ),
            models.UniqueConstraint(
                fields=("kind", "cohort", "iso_year", "iso_week"),
                condition=Q(challenge__isnull=True),
                name="unique_bulletin_sending_per_cohort_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.iso_year}-S{self.iso_week:02d}"


def week_url(cohort: Cohort, iso_year: int, iso_week: int) -> str:
    return reverse("bulletins:digest", args=[cohort.slug, iso_year, iso_week])
