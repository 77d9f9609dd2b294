"""Personal data: erasure on request (a coach confirms or refuses), the erasure itself, and the
retention jobs (inactive alumni warned then anonymised, stale calendar feeds and API tokens purged)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.audit.services import forget, forget_logins
from magellan.core.site import site_url
from magellan.directory.models import Person, Role

from . import registry
from .models import Erasure, ErasureOrigin, ErasureRequest, ErasureStatus, RetentionNotice


class PrivacyError(Exception):
    """A refused personal-data action; its message is for the user (French)."""


def is_erased(person: Person) -> bool:
    """Whether this person was erased (anonymised)."""
    return Erasure.objects.filter(person=person).exists()


def _address(person: Person) -> str:
    return person.user.email if person.user_id and person.user else person.email


@transaction.atomic
def request_erasure(*, person: Person, reason: str = "") -> ErasureRequest:
    """Record a person's request that their data be erased, for a coach to confirm."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if is_erased(person):
        raise PrivacyError(_("Vos données ont déjà été effacées."))
    if ErasureRequest.objects.filter(person=person, status=ErasureStatus.PENDING).exists():
        raise PrivacyError(_("Votre demande d’effacement est déjà en attente."))
    return ErasureRequest.objects.create(person=person, reason=reason.strip())


def _pending(request: ErasureRequest, by: Any) -> ErasureRequest:
    locked = (
        ErasureRequest.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=request.pk)
    )
    if locked.status != ErasureStatus.PENDING:
        raise PrivacyError(
            _("Cette demande a déjà été traitée (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    if locked.person.user_id is not None and locked.person.user_id == getattr(by, "pk", None):
        raise PrivacyError(_("Une autre personne de l’équipe doit traiter votre propre demande."))
    return locked


@transaction.atomic
def confirm_erasure(*, request: ErasureRequest, by: Any) -> ErasureRequest:
    """Confirm a pending request: the person is erased at once (and told at their old address)."""
    locked = _pending(request, by)
    address = _address(locked.person)
    erase_person(locked.person, by=by)
    locked.status = ErasureStatus.CONFIRMED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    if address:
        transaction.on_commit(
            lambda: send_mail(
                subject=_("Vos données Magellan ont été effacées"),
                message=_(
                    "Bonjour,\n\nVotre demande d’effacement a été confirmée : votre compte Magellan "
                    "est fermé et les données personnelles que Magellan gardait sur vous sont "
                    "effacées ou anonymisées. Les chiffres d’ensemble du programme (présences, "
                    "indicateurs) restent, sans votre nom.\n\nCe message est le dernier que vous "
                    "recevrez de Magellan.\n"
                ),
                from_email=None,
                recipient_list=[address],
            )
        )
    return locked


@transaction.atomic
def refuse_erasure(*, request: ErasureRequest, by: Any, reason: str) -> ErasureRequest:
    """Refuse a pending request with a reason, which the person receives by e-mail."""
    reason = reason.strip()
    if not reason:
        raise PrivacyError(_("Dites à la personne pourquoi sa demande est refusée."))
    locked = _pending(request, by)
    locked.status = ErasureStatus.REFUSED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.refusal_reason = reason
    locked.save(
        update_fields=["status", "decided_at", "decided_by", "refusal_reason", "updated_at"]
    )
    address = _address(locked.person)
    if address:
        url = site_url() + reverse("privacy:home")
        transaction.on_commit(
            lambda: send_mail(
                subject=_("Votre demande d’effacement n’a pas été acceptée"),
                message=_(
                    "Bonjour %(name)s,\n\nL’équipe du programme n’a pas accepté votre demande "
                    "d’effacement de vos données, pour la raison suivante :\n\n%(reason)s\n\n"
                    "Vous pouvez en reparler avec elle, ou faire une nouvelle demande : %(url)s\n"
                )
                % {"name": locked.person.name, "reason": reason, "url": url},
                from_email=None,
                recipient_list=[address],
            )
        )
    return locked


@transaction.atomic
def erase_person(
    person: Person,
    *,
    by: Any,
    origin: str = ErasureOrigin.REQUEST,
    now: datetime.datetime | None = None,
) -> Erasure:
    """Anonymise a person everywhere (each app's `erase`), close their account, and delete the
    history and login records of what was erased; aggregates stay, pointing at the anonymised person."""
    # No select_related: FOR UPDATE cannot reach the nullable side of an outer join (PostgreSQL).
    person = Person.objects.select_for_update().get(pk=person.pk)
    if is_erased(person):
        raise PrivacyError(_("Cette personne a déjà été effacée."))
    addresses = {a for a in (person.email, person.user.email if person.user else "") if a}
    for section in registry.erase_order():
        section.erase(person)
    for address in addresses:
        forget_logins(address)
    person.refresh_from_db()
    forget([person])
    if person.user is not None:
        forget([person.user])
    return Erasure.objects.create(
        person=person, erased_at=now or timezone.now(), erased_by=by, origin=origin
    )


# --- Retention (scheduled jobs: magellan/scheduler/jobs.py) ----------------------------------


def _inactive_since(limit: datetime.datetime) -> Q:
    """Accounts with no login since `limit` (or never, and created before it)."""
    return Q(user__last_login__lt=limit) | Q(
        user__last_login__isnull=True, user__date_joined__lt=limit
    )


def inactive_alumni(*, now: datetime.datetime) -> Any:
    """Alumni (not coaches) whose active account shows no login for MAGELLAN_ALUMNI_RETENTION_YEARS."""
    limit = now - datetime.timedelta(days=365 * settings.MAGELLAN_ALUMNI_RETENTION_YEARS)
    return (
        Person.objects.filter(cohort_roles__role=Role.ALUMNI, user__is_active=True)
        .exclude(cohort_roles__role=Role.COACH)
        .filter(_inactive_since(limit))
        .filter(erasure__isnull=True)
        .distinct()
        .order_by("pk")
    )


def warn_inactive_alumni(*, now: datetime.datetime | None = None) -> int:
    """E-mail each inactive alumni not yet warned that they will be anonymised unless they sign in."""
    now = now or timezone.now()
    days = settings.MAGELLAN_RETENTION_WARNING_DAYS
    url = site_url() + reverse("accounts:login")
    sent = 0
    for person in (
        inactive_alumni(now=now).filter(retention_notice__isnull=True).select_related("user")
    ):
        with transaction.atomic():
            _notice, created = RetentionNotice.objects.get_or_create(
                person=person, defaults={"warned_at": now}
            )
            if not created:
                continue
            send_mail(
                subject=_("Magellan : vos données seront anonymisées dans %(days)s jours")
                % {"days": days},
                message=_(
                    "Bonjour %(name)s,\n\nVous ne vous êtes pas connecté·e à Magellan depuis "
                    "%(years)s ans. Sans connexion de votre part d’ici %(days)s jours, votre compte "
                    "sera fermé et vos données personnelles anonymisées (les chiffres d’ensemble du "
                    "programme restent, sans votre nom).\n\nPour garder votre compte, il suffit de "
                    "vous connecter : %(url)s\n"
                )
                % {
                    "name": person.name,
                    "years": settings.MAGELLAN_ALUMNI_RETENTION_YEARS,
                    "days": days,
                    "url": url,
                },
                from_email=None,
                recipient_list=[person.user.email],
            )
            sent += 1
    return sent


def anonymise_inactive_alumni(*, now: datetime.datetime | None = None) -> int:
    """Anonymise the alumni warned MAGELLAN_RETENTION_WARNING_DAYS ago who did not sign in since
    (the notice of those who did is withdrawn); the count anonymised."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.MAGELLAN_RETENTION_WARNING_DAYS)
    erased = 0
    for notice in RetentionNotice.objects.filter(warned_at__lte=limit).select_related(
        "person__user"
    ):
        user = notice.person.user
        came_back = user is not None and (
            not user.is_active
            or (user.last_login is not None and user.last_login > notice.warned_at)
        )
        if came_back or is_erased(notice.person):
            notice.delete()
            continue
        erase_person(notice.person, by=None, origin=ErasureOrigin.RETENTION, now=now)
        notice.delete()
        erased += 1
    return erased


def purge_stale_credentials(*, now: datetime.datetime | None = None) -> int:
    """Delete the calendar feeds of accounts closed or unused for MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS,
    and the API tokens revoked or expired for MAGELLAN_API_TOKEN_PURGE_DAYS; the count."""
    from magellan.api.models import ApiToken
    from magellan.program.models import CalendarFeed

    now = now or timezone.now()
    feed_limit = now - datetime.timedelta(days=settings.MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS)
    feeds = CalendarFeed.objects.filter(
        Q(person__user__isnull=True)
        | Q(person__user__is_active=False)
        | Q(person__user__last_login__lt=feed_limit)
        | Q(person__user__last_login__isnull=True, person__user__date_joined__lt=feed_limit)
    )
    count, _deleted = feeds.delete()
    token_limit = now - datetime.timedelta(days=settings.MAGELLAN_API_TOKEN_PURGE_DAYS)
    tokens, _deleted = ApiToken.objects.filter(
        Q(revoked_at__lt=token_limit) | Q(expires_at__lt=token_limit)
    ).delete()
    return count + tokens
