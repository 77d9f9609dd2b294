"""Audit reads: an object's history as people read it, and the log of logins (both paginated)."""

import datetime
from dataclasses import dataclass
from typing import Any

from axes.models import AccessFailureLog, AccessLog
from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.core.dates import format_date

from . import registry
from .services import IMPORT_REASON, history_model

PER_PAGE = 20
LOGINS_PER_PAGE = 50
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One recorded change: when, by whom, what kind, and each changed field (old → new)."""

    date: datetime.datetime
    author: str
    kind: str
    deleted: bool
    changes: tuple[FieldChange, ...]


KINDS = {
    "+": gettext_lazy("Création"),
    "~": gettext_lazy("Modification"),
    "-": gettext_lazy("Suppression"),
}


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a history page shows: those a person edits, that the history keeps."""
    history = history_model(model)
    kept = {f.attname for f in history._meta.concrete_fields} if history else set()
    hidden = registry.HIDDEN_FIELDS.get(registry.key_of(model), frozenset())
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.attname in kept and f.name not in hidden
    ]


def _author(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("import") if record.history_change_reason == IMPORT_REASON else _("système")
    person = getattr(user, "person", None)
    return person.name if person is not None else user.email


def _related_names(fields: list[models.Field], records: list[Any]) -> dict[tuple[str, Any], str]:
    """The names of the objects the records' foreign keys point at: one query per related model."""
    names: dict[tuple[str, Any], str] = {}
    for field in fields:
        if not field.is_relation:
            continue
        ids = {getattr(r, field.attname) for r in records} - {None}
        found = field.related_model._default_manager.in_bulk(ids)  # type: ignore[union-attr]
        for pk in ids:
            names[(field.attname, pk)] = (
                str(found[pk]) if pk in found else _("n° %(pk)s (supprimé)") % {"pk": pk}
            )
    return names


def display_value(field: models.Field, value: Any, names: dict[tuple[str, Any], str]) -> str:
    """A field's value as a person reads it: choices' labels, related objects' names, French dates."""
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        return names.get((field.attname, value), str(value))
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime.datetime):
        return format_date(value, "j F Y, H:i")
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    return Truncator(str(value)).chars(300)


def _entry(record: Any, older: Any | None, fields: list[models.Field], names: dict) -> Entry:
    changes = []
    if record.history_type != "-":
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(older, field.attname) if older is not None else None
            if record.history_type == "~" and older is not None and old == new:
                continue
            if record.history_type == "+" and new in (None, ""):
                continue
            changes.append(
                FieldChange(
                    label=str(field.verbose_name),
                    old=display_value(field, old, names),
                    new=display_value(field, new, names),
                )
            )
    return Entry(
        date=record.history_date,
        author=_author(record),
        kind=str(KINDS.get(record.history_type, record.history_type)),
        deleted=record.history_type == "-",
        changes=tuple(changes),
    )


def history_records(model: type[models.Model], pk: Any) -> models.QuerySet:
    """Every history row of one object, newest first."""
    history = history_model(model)
    assert history is not None  # noqa: S101 — callers take the model from the registry
    return history._default_manager.filter(**{model._meta.pk.attname: pk}).order_by(
        "-history_date", "-history_id"
    )


def object_history(
    model: type[models.Model], pk: Any, page: str | None
) -> tuple[Page, list[Entry]]:
    """One page of an object's history: the page (for the pagination) and its entries."""
    records = history_records(model, pk)
    page_obj = Paginator(records, PER_PAGE).get_page(page)
    start = (page_obj.number - 1) * PER_PAGE
    # One more row than the page: the state before its oldest change.
    rows = list(records.select_related("history_user__person")[start : start + PER_PAGE + 1])
    fields = tracked_fields(model)
    names = _related_names(fields, rows)
    shown = rows[:PER_PAGE]
    entries = [
        _entry(record, rows[i + 1] if i + 1 < len(rows) else None, fields, names)
        for i, record in enumerate(shown)
    ]
    return page_obj, entries


def title_of(model: type[models.Model], pk: Any) -> str:
    """The object's name as it is now, or as its history last knew it (deleted objects)."""
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        last = history_records(model, pk).first()
        if last is None:
            return ""
        instance = last.instance
    return str(instance)


@dataclass(frozen=True)
class Login:
    date: datetime.datetime
    email: str
    ip_address: str
    user_agent: str
    succeeded: bool
    locked_out: bool


def logins(email: str, page: str | None) -> tuple[Page, list[Login]]:
    """One page of the logins and failed logins, newest first, for addresses containing `email`."""
    succeeded = AccessLog.objects.values_list(
        "attempt_time", "username", "ip_address", "user_agent"
    ).annotate(succeeded=models.Value(True), locked_out=models.Value(False))
    failed = AccessFailureLog.objects.values_list(
        "attempt_time", "username", "ip_address", "user_agent"
    ).annotate(succeeded=models.Value(False), locked_out=models.F("locked_out"))
    if email.strip():
        succeeded = succeeded.filter(username__icontains=email.strip())
        failed = failed.filter(username__icontains=email.strip())
    union = succeeded.union(failed, all=True).order_by("-attempt_time")
    page_obj = Paginator(union, LOGINS_PER_PAGE).get_page(page)
    rows = [
        Login(
            date=row[0],
            email=row[1] or "",
            ip_address=row[2] or "",
            user_agent=row[3] or "",
            succeeded=bool(row[4]),
            locked_out=bool(row[5]),
        )
        for row in page_obj.object_list
    ]
    return page_obj, rows
