"""Personal data held by the accounts: the sign-in account (see magellan.privacy.registry)."""

from typing import Any

from axes.models import AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import row

from .models import User

TITLE = _("Compte")
ERASE_ORDER = 950  # last: the other apps find the account through the person


def export_account(user: User) -> dict[str, Any]:
    """The account and its login records (also for an account without a directory entry)."""
    return {
        str(_("Compte")): row(user, "email", "date_joined", "last_login", "is_active"),
        str(_("Connexions réussies")): [
            {
                str(_("Heure")): entry.attempt_time,
                str(_("Adresse IP")): entry.ip_address,
                str(_("Navigateur")): entry.user_agent,
            }
            for entry in AccessLog.objects.filter(username__iexact=user.email).order_by(
                "-attempt_time"
            )
        ],
        str(_("Connexions échouées")): [
            {
                str(_("Heure")): entry.attempt_time,
                str(_("Adresse IP")): entry.ip_address,
                str(_("Navigateur")): entry.user_agent,
            }
            for entry in AccessFailureLog.objects.filter(username__iexact=user.email).order_by(
                "-attempt_time"
            )
        ],
    }


def export(person: Any) -> dict[str, Any]:
    if person.user is None:
        return {str(_("Compte")): str(_("aucun compte : vous ne vous connectez pas à Magellan"))}
    return export_account(person.user)


def erase(person: Any) -> None:
    """Close the account: inactive, its e-mail replaced by a unique non-address, no password."""
    user: User | None = person.user
    if user is None:
        return
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    user.email = f"compte-efface-{user.pk}.invalid"  # no « @ »: nothing can be sent to it
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
