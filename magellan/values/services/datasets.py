"""The datasets a challenge opened (open data): add, edit, remove."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import Challenge, Person

from ..models import DataLicence, Dataset
from .base import ConflictError, ValuesError

DATASET_FIELDS = ("title", "url", "licence", "data_format", "update_frequency")
_url = URLValidator(schemes=["http", "https"])

DUPLICATE_MESSAGE = gettext_lazy("Ce jeu de données est déjà suivi pour ce défi.")


def _clean(fields: dict[str, Any]) -> dict[str, str]:
    unknown = set(fields) - set(DATASET_FIELDS)
    if unknown:
        raise TypeError(f"Unknown dataset fields: {sorted(unknown)}")
    cleaned = {name: (fields.get(name) or "").strip() for name in DATASET_FIELDS}
    if not cleaned["title"]:
        raise ValuesError(_("Donnez un titre au jeu de données."))
    try:
        _url(cleaned["url"])
    except ValidationError as error:
        raise ValuesError(
            _(
                "Donnez l’adresse web du jeu de données (https://…), par exemple sa page sur "
                "data.gouv.fr."
            )
        ) from error
    if cleaned["licence"] not in DataLicence.values:
        raise ValuesError(_("Choisissez la licence du jeu de données."))
    if not cleaned["data_format"]:
        raise ValuesError(_("Donnez le format du jeu de données (CSV, JSON…)."))
    return cleaned


@transaction.atomic
def add_dataset(*, challenge: Challenge, by: Person | None, **fields: Any) -> Dataset:
    """Add a dataset to the challenge's open data (one per address)."""
    cleaned = _clean(fields)
    if Dataset.objects.filter(challenge=challenge, url=cleaned["url"]).exists():
        raise ValuesError(str(DUPLICATE_MESSAGE))
    try:
        with transaction.atomic():
            return Dataset.objects.create(challenge=challenge, added_by=by, **cleaned)
    except IntegrityError as error:
        raise ValuesError(str(DUPLICATE_MESSAGE)) from error


@transaction.atomic
def update_dataset(
    *, dataset: Dataset, seen_at: datetime.datetime | None, by: Person | None, **fields: Any
) -> Dataset:
    """Edit a dataset (`seen_at`: its `updated_at` as read; a conflict if it moved meanwhile)."""
    cleaned = _clean(fields)
    current = Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
    if current is None:
        raise ValuesError(_("Ce jeu de données a été retiré entre-temps."))
    if seen_at is None or current.updated_at != seen_at:
        raise ConflictError(
            _(
                "Ce jeu de données a été modifié pendant que vous écriviez : la version "
                "enregistrée est affichée ; votre saisie est conservée dans le formulaire."
            ),
            current=current,
        )
    if (
        Dataset.objects.filter(challenge_id=current.challenge_id, url=cleaned["url"])
        .exclude(pk=current.pk)
        .exists()
    ):
        raise ValuesError(str(DUPLICATE_MESSAGE))
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.save()
    return current


@transaction.atomic
def remove_dataset(*, dataset: Dataset, by: Person | None) -> None:
    """Stop following a dataset (it stays published where it is)."""
    Dataset.objects.filter(pk=dataset.pk).delete()
