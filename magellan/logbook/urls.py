from django.urls import path

from . import views

app_name = "logbook"

urlpatterns = [
    path("", views.home, name="home"),
    path("ecrire/", views.entry_create, name="entry_create"),
    path("progression/", views.progression, name="progression"),
    path("carnet-de-bord.md", views.export_markdown, name="export_markdown"),
    path("carnet-de-bord.pdf", views.export_pdf, name="export_pdf"),
    path("entrees/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entrees/<int:pk>/modifier/", views.entry_edit, name="entry_edit"),
    path("entrees/<int:pk>/partager/", views.entry_share, name="entry_share"),
    path("entrees/<int:pk>/reprendre/", views.entry_unshare, name="entry_unshare"),
    path("besoins/<int:pk>/demande-d-aide/", views.need_to_help_request, name="need_help_request"),
    path("besoins/<int:pk>/mentorat/", views.need_to_mentoring, name="need_mentoring"),
    path("promotions/<slug:slug>/", views.cohort_overview, name="cohort_overview"),
    path("promotions/<slug:slug>/tendances/", views.cohort_trends, name="cohort_trends"),
    path(
        "promotions/<slug:slug>/eig/<slug:person_slug>/",
        views.fellow_logbook,
        name="fellow_logbook",
    ),
]
