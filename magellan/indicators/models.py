"""The follow-up surveys of the alumni (at the end of the programme, then some months after):
one invitation per person, cohort and wave, with a personal link, and the answer. The indicators
themselves are computed from every app's data (`registry.py`), never stored nor typed in."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Cohort, Person


class Wave(models.TextChoices):
    """When a survey is sent: the programme's end, then `MAGELLAN_SURVEY_MONTHS_AFTER` months."""

    END = "end", _("Fin du programme")
    MONTHS_6 = "m6", _("6 mois après")
    MONTHS_12 = "m12", _("12 mois après")


class SurveyInvitation(TimeStampedModel):
    """A person's invitation to one wave of a cohort's follow-up survey. The link's token is
    only in the e-mail: the database keeps its SHA-256 (`token_hash`)."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("personne"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("promotion"),
    )
    wave = models.CharField(_("vague"), max_length=10, choices=Wave.choices)
    token_hash = models.CharField(_("empreinte du lien"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(_("envois"), default=0)
    expires_at = models.DateTimeField(_("lien valable jusqu’au"))
    reminded_at = models.DateTimeField(_("relancée le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation à l’enquête de suivi")
        verbose_name_plural = _("invitations à l’enquête de suivi")
        ordering = ("cohort", "wave", "person__name")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "cohort", "wave"), name="unique_survey_invitation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort} — {self.get_wave_display()}"


class Employment(models.TextChoices):
    SAME_ADMINISTRATION = "same_administration", _("Dans la même administration")
    OTHER_ADMINISTRATION = "other_administration", _("Dans une autre administration publique")
    LEFT = "left", _("J’ai quitté le service public")


class ProductStatus(models.TextChoices):
    IN_PRODUCTION = "in_production", _("En production")
    IN_DEVELOPMENT = "in_development", _("En développement")
    STOPPED = "stopped", _("Arrêté")
    UNKNOWN = "unknown", _("Je ne sais pas")


class Maintainer(models.TextChoices):
    INTERNAL_TEAM = "internal_team", _("Une équipe interne")
    IT_DEPARTMENT = "it_department", _("La DSI")
    CONTRACTOR = "contractor", _("Un prestataire")
    NOBODY = "nobody", _("Personne")
    OTHER = "other", _("Autre")
    UNKNOWN = "unknown", _("Je ne sais pas")


class SurveyAnswer(TimeStampedModel):
    """The answer to an invitation; its author can read and correct it (`version`)."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        on_delete=models.CASCADE,
        related_name="answer",
        verbose_name=_("invitation"),
    )
    employment = models.CharField(
        _("où travaillez-vous aujourd’hui ?"), max_length=30, choices=Employment.choices
    )
    role = models.CharField(_("votre fonction"), max_length=200, blank=True)
    product_status = models.CharField(
        _("le produit du défi"), max_length=20, choices=ProductStatus.choices
    )
    carried_by = models.CharField(
        _("qui porte le produit aujourd’hui ?"), max_length=200, blank=True
    )
    maintained_by = models.CharField(
        _("qui le maintient ?"), max_length=20, choices=Maintainer.choices
    )
    comment = models.TextField(_("commentaire"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("réponse à l’enquête de suivi")
        verbose_name_plural = _("réponses à l’enquête de suivi")

    def __str__(self) -> str:
        return str(self.invitation)

    @property
    def in_public_service(self) -> bool:
        return self.employment != Employment.LEFT
