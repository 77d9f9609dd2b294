"""The alumni's follow-up surveys: sending each wave when it is due, one reminder, sending again,
answering through the personal link (once), and correcting one's answer when signed in.

A link's token is only in the e-mail: the database keeps its SHA-256. A reminder or a new
sending comes with a fresh link (the previous one then stops working: the latest e-mail's link is
the one that works). Waves: at the cohort's end date (`end`), then `MAGELLAN_SURVEY_MONTHS_AFTER`
months after it (`m6`, `m12`); a wave is sent only within `MAGELLAN_SURVEY_LINK_DAYS` of its date,
so that the scheduler's first run does not survey cohorts that ended long ago.
"""

import calendar
import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from magellan.core.site import site_url
from magellan.directory.models import Cohort, Person

from .. import permissions, queries
from ..models import SurveyAnswer, SurveyInvitation, Wave

ANSWER_FIELDS = (
    "employment",
    "role",
    "product_status",
    "carried_by",
    "maintained_by",
    "comment",
)


class SurveyError(Exception):
    """A refused action on a survey, with the message (in French) that says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownLinkError(SurveyError):
    """No invitation has this link (never sent, mistyped, or replaced by a newer one)."""


class ExpiredLinkError(SurveyError):
    """The link is past its date."""


class AlreadyAnsweredError(SurveyError):
    """The survey was answered: the link cannot be used again."""

    def __init__(self, message: str, *, answer: SurveyAnswer) -> None:
        super().__init__(message)
        self.answer = answer


class AnswerConflictError(SurveyError):
    """The answer changed since the form was shown (another tab, another device)."""

    def __init__(self, message: str, *, current: SurveyAnswer) -> None:
        super().__init__(message)
        self.current = current


def hash_token(token: str) -> str:
    """The SHA-256 of a link's token, as stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def wave_date(cohort: Cohort, wave: str) -> datetime.date | None:
    """When a wave of the cohort's survey is due (None without an end date)."""
    if cohort.end_date is None:
        return None
    if wave == Wave.END:
        return cohort.end_date
    after = settings.MAGELLAN_SURVEY_MONTHS_AFTER
    index = [Wave.MONTHS_6, Wave.MONTHS_12].index(Wave(wave))
    if index >= len(after):
        return None
    return _add_months(cohort.end_date, after[index])


def survey_link(token: str) -> str:
    """The absolute URL of a personal link."""
    return site_url() + reverse("indicators:survey", args=[token])


def _new_token(invitation: SurveyInvitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    return token


def _email(invitation: SurveyInvitation, token: str, *, reminder: bool) -> None:
    context: dict[str, Any] = {
        "person": invitation.person,
        "cohort": invitation.cohort,
        "wave": invitation.get_wave_display(),
        "link": survey_link(token),
        "expires_at": invitation.expires_at,
        "reminder": reminder,
        "my_answers": site_url() + reverse("indicators:my_surveys"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Rappel : votre enquête de suivi EIG (%(cohort)s)")
            if reminder
            else _("Votre enquête de suivi EIG (%(cohort)s)")
        ) % {"cohort": invitation.cohort}
        body = render_to_string("indicators/survey_email.txt", context)
    send_mail(subject, body, None, [invitation.person.email])


@transaction.atomic
def invite(*, person: Person, cohort: Cohort, wave: str, now: datetime.datetime) -> bool:
    """Send a person one wave of a cohort's survey, once; whether an e-mail left."""
    invitation = SurveyInvitation(
        person=person,
        cohort=cohort,
        wave=wave,
        sent_at=now,
        sent_count=1,
        expires_at=now + datetime.timedelta(days=settings.MAGELLAN_SURVEY_LINK_DAYS),
    )
    token = _new_token(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # already invited (another run got there first)
        return False
    _email(invitation, token, reminder=False)
    return True


def send_due_surveys(*, now: datetime.datetime) -> int:
    """The daily job: send each wave that is due to the cohort's fellows not yet invited to it,
    and remind once those who have not answered after MAGELLAN_SURVEY_REMINDER_DAYS; the count
    of e-mails sent."""
    today = timezone.localdate(now)
    window = datetime.timedelta(days=settings.MAGELLAN_SURVEY_LINK_DAYS)
    sent = 0
    cohorts = Cohort.objects.filter(end_date__isnull=False, end_date__lte=today)
    for cohort in cohorts:
        for wave in Wave.values:
            due = wave_date(cohort, wave)
            if due is None or not (due <= today < due + window):
                continue
            invited = set(
                SurveyInvitation.objects.filter(cohort=cohort, wave=wave).values_list(
                    "person_id", flat=True
                )
            )
            for person in queries.surveyed_people(cohort):
                if person.pk not in invited and invite(
                    person=person, cohort=cohort, wave=wave, now=now
                ):
                    sent += 1
    return sent + remind_unanswered(now=now)


def remind_unanswered(*, now: datetime.datetime) -> int:
    """Remind once, with a fresh link, each invitation unanswered MAGELLAN_SURVEY_REMINDER_DAYS
    after it was sent and still valid; the count."""
    limit = now - datetime.timedelta(days=settings.MAGELLAN_SURVEY_REMINDER_DAYS)
    due = SurveyInvitation.objects.filter(
        answered_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__lte=limit,
        expires_at__gt=now,
    ).values_list("pk", flat=True)
    return sum(_remind(pk, now=now) for pk in list(due))


@transaction.atomic
def _remind(pk: int, *, now: datetime.datetime) -> bool:
    invitation = (
        SurveyInvitation.objects.select_for_update().select_related("person", "cohort").get(pk=pk)
    )
    if invitation.answered_at is not None or invitation.reminded_at is not None:
        return False
    token = _new_token(invitation)
    invitation.reminded_at = now
    invitation.save(update_fields=["token_hash", "reminded_at", "updated_at"])
    _email(invitation, token, reminder=True)
    return True


@transaction.atomic
def send_again(*, invitation: SurveyInvitation, by: Any, now: datetime.datetime) -> None:
    """A coach sends an unanswered survey again, with a fresh link valid
    MAGELLAN_SURVEY_LINK_DAYS from now (the previous link stops working)."""
    if not permissions.can_view_surveys(by):
        raise SurveyError(_("Seuls les coachs peuvent renvoyer une enquête."))
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("person", "cohort")
        .get(pk=invitation.pk)
    )
    if invitation.answered_at is not None:
        raise SurveyError(
            _("%(name)s a déjà répondu à cette enquête : elle n’est pas renvoyée.")
            % {"name": invitation.person.name}
        )
    if not invitation.person.email:
        raise SurveyError(
            _("%(name)s n’a pas d’adresse e-mail : l’enquête ne peut pas être envoyée.")
            % {"name": invitation.person.name}
        )
    token = _new_token(invitation)
    invitation.sent_at = now
    invitation.sent_count += 1
    invitation.expires_at = now + datetime.timedelta(days=settings.MAGELLAN_SURVEY_LINK_DAYS)
    invitation.save(
        update_fields=["token_hash", "sent_at", "sent_count", "expires_at", "updated_at"]
    )
    _email(invitation, token, reminder=False)


def invitation_for(token: str, *, now: datetime.datetime) -> SurveyInvitation:
    """The invitation a link opens; raises UnknownLinkError or ExpiredLinkError (an answered one is
    returned: the page shows its answer)."""
    invitation = (
        SurveyInvitation.objects.select_related("person", "cohort", "answer")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise UnknownLinkError(
            _(
                "Ce lien d’enquête n’est pas (ou plus) valable. Si vous avez reçu un rappel ou "
                "un nouvel envoi, utilisez le lien du message le plus récent."
            )
        )
    if invitation.expires_at <= now:
        raise ExpiredLinkError(
            _(
                "Ce lien d’enquête a expiré. Écrivez à l’équipe du programme : elle peut vous "
                "renvoyer l’enquête avec un nouveau lien."
            )
        )
    return invitation


@transaction.atomic
def answer_survey(*, token: str, data: dict[str, Any], now: datetime.datetime) -> SurveyAnswer:
    """Record the answer given through a personal link, once (the link then shows it)."""
    found = invitation_for(token, now=now)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=found.pk)
    existing = SurveyAnswer.objects.filter(invitation=invitation).first()
    if existing is not None or invitation.answered_at is not None:
        raise AlreadyAnsweredError(
            _(
                "Vous avez déjà répondu à cette enquête : ce lien ne sert qu’une fois. "
                "Pour corriger votre réponse, connectez-vous à Magellan."
            ),
            answer=existing or invitation.answer,
        )
    answer = SurveyAnswer.objects.create(
        invitation=invitation, **{name: data.get(name, "") for name in ANSWER_FIELDS}
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at", "updated_at"])
    return answer


@transaction.atomic
def correct_answer(
    *, answer: SurveyAnswer, by: Any, version: int, data: dict[str, Any]
) -> SurveyAnswer:
    """The person who answered corrects their answer (refused if it changed since `version`)."""
    if not permissions.can_correct_answer(by, answer):
        raise SurveyError(_("Seule la personne qui a répondu peut corriger cette réponse."))
    current = (
        SurveyAnswer.objects.select_for_update()
        .select_related("invitation__cohort", "invitation__person")
        .get(pk=answer.pk)
    )
    if current.version != version:
        raise AnswerConflictError(
            _(
                "Votre réponse a été modifiée entre-temps (dans un autre onglet ?) : voici la "
                "version enregistrée ; vos changements sont restés dans le formulaire."
            ),
            current=current,
        )
    for name in ANSWER_FIELDS:
        setattr(current, name, data.get(name, ""))
    current.version += 1
    current.save()
    return current
