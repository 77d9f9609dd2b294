"""Account workflows: sending one-time login links."""

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import User
from .tokens import login_link_token


def build_login_link(*, request: HttpRequest, user: User) -> str:
    """The absolute one-time login URL for a user."""
    path = reverse(
        "accounts:login_link",
        kwargs={"user_id": user.pk, "token": login_link_token.make_token(user)},
    )
    return request.build_absolute_uri(path)


def send_login_link(*, request: HttpRequest, email: str) -> bool:
    """Email a one-time login link if an active account has this address; says whether one went."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    minutes = settings.MAGELLAN_LOGIN_LINK_MAX_AGE // 60
    link = build_login_link(request=request, user=user)
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
