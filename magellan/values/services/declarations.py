"""A challenge's declarations: accessibility (RGAA), eco-design (RGESN), the public-algorithm
notice and the State's shared building blocks it uses."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import Challenge, Person

from ..models import Declarations, RgaaCompliance
from .base import ConflictError, ValuesError

# The fields `save_declarations` writes (every other field is the service's).
DECLARATION_FIELDS = (
    "rgaa_compliance",
    "rgaa_rate",
    "rgaa_audit_date",
    "rgaa_declaration_url",
    "rgaa_plan_url",
    "rgesn_url",
    "rgesn_date",
    "rgesn_score",
    "makes_individual_decisions",
    "algorithm_notice_url",
    "uses_dsfr",
    "uses_proconnect",
    "uses_franceconnect",
    "apis",
)
URL_FIELDS = (
    "rgaa_declaration_url",
    "rgaa_plan_url",
    "rgesn_url",
    "algorithm_notice_url",
)
BOOLEAN_FIELDS = (
    "makes_individual_decisions",
    "uses_dsfr",
    "uses_proconnect",
    "uses_franceconnect",
)
_url = URLValidator(schemes=["http", "https"])

CONFLICT_MESSAGE = gettext_lazy(
    "Les déclarations ont été modifiées pendant que vous écriviez : la version enregistrée est "
    "affichée ; votre saisie est conservée dans le formulaire, reportez-y ce qui manque puis "
    "enregistrez."
)


def rgaa_compliance_for(rate: Decimal) -> str:
    """THE RGAA rule: fully compliant at 100 %, partially from 50 %, not compliant under 50 %."""
    if rate >= 100:
        return RgaaCompliance.FULL
    if rate >= 50:
        return RgaaCompliance.PARTIAL
    return RgaaCompliance.NONE


def _percent(value: Any, message: str) -> Decimal | None:
    if value in (None, ""):
        return None
    number = Decimal(value)
    if not Decimal(0) <= number <= Decimal(100):
        raise ValuesError(message)
    return number


def _clean(fields: dict[str, Any], *, today: datetime.date) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name in URL_FIELDS:
        url = (fields.get(name) or "").strip()
        if url:
            try:
                _url(url)
            except ValidationError as error:
                raise ValuesError(
                    _("« %(url)s » n’est pas une adresse web (https://…).") % {"url": url}
                ) from error
        cleaned[name] = url
    for name in BOOLEAN_FIELDS:
        cleaned[name] = bool(fields.get(name))
    compliance = fields.get("rgaa_compliance") or ""
    if compliance not in RgaaCompliance.values and compliance != "":
        raise ValuesError(_("Choisissez un niveau de conformité RGAA."))
    rate = _percent(
        fields.get("rgaa_rate"), _("Le taux de conformité RGAA est compris entre 0 et 100 %.")
    )
    if rate is not None:
        if not compliance:
            compliance = rgaa_compliance_for(rate)
        elif compliance != rgaa_compliance_for(rate):
            raise ValuesError(
                _(
                    "Le niveau de conformité ne correspond pas au taux : un service est totalement "
                    "conforme à 100 %, partiellement conforme à partir de 50 %, non conforme en "
                    "dessous."
                )
            )
    cleaned["rgaa_compliance"] = compliance
    cleaned["rgaa_rate"] = rate
    cleaned["rgesn_score"] = _percent(
        fields.get("rgesn_score"), _("Le score RGESN est compris entre 0 et 100 %.")
    )
    for name, label in (
        ("rgaa_audit_date", _("L’audit RGAA")),
        ("rgesn_date", _("La déclaration RGESN")),
    ):
        day = fields.get(name)
        if day is not None and day > today:
            raise ValuesError(_("%(what)s ne peut pas être daté dans le futur.") % {"what": label})
        cleaned[name] = day
    if cleaned["rgaa_declaration_url"] == "" and (compliance or rate is not None):
        raise ValuesError(
            _("Donnez l’adresse de la déclaration d’accessibilité qui publie ce niveau.")
        )
    cleaned["apis"] = "\n".join(
        line.strip() for line in (fields.get("apis") or "").splitlines() if line.strip()
    )
    return cleaned


@transaction.atomic
def save_declarations(
    *,
    challenge: Challenge,
    version: int | None,
    by: Person | None,
    today: datetime.date,
    **fields: Any,
) -> Declarations:
    """Write the challenge's declarations (`version` as read, 0 when none; a conflict if it moved)."""
    unknown = set(fields) - set(DECLARATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown declaration fields: {sorted(unknown)}")
    cleaned = _clean(fields, today=today)
    current = Declarations.objects.select_for_update().filter(challenge=challenge).first()
    if current is None:
        if version:
            raise ConflictError(str(CONFLICT_MESSAGE), current=None)
        try:
            with transaction.atomic():
                return Declarations.objects.create(challenge=challenge, updated_by=by, **cleaned)
        except IntegrityError as error:
            raise ConflictError(
                str(CONFLICT_MESSAGE),
                current=Declarations.objects.filter(challenge=challenge).first(),
            ) from error
    if version != current.version:
        raise ConflictError(str(CONFLICT_MESSAGE), current=current)
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.updated_by = by
    current.version = current.version + 1
    current.save()
    return current
