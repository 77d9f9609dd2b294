"""Highlighted extracts as safe HTML: the document's text is escaped first, then the hits are
wrapped in <mark>. Nothing a user wrote ever reaches the page unescaped.

Hits are delimited by two control characters (START, STOP) that documents never keep
(`strip_markers` removes them from the text before it is cut): PostgreSQL's ts_headline uses them
as its selectors, the SQLite fallback's `excerpt` too, and `marked` turns them into <mark> after
escaping, so ts_headline's output is never trusted as HTML.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START = "\x02"
STOP = "\x03"
_PAIR = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_SPACES = re.compile(r"\s+")
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


_MARKDOWN = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (
        re.compile(r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE),
        "",
    ),  # headings, quotes, lists
    (re.compile(r"(\*\*|__|`+|~~)"), ""),  # bold, code, strike-through
]


def plain_text(markdown: str) -> str:
    """Markdown source with its markup dropped, for extracts (« ## Titre » → « Titre »)."""
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def strip_markers(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def fold_char(char: str) -> str:
    """One character in lower case without its accents (« É » → « e », « œ » → « oe »)."""
    lower = char.lower()
    if lower in _LIGATURES:
        return _LIGATURES[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """A text in lower case without accents: what the SQLite fallback compares."""
    return "".join(fold_char(char) for char in text or "")


def marked(text: str) -> SafeString:
    """Escape `text`, then wrap each START…STOP span in <mark> (stray markers are dropped)."""
    escaped = _PAIR.sub(r"<mark>\1</mark>", escape(_SPACES.sub(" ", text).strip()))
    return mark_safe(strip_markers(escaped))  # noqa: S308 - escaped above; only <mark> is ours


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the folded `words` occur in `text`, as (start, end) in the original text, merged."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    origin.append(len(text))
    found = [
        (origin[match.start()], origin[match.end() - 1] + 1)
        for word in words
        for match in re.finditer(re.escape(word), haystack)
    ]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, words: list[str], *, size: int = 240) -> str:
    """About `size` characters of `text` around the first hit of `words` (folded), hits between
    START and STOP; the beginning of the text when nothing matches; whole words only."""
    text = _SPACES.sub(" ", strip_markers(text or "")).strip()
    spans = _spans(text, [word for word in words if word])
    first = spans[0][0] if spans else 0
    begin, end = 0, len(text)
    if len(text) > size:
        begin = max(0, first - size // 4)
        if begin:
            space = text.rfind(" ", 0, begin)
            begin = space + 1 if space >= 0 else 0
        end = min(len(text), begin + size)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > first else end
    pieces = ["… " if begin else ""]
    cursor = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        pieces += [text[cursor:start], START, text[start:stop], STOP]
        cursor = stop
    pieces += [text[cursor:end], " …" if end < len(text) else ""]
    return "".join(pieces)


EXTRACT_WINDOW = 1500


def query_prefixes(query: str) -> list[str]:
    """The folded beginnings of a query's words of 3 letters or more (not those excluded with a
    minus), to find where a long text speaks of them: « déploiements » → « deploieme »."""
    words = [
        fold(word)
        for token in query.split()
        if not token.startswith("-")
        for word in re.findall(r"\w+", token)
        if len(word) >= 3
    ]
    return [word[: max(4, len(word) - 3)] for word in words]


def window(text: str, prefixes: list[str], *, size: int = EXTRACT_WINDOW) -> str:
    """About `size` characters of `text` from a little before the first word that starts with one
    of the folded `prefixes` (the beginning when none does), for ts_headline to mark."""
    if len(text) <= size or not prefixes:
        return text[:size]
    pattern = "|".join(
        "".join(_VARIANTS.get(char, re.escape(char)) for char in prefix) for prefix in prefixes
    )
    match = re.search(rf"\b(?:{pattern})", text, flags=re.IGNORECASE)
    begin = max(0, match.start() - size // 5) if match else 0
    if begin:  # from the start of a word
        begin = text.find(" ", begin, match.start() if match else None) + 1 or begin
    return text[begin : begin + size]


# A folded letter and the accented letters that fold to it, as a regular expression class.
_VARIANTS = {
    "a": "[aàâäáãå]",
    "c": "[cç]",
    "e": "[eéèêë]",
    "i": "[iíìîï]",
    "n": "[nñ]",
    "o": "[oóòôöõ]",
    "u": "[uúùûü]",
    "y": "[yýÿ]",
}
