"""Test helpers that settings may import (no test-framework dependency)."""


class InvalidTemplateVariable(str):
    """A `string_if_invalid` that fails loudly on undefined variables in our own templates.

    Third-party templates (django-dsfr, the admin) read optional variables on purpose; the
    variables listed in ALLOWED are those, and resolve to an empty string.
    """

    ALLOWED = frozenset(
        {
            "request.csp_nonce",
            "is_popup",
            "is_nav_sidebar_enabled",
            "cl.formset.errors",
            "show",
            "ordering_field_columns",
        }
    )

    def __mod__(self, other: object) -> str:
        name = str(other)
        if name in self.ALLOWED or name.startswith(("SITE_CONFIG", "self.", "field.", "widget.")):
            return ""
        raise NameError(f"Undefined template variable: {name!r}")
