"""What search looks into: one small declarative entry per model ("source").

Each source says which text fields are indexed with which weight (A title, B summary and tags,
C body), which queryset gives what a user may see (the owning app's `*_visible_to(user)`, the one
visibility rule), how a hit is titled and which fields its extract comes from. The PostgreSQL
triggers (`postgres.py`), the search itself (`services.py`) and the SQLite fallback all read this
list, so adding a model to search is adding an entry here (and a migration that re-installs the
triggers).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    kind: str  # the value of the page's filter and of Hit.kind
    label: Any  # plural label of the filter (lazy translation)
    hit_label: Any  # singular label shown on each hit
    model: str  # "app_label.ModelName"
    fields: tuple[tuple[str, str], ...]  # (text field, weight A-D), the title first
    visible_to: str  # dotted path of the owning app's visibility queryset function
    tags: str | None = None  # a many-to-many to directory.Expertise, indexed with weight B
    extract_fields: tuple[str, ...] = ()  # the fields the extract is cut from
    select_related: tuple[str, ...] = ()
    title: Callable[[Any], str] | None = None  # the hit's title when it is not the first field

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def visible(self, user: Any) -> QuerySet[Any]:
        function: Callable[[Any], QuerySet[Any]] = import_string(self.visible_to)
        return function(user)

    @property
    def title_field(self) -> str | None:
        """The field shown (and highlighted) as the hit's title, None when `title` builds it."""
        return None if self.title else self.fields[0][0]

    def title_of(self, obj: Any) -> str:
        if self.title:
            return self.title(obj)
        return str(getattr(obj, self.fields[0][0]))


def _answer_title(answer: Any) -> str:
    return gettext("Réponse à « %(title)s »") % {"title": answer.question.title}


SOURCES: tuple[Source, ...] = (
    Source(
        kind="question",
        label=_("Questions"),
        hit_label=_("Question"),
        model="community.Question",
        fields=(("title", "A"), ("body", "C")),
        tags="expertises",
        visible_to="magellan.community.queries.questions_visible_to",
        extract_fields=("body",),
    ),
    Source(
        kind="answer",
        label=_("Réponses"),
        hit_label=_("Réponse"),
        model="community.Answer",
        fields=(("body", "C"),),
        visible_to="magellan.community.queries.answers_visible_to",
        extract_fields=("body",),
        select_related=("question",),
        title=_answer_title,
    ),
    Source(
        kind="guide",
        label=_("Guides"),
        hit_label=_("Guide"),
        model="resources.Guide",
        fields=(("title", "A"), ("summary", "B"), ("body", "C")),
        tags="expertises",
        visible_to="magellan.resources.queries.guides_visible_to",
        extract_fields=("summary", "body"),
    ),
    Source(
        kind="help_request",
        label=_("Demandes d’aide"),
        hit_label=_("Demande d’aide"),
        model="helpdesk.HelpRequest",
        fields=(("subject", "A"), ("description", "C"), ("resolution_summary", "C")),
        tags="expertises",
        visible_to="magellan.helpdesk.queries.requests_visible_to",
        extract_fields=("description", "resolution_summary"),
    ),
)

KINDS = tuple(source.kind for source in SOURCES)


def source_of(kind: str) -> Source:
    return next(source for source in SOURCES if source.kind == kind)
