"""The site's structure, in one place: the header's menu, the footer's links and the site map.

The site map is this structure, not a list of its own: `tests/core/test_site_pages.py` fails when a
page that a visitor can open from the URL map (no argument in its address) is missing from it.
"""

from dataclasses import dataclass
from typing import Literal

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    """A page of the site: its label, its URL name, and the pages listed under it."""

    label: str | Promise
    url_name: str
    children: tuple["Entry", ...] = ()
    # Who the entry is listed for: everyone, signed-in accounts only (the page asks others to
    # sign in), or visitors who are not signed in.
    audience: Literal["all", "signed_in", "signed_out"] = "all"

    def is_listed_for(self, *, signed_in: bool) -> bool:
        return self.audience == "all" or (self.audience == "signed_in") == signed_in


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    children: tuple["Link", ...] = ()


# The header's main menu; each entry heads a section of the site map.
SECTIONS: tuple[Entry, ...] = (
    Entry(_("Accueil"), "home"),
    Entry(
        _("Programme"),
        "program:my_sessions",
        children=(
            Entry(_("Mes séances"), "program:my_sessions", audience="signed_in"),
            Entry(_("Calendrier"), "program:calendar", audience="signed_in"),
            Entry(_("Les dispositifs"), "program:format_list", audience="signed_in"),
            Entry(_("Mon agenda iCal"), "program:feed_settings", audience="signed_in"),
            Entry(_("Bulletins d’équipe"), "bulletins:home", audience="signed_in"),
            Entry(_("Récapitulatif des bulletins"), "bulletins:subscription", audience="signed_in"),
            Entry(_("Mon carnet de bord"), "logbook:home", audience="signed_in"),
            Entry(_("Écrire dans mon carnet"), "logbook:entry_create", audience="signed_in"),
            Entry(_("Ma progression"), "logbook:progression", audience="signed_in"),
            Entry(_("Ma liste d’intégration"), "recruitment:onboarding_mine", audience="signed_in"),
            Entry(
                _("Intégrations de la promotion"),
                "recruitment:onboarding_cohort",
                audience="signed_in",
            ),
            Entry(_("Évaluation par phase"), "evaluation:home", audience="signed_in"),
            Entry(_("Valeurs des défis"), "values:home", audience="signed_in"),
            Entry(_("Indicateurs du programme"), "indicators:list", audience="signed_in"),
            Entry(_("Enquêtes de suivi des alumni"), "indicators:surveys", audience="signed_in"),
            Entry(_("Recrutement : les appels"), "recruitment:home", audience="signed_in"),
            Entry(
                _("Guide du recrutement inclusif"),
                "recruitment:guide_inclusive",
                audience="signed_in",
            ),
        ),
    ),
    Entry(
        _("Mentorat"),
        "mentoring:home",
        children=(
            Entry(_("Mon mentorat"), "mentoring:home", audience="signed_in"),
            Entry(_("Les parrains et marraines"), "mentoring:offer_list", audience="signed_in"),
            Entry(_("Exprimer un besoin"), "mentoring:need_create", audience="signed_in"),
            Entry(_("Mon offre de mentorat"), "mentoring:offer_edit", audience="signed_in"),
        ),
    ),
    Entry(
        _("Entraide"),
        "community:question_list",
        children=(
            Entry(_("Questions et réponses"), "community:question_list", audience="signed_in"),
            Entry(_("Poser une question"), "community:question_create", audience="signed_in"),
            Entry(_("Bureau d’aide"), "helpdesk:home", audience="signed_in"),
            Entry(_("Demander de l’aide"), "helpdesk:request_create", audience="signed_in"),
        ),
    ),
    Entry(_("Ressources"), "resources:guide_list"),
    Entry(_("Défis"), "directory:challenge_list"),
    Entry(_("Personnes"), "directory:person_list"),
    Entry(_("Promotions"), "directory:cohort_list"),
    Entry(_("Administrations"), "directory:administration_list"),
)

# The footer's bottom links: the pages every State site must have.
MANDATORY_PAGES: tuple[Entry, ...] = (
    Entry(_("Plan du site"), "core:sitemap"),
    Entry(_("Accessibilité"), "core:accessibility"),
    Entry(_("Mentions légales"), "core:legal_notice"),
    Entry(_("Données personnelles"), "core:personal_data"),
)

# Further sections of the site map only.
ACCOUNT: tuple[Entry, ...] = (
    Entry(_("Se connecter"), "accounts:login", audience="signed_out"),
    Entry(_("Mon profil"), "directory:profile_edit", audience="signed_in"),
    Entry(_("Mes notifications"), "notifications:list", audience="signed_in"),
    Entry(_("Mes préférences de notification"), "notifications:preferences", audience="signed_in"),
    Entry(_("Mes jetons d’API"), "api:tokens", audience="signed_in"),
    Entry(_("Mes réponses aux enquêtes de suivi"), "indicators:my_surveys", audience="signed_in"),
    Entry(_("Mes données"), "privacy:home", audience="signed_in"),
    Entry(_("Lire toutes mes données"), "privacy:export_html", audience="signed_in"),
    Entry(
        _("Demander l’effacement de mes données"), "privacy:erasure_request", audience="signed_in"
    ),
)
SEARCH = Entry(_("Rechercher"), "search:results")
API_DOCS = Entry(_("Documentation de l’API"), "api:openapi-view")
STATISTICS = Entry(_("Statistiques du programme"), "indicators:statistics")
DATA_PACKAGE = Entry(_("Données ouvertes (Data Package)"), "indicators:datapackage")


def _links(entries: tuple[Entry, ...], *, signed_in: bool) -> tuple[Link, ...]:
    return tuple(
        Link(
            str(entry.label),
            reverse(entry.url_name),
            children=_links(entry.children, signed_in=signed_in),
        )
        for entry in entries
        if entry.is_listed_for(signed_in=signed_in)
    )


def main_menu(*, path: str) -> tuple[Link, ...]:
    """The header's menu (top-level sections), with the entry of `path` marked current."""
    links = []
    for entry in SECTIONS:
        url = reverse(entry.url_name)
        current = path == url if url == "/" else path.startswith(url)
        links.append(Link(str(entry.label), url, current))
    return tuple(links)


def footer_links() -> tuple[Link, ...]:
    """The footer's links to the mandatory pages."""
    return _links(MANDATORY_PAGES, signed_in=False)


def site_map(*, signed_in: bool) -> tuple[tuple[str, tuple[Link, ...]], ...]:
    """The site map's sections (title, links): the menu, the account, the API and the mandatory pages."""
    return (
        (str(_("Pages du site")), _links((*SECTIONS, SEARCH), signed_in=signed_in)),
        (str(_("Votre compte")), _links(ACCOUNT, signed_in=signed_in)),
        (
            str(_("Réutiliser les données")),
            _links((STATISTICS, DATA_PACKAGE, API_DOCS), signed_in=signed_in),
        ),
        (str(_("Informations")), _links(MANDATORY_PAGES, signed_in=signed_in)),
    )
