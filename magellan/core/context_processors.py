"""Template context shared by every page: the main navigation."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest) -> dict[str, object]:
    """The header's main menu, with the current entry marked."""
    items = [
        (_("Accueil"), reverse("home")),
        (_("Programme"), reverse("program:my_sessions")),
        (_("Défis"), reverse("directory:challenge_list")),
        (_("Personnes"), reverse("directory:person_list")),
        (_("Promotions"), reverse("directory:cohort_list")),
        (_("Administrations"), reverse("directory:administration_list")),
    ]
    path = request.path
    menu = []
    for label, url in items:
        current = path == url if url == "/" else path.startswith(url)
        menu.append({"label": label, "url": url, "current": current})
    return {"main_menu": menu}
