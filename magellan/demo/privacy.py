"""Demo personal data: one pending request for erasure, from an alumni of an earlier cohort
(synthetic), for the coaches' list. Deterministic."""

from magellan.directory.models import Person, Role
from magellan.privacy import services
from magellan.privacy.models import ErasureRequest


def load_privacy_demo() -> ErasureRequest | None:
    """One pending request for erasure, from the first alumni by name."""
    alumni = Person.objects.filter(cohort_roles__role=Role.ALUMNI).order_by("name", "pk").first()
    if alumni is None:
        return None
    return services.request_erasure(
        person=alumni,
        reason="J’ai quitté l’administration et je ne souhaite plus figurer dans Magellan.",
    )
