"""Field validators shared by the apps."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_single_line(value: str) -> None:
    """Refuse line breaks and other control characters in a one-line text (a title, a name).

    Such a text goes into e-mail subjects and calendar files, where a line break would end the
    header or the property early.
    """
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(
            _("Ce texte tient sur une ligne : retirez les retours à la ligne et les tabulations."),
            code="control_characters",
        )


def one_line(text: str) -> str:
    """A text with its line breaks and runs of spaces made single spaces (for e-mail subjects
    and calendar properties, whatever was stored before `validate_single_line` existed)."""
    return " ".join(text.split())


MAX_ID_DIGITS = 18  # below 2**63: a database id never overflows the column


def parse_id(value: str | None) -> int | None:
    """A database id sent in a request (a form field, a query string), or None if it is not one.

    Only ASCII digits are taken (``str.isdigit`` accepts « ² » and other digits ``int`` refuses),
    at most 18 of them and not zero, so that every view answers a bad id with a 400, never a 500.
    """
    if not value or len(value) > MAX_ID_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number or None
