"""Which models keep an audit history, and the page of each (one place for the pages, the admin and the tests)."""

from django.apps import apps
from django.db import models
from django.urls import reverse

# Each audited model as `app_label.model_name`; each has `history = HistoricalRecords(...)` on its class.
AUDITED_MODELS: tuple[str, ...] = (
    "accounts.user",
    "directory.person",
    "directory.cohortrole",
    "directory.challengemembership",
    "directory.challenge",
    "program.session",
    "grouping.grouping",
    "grouping.group",
    "grouping.groupmember",
    "mentoring.round",
    "mentoring.proposal",
    "mentoring.cycle",
    "evaluation.indicator",
    "evaluation.indicatorvalue",
    "evaluation.retrospective",
    "evaluation.report",
    "helpdesk.helprequest",
    "values.valuestatus",
    "values.repository",
    "values.dataset",
    "values.declarations",
    "recruitment.call",
    "recruitment.challengedossier",
    "recruitment.application",
    "recruitment.reviewer",
    "recruitment.review",
)

# Fields kept in the history but never shown on its page: the declared gender is « jamais affiché ».
HIDDEN_FIELDS: dict[str, frozenset[str]] = {
    "directory.person": frozenset({"gender"}),
    "recruitment.application": frozenset({"gender"}),
}


def key_of(model: type[models.Model] | models.Model) -> str:
    """A model's key in the registry and in the history page's address (`directory.person`)."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


def audited_model(key: str) -> type[models.Model] | None:
    """The audited model under this key, or None when it is unknown or not audited."""
    if key.lower() not in AUDITED_MODELS:
        return None
    app_label, _dot, model_name = key.lower().partition(".")
    return apps.get_model(app_label, model_name)


def is_audited(model: type[models.Model] | models.Model) -> bool:
    """Whether this model keeps an audit history."""
    return key_of(model) in AUDITED_MODELS


def history_url(instance: models.Model) -> str | None:
    """The address of this object's history page, or None when its model is not audited."""
    if instance.pk is None or not is_audited(instance):
        return None
    return reverse("audit:object_history", kwargs={"key": key_of(instance), "pk": instance.pk})


def object_page(instance: models.Model) -> str | None:
    """The object's own page, for the link back from its history (None when it has none)."""
    get_url = getattr(instance, "get_absolute_url", None)
    if get_url is None:
        return None
    try:
        return str(get_url())
    except Exception:
        return None
