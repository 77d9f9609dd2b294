"""Magellan's URL map: one include per app."""

from django.contrib import admin
from django.urls import include, path

from magellan.directory import views as directory_views

urlpatterns = [
    path("", directory_views.home, name="home"),
    path("", include("magellan.directory.urls")),
    path("programme/", include("magellan.program.urls")),
    path("groupes/", include("magellan.grouping.urls")),
    path("mentorat/", include("magellan.mentoring.urls")),
    path("exports/", include("magellan.exports.urls")),
    path("aide/", include("magellan.helpdesk.urls")),
    path("bulletins/", include("magellan.bulletins.urls")),
    path("entraide/", include("magellan.community.urls")),
    path("notifications/", include("magellan.notifications.urls")),
    path("ressources/", include("magellan.resources.urls")),
    path("recherche/", include("magellan.search.urls")),
    path("carnet-de-bord/", include("magellan.logbook.urls")),
    path("evaluation/", include("magellan.evaluation.urls")),
    path("valeurs/", include("magellan.values.urls")),
    path("", include("magellan.indicators.urls")),
    path("taches-planifiees/", include("magellan.scheduler.urls")),
    path("compte/", include("magellan.accounts.urls")),
    path("historique/", include("magellan.audit.urls")),
    path("mes-donnees/", include("magellan.privacy.urls")),
    path("recrutement/", include("magellan.recruitment.urls")),
    path("", include("magellan.core.urls")),
    # The API (/api/) and its tokens pages (/jetons-api/): one namespace, `api`.
    path("", include("magellan.api.urls")),
    path("admin/", admin.site.urls),
]
