"""Mentoring: mentors' offers, fellows' needs, matching rounds and proposals, cycles of sessions.

Every write goes through `services`; who sees what is in `permissions` and `queries`.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Administration, Challenge, Cohort, Expertise, Person
from magellan.program.models import Session

# The half-days of the working week, as stored in `availability` lists ("mon_am", …).
WEEKDAY_LABELS = (
    ("mon", _("lundi")),
    ("tue", _("mardi")),
    ("wed", _("mercredi")),
    ("thu", _("jeudi")),
    ("fri", _("vendredi")),
)
HALF_DAYS = tuple(
    (f"{day}_{part}", f"{label} {part_label}")
    for day, label in WEEKDAY_LABELS
    for part, part_label in (("am", _("matin")), ("pm", _("après-midi")))
)
HALF_DAY_CODES = frozenset(code for code, _label in HALF_DAYS)

LANGUAGES = (
    ("fr", _("français")),
    ("en", _("anglais")),
    ("es", _("espagnol")),
    ("de", _("allemand")),
)

CAPACITY_AT_LEAST_ONE = _(
    "Indiquez au moins 1 (mettez votre offre en pause pour ne plus en recevoir)."
)


class Level(models.IntegerChoices):
    PRACTICE = 1, _("Pratique")
    CONFIRMED = 2, _("Confirmé·e")
    EXPERT = 3, _("Expert·e")


class Mode(models.TextChoices):
    ONLINE = "online", _("En ligne")
    IN_PERSON = "in_person", _("En présentiel")
    EITHER = "either", _("En ligne ou en présentiel")


class Offer(TimeStampedModel):
    """A mentor's offer: what they can help with, how much and when."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="mentoring_offer", verbose_name=_("personne")
    )
    pitch = models.TextField(_("présentation courte"), max_length=1000)
    capacity = models.PositiveSmallIntegerField(
        _("cycles en même temps"),
        default=1,
        validators=[MinValueValidator(1, CAPACITY_AT_LEAST_ONE)],
    )
    capacity_per_quarter = models.PositiveSmallIntegerField(
        _("cycles par trimestre"),
        default=2,
        validators=[MinValueValidator(1, CAPACITY_AT_LEAST_ONE)],
    )
    availability = models.JSONField(
        _("disponibilités"), default=list, blank=True, help_text=_("Demi-journées de la semaine.")
    )
    mode = models.CharField(_("modalité"), max_length=20, choices=Mode.choices, default=Mode.EITHER)
    place = models.CharField(_("lieu (en présentiel)"), max_length=200, blank=True)
    languages = models.JSONField(_("langues"), default=list, blank=True)
    administration = models.ForeignKey(
        Administration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_offers",
        verbose_name=_("administration d’appartenance"),
        help_text=_("Personne ne vous est proposé de votre propre administration."),
    )
    is_paused = models.BooleanField(
        _("en pause"), default=False, help_text=_("Aucune nouvelle proposition pendant la pause.")
    )

    class Meta:
        verbose_name = _("offre de mentorat")
        verbose_name_plural = _("offres de mentorat")
        ordering = ("person__name",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1) & models.Q(capacity_per_quarter__gte=1),
                name="offer_capacities_at_least_one",
                violation_error_message=CAPACITY_AT_LEAST_ONE,
            )
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages or []]


class OfferExpertise(models.Model):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="expertises", verbose_name=_("offre")
    )
    expertise = models.ForeignKey(
        Expertise, on_delete=models.CASCADE, related_name="+", verbose_name=_("expertise")
    )
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)

    class Meta:
        verbose_name = _("expertise proposée")
        verbose_name_plural = _("expertises proposées")
        ordering = ("-level", "expertise__name")
        constraints = [
            models.UniqueConstraint(fields=("offer", "expertise"), name="unique_offer_expertise")
        ]

    def __str__(self) -> str:
        return f"{self.expertise} ({self.get_level_display()})"


class AwayPeriod(models.Model):
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="away_periods", verbose_name=_("offre")
    )
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ("start_date",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="away_period_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"


class NeedStatus(models.TextChoices):
    OPEN = "open", _("En attente d’un parrain ou d’une marraine")
    MATCHED = "matched", _("Cycle en cours ou terminé")
    WITHDRAWN = "withdrawn", _("Retiré")


class Need(TimeStampedModel):
    """What a fellow (or a challenge team, for a collective cycle) wants help with."""

    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="mentoring_needs",
        verbose_name=_("promotion"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentoring_needs", verbose_name=_("pour")
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_needs",
        verbose_name=_("cycle collectif pour l’équipe du défi"),
    )
    main_expertise = models.ForeignKey(
        Expertise,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expertise principale"),
    )
    secondary_expertises = models.ManyToManyField(
        Expertise, related_name="+", blank=True, verbose_name=_("expertises secondaires")
    )
    description = models.TextField(_("description du besoin"))
    wished_start = models.DateField(_("à partir du"), null=True, blank=True)
    wished_end = models.DateField(_("jusqu’au"), null=True, blank=True)
    mode = models.CharField(_("modalité"), max_length=20, choices=Mode.choices, default=Mode.EITHER)
    availability = models.JSONField(_("disponibilités"), default=list, blank=True)
    allow_same_affiliation = models.BooleanField(
        _("autoriser un parrain ou une marraine de la même administration ou du même défi"),
        default=False,
    )
    filed_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    status = models.CharField(
        _("état"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )

    class Meta:
        verbose_name = _("besoin de mentorat")
        verbose_name_plural = _("besoins de mentorat")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wished_start__isnull=True)
                | models.Q(wished_end__isnull=True)
                | models.Q(wished_end__gte=models.F("wished_start")),
                name="need_wished_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.main_expertise}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:need_detail", kwargs={"pk": self.pk})


class Preference(models.Model):
    """One of up to three mentors a need's author would like, in order."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("besoin")
    )
    mentor = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("parrain ou marraine")
    )
    rank = models.PositiveSmallIntegerField(
        _("rang"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        verbose_name = _("préférence")
        verbose_name_plural = _("préférences")
        ordering = ("need", "rank")
        constraints = [
            models.UniqueConstraint(fields=("need", "rank"), name="unique_preference_rank"),
            models.UniqueConstraint(fields=("need", "mentor"), name="unique_preference_mentor"),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=3), name="preference_rank_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.mentor}"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    CONFIRMED = "confirmed", _("Confirmé")


class Round(TimeStampedModel):
    """A coaches' matching round for a cohort: reviewed as a draft, then confirmed."""

    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="mentoring_rounds",
        verbose_name=_("promotion"),
    )
    status = models.CharField(
        _("état"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    needs = models.ManyToManyField(Need, related_name="rounds", verbose_name=_("besoins"))
    # [{"need": id, "reason": "…"}] of the last run, for the review page.
    unmatched = models.JSONField(_("besoins sans proposition"), default=list, blank=True)
    ran_at = models.DateTimeField(_("calculé le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tour d’appariement")
        verbose_name_plural = _("tours d’appariement")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return _("Tour de mentorat %(pk)s — %(cohort)s") % {"pk": self.pk, "cohort": self.cohort}

    def get_absolute_url(self) -> str:
        return reverse("mentoring:round_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == RoundStatus.DRAFT


class ConstraintKind(models.TextChoices):
    PIN = "pin", _("Imposé")
    FORBID = "forbid", _("Interdit")


class RoundConstraint(models.Model):
    """A coach's adjustment of a round: this need gets (pin) or never gets (forbid) this mentor."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="constraints", verbose_name=_("tour")
    )
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type"), max_length=10, choices=ConstraintKind.choices)

    class Meta:
        verbose_name = _("ajustement")
        verbose_name_plural = _("ajustements")
        constraints = [
            models.UniqueConstraint(fields=("round", "need", "mentor"), name="unique_round_pair")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} : {self.need} — {self.mentor}"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Suggérée (tour en préparation)")
    PROPOSED = "proposed", _("Proposée")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    WITHDRAWN = "withdrawn", _("Retirée")


class Proposal(TimeStampedModel):
    """A mentor suggested for a need, with the score and its explanation (terms) kept."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("tour")
    )
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("besoin")
    )
    mentor = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mentoring_proposals",
        verbose_name=_("parrain ou marraine"),
    )
    score = models.FloatField(_("score"), default=0)
    # [{"label": "…", "points": 12.5}, …]: the explanation, term by term.
    terms = models.JSONField(_("détail du score"), default=list, blank=True)
    is_pinned = models.BooleanField(_("imposé par un·e coach"), default=False)
    status = models.CharField(
        _("état"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    proposed_at = models.DateTimeField(_("proposée le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    coach_told_at = models.DateTimeField(
        _("coachs prévenus de l’absence de réponse le"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=("status", "proposed_at"))]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.need}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:proposal_detail", kwargs={"pk": self.pk})


class CycleStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETED = "completed", _("Terminé")


class Cycle(TimeStampedModel):
    """A mentoring cycle: a mentor, their mentee(s), a number of sessions of a set length."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("besoin")
    )
    proposal = models.OneToOneField(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="cycle"
    )
    mentor = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mentored_cycles",
        verbose_name=_("parrain ou marraine"),
    )
    mentees = models.ManyToManyField(
        Person, related_name="mentoring_cycles", verbose_name=_("mentoré·es")
    )
    session_count = models.PositiveSmallIntegerField(
        _("nombre de séances"), default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("durée d’une séance (minutes)"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    status = models.CharField(
        _("état"), max_length=20, choices=CycleStatus.choices, default=CycleStatus.IN_PROGRESS
    )
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    follow_up_requested = models.BooleanField(_("cycle de suite demandé"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle de mentorat")
        verbose_name_plural = _("cycles de mentorat")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return _("Cycle de %(mentor)s — %(need)s") % {"mentor": self.mentor, "need": self.need}

    def get_absolute_url(self) -> str:
        return reverse("mentoring:cycle_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.IN_PROGRESS


class CycleSession(models.Model):
    """A cycle's session, held as a program session of the "Mentorat" format."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="cycle_sessions")
    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="mentoring")

    class Meta:
        verbose_name = _("séance du cycle")
        verbose_name_plural = _("séances du cycle")
        ordering = ("session__starts_at",)

    def __str__(self) -> str:
        return str(self.session)


class SlotOption(models.Model):
    """A time a mentor proposes for the next session; the mentee picks one."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="slot_options")
    starts_at = models.DateTimeField(_("créneau"))

    class Meta:
        verbose_name = _("créneau proposé")
        verbose_name_plural = _("créneaux proposés")
        ordering = ("starts_at",)
        constraints = [
            models.UniqueConstraint(fields=("cycle", "starts_at"), name="unique_slot_option")
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%d/%m/%Y %H:%M}"


class Note(TimeStampedModel):
    """A note in a cycle's shared space: read by the mentor and the mentee(s) only."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("note"), max_length=5000)

    class Meta:
        verbose_name = _("note de cycle")
        verbose_name_plural = _("notes de cycle")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.author} ({self.created_at:%d/%m/%Y})"


class CycleFeedback(TimeStampedModel):
    """One side's end-of-cycle rating and comment (the mentee's comment is theirs to share)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="feedbacks")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=3000)
    shared_with_mentor = models.BooleanField(
        _("montrer mon commentaire au parrain ou à la marraine"), default=False
    )

    class Meta:
        verbose_name = _("retour de fin de cycle")
        verbose_name_plural = _("retours de fin de cycle")
        constraints = [
            models.UniqueConstraint(fields=("cycle", "person"), name="unique_cycle_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="cycle_feedback_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.rating}/5"
