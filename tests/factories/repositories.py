import factory
from django.utils import timezone

from magellan.values.models import CheckOutcome, HealthCheck, Repository

from .directory import ChallengeFactory


class RepositoryFactory(factory.django.DjangoModelFactory):
    """A challenge's code repository (its address is never cloned unless a test makes it real)."""

    class Meta:
        model = Repository

    challenge = factory.SubFactory(ChallengeFactory)
    url = factory.Sequence(lambda n: f"https://forge.example.fr/eig/projet-fictif-{n}.git")
    licence = "MIT"


def _results(ok: bool) -> list[dict[str, object]]:
    codes = ("licence", "readme", "contributing", "publiccode", "last_commit", "tests", "ci")
    return [
        {
            "code": code,
            "label": f"Critère {code}",
            "ok": ok or code == "readme",
            "detail": f"Constat {code}.",
            "fix": "" if ok or code == "readme" else f"Corriger {code}.",
        }
        for code in codes
    ]


class HealthCheckFactory(factory.django.DjangoModelFactory):
    """A finished check: `passed=True` (every criterion met), `warnings=True` (only the README),
    `failed=True` (the clone failed); pending otherwise."""

    class Meta:
        model = HealthCheck

    repository = factory.SubFactory(RepositoryFactory)
    outcome = CheckOutcome.PENDING

    class Params:
        passed = factory.Trait(
            outcome=CheckOutcome.PASSED,
            results=factory.LazyFunction(lambda: _results(True)),
            licence_detected="MIT",
            finished_at=factory.LazyFunction(timezone.now),
        )
        warnings = factory.Trait(
            outcome=CheckOutcome.WARNINGS,
            results=factory.LazyFunction(lambda: _results(False)),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            outcome=CheckOutcome.FAILED,
            error="Le dépôt n’a pas pu être copié : aucun dépôt git n’a été trouvé à cette adresse.",
            finished_at=factory.LazyFunction(timezone.now),
        )
