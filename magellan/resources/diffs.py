"""What changed between two revisions of a guide, for the history page: difflib, line by line,
and word by word inside a changed line. Plain data: the template escapes every piece."""

import difflib
from dataclasses import dataclass
from typing import Literal

Kind = Literal["same", "added", "removed"]
CONTEXT = 2  # unchanged lines kept around each change


@dataclass(frozen=True)
class Piece:
    text: str
    kind: Kind


@dataclass(frozen=True)
class Line:
    """A line of the diff: `kind` is "same", "added", "removed", "changed" (words added and
    removed inside it) or "gap" (unchanged lines left out)."""

    kind: str
    pieces: tuple[Piece, ...]


def _words(old: str, new: str) -> tuple[Piece, ...]:
    before, after = old.split(" "), new.split(" ")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(" ".join(before[i1:i2]), "same"))
            continue
        if i2 > i1:
            pieces.append(Piece(" ".join(before[i1:i2]), "removed"))
        if j2 > j1:
            pieces.append(Piece(" ".join(after[j1:j2]), "added"))
    return tuple(pieces)


def diff_text(old: str, new: str) -> list[Line]:
    """The lines of `new` against `old`, with CONTEXT unchanged lines around each change."""
    before, after = (old or "").splitlines(), (new or "").splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[Line] = []
    for group_index, group in enumerate(matcher.get_grouped_opcodes(CONTEXT)):
        if group_index or group[0][1] > 0:
            lines.append(Line("gap", ()))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                lines += [Line("same", (Piece(text, "same"),)) for text in before[i1:i2]]
            elif op == "replace" and i2 - i1 == j2 - j1:
                lines += [
                    Line("changed", _words(a, b))
                    for a, b in zip(before[i1:i2], after[j1:j2], strict=True)
                ]
            else:
                lines += [Line("removed", (Piece(text, "removed"),)) for text in before[i1:i2]]
                lines += [Line("added", (Piece(text, "added"),)) for text in after[j1:j2]]
    return lines


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[Line]


def diff_revisions(old: object | None, new: object) -> list[FieldDiff]:
    """The fields (title, summary, body) that differ between two revisions; from nothing for the
    first one."""
    from django.utils.translation import gettext as _

    fields = (("title", _("Titre")), ("summary", _("Résumé")), ("body", _("Contenu")))
    diffs = []
    for name, label in fields:
        before = getattr(old, name, "") if old is not None else ""
        after = getattr(new, name)
        if before != after:
            diffs.append(FieldDiff(str(label), diff_text(before, after)))
    return diffs
