"""Account workflows: sending one-time login links, at a limited rate; purging the login log.

A login link is asked for in the request (`request_login_link`: same work whether the address is
known or not) and sent by a task of the `emails` queue (`send_login_link`, which looks the account
up itself): the answer's timing tells nothing about which addresses have an account.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.security import client_ip
from magellan.core.site import site_url

from .models import User
from .tokens import login_link_token


def build_login_link(*, user: User) -> str:
    """The absolute one-time login URL for a user (on MAGELLAN_SITE_URL: no request in a task)."""
    path = reverse(
        "accounts:login_link",
        kwargs={"user_id": user.pk, "token": login_link_token.make_token(user)},
    )
    return site_url() + path


def _within_limit(key: str, limit: int) -> bool:
    """Count one more request under `key` in the current window; False once over `limit`."""
    window = settings.MAGELLAN_LOGIN_LINK_LIMIT_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def may_request_login_link(*, request: HttpRequest, email: str) -> bool:
    """Whether one more link may be sent for this address from this client (known address or not)."""
    address = email.strip().lower()
    ip = client_ip(request) or "unknown"
    per_email = _within_limit(
        f"login-link:email:{address}", settings.MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL
    )
    per_ip = _within_limit(f"login-link:ip:{ip}", settings.MAGELLAN_LOGIN_LINK_LIMIT_PER_IP)
    return per_email and per_ip


def request_login_link(*, email: str) -> None:
    """Enqueue the login-link e-mail of an address, known or not (the task looks the account up)."""
    from .tasks import send_login_link_task

    send_login_link_task.enqueue(email=email.strip())


def send_login_link(*, email: str) -> bool:
    """Email a one-time login link if an active account has this address; says whether one went."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    minutes = settings.MAGELLAN_LOGIN_LINK_MAX_AGE // 60
    link = build_login_link(user=user)
    send_mail(
        subject=_("Votre lien de connexion à Magellan"),
        message=_(
            "Bonjour,\n\nPour vous connecter à Magellan, ouvrez ce lien "
            "(valable %(minutes)s minutes, une seule fois) :\n\n%(link)s\n\nSi vous n’avez rien demandé, ignorez ce message."
        )
        % {"minutes": minutes, "link": link},
        from_email=None,
        recipient_list=[user.email],
    )
    return True


def purge_login_log(*, now: datetime.datetime | None = None) -> int:
    """Delete the logins, failed logins and lockouts (django-axes) older than MAGELLAN_LOGIN_LOG_RETENTION_DAYS."""
    limit = (now or timezone.now()) - datetime.timedelta(
        days=settings.MAGELLAN_LOGIN_LOG_RETENTION_DAYS
    )
    count = 0
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        _total, deleted = model.objects.filter(attempt_time__lt=limit).delete()
        count += deleted.get(model._meta.label, 0)
    return count
