"""`{% load resources %}{% guides_used_by obj %}`: the guides a session or a help request used,
among those the viewer may read, with a link to add one for those who may."""

from typing import Any

from django import template

from magellan.resources import queries
from magellan.resources.panels import conversion_links, link_url

register = template.Library()


@register.inclusion_tag("resources/_guides_used.html", takes_context=True)
def guides_used_by(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "guides": queries.guides_used_by(user, obj),
        "link_url": link_url(user, obj),
        **conversion_links(user, obj),
    }
