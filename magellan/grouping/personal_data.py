"""Personal data held by the grouping: the groups one was placed in (see magellan.privacy.registry).
Erasure keeps the memberships (the groups' composition), pointing at the anonymised person."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import GroupMember

TITLE = _("Groupes")


def export(person: Any) -> dict[str, Any]:
    members = GroupMember.objects.filter(person=person).select_related("group", "grouping__session")
    return {
        str(_("Groupes de travail")): [
            {str(_("Séance")): str(m.grouping.session), str(_("Groupe")): str(m.group)}
            for m in members.order_by("pk")
        ]
    }


def erase(person: Any) -> None:
    """Nothing personal beyond the link to the (anonymised) person."""
