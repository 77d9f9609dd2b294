"""A challenge's impact indicators, in the programme's method, and their values over time."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from magellan.directory.models import Challenge, Person

from ..models import Indicator, IndicatorTheme, IndicatorValue
from .base import ConflictError, EvaluationError

# The fields of the method that `save_indicator` writes (every other field is the service's).
INDICATOR_FIELDS = (
    "theme",
    "title",
    "description",
    "hypothesis",
    "measure",
    "method",
    "unit",
    "target",
    "target_value",
)


@transaction.atomic
def save_indicator(
    *,
    challenge: Challenge,
    indicator: Indicator | None = None,
    version: int | None = None,
    by: Person | None,
    **fields: Any,
) -> Indicator:
    """Create an indicator of the challenge, or edit one (`version` as read: a conflict if it moved)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown indicator fields: {sorted(unknown)}")
    if fields.get("theme") not in IndicatorTheme.values:
        raise EvaluationError(_("Choisissez le thème de l’indicateur."))
    title = (fields.get("title") or "").strip()
    if not title:
        raise EvaluationError(_("Donnez un intitulé à l’indicateur."))
    if indicator is None:
        current = Indicator(
            challenge=challenge,
            position=Indicator.objects.filter(challenge=challenge).count(),
        )
    else:
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if current.challenge_id != challenge.pk:
            raise EvaluationError(_("Cet indicateur n’est pas celui de ce défi."))
        if version != current.version:
            raise ConflictError(
                _(
                    "Cet indicateur a été modifié pendant que vous écriviez : sa version "
                    "enregistrée est affichée ; votre texte est conservé dans le formulaire, "
                    "reportez-y ce qui manque puis enregistrez."
                ),
                current=current,
            )
        current.version = current.version + 1
    for name in INDICATOR_FIELDS:
        value = fields.get(name)
        if name == "target_value":
            current.target_value = value
        else:
            setattr(current, name, (value or "").strip())
    current.save()
    return current


@transaction.atomic
def record_indicator_value(
    *,
    indicator: Indicator,
    measured_on: datetime.date,
    value: Decimal,
    source: str,
    comment: str = "",
    by: Person | None,
) -> IndicatorValue:
    """Record a value of the indicator at a date, with its source (one value a day)."""
    source = (source or "").strip()
    if measured_on is None or value is None or not source:
        raise EvaluationError(_("Une valeur a une date, un chiffre et une source."))
    if IndicatorValue.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        raise EvaluationError(
            _("Une valeur est déjà enregistrée à cette date pour cet indicateur.")
        )
    try:
        with transaction.atomic():
            return IndicatorValue.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=value,
                source=source,
                comment=(comment or "").strip(),
                recorded_by=by,
            )
    except IntegrityError as error:
        raise EvaluationError(
            _("Une valeur est déjà enregistrée à cette date pour cet indicateur.")
        ) from error
