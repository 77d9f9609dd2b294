"""Audit writes: erasing the history of objects and the login records of an address (RGPD erasure)."""

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

M = TypeVar("M", bound=models.Model)
# The change reason of rows an import writes: the history page says « import » for them.
IMPORT_REASON = "import"
# Rows read at once to record the history of an update (SQLite caps a query's parameters).
BATCH_SIZE = 1000


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The django-simple-history model that records `model`, or None when it is not audited."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    if attribute is None:
        return None
    return getattr(model, attribute).model


def record_changes(model: type[models.Model], pks: Iterable[object], *, reason: str = "") -> int:
    """Record a "changed" history row for rows that `QuerySet.update()`/`bulk_update()` wrote; the count."""
    history = history_model(model)
    keys = list(pks)
    if history is None or not keys:
        return 0
    manager = getattr(model, model._meta.simple_history_manager_attribute)  # type: ignore[attr-defined]
    count = 0
    for start in range(0, len(keys), BATCH_SIZE):
        rows = list(
            model._default_manager.filter(pk__in=keys[start : start + BATCH_SIZE]).order_by("pk")
        )
        manager.bulk_history_create(rows, update=True, default_change_reason=reason)
        count += len(rows)
    return count


def create_with_history(
    model: type[M], objs: Iterable[M], *, reason: str = "", batch_size: int | None = None
) -> list[M]:
    """`bulk_create` that also records each new row's creation in its history (when audited)."""
    if history_model(model) is None:
        return model._default_manager.bulk_create(list(objs), batch_size=batch_size)
    return bulk_create_with_history(
        list(objs), model, batch_size=batch_size, default_change_reason=reason
    )


@transaction.atomic
def forget(instances_or_queryset: models.Model | Iterable[models.Model] | models.QuerySet) -> int:
    """Delete every history row of these objects (none of what they held stays in the history); the count."""
    if isinstance(instances_or_queryset, models.QuerySet):
        history = history_model(instances_or_queryset.model)
        if history is None:
            return 0
        pk_name = instances_or_queryset.model._meta.pk.attname
        pks = instances_or_queryset.values_list("pk", flat=True)
        count, _deleted = history._default_manager.filter(**{f"{pk_name}__in": pks}).delete()
        return count
    instances = (
        [instances_or_queryset]
        if isinstance(instances_or_queryset, models.Model)
        else list(instances_or_queryset)
    )
    by_model: dict[type[models.Model], list[object]] = defaultdict(list)
    for instance in instances:
        by_model[instance._meta.concrete_model or type(instance)].append(instance.pk)
    count = 0
    for model, keys in by_model.items():
        history = history_model(model)
        if history is None:
            continue
        key_name = model._meta.pk.attname
        deleted, _deleted = history._default_manager.filter(**{f"{key_name}__in": keys}).delete()
        count += deleted
    return count


@transaction.atomic
def forget_logins(email: str) -> int:
    """Delete the logins, failed logins and lockouts recorded for this address (any case); the count."""
    address = email.strip()
    if not address:
        return 0
    count = 0
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        _total, deleted = model.objects.filter(username__iexact=address).delete()
        count += deleted.get(model._meta.label, 0)
    return count
