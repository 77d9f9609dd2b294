"""Groups formed for a session: the grouping (seed, status, scores), its groups and members.

A session has at most one published grouping (what participants see) and at most one draft (the
coach's new proposal) beside it: re-forming or editing published groups works on a draft, and
publishing that draft replaces the published grouping. Two readings, each one QuerySet method
that every reader uses: `published()` (participants, e-mails, encounters that happened) and
`working()` (the coach's proposal: the draft where there is one, the published grouping
otherwise — the group pages, a series being planned, exports, a person's follow-up).

Encounters are not stored: they are derived from published groups and the attendance taken at
past sessions (see queries.py), so they never drift from what actually happened.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Person
from magellan.program.models import Session

from .scoring import Verdict, verdict

# Seeds of the engine run from 1 to MAX_SEED ("another proposal" takes the next one).
MAX_SEED = 1_000_000


def next_seed(seed: int | None) -> int:
    """The seed of another proposal after `seed` (1 when there was none), within 1..MAX_SEED."""
    return (seed or 0) % MAX_SEED + 1


class GroupingKind(models.TextChoices):
    DIVERSE = "diverse", _("Groupes mixtes")
    PEER = "peer", _("Groupes de pairs")


class GroupingStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiés")


class GroupingQuerySet(models.QuerySet["Grouping"]):
    def published(self) -> "GroupingQuerySet":
        """The groups participants see."""
        return self.filter(status=GroupingStatus.PUBLISHED)

    def drafts(self) -> "GroupingQuerySet":
        return self.filter(status=GroupingStatus.DRAFT)

    def working(self) -> "GroupingQuerySet":
        """The coach's proposal of each session: its draft, or its published groups if no draft."""
        draft_beside = Grouping.objects.filter(
            session=OuterRef("session"), status=GroupingStatus.DRAFT
        )
        return self.filter(Q(status=GroupingStatus.DRAFT) | ~Exists(draft_beside))


class Grouping(TimeStampedModel):
    """The groups of one session, as formed by the engine (with its seed) and edited by a coach."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="groupings", verbose_name=_("séance")
    )
    kind = models.CharField(_("type"), max_length=20, choices=GroupingKind.choices)
    status = models.CharField(
        _("état"), max_length=20, choices=GroupingStatus.choices, default=GroupingStatus.DRAFT
    )
    # The engine's seed: internal (the pages say "another proposal"), the same seed, the same groups.
    seed = models.PositiveIntegerField(_("numéro de proposition"), default=1)
    series_size = models.PositiveSmallIntegerField(_("séances planifiées ensemble"), default=1)
    objective = models.FloatField(_("objectif"), default=0.0)
    cost = models.FloatField(_("paires de même catégorie (pondérées)"), default=0.0)
    bound = models.FloatField(_("borne inférieure"), default=0.0)
    repeat_weight = models.FloatField(_("poids d’une rencontre répétée"), default=0.0)
    repeats = models.PositiveIntegerField(_("rencontres répétées"), default=0)
    new_encounters = models.PositiveIntegerField(_("nouvelles rencontres"), default=0)
    violations = models.PositiveIntegerField(_("contraintes non respectées"), default=0)
    cpu_seconds = models.FloatField(_("temps de calcul (s)"), default=0.0)
    is_edited = models.BooleanField(_("modifiés à la main"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("formés par"),
    )
    published_at = models.DateTimeField(_("publiés le"), null=True, blank=True)
    announced_at = models.DateTimeField(_("annoncés le"), null=True, blank=True)

    objects = GroupingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("groupes d’une séance")
        verbose_name_plural = _("groupes des séances")
        ordering = ("session__starts_at", "pk")
        constraints = [
            # At most one published grouping and one draft per session.
            models.UniqueConstraint(
                fields=("session", "status"), name="one_grouping_per_session_and_status"
            )
        ]

    def __str__(self) -> str:
        return str(self.session)

    def get_absolute_url(self) -> str:
        return reverse("grouping:session_groups", kwargs={"pk": self.session_id})

    @property
    def is_published(self) -> bool:
        return self.status == GroupingStatus.PUBLISHED

    @property
    def verdict(self) -> Verdict:
        """The plain verdict on these groups' mix (`scoring.verdict`)."""
        return verdict(cost=self.cost, bound=self.bound, violations=self.violations)

    @property
    def gap_pct(self) -> float | None:
        """Distance to the lower bound, in percent (None when the bound is 0 but the cost is not)."""
        if self.bound > 0:
            return 100.0 * (self.cost - self.bound) / self.bound
        return 0.0 if self.cost <= 1e-9 else None


class Group(models.Model):
    grouping = models.ForeignKey(
        Grouping, on_delete=models.CASCADE, related_name="groups", verbose_name=_("groupes")
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    label = models.CharField(_("libellé"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")
        ordering = ("grouping", "number")
        constraints = [
            models.UniqueConstraint(fields=("grouping", "number"), name="unique_group_number")
        ]

    def __str__(self) -> str:
        return str(_("Groupe %(number)s") % {"number": self.number})


class GroupMember(models.Model):
    """A person in a group; `grouping` repeats the group's so that a person is in one group only."""

    grouping = models.ForeignKey(
        Grouping, on_delete=models.CASCADE, related_name="members", verbose_name=_("groupes")
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("groupe")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("personne"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membre d’un groupe")
        verbose_name_plural = _("membres des groupes")
        ordering = ("group__number", "person__name")
        constraints = [
            models.UniqueConstraint(
                fields=("grouping", "person"), name="unique_member_per_grouping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.group}"
