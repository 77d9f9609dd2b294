from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import services
from .forms import SearchForm


def _page_number(value: str | None) -> int:
    """The page asked for (the service keeps it within the pages there are)."""
    try:
        return min(int(value or 1), services.MAX_PAGE)
    except ValueError:
        return 1


def _kind_choices(request: HttpRequest) -> list[tuple[str, str]]:
    """The kinds the visitor may search, for the form when there are no results to count."""
    return [(kind, str(label)) for kind, label in services.searchable_kinds(request.user)]


def results(request: HttpRequest) -> HttpResponse:
    """Search everything the visitor may see; anonymous visitors search the public guides."""
    context: dict[str, Any] = {"results": None}
    if "q" not in request.GET:
        context["form"] = SearchForm(choices=_kind_choices(request))
        return render(request, "search/results.html", context)
    try:
        results = services.search(
            request.user,
            request.GET["q"],
            kinds=request.GET.getlist("type"),
            page=_page_number(request.GET.get("page")),
        )
    except services.SearchError as error:
        form = SearchForm(request.GET, choices=_kind_choices(request))
        form.full_clean()
        form.errors["q"] = form.error_class([str(error)])  # the service's reason, alone
        context["form"] = form
        return render(request, "search/results.html", context)
    choices = [
        (
            facet.kind,
            (_("%(label)s (plus de %(count)s)") if facet.more else _("%(label)s (%(count)s)"))
            % {"label": facet.label, "count": facet.count},
        )
        for facet in results.facets
    ]
    form = SearchForm(request.GET, choices=choices)
    form.is_valid()
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    context |= {
        "form": form,
        "results": results,
        "page_obj": Paginator(range(results.total), services.PER_PAGE).get_page(results.page),
        "querystring_without_page": (encoded + "&") if encoded else "",
    }
    return render(request, "search/results.html", context)
