"""Every write and rule of the weekly bulletins: writing a week's bulletin, the reminders of the
last working day, the digest, the digest opt-in and a team's chat webhook.

The week opens on Monday and locks on its last working day at MAGELLAN_BULLETIN_LOCK_TIME (Paris
time, `weeks.locks_at`). The three scheduled jobs (`remind_silent_teams`, `remind_silent_members`,
`send_digest`) claim a `Sending` row per team (or cohort) and week before sending: run twice, they
send once.
"""

import datetime
import functools
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from magellan.core.site import site_url
from magellan.directory.models import Challenge, Cohort, Person
from magellan.helpdesk.services import HelpdeskError, open_help_request

from . import queries, tasks, weeks
from .models import (
    Bulletin,
    DigestSubscription,
    Sending,
    SendingKind,
    TeamSettings,
    week_url,
)
from .weeks import Week


class BulletinError(Exception):
    """A refused write, with its French message."""


class StaleBulletinError(BulletinError):
    """Someone saved the bulletin since the writer opened it: `current` is the saved one."""

    def __init__(self, message: str, *, current: Bulletin) -> None:
        super().__init__(message)
        self.current = current


def _week_label(week: Week) -> str:
    return _("semaine %(week)s de %(year)s") % {"week": week[1], "year": week[0]}


def check_open(*, week: Week, now: datetime.datetime) -> None:
    """Refuse a write outside the week's opening (Monday) and lock (last working day)."""
    if now < weeks.opens_at(week):
        raise BulletinError(
            _("Le bulletin de la %(week)s n’est pas encore ouvert : il ouvre le lundi.")
            % {"week": _week_label(week)}
        )
    if now >= weeks.locks_at(week):
        raise BulletinError(
            _(
                "Le bulletin de la %(week)s est clos depuis %(day)s à %(time)s : il ne peut "
                "plus être modifié."
            )
            % {
                "week": _week_label(week),
                "day": weeks.last_working_day(week).strftime("%d/%m/%Y"),
                "time": weeks.lock_time().strftime("%H:%M"),
            }
        )


def _validate(bulletin: Bulletin) -> None:
    try:
        bulletin.full_clean(exclude=["help_request"], validate_unique=False)
    except ValidationError as error:
        raise BulletinError(" ".join(error.messages)) from error


@transaction.atomic
def save_bulletin(
    *,
    challenge: Challenge,
    person: Person,
    week: Week,
    version: int | None,
    mood: int,
    priority: str,
    ups_and_downs: str,
    help_needed: str = "",
    help_is_private: bool = False,
    open_request: bool = False,
    key_date: datetime.date | None = None,
    key_date_description: str = "",
    now: datetime.datetime,
) -> Bulletin:
    """Write (`version` None) or edit (`version` as read) a team's bulletin of the week."""
    if not queries.is_writer(person, challenge):
        raise BulletinError(_("Seuls les membres de l’équipe de ce défi écrivent son bulletin."))
    check_open(week=week, now=now)
    cohort = queries.cohort_of(challenge, week)
    if cohort is None:
        raise BulletinError(_("Ce défi ne fait partie d’aucune promotion en cours cette semaine."))
    current = (
        Bulletin.objects.select_for_update()
        .filter(challenge=challenge, iso_year=week[0], iso_week=week[1])
        .select_related("last_editor")
        .first()
    )
    if current is None:
        bulletin = Bulletin(
            challenge=challenge,
            cohort=cohort,
            iso_year=week[0],
            iso_week=week[1],
            author=person,
            version=1,
        )
    elif version is None:
        raise StaleBulletinError(
            _(
                "Votre équipe a déjà écrit le bulletin de cette semaine (%(name)s) : il est "
                "affiché ci-dessous ; votre texte est conservé dans le formulaire, reportez-y ce "
                "qui manque."
            )
            % {"name": current.last_editor.name},
            current=current,
        )
    elif version != current.version:
        raise StaleBulletinError(
            _(
                "%(name)s a modifié ce bulletin pendant que vous écriviez : sa version est "
                "affichée ci-dessous ; votre texte est conservé dans le formulaire, reportez-y "
                "ce qui manque puis enregistrez."
            )
            % {"name": current.last_editor.name},
            current=current,
        )
    else:
        bulletin = current
        bulletin.version = current.version + 1
    bulletin.mood = mood
    bulletin.priority = (priority or "").strip()
    bulletin.ups_and_downs = (ups_and_downs or "").strip()
    bulletin.help_needed = (help_needed or "").strip()
    bulletin.help_is_private = help_is_private
    bulletin.key_date = key_date
    bulletin.key_date_description = (key_date_description or "").strip()
    bulletin.last_editor = person
    if open_request and not bulletin.help_needed and bulletin.help_request_id is None:
        raise BulletinError(
            _("Décrivez l’aide dont l’équipe a besoin pour ouvrir une demande d’aide.")
        )
    _validate(bulletin)
    try:
        with transaction.atomic():
            bulletin.save()
    except IntegrityError as error:
        raise BulletinError(
            _("Votre équipe a déjà écrit le bulletin de cette semaine : rechargez la page.")
        ) from error
    if open_request and bulletin.help_request_id is None:
        _open_request(bulletin=bulletin, person=person)
    return bulletin


def _open_request(*, bulletin: Bulletin, person: Person) -> None:
    """Open a help request from the bulletin's help need, linked both ways."""
    try:
        request = open_help_request(
            author=person,
            subject=_("Bulletin de la %(week)s : %(need)s")
            % {
                "week": _week_label((bulletin.iso_year, bulletin.iso_week)),
                "need": bulletin.help_needed[:80],
            },
            description=bulletin.help_needed,
            challenge=bulletin.challenge,
            origin=bulletin,
            by=person.user,
        )
    except HelpdeskError as error:
        raise BulletinError(str(error)) from error
    bulletin.help_request = request
    bulletin.save(update_fields=["help_request", "updated_at"])


def set_digest_subscription(*, person: Person, subscribed: bool) -> bool:
    """Opt in or out of the weekly digest; returns whether the person now receives it."""
    if subscribed:
        if not queries.my_cohort_ids(person.user):
            raise BulletinError(_("Le récapitulatif est réservé aux membres d’une promotion."))
        DigestSubscription.objects.get_or_create(person=person)
    else:
        DigestSubscription.objects.filter(person=person).delete()
    return subscribed


def set_webhook(*, challenge: Challenge, url: str) -> TeamSettings:
    """Set (or clear, with an empty string) a team's chat webhook."""
    team_settings, _created = TeamSettings.objects.get_or_create(challenge=challenge)
    team_settings.webhook_url = (url or "").strip()
    try:
        team_settings.full_clean()
    except ValidationError as error:
        raise BulletinError(" ".join(error.messages)) from error
    team_settings.save()
    return team_settings


# --- Scheduled jobs --------------------------------------------------------------------------


def _claim(
    *, kind: str, week: Week, challenge: Challenge | None = None, cohort: Cohort | None = None
) -> Sending | None:
    """The row that says this sending is done (None if it already was): taken before sending."""
    try:
        with transaction.atomic():
            return Sending.objects.create(
                kind=kind, challenge=challenge, cohort=cohort, iso_year=week[0], iso_week=week[1]
            )
    except IntegrityError:
        return None


def _email(*, to: list[str], subject: str, template: str, context: dict[str, Any]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"site_url": site_url(), **context})
    return EmailMessage(subject=subject, body=body, to=to)


def silent_teams(week: Week) -> list[tuple[Cohort, Challenge]]:
    """The teams that owe a bulletin this week and have not written it."""
    wrote = set(
        Bulletin.objects.filter(iso_year=week[0], iso_week=week[1]).values_list(
            "challenge_id", flat=True
        )
    )
    return [
        (cohort, challenge)
        for cohort, challenges in queries.active_teams(week).items()
        for challenge in challenges
        if challenge.pk not in wrote
    ]


def _reminder_text(challenge: Challenge, week: Week) -> str:
    return _(
        "Rappel : le bulletin de la %(week)s de l’équipe « %(team)s » n’est pas encore écrit. "
        "Il se ferme aujourd’hui à %(time)s : %(url)s"
    ) % {
        "week": _week_label(week),
        "team": challenge.title,
        "time": weeks.lock_time().strftime("%H:%M"),
        "url": site_url() + challenge_write_url(challenge),
    }


def challenge_write_url(challenge: Challenge) -> str:
    from django.urls import reverse

    return reverse("bulletins:write", args=[challenge.pk])


def _reminder_week(now: datetime.datetime) -> Week | None:
    """The week whose reminders are due at `now`: on its last working day, before the lock (a
    run by hand on another day sends nothing, and so never takes the real reminder's place)."""
    week = weeks.week_at(now)
    if weeks.local_day(now) != weeks.last_working_day(week) or now >= weeks.locks_at(week):
        return None
    return week


def _post(*, url: str, text: str) -> None:
    tasks.post_to_webhook.enqueue(url=url, text=text)


def remind_silent_teams(*, now: datetime.datetime) -> int:
    """10:00 on the last working day: one e-mail to each silent team (and its chat webhook, if
    set); returns how many teams were reminded."""
    week = _reminder_week(now)
    if week is None:
        return 0
    count = 0
    for _cohort, challenge in silent_teams(week):
        addresses = [p.email for p in queries.writers_of(challenge) if p.email]
        with transaction.atomic():
            if _claim(kind=SendingKind.TEAM_REMINDER, week=week, challenge=challenge) is None:
                continue
            text = _reminder_text(challenge, week)
            if addresses:
                _email(
                    to=addresses,
                    subject=_("Bulletin de la semaine : votre équipe n’a pas encore écrit"),
                    template="bulletins/emails/team_reminder.txt",
                    context={"challenge": challenge, "text": text},
                ).send()
            webhook = TeamSettings.objects.filter(challenge=challenge).exclude(webhook_url="")
            url = webhook.values_list("webhook_url", flat=True).first()
            if url:
                transaction.on_commit(functools.partial(_post, url=url, text=text))
            Sending.objects.filter(
                kind=SendingKind.TEAM_REMINDER,
                challenge=challenge,
                iso_year=week[0],
                iso_week=week[1],
            ).update(recipients=len(addresses))
        count += 1
    return count


def remind_silent_members(*, now: datetime.datetime) -> int:
    """14:00 on the last working day: one e-mail to each member of a team still silent; returns
    how many people were reminded."""
    week = _reminder_week(now)
    if week is None:
        return 0
    count = 0
    for _cohort, challenge in silent_teams(week):
        writers = [p for p in queries.writers_of(challenge) if p.email]
        with transaction.atomic():
            if _claim(kind=SendingKind.MEMBER_REMINDER, week=week, challenge=challenge) is None:
                continue
            messages = [
                _email(
                    to=[person.email],
                    subject=_("Bulletin de la semaine : il se ferme à %(time)s")
                    % {"time": weeks.lock_time().strftime("%H:%M")},
                    template="bulletins/emails/member_reminder.txt",
                    context={
                        "person": person,
                        "challenge": challenge,
                        "text": _reminder_text(challenge, week),
                    },
                )
                for person in writers
            ]
            if messages:
                with get_connection() as connection:
                    connection.send_messages(messages)
            Sending.objects.filter(
                kind=SendingKind.MEMBER_REMINDER,
                challenge=challenge,
                iso_year=week[0],
                iso_week=week[1],
            ).update(recipients=len(messages))
        count += len(messages)
    return count


def send_digest(*, now: datetime.datetime) -> int:
    """At the lock on the last working day: each running cohort's digest to its coaches and its
    members who opted in; returns how many e-mails left."""
    week = weeks.week_at(now)
    if now < weeks.locks_at(week):
        return 0
    count = 0
    for cohort in queries.active_teams(week):
        with transaction.atomic():
            if _claim(kind=SendingKind.DIGEST, week=week, cohort=cohort) is None:
                continue
            messages = []
            for person, coach in queries.digest_recipients(cohort):
                challenge_ids = (
                    person.memberships.values_list("challenge_id", flat=True) if not coach else ()
                )
                digest = queries.digest_for(
                    cohort, week, coach=coach, challenge_ids=list(challenge_ids)
                )
                messages.append(
                    _email(
                        to=[person.email],
                        subject=_("Les bulletins de la %(week)s — %(cohort)s")
                        % {"week": _week_label(week), "cohort": cohort},
                        template="bulletins/emails/digest.txt",
                        context={
                            "person": person,
                            "digest": digest,
                            "url": site_url() + week_url(cohort, *week),
                        },
                    )
                )
            if messages:
                with get_connection() as connection:
                    connection.send_messages(messages)
            Sending.objects.filter(
                kind=SendingKind.DIGEST, cohort=cohort, iso_year=week[0], iso_week=week[1]
            ).update(recipients=len(messages))
        count += len(messages)
    return count
