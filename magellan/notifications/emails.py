"""The notifications' e-mails: plain text (the Markdown source) with an HTML alternative where the
Markdown is rendered through `render_markdown` (sanitised)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from magellan.core.site import site_url

from .models import Notification


def absolute(url: str) -> str:
    """A link for an e-mail: paths on the site get the site's address."""
    return f"{site_url()}{url}" if url.startswith("/") else url


def _message(
    *, subject: str, to: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": site_url(), **context}
        text = render_to_string(f"notifications/emails/{template}.txt", context)
        html = render_to_string(f"notifications/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of one notification, sent at once."""
    return _message(
        subject=f"Magellan — {notification.title}",
        to=notification.recipient.email,
        template="notification",
        context={"notification": notification, "link": absolute(notification.url)},
    )


def digest_email(*, user: Any, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    """One user's daily digest."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Magellan — votre récapitulatif : %(count)s notification",
            "Magellan — votre récapitulatif : %(count)s notifications",
            len(notifications),
        ) % {"count": len(notifications)}
        preferences = _("Vos préférences de notification")
    return _message(
        subject=subject,
        to=user.email,
        template="digest",
        context={
            "items": [(n, absolute(n.url)) for n in notifications],
            "preferences_label": preferences,
        },
    )
