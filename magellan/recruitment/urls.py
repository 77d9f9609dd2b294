from django.urls import URLPattern, path

from .views import jury as jury_views
from .views import onboarding as onboarding_views

app_name = "recruitment"

# Each block belongs to one part of the app (docs/recruitment.md); add your lines inside yours.
calls: list[URLPattern] = [
    # calls, dossiers, applications
]
jury: list[URLPattern] = [
    # reviewers, conflicts, assignments, reviews, ranking, decisions
    path("appels/<int:pk>/jury/", jury_views.jury, name="jury"),
    path("appels/<int:pk>/jury/ajouter/", jury_views.reviewer_add, name="reviewer_add"),
    path("jury/<int:pk>/retirer/", jury_views.reviewer_remove, name="reviewer_remove"),
    path("appels/<int:pk>/attribuer/<str:stage>/", jury_views.assign, name="assign"),
    path("appels/<int:pk>/conflits/", jury_views.conflicts, name="conflicts"),
    path("appels/<int:pk>/mes-evaluations/", jury_views.jury_reviews, name="jury_reviews"),
    path("evaluations/<int:pk>/", jury_views.review, name="review"),
    path("appels/<int:pk>/classement/<str:stage>/", jury_views.ranking, name="ranking"),
    path(
        "appels/<int:pk>/classement/<str:stage>/export/",
        jury_views.ranking_export,
        name="ranking_export",
    ),
    path("candidatures/<int:pk>/decision/", jury_views.decide, name="decide"),
    path("candidatures/<int:pk>/recruter/", jury_views.select, name="select"),
    path("guide-recrutement-inclusif/", jury_views.guide_inclusive, name="guide_inclusive"),
]
onboarding: list[URLPattern] = [
    # checklist templates, newcomers' checklists, the coaches' view
    path("integration/", onboarding_views.onboarding_mine, name="onboarding_mine"),
    path("integration/<int:pk>/", onboarding_views.checklist_detail, name="checklist_detail"),
    path("integration/etape/<int:pk>/", onboarding_views.checklist_item, name="checklist_item"),
    path("integration/promotion/", onboarding_views.onboarding_cohort, name="onboarding_cohort"),
    path(
        "integration/promotion/<slug:slug>/demarrer/",
        onboarding_views.onboarding_start,
        name="onboarding_start",
    ),
    path(
        "integration/modeles/", onboarding_views.onboarding_templates, name="onboarding_templates"
    ),
    path(
        "integration/modeles/nouveau/",
        onboarding_views.onboarding_template_create,
        name="onboarding_template_create",
    ),
    path(
        "integration/modeles/<int:pk>/",
        onboarding_views.onboarding_template_edit,
        name="onboarding_template_edit",
    ),
]

urlpatterns: list[URLPattern] = [*calls, *jury, *onboarding]
