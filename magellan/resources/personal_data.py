"""Personal data held by the resources: the guides one wrote (see magellan.privacy.registry).
Guides are shared knowledge and stay; the revisions' editor name is rewritten."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import replace_name, rows

from .models import Guide, GuideRevision

TITLE = _("Guides")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Guides écrits")): rows(
            Guide.objects.filter(author=person).order_by("pk"), "title", "status", "created_at"
        )
    }


def erase(person: Any) -> None:
    replace_name(GuideRevision.objects.all(), "editor_name", person)
