"""Community Q&A ("entraide"): members ask questions, answer, comment and upvote; the asker accepts
an answer, coaches verify answers and hide posts with a reason; every edit keeps a revision.

Every write goes through `services`; who sees what is in `permissions` and `queries`.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from magellan.core.models import TimeStampedModel
from magellan.directory.models import Expertise, Person


class Moderated(models.Model):
    """What a coach sets when they hide a post, and clears when they restore it."""

    is_hidden = models.BooleanField(_("masqué"), default=False)
    hidden_reason = models.TextField(_("motif du masquage"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("masqué par"),
    )
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)

    class Meta:
        abstract = True


class Question(Moderated, TimeStampedModel):
    author = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="community_questions",
        verbose_name=_("auteur"),
    )
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("question"), help_text=_("En Markdown."))
    expertises = models.ManyToManyField(
        Expertise, related_name="community_questions", verbose_name=_("expertises"), blank=True
    )
    accepted_answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réponse acceptée"),
    )
    # The help request its author shared to the community as this question.
    from_help_request = models.ForeignKey(
        "helpdesk.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_questions",
        verbose_name=_("partagée depuis la demande d’aide"),
    )
    # How many edits: a form carries the version it started from (optimistic check).
    version = models.PositiveIntegerField(_("version"), default=0)
    # When the question, still unanswered after 3 working days, was pushed to the experts (once).
    unanswered_pushed_at = models.DateTimeField(
        _("signalée sans réponse le"), null=True, blank=True
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:question_detail", args=[self.pk])


class Answer(Moderated, TimeStampedModel):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    author = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="community_answers", verbose_name=_("auteur")
    )
    body = models.TextField(_("réponse"), help_text=_("En Markdown."))
    is_verified = models.BooleanField(_("vérifiée par un coach"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vérifiée par"),
    )
    verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return _("Réponse de %(author)s") % {"author": self.author}

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#reponse-{self.pk}"


def _one_of(name: str) -> models.CheckConstraint:
    """Exactly one of `question` and `answer` is set."""
    return models.CheckConstraint(
        condition=(Q(question__isnull=False) & Q(answer__isnull=True))
        | (Q(question__isnull=True) & Q(answer__isnull=False)),
        name=name,
    )


class Comment(Moderated, TimeStampedModel):
    """A short remark on a question or on an answer (not edited; a coach may hide it)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="community_comments",
        verbose_name=_("auteur"),
    )
    body = models.TextField(_("commentaire"), max_length=2000)

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ("created_at", "pk")
        constraints = [_one_of("community_comment_on_one_post")]

    def __str__(self) -> str:
        return _("Commentaire de %(author)s") % {"author": self.author}

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#commentaire-{self.pk}"

    @property
    def thread(self) -> Question:
        """The question this comment is under (directly, or through its answer)."""
        if self.question is not None:
            return self.question
        assert self.answer is not None  # noqa: S101 - the check constraint says so
        return self.answer.question


class Vote(models.Model):
    """One member's upvote of a question or an answer (one per member and post)."""

    voter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="community_votes")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            _one_of("community_vote_on_one_post"),
            models.UniqueConstraint(
                fields=["voter", "question"],
                condition=Q(question__isnull=False),
                name="community_vote_once_per_question",
            ),
            models.UniqueConstraint(
                fields=["voter", "answer"],
                condition=Q(answer__isnull=False),
                name="community_vote_once_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} → {self.question or self.answer}"


class Revision(models.Model):
    """The text of a question or an answer before one edit: who edited, when, what it said."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )
    edited_at = models.DateTimeField(_("modifié le"), auto_now_add=True)
    previous_title = models.CharField(_("titre précédent"), max_length=200, blank=True)
    previous_body = models.TextField(_("texte précédent"))

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("révisions")
        ordering = ("-edited_at", "-pk")
        constraints = [_one_of("community_revision_of_one_post")]

    def __str__(self) -> str:
        return f"{self.question or self.answer} · {self.edited_at:%Y-%m-%d %H:%M}"


class Follow(models.Model):
    """A member follows a question: they hear of its new answers and comments."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="community_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="community_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.question}"
