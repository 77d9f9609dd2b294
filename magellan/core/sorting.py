"""How names sort: as a French reader expects (« Sémaphore » before « Source », « émile » among the e).

The rule is a collation, `magellan_names`, set on the name columns (people, challenges,
administrations), so that every ORDER BY on them, direct or through a relation, follows it:
- PostgreSQL: an ICU collation for French, created by migration `directory.0003`;
- SQLite: `compare` below, registered on every connection (`CoreConfig.ready`).
`name_key` is the same rule for lists sorted in Python.
"""

import unicodedata
from typing import Any

COLLATION = "magellan_names"
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


def _unaccented(text: str) -> str:
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> tuple[str, str, str, str]:
    """Letters first (no accent, no case), then accents, then case (lower first), then the text."""
    return (_unaccented(text).casefold(), text.casefold(), text.swapcase(), text)


def compare(left: str, right: str) -> int:
    """The SQLite collation: -1, 0 or 1 as `name_key` orders the two texts."""
    a, b = name_key(left), name_key(right)
    return (a > b) - (a < b)


def register_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: teach each new SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
