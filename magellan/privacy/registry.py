"""THE registry of personal data, app by app (like `magellan.indicators.registry`).

Each app that holds personal data has `magellan/<app>/personal_data.py` with:

- `TITLE`: the name of its section on « Mes données »;
- `export(person) -> dict`: what it holds about that person, JSON-ready (labels → values, lists of
  rows; dates and datetimes are encoded by `DjangoJSONEncoder` and shown by `readable`);
- `erase(person) -> None`: removes or anonymises what is personal in that app (called by
  `magellan.privacy.services.erase_person` inside its transaction);
- optionally `ERASE_ORDER` (default 100: lower runs first; the directory and the account run last,
  since the other apps find their rows through the person and the account).

The modules are found by name at first use (`sections()`); `tests/privacy/test_registry.py` fails
when an app with a model pointing at a person or an account has none (or no reason in `WITHOUT`).
"""

import datetime
import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.core.dates import format_date

# Apps whose models point at a person or an account but hold nothing to export or erase, and why.
WITHOUT: dict[str, str] = {
    "admin": "Django's admin log: its rows about the erased person and account are deleted by the "
    "directory's and the accounts' erase (their text repeats the old name).",
    "core": "Background jobs only record which account started them (no personal data of their "
    "own); the account is anonymised, the run log kept.",
}


@dataclass(frozen=True)
class Section:
    app: str  # the app label
    title: str | Promise
    export: Callable[[Any], dict[str, Any]]
    erase: Callable[[Any], None]
    erase_order: int = 100


def _section(label: str, module: ModuleType) -> Section:
    return Section(
        app=label,
        title=module.TITLE,
        export=module.export,
        erase=module.erase,
        erase_order=getattr(module, "ERASE_ORDER", 100),
    )


@cache
def sections() -> tuple[Section, ...]:
    """Every app's personal-data section, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if importlib.util.find_spec(name) is None:
            continue
        found.append(_section(config.label, importlib.import_module(name)))
    return tuple(found)


def export_person(person: Any) -> dict[str, Any]:
    """Everything Magellan holds about `person`, one section per app (title → its data)."""
    return {str(section.title): section.export(person) for section in sections()}


def erase_order() -> list[Section]:
    """The sections in the order their `erase` runs."""
    return sorted(sections(), key=lambda s: s.erase_order)


def erased_name(person: Any) -> str:
    """What an erased person is called from then on (stored as data, so in French)."""
    return f"Personne effacée n° {person.pk}"


# A name shorter than this is not looked for in others' texts: it would match inside other words.
MIN_MATCHED_NAME = 5


def name_is_matchable(name: str) -> bool:
    """Whether a name is long enough to be found in texts without hitting other words."""
    return len(name.strip()) >= MIN_MATCHED_NAME


def replace_name(queryset: models.QuerySet, field: str, person: Any) -> int:
    """Replace the person's name (as it still is) by their erased name in a text column of those
    rows (texts written by others that mention them: timelines, editor names…); the count."""
    from django.db.models import Value
    from django.db.models.functions import Replace

    old = person.name
    if not name_is_matchable(old):
        return 0
    return queryset.filter(**{f"{field}__contains": old}).update(
        **{field: Replace(field, Value(old), Value(erased_name(person)))}
    )


# --- Helpers for the apps' `export` ----------------------------------------------------------


def _value(instance: models.Model, field: models.Field) -> Any:
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    value = getattr(instance, field.name)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(value, models.Model):
        return str(value)
    return value


# Labels of shared fields whose verbose name is not for readers (TimeStampedModel's).
_LABELS = {"created_at": gettext_lazy("Créé le"), "updated_at": gettext_lazy("Modifié le")}


def row(instance: models.Model, *names: str) -> dict[str, Any]:
    """The named fields of `instance` as {their label: their value as read} (choices' labels,
    related objects' names)."""
    result: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        assert isinstance(field, models.Field), name  # noqa: S101 - a programming error in an app's export
        label = str(_LABELS.get(name) or field.verbose_name)
        result[label[:1].upper() + label[1:]] = _value(instance, field)
    return result


def rows(instances: Iterable[models.Model], *names: str) -> list[dict[str, Any]]:
    return [row(instance, *names) for instance in instances]


# --- The readable page ----------------------------------------------------------------------


def readable(value: Any) -> dict[str, Any]:
    """The export tree as nodes for the HTML page (`privacy/_value.html`): {"kind": "map",
    "entries": [{"label", "value"}]}, {"kind": "list", "items": [...]} or {"kind": "text", "text"},
    with dates as a reader writes them, booleans as « oui »/« non » and empty values as « — »."""
    if isinstance(value, dict):
        return {
            "kind": "map",
            "entries": [{"label": str(k), "value": readable(v)} for k, v in value.items()],
        }
    if isinstance(value, list | tuple):
        return {"kind": "list", "items": [readable(v) for v in value]}
    return {"kind": "text", "text": _text(value)}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime.datetime):
        return format_date(value, "j F Y, H:i")
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    if value is None or value == "":
        return "—"
    return str(value)
