"""`{% proconnect_button %}`: the ProConnect button on the login page, when ProConnect is on."""

from typing import Any

from django import template

from magellan.accounts import oidc

register = template.Library()


@register.inclusion_tag("accounts/_proconnect_button.html", takes_context=True)
def proconnect_button(context: template.Context) -> dict[str, Any]:
    """The button (DSFR's `fr-connect` pattern, as ProConnect asks), or nothing when it is off."""
    return {"enabled": oidc.is_enabled(), "next": context.get("next", "")}
