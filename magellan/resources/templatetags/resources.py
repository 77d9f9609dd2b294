"""`{% load resources %}`: `{% guides_used_by obj %}`, the guides a session or a help request
used (among those the viewer may read, with a link to add one for those who may, and on a help
request how it becomes a guide); `{% guide_conversion question %}`, how a question becomes one."""

from typing import Any

from django import template

from magellan.helpdesk.models import HelpRequest
from magellan.resources import queries
from magellan.resources.panels import conversion_links, link_url

register = template.Library()


@register.inclusion_tag("resources/_guides_used.html", takes_context=True)
def guides_used_by(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    no_conversion = {"made_guide": None, "consent_url": None, "convert_url": None}
    return {
        "guides": queries.guides_used_by(user, obj),
        "link_url": link_url(user, obj),
        **(conversion_links(user, obj) if isinstance(obj, HelpRequest) else no_conversion),
    }


@register.inclusion_tag("resources/_conversion.html", takes_context=True)
def guide_conversion(context: template.Context, source: Any) -> dict[str, Any]:
    """On a help request or a question: the guide made from it, or how it becomes one."""
    request = context.get("request")
    return conversion_links(getattr(request, "user", None), source)
