"""`{% history_link object as url %}`: the object's history page, for coaches only (else empty)."""

from typing import Any

from django import template
from django.db import models

from magellan.audit import permissions, registry

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context: dict[str, Any], instance: models.Model | None) -> str:
    """The address of `instance`'s history when the reader may see it, or an empty string."""
    request = context.get("request")
    if instance is None or request is None or not permissions.can_view_history(request.user):
        return ""
    return registry.history_url(instance) or ""
