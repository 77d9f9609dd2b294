"""What the values' forms share."""

from typing import Any

from django import forms
from django.db import models


def https_links(field: "models.Field[Any, Any]", **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme are taken as https (a ModelForm's `formfield_callback`)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)
