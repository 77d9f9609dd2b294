"""The scale of the report's levels on each impact axis: THE one place that says which levels
exist and what each is called (forms, services, pages, charts and PDF all ask here).

Levels are ranks, 1 (lowest) to `size()`; their labels come from `MAGELLAN_EVALUATION_SCALE`,
or are the programme's default four, « Insuffisant » to « Excellent ».
"""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULT_LABELS = (_("Insuffisant"), _("À consolider"), _("Satisfaisant"), _("Excellent"))


def labels() -> list[str | Promise]:
    """The levels' labels, lowest first (read at each call: the setting may change in tests)."""
    configured = list(getattr(settings, "MAGELLAN_EVALUATION_SCALE", None) or ())
    return configured or list(DEFAULT_LABELS)


def size() -> int:
    return len(labels())


def choices() -> list[tuple[int, str | Promise]]:
    """(level, label) pairs for a form's select, lowest first."""
    return list(enumerate(labels(), start=1))


def is_valid(level: int | None) -> bool:
    """A level on the scale (None, not yet assessed, is not a level)."""
    return level is not None and 1 <= level <= size()


def label(level: int | None) -> str | Promise:
    """The level's label; a level outside the scale (the setting shrank) says so."""
    if level is None:
        return _("Non évalué")
    if not is_valid(level):
        return _("Niveau %(level)s (hors de l’échelle actuelle)") % {"level": level}
    return labels()[level - 1]
