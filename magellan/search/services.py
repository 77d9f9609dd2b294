"""One search over questions, answers, guides and help requests, with each app's visibility rule
applied inside the query (`sources.Source.visible`, the app's own `*_visible_to(user)`).

PostgreSQL: full-text search (`french_unaccent`: stemming, accents ignored),
`websearch_to_tsquery` (« "données ouvertes" -licence »), ranked by `ts_rank_cd` with the fields'
weights among the first CANDIDATES matches found of each kind (a query that matches more is too
broad to rank whole: its count says « plus de »); extracts marked by `ts_headline` over a window of
the text, then escaped; a query that finds nothing has its unknown words corrected from the indexed
vocabulary (trigram similarity) and is run again. One query gives the page's hits and the count of
every kind; one more per kind on the page loads what is shown, and one marks the extracts.

SQLite (development, demo): every word must appear in the title or text, ignoring case and
accents; no stemming, no typo correction, title matches first (`SearchResults.full_text` is False
and the page says so). See docs/search.md.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .highlight import (
    START,
    STOP,
    excerpt,
    fold,
    marked,
    plain_text,
    query_prefixes,
    strip_markers,
    window,
)
from .postgres import CONFIG, WORDS_TABLE
from .sources import SOURCES, Source

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PER_PAGE = 20
MAX_PAGE = 10_000  # a larger page number shows the last page
# A query matching more than this many items of one kind ranks the first ones found only, and its
# count says « plus de » (a word found in half the documents would otherwise rank them all).
CANDIDATES = 1000
# ts_rank_cd's weights for D, C, B, A: a word in a title counts ten times one in a body.
WEIGHTS = [0.05, 0.1, 0.4, 1.0]
# A query word unknown to the vocabulary is replaced by the most similar known word, if this close.
SIMILARITY = 0.4
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SearchError(Exception):
    """A query that cannot be searched (empty, too long): its message says why."""


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    title: SafeString
    url: str
    extract: SafeString
    rank: float


@dataclass(frozen=True)
class Facet:
    kind: str
    label: str
    count: int
    selected: bool
    more: bool = False  # more matches than CANDIDATES: `count` is a floor


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[Hit]
    total: int  # hits of the selected kinds
    page: int
    pages: int
    facets: list[Facet]  # every kind the user may search, with its count
    more: bool = False  # a selected kind has more than CANDIDATES matches: `total` is a floor
    corrected_query: str | None = None  # the query actually run, when words were corrected
    full_text: bool = True  # False on the SQLite fallback (no stemming, no correction)
    counts: dict[str, int] = field(default_factory=dict)


def clean_query(query: str) -> str:
    """The query with its spaces tidied, or a SearchError saying why it cannot be searched."""
    # Control characters (a NUL byte PostgreSQL refuses, our extract markers) count as spaces.
    text = " ".join(_CONTROL.sub(" ", query or "").split())
    if not text:
        raise SearchError(_("Saisissez un ou plusieurs mots à rechercher."))
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(
            _(
                "Votre recherche est trop longue : %(max)s caractères au plus (elle en a %(length)s)."
            )
            % {"max": MAX_QUERY_LENGTH, "length": len(text)}
        )
    if not _WORD.search(text):
        raise SearchError(_("Saisissez au moins un mot (des lettres ou des chiffres)."))
    return text


def _visible(user: Any) -> list[tuple[Source, QuerySet[Any]]]:
    """Each source the user may find something in, with what they may see of it (no query run)."""
    visible = []
    for source in SOURCES:
        queryset = source.visible(user)
        if not queryset.query.is_empty():
            visible.append((source, queryset))
    return visible


def searchable_kinds(user: Any) -> list[tuple[str, Any]]:
    """The kinds of content `user` may search, with their labels (anonymous: the guides)."""
    return [(source.kind, source.label) for source, _queryset in _visible(user)]


def search(user: Any, query: str, *, kinds: Any = None, page: int = 1) -> SearchResults:
    """What `user` may see that matches `query`, best first, PER_PAGE a page, counted per kind."""
    text = clean_query(query)
    visible = _visible(user)
    available = [source.kind for source, _queryset in visible]
    selected = [kind for kind in available if kind in set(kinds or ())] or available
    backend: _Backend = _Postgres() if connection.vendor == "postgresql" else _Sqlite()
    page = min(max(1, page), MAX_PAGE)
    counts, rows = backend.run(text, visible, selected, page)
    corrected = None
    if not counts and backend.corrects:
        fixed = _corrected(text)
        if fixed is not None:
            counts, rows = backend.run(fixed, visible, selected, page)
            if counts:
                text, corrected = fixed, fixed
    total = sum(counts.get(kind, 0) for kind in selected)
    pages = max(1, math.ceil(total / PER_PAGE))
    if page > pages:
        page = pages
        counts, rows = backend.run(text, visible, selected, page)
    return SearchResults(
        query=" ".join(query.split()),
        corrected_query=corrected,
        hits=backend.hits(text, rows),
        total=total,
        page=page,
        pages=pages,
        facets=[
            Facet(
                source.kind,
                str(source.label),
                counts.get(source.kind, 0),
                source.kind in selected,
                counts.get(source.kind, 0) >= CANDIDATES,
            )
            for source, _queryset in visible
        ],
        more=any(counts.get(kind, 0) >= CANDIDATES for kind in selected),
        full_text=backend.corrects,
        counts=counts,
    )


def _corrected(text: str) -> str | None:
    """`text` with each word the vocabulary does not know replaced by its closest known word
    (trigram similarity at least SIMILARITY), or None when nothing was replaced."""
    words = sorted({word for word in _WORD.findall(text) if len(word) >= 3 and not word.isdigit()})
    if not words:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT q.word, (
              SELECT w.word FROM {WORDS_TABLE} w
              WHERE w.word %% q.folded AND similarity(w.word, q.folded) >= %s
              ORDER BY similarity(w.word, q.folded) DESC, w.word LIMIT 1)
            FROM (SELECT word, lower(unaccent(word)) AS folded
                  FROM unnest(%s::text[]) AS word) q
            WHERE NOT EXISTS (SELECT 1 FROM {WORDS_TABLE} k WHERE k.word = q.folded)
            """,  # noqa: S608 - a constant table name; the words are parameters
            [SIMILARITY, words],
        )
        replacements = {word: better for word, better in cursor.fetchall() if better}
    if not replacements:
        return None
    return _WORD.sub(lambda match: replacements.get(match.group(0), match.group(0)), text)


class _Backend:
    corrects = False

    def match(self, source: Source, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        """`queryset` narrowed to the matches of `text`, annotated with `search_rank`."""
        raise NotImplementedError

    def run(
        self, text: str, visible: list[tuple[Source, QuerySet[Any]]], selected: list[str], page: int
    ) -> tuple[dict[str, int], list[tuple[str, int, float]]]:
        """One query: the count of each kind's matches, and the page's (kind, pk, rank), best first."""
        parts: list[str] = []
        params: list[Any] = []
        for source, queryset in visible:
            matches = self.match(source, queryset, text).values(
                search_pk=F("pk"), search_score=F("search_rank")
            )
            # The first CANDIDATES matches found of each kind are ranked (see the module's docstring):
            # unordered, so that PostgreSQL stops reading there (ordering them would read them all).
            matches = matches.order_by()[:CANDIDATES]
            try:
                sql, part_params = matches.query.sql_with_params()
            except EmptyResultSet:
                continue
            # Django's SQL (its parameters apart) and our own kind names. The visibility querysets
            # give each row once (no join on a many-valued relation), as every list needs.
            select = f"SELECT '{source.kind}' AS kind, s.search_pk AS pk_, s.search_score AS rank_"
            parts.append(f"{select} FROM ({sql}) s")
            params += part_params
        if not parts:
            return {}, []
        chosen = ", ".join(f"'{kind}'" for kind in selected)
        sql = f"""
            WITH hits AS ({" UNION ALL ".join(parts)})
            SELECT kind, NULL, CAST(COUNT(*) AS REAL) FROM hits GROUP BY kind
            UNION ALL
            SELECT * FROM (
              SELECT kind, pk_, CAST(rank_ AS REAL) FROM hits WHERE kind IN ({chosen})
              ORDER BY rank_ DESC, kind, pk_ DESC LIMIT %s OFFSET %s) page_
        """  # noqa: S608 - the parts above and our kinds; the page is a parameter
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, PER_PAGE, (page - 1) * PER_PAGE])
            rows = cursor.fetchall()
        counts = {kind: int(value) for kind, pk, value in rows if pk is None}
        return counts, [(kind, pk, value) for kind, pk, value in rows if pk is not None]

    def hits(self, text: str, rows: list[tuple[str, int, float]]) -> list[Hit]:
        """The page's hits, in rank order: one query per kind on the page (and one for the extracts
        on PostgreSQL)."""
        objects: dict[tuple[str, int], Any] = {}
        for source in SOURCES:
            ids = [pk for kind, pk, _rank in rows if kind == source.kind]
            if ids:
                queryset = source.model_class()._default_manager.filter(pk__in=ids)
                queryset = queryset.select_related(*source.select_related)
                objects |= {(source.kind, obj.pk): (source, obj) for obj in queryset}
        # A row deleted between the two queries is left out.
        found = [(objects[kind, pk], rank) for kind, pk, rank in rows if (kind, pk) in objects]
        texts = [
            (
                source.title_of(obj),
                bool(source.title_field),
                plain_text(
                    "\n\n".join(str(getattr(obj, name) or "") for name in source.extract_fields)
                ),
            )
            for (source, obj), _rank in found
        ]
        return [
            Hit(
                kind=source.kind,
                label=str(source.hit_label),
                title=marked(title),
                url=obj.get_absolute_url(),
                extract=marked(extract),
                rank=rank,
            )
            for ((source, obj), rank), (title, extract) in zip(
                found, self.highlight(text, texts), strict=True
            )
        ]

    def highlight(self, text: str, texts: list[tuple[str, bool, str]]) -> list[tuple[str, str]]:
        """Each (title, whether to mark it, body) as a title and an extract with their hits between
        START and STOP (escaped later, in `marked`)."""
        raise NotImplementedError


class _Postgres(_Backend):
    corrects = True

    @staticmethod
    def _query(text: str) -> SearchQuery:
        return SearchQuery(text, search_type="websearch", config=CONFIG)

    def match(self, source: Source, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        query = self._query(text)
        return queryset.filter(search_vector=query).annotate(
            search_rank=SearchRank(
                F("search_vector"), query, weights=WEIGHTS, cover_density=True, normalization=1
            )
        )

    def highlight(self, text: str, texts: list[tuple[str, bool, str]]) -> list[tuple[str, str]]:
        """ts_headline marks what the full-text search matched (stems included), in one query for
        the page; its cost grows with the text, so it reads a window of EXTRACT_WINDOW characters
        around the first place a query word seems to appear (`window`), not whole guides."""
        if not texts:
            return []
        prefixes = query_prefixes(text)
        titles = [strip_markers(title) for title, _mark, _body in texts]
        bodies = [window(strip_markers(body), prefixes) for _title, _mark, body in texts]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT ts_headline(%(config)s::regconfig, u.title, q.query, %(whole)s),
                       ts_headline(%(config)s::regconfig, u.body, q.query, %(extract)s)
                FROM unnest(%(titles)s::text[], %(bodies)s::text[]) WITH ORDINALITY u(title, body, n),
                     websearch_to_tsquery(%(config)s::regconfig, %(text)s) q(query)
                ORDER BY u.n
                """,
                {
                    "config": CONFIG,
                    "text": text,
                    "titles": titles,
                    "bodies": bodies,
                    "whole": f"StartSel={START}, StopSel={STOP}, HighlightAll=true",
                    "extract": f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, "
                    'MaxFragments=2, FragmentDelimiter=" … "',
                },
            )
            marked_texts = cursor.fetchall()
        return [
            (marked_title if mark else title, extract)
            for (title, mark, _body), (marked_title, extract) in zip(
                texts, marked_texts, strict=True
            )
        ]


class _Sqlite(_Backend):
    @staticmethod
    def _words(text: str) -> list[str]:
        return list(dict.fromkeys(fold(word) for word in _WORD.findall(text)))[:MAX_WORDS]

    def match(self, source: Source, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        words = self._words(text)
        names = tuple(name for name, _weight in source.fields)
        queryset = queryset.annotate(
            search_text=Func(_joined(names), function="MAGELLAN_FOLD", output_field=TextField())
        )
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        if not source.title_field:
            return queryset.annotate(search_rank=Value(0.5))
        title = Func(F(source.title_field), function="MAGELLAN_FOLD", output_field=TextField())
        queryset = queryset.annotate(search_title_text=title)
        in_title = Q(*[Q(search_title_text__contains=word) for word in words])
        return queryset.annotate(
            search_rank=Case(When(in_title, then=Value(1.0)), default=Value(0.5))
        )

    def highlight(self, text: str, texts: list[tuple[str, bool, str]]) -> list[tuple[str, str]]:
        words, prefixes = self._words(text), query_prefixes(text)
        return [
            (
                excerpt(title, words, size=len(title)) if mark else title,
                excerpt(window(body, prefixes), words),
            )
            for title, mark, body in texts
        ]


def _joined(fields: tuple[str, ...]) -> Any:
    """The fields joined by a blank line."""
    if len(fields) == 1:
        return F(fields[0])
    pieces: list[Any] = []
    for name in fields:
        pieces += [F(name), Value("\n\n")]
    return Concat(*pieces[:-1], output_field=TextField())
