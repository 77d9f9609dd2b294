"""Small display helpers of the help-desk pages: who did something, a status badge, a duration."""

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from ..models import Status

register = template.Library()

BADGES: dict[str, str] = {
    Status.NEW: "fr-badge--new",
    Status.TAKEN: "fr-badge--info",
    Status.SESSION_PLANNED: "fr-badge--info",
    Status.RESOLVED: "fr-badge--success",
    Status.CLOSED: "",
    Status.WITHDRAWN: "",
}


@register.filter
def who(user: Any) -> str:
    """A user's name in the directory, else their address; « un compte supprimé » for none."""
    if user is None:
        return _("un compte supprimé")
    person = getattr(user, "person", None)
    return person.name if person is not None else user.email


@register.filter
def status_badge(status: str) -> str:
    return BADGES.get(status, "")


@register.filter
def duration(hours: float | None) -> str:
    """Hours as « 5,5 h » (under two days) or « 3,2 j »; « — » for none."""
    if hours is None:
        return "—"
    if hours < 48:
        return _("%(value)s h") % {"value": formats.number_format(round(hours, 1), 1)}
    return _("%(value)s j") % {"value": formats.number_format(round(hours / 24, 1), 1)}
