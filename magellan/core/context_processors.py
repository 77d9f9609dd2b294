"""Template context shared by every page: the main navigation and the footer's links."""

from django.http import HttpRequest

from .navigation import footer_links, main_menu


def navigation(request: HttpRequest) -> dict[str, object]:
    """The header's main menu, with the current entry marked, and the footer's mandatory pages."""
    return {"main_menu": main_menu(path=request.path), "footer_links": footer_links()}
