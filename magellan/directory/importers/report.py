"""What an import did (or would do): counts per kind, links it could not make, warnings."""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Progress = Callable[[int, int], None]

# What the importers count, in the coaches' words (the keys are the report's kinds).
KIND_LABELS = {
    "people": gettext_lazy("personnes"),
    "cohort roles": gettext_lazy("rôles dans la promotion"),
    "challenge memberships": gettext_lazy("membres de défis"),
    "challenges": gettext_lazy("défis"),
    "challenge links": gettext_lazy("liens de défis"),
    "administrations": gettext_lazy("administrations"),
    "administration aliases": gettext_lazy("autres noms d’administrations"),
    "cohorts": gettext_lazy("promotions"),
    "themes": gettext_lazy("thématiques"),
    "expertises": gettext_lazy("expertises"),
}


def kind_label(kind: str) -> str:
    """The French label of a report kind."""
    return str(KIND_LABELS.get(kind, kind))


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class InvalidImportError(Exception):
    """The input is wrong: nothing was imported. `problems` lists each one, naming where it is."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """Counts per kind of object (created / updated / unchanged), unmatched links, warnings."""

    dry_run: bool = False
    counts: dict[str, Counts] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: Outcome, number: int = 1) -> None:
        """Count `number` objects of `kind` with this outcome."""
        counts = self.counts.setdefault(kind, Counts())
        setattr(counts, outcome.value, getattr(counts, outcome.value) + number)

    def created(self, kind: str) -> int:
        return self.counts.get(kind, Counts()).created

    def updated(self, kind: str) -> int:
        return self.counts.get(kind, Counts()).updated

    def unchanged(self, kind: str) -> int:
        return self.counts.get(kind, Counts()).unchanged

    @property
    def has_changes(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        """The report as text lines, for a terminal or a job's result page."""
        head = (
            _("Simulation terminée : rien n’a été enregistré.")
            if self.dry_run
            else _("Import terminé.")
        )
        lines = [head]
        width = max((len(kind_label(kind)) for kind in self.counts), default=0)
        for kind, c in self.counts.items():
            counts = _(
                "créés : %(created)s, mis à jour : %(updated)s, inchangés : %(unchanged)s"
            ) % {
                "created": c.created,
                "updated": c.updated,
                "unchanged": c.unchanged,
            }
            lines.append(f"  {kind_label(kind):<{width}}  {counts}")
        if self.unmatched:
            lines.append(_("Liens non faits (%(count)s) :") % {"count": len(self.unmatched)})
            lines.extend(f"  - {item}" for item in self.unmatched)
        if self.warnings:
            lines.append(_("Avertissements (%(count)s) :") % {"count": len(self.warnings)})
            lines.extend(f"  - {item}" for item in self.warnings)
        return lines
