"""The fellow's monthly logbook (« carnet de bord »): one entry per fellow per month.

Private to the fellow and their cohort's coaches; one entry at a time may be shared with the mentor
of the fellow's current mentoring cycle. Every write goes through `services`; who reads what is in
`permissions` and `queries`.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Cohort, Person, Phase

ONE_ENTRY_PER_MONTH = _(
    "Vous avez déjà écrit l’entrée de ce mois : ouvrez-la pour la compléter plutôt que d’en écrire une seconde."
)


class Level(models.IntegerChoices):
    """The self-assessment scale: four levels in words."""

    NOT_AT_ALL = 1, _("pas du tout")
    A_LITTLE = 2, _("un peu")
    YES = 3, _("oui")
    A_LOT = 4, _("beaucoup")


class GoalsStatus(models.TextChoices):
    """Last month's goals, as a whole: a monthly ritual of one hour keeps it simple."""

    REACHED = "reached", _("atteints")
    PARTLY = "partly", _("en partie atteints")
    NOT_REACHED = "not_reached", _("pas atteints")


class Staying(models.TextChoices):
    """After the program: staying in public service (the program's retention indicator)."""

    YES = "yes", _("oui")
    MAYBE = "maybe", _("peut-être")
    NO = "no", _("non")
    UNSURE = "unsure", _("je ne sais pas encore")


# Skills used beyond one's specialty (the program's questionnaires on learning).
SKILLS = (
    ("writing", _("Rédaction")),
    ("project_management", _("Gestion de projet")),
    ("communication", _("Communication")),
    ("community", _("Animation de communauté, événements")),
    ("administration", _("Fonctionnement de l’administration")),
    ("negotiation", _("Stratégie et négociation")),
    ("documentation", _("Documentation")),
    ("other", _("Autre")),
)
SKILL_LABELS = dict(SKILLS)


class Entry(TimeStampedModel):
    """A fellow's entry for one month (`month` is the first day of that month)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="logbook_entries", verbose_name=_("EIG")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="logbook_entries",
        verbose_name=_("promotion"),
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries",
        verbose_name=_("phase"),
    )
    month = models.DateField(_("mois"))
    goals = models.TextField(_("mes objectifs pour le mois"), blank=True)
    previous_goals_status = models.CharField(
        _("mes objectifs du mois dernier"), max_length=20, choices=GoalsStatus.choices, blank=True
    )
    previous_goals_comment = models.TextField(_("ce qui a marché ou non"), blank=True)
    learnt = models.TextField(_("ce que j’ai appris"), blank=True)
    skills = models.JSONField(_("compétences hors de ma spécialité"), default=list, blank=True)
    skills_other = models.CharField(_("précisions"), max_length=300, blank=True)
    staying = models.CharField(
        _("rester dans la fonction publique après le programme"),
        max_length=20,
        choices=Staying.choices,
        blank=True,
    )
    staying_why = models.TextField(_("pourquoi"), blank=True)
    notes = models.TextField(_("notes libres"), blank=True)
    shared_with = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries_shared",
        verbose_name=_("partagée avec"),
    )
    shared_at = models.DateTimeField(_("partagée le"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("entrée du carnet de bord")
        verbose_name_plural = _("entrées du carnet de bord")
        ordering = ("-month", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "month"),
                name="unique_logbook_entry_per_month",
                violation_error_message=ONE_ENTRY_PER_MONTH,
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="logbook_month_first_day",
                violation_error_message=_("Le mois est noté par son premier jour."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("logbook:entry_detail", kwargs={"pk": self.pk})

    @property
    def skill_labels(self) -> list[str]:
        return [str(SKILL_LABELS.get(code, code)) for code in self.skills or []]


class Rating(models.Model):
    """A self-assessed competence: its text as it was that month (a snapshot) and the level."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("entrée")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    competence = models.CharField(_("compétence"), max_length=300)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)

    class Meta:
        verbose_name = _("auto-évaluation")
        verbose_name_plural = _("auto-évaluations")
        ordering = ("entry", "position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("entry", "competence"), name="unique_logbook_rating_competence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence} : {self.get_level_display()}"


class EntryNeed(models.Model):
    """A need written in an entry; it may become a help request or a mentoring need, linked."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="needs", verbose_name=_("entrée")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.CharField(_("besoin"), max_length=500)
    help_request = models.OneToOneField(
        "helpdesk.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_need",
        verbose_name=_("demande d’aide"),
    )
    mentoring_need = models.OneToOneField(
        "mentoring.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_need",
        verbose_name=_("besoin de mentorat"),
    )

    class Meta:
        verbose_name = _("besoin noté au carnet")
        verbose_name_plural = _("besoins notés au carnet")
        ordering = ("entry", "position", "pk")

    def __str__(self) -> str:
        return self.text

    @property
    def is_turned(self) -> bool:
        """Whether it became a help request or a mentoring need (then it stays as written)."""
        return self.help_request_id is not None or self.mentoring_need_id is not None


class Reminder(models.Model):
    """The monthly reminder sent to a fellow: once per fellow per month (the constraint)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("EIG")
    )
    month = models.DateField(_("mois"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rappel du carnet de bord")
        verbose_name_plural = _("rappels du carnet de bord")
        ordering = ("-month", "person")
        constraints = [
            models.UniqueConstraint(fields=("person", "month"), name="unique_logbook_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.month:%Y-%m}"
