"""Pure normalisation of the messy labels found in imported files.

Each function takes one raw label and returns a clean value (or None when it cannot tell):
professions from job titles in any case or gender, cohorts from "Promotion 3 - DIG",
administrations from "Name (ACRONYM)" with their ministry, booleans from "oui"/"yes", and
challenge titles matched against known ones (exact key, then slug, then a conservative fuzzy
match). No database access here.
"""

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import get_language

from magellan.directory.models import Profession, normalize_label

FUZZY_MIN_RATIO = 0.9

# Keyword rules on the normalised label, tried in order: the first rule with a keyword contained
# in the label wins. Feminine forms are listed explicitly (no stemming: "developpeu" covers both).
_PROFESSION_RULES: tuple[tuple[Profession, tuple[str, ...]], ...] = (
    (Profession.COACHING, ("coach", "accompagn", "mentor")),
    (Profession.PUBLIC_MANAGEMENT, ("porteur", "porteuse", "sponsor", "management public")),
    (Profession.DATA_SCIENCE, ("data scien", "science de la donnee", "science des donnees")),
    (
        Profession.DATA_ENGINEERING,
        ("data engineer", "ingenieur de la donnee", "ingenieure de la donnee"),
    ),
    (Profession.DIGITAL_LAW, ("juriste", "droit", "legal", "lawyer")),
    (Profession.DESIGN, ("design",)),
    (
        Profession.DEVELOPMENT,
        (
            "developpeu",
            "developpement",
            "developer",
            "directeur technique",
            "directrice technique",
            "cto",
        ),
    ),
    (
        Profession.PRODUCT,
        (
            "produit",
            "product",
            "directeur de l impact",
            "directrice de l impact",
            "directeur des operations",
            "directrice des operations",
        ),
    ),
    (Profession.OTHER, ("autre", "other")),
)

_COHORT_RE = re.compile(
    r"^(?:promotion|promo|eig)?\s*(?P<number>\d{1,3})(?:\s+(?P<variant>[a-z][a-z0-9 ]*))?$"
)
_ACRONYM_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<acronym>[^()]{2,15})\)$")
_MINISTRY_PREFIXES = ("ministere", "services du premier ministre")
_CONTINUATION_WORDS = {"de", "des", "du", "d", "et", "a", "la", "le", "les", "l", "aux", "au"}
_TRUE_WORDS = {"yes", "y", "oui", "o", "true", "vrai", "1", "x"}
_FALSE_WORDS = {"no", "n", "non", "false", "faux", "0", ""}


def clean_text(value: object) -> str:
    """A label with its surrounding and repeated whitespace removed ("" for None)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def normalize_profession(label: str) -> Profession | None:
    """The profession a job title or profession label or code names, in any case or gender."""
    key = normalize_label(label)
    if not key:
        return None
    found = _profession_names(get_language() or "").get(key)
    if found is not None:
        return found
    padded = f" {key} "
    for profession, keywords in _PROFESSION_RULES:
        if any(f" {keyword}" in padded for keyword in keywords):
            return profession
    return None


@functools.cache
def _profession_names(language: str) -> dict[str, Profession]:
    """Each profession by its normalised code and label in `language` (computed once a language)."""
    names: dict[str, Profession] = {}
    for profession in reversed(Profession):
        names[normalize_label(str(profession.label))] = profession
        names[normalize_label(profession.value)] = profession
    return names


@dataclass(frozen=True)
class CohortKey:
    """A cohort as named by a label: its number and optional variant ("DIG")."""

    number: int
    variant: str = ""

    @property
    def slug(self) -> str:
        return slugify(f"promotion-{self.number}-{self.variant}".rstrip("-"))


def parse_cohort_label(label: str) -> CohortKey | None:
    """The cohort a label names: "Promotion 3 - DIG", "promo 7", "EIG 4", "promotion-3-dig"."""
    match = _COHORT_RE.match(normalize_label(label))
    if match is None:
        return None
    variant = (match.group("variant") or "").upper()
    return CohortKey(number=int(match.group("number")), variant=variant)


@dataclass(frozen=True)
class AdministrationName:
    """An administration as named by a label: its name and its acronym (possibly "")."""

    name: str
    acronym: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """The normalised keys under which this administration can be found."""
        keys = [normalize_label(self.name)]
        if self.acronym:
            keys.append(normalize_label(self.acronym))
        return tuple(dict.fromkeys(key for key in keys if key))


def _split_segments(label: str) -> list[str]:
    """Split "A, B - C" into its parts, gluing back parts that continue a name ("…, de la …")."""
    segments: list[str] = []
    for part in re.split(r",\s+| - ", label):
        words = normalize_label(part).split()
        if segments and (not words or words[0] in _CONTINUATION_WORDS):
            segments[-1] = f"{segments[-1]}, {part}"
        else:
            segments.append(part)
    return [segment.strip(" ,;") for segment in segments if segment.strip(" ,;")]


def parse_administration(label: str) -> AdministrationName | None:
    """The host administration a label names, without its ministry, with its acronym."""
    text = clean_text(label).strip(" ,;.")
    text = re.sub(r"^administration de rattachement\s*:\s*", "", text, flags=re.IGNORECASE)
    if not text:
        return None
    segments = _split_segments(text)
    specific = [s for s in segments if not normalize_label(s).startswith(_MINISTRY_PREFIXES)]
    if specific and len(specific) < len(segments):
        text = ", ".join(specific)
    match = _ACRONYM_RE.match(text)
    if match is None:
        return AdministrationName(name=text)
    return AdministrationName(
        name=match.group("name").strip(" ,;"), acronym=match.group("acronym").strip()
    )


def parse_bool(value: str) -> bool | None:
    """True for yes/oui/1/x, False for no/non/0/empty, None for anything else."""
    key = normalize_label(value)
    if key in _TRUE_WORDS:
        return True
    if key in _FALSE_WORDS:
        return False
    return None


class TitleIndex:
    """Finds which known title a free-text mention names (known titles: key → title).

    Tried in order: the normalised title, the key taken as a slug, then a fuzzy match (difflib
    ratio at least FUZZY_MIN_RATIO on normalised titles) that must be unambiguous.
    """

    def __init__(self, titles: Mapping[str, str]) -> None:
        self._keys = set(titles)
        self._by_label: dict[str, list[str]] = {}
        for key, title in titles.items():
            self._by_label.setdefault(normalize_label(title), []).append(key)

    def match(self, query: str) -> str | None:
        """The key `query` names, or None when none or several fit."""
        label = normalize_label(query)
        if not label:
            return None
        exact = self._by_label.get(label, [])
        if len(exact) == 1:
            return exact[0]
        if slugify(query) in self._keys:
            return slugify(query)
        scores = sorted(
            (
                (difflib.SequenceMatcher(None, label, known).ratio(), known)
                for known in self._by_label
            ),
            reverse=True,
        )
        if not scores or scores[0][0] < FUZZY_MIN_RATIO:
            return None
        best_ratio, best_label = scores[0]
        tied = len(scores) > 1 and scores[1][0] == best_ratio
        return (
            None if tied or len(self._by_label[best_label]) > 1 else self._by_label[best_label][0]
        )

    def match_all(self, query: str) -> list[str]:
        """The keys `query` names: one, or each part of "A, B" when only the parts match."""
        key = self.match(query)
        if key is not None:
            return [key]
        parts = [self.match(part) for part in query.split(",") if part.strip()]
        if len(parts) > 1 and all(parts):
            return list(dict.fromkeys(part for part in parts if part))
        return []


def unique_slug(text: str, taken: set[str], *, max_length: int = 200) -> str:
    """A slug for `text` not in `taken` (adding -2, -3… when needed); it is added to `taken`."""
    base = (slugify(text) or "sans-nom")[: max_length - 4].strip("-")
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
