"""Small helpers for forms built on django-dsfr's DsfrBaseForm."""

from typing import Any

from django import forms


def set_help_text(form: forms.BaseForm, name: str, text: Any) -> None:
    """Change a field's hint after the form is built. DsfrBaseForm's __init__ already made the
    bound fields (to style their widgets), and a bound field keeps the hint it was made with:
    the stale one is dropped so that the page shows the new hint."""
    form.fields[name].help_text = text
    form._bound_fields_cache.pop(name, None)  # type: ignore[attr-defined]  # set by BaseForm.__init__
