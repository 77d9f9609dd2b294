"""The registry of notification kinds: each with its label (shown on the preferences page) and
the frequency that applies until the user chooses another. Add a kind here before notifying it."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Frequency


@dataclass(frozen=True)
class Kind:
    value: str
    label: str | Promise
    default: str


QUESTION_ANSWERED = "question_answered"
THREAD_ACTIVITY = "thread_activity"
QUESTION_IN_EXPERTISE = "question_in_expertise"
UNANSWERED_QUESTION = "unanswered_question"
POST_MODERATED = "post_moderated"
HELP_REQUEST_UPDATE = "help_request_update"
HELP_REQUEST_ASSIGNED = "help_request_assigned"
HELP_QUEUE = "help_queue"
EVALUATION_REPORT_PUBLISHED = "evaluation_report_published"
EVALUATION_REPORT_ACKNOWLEDGED = "evaluation_report_acknowledged"
RETROSPECTIVE_SUBMITTED = "retrospective_submitted"
RETROSPECTIVE_REOPENED = "retrospective_reopened"
RETROSPECTIVE_REMINDER = "retrospective_reminder"
RETROSPECTIVE_COMMENT = "retrospective_comment"

KINDS: dict[str, Kind] = {
    kind.value: kind
    for kind in (
        Kind(QUESTION_ANSWERED, _("Une réponse à ma question"), Frequency.IMMEDIATE),
        Kind(THREAD_ACTIVITY, _("Du nouveau sur un fil que je suis"), Frequency.IMMEDIATE),
        Kind(
            QUESTION_IN_EXPERTISE, _("Une nouvelle question dans mes expertises"), Frequency.DAILY
        ),
        Kind(
            UNANSWERED_QUESTION,
            _("Une question sans réponse dans mes expertises"),
            Frequency.IMMEDIATE,
        ),
        Kind(
            POST_MODERATED, _("Une de mes contributions masquée ou rétablie"), Frequency.IMMEDIATE
        ),
        Kind(HELP_REQUEST_UPDATE, _("Le suivi de mes demandes d’aide"), Frequency.IMMEDIATE),
        Kind(HELP_REQUEST_ASSIGNED, _("Une demande d’aide m’est confiée"), Frequency.IMMEDIATE),
        Kind(HELP_QUEUE, _("Une nouvelle demande d’aide dans la file"), Frequency.DAILY),
        Kind(
            EVALUATION_REPORT_PUBLISHED,
            _("Un rapport d’évaluation publié pour mon défi"),
            Frequency.IMMEDIATE,
        ),
        Kind(
            EVALUATION_REPORT_ACKNOWLEDGED,
            _("Le bilan interne d’un rapport d’évaluation que j’ai écrit"),
            Frequency.IMMEDIATE,
        ),
        Kind(RETROSPECTIVE_SUBMITTED, _("Une équipe remet sa rétrospective"), Frequency.IMMEDIATE),
        Kind(RETROSPECTIVE_COMMENT, _("Un commentaire sur une rétrospective"), Frequency.DAILY),
        Kind(
            RETROSPECTIVE_REOPENED,
            _("La rétrospective de mon équipe est rouverte"),
            Frequency.IMMEDIATE,
        ),
        Kind(
            RETROSPECTIVE_REMINDER,
            _("Le rappel de la rétrospective avant le comité"),
            Frequency.IMMEDIATE,
        ),
    )
}


def get(kind: str) -> Kind:
    """The registered kind, or ValueError for a kind nobody registered (a programming error)."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown notification kind: {kind!r}") from None


def label(kind: str) -> str | Promise:
    """The kind's label, or the raw value for a kind no longer registered."""
    return KINDS[kind].label if kind in KINDS else kind


def default_frequency(kind: str) -> str:
    return get(kind).default
