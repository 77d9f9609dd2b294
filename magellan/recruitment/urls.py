from django.urls import URLPattern, path

from .views import calls as call_views
from .views import jury as jury_views
from .views import onboarding as onboarding_views

app_name = "recruitment"

# Each block belongs to one part of the app (docs/recruitment.md); add your lines inside yours.
calls: list[URLPattern] = [
    # calls, dossiers, applications
    path("", call_views.home, name="home"),
    path("appels/nouveau/", call_views.call_create, name="call_create"),
    path("appels/<int:pk>/", call_views.call_detail, name="call_detail"),
    path("appels/<int:pk>/modifier/", call_views.call_edit, name="call_edit"),
    path("appels/<int:pk>/etat/", call_views.call_status, name="call_status"),
    path("appels/<int:pk>/grille/<str:stage>/", call_views.call_criteria, name="call_criteria"),
    path("appels/<int:pk>/dossiers/nouveau/", call_views.dossier_create, name="dossier_create"),
    path("dossiers/<int:pk>/", call_views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/modifier/", call_views.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/lien/", call_views.dossier_link, name="dossier_link"),
    path("dossiers/<int:pk>/deposer/", call_views.dossier_file, name="dossier_file"),
    path("dossiers/<int:pk>/retenir/", call_views.dossier_accept, name="dossier_accept"),
    path("dossiers/<int:pk>/ecarter/", call_views.dossier_reject, name="dossier_reject"),
    path("depot/<str:token>/", call_views.dossier_submit, name="dossier_submit"),
    path(
        "appels/<int:pk>/candidatures/nouvelle/",
        call_views.application_create,
        name="application_create",
    ),
    path(
        "appels/<int:pk>/candidatures/importer/",
        call_views.application_import,
        name="application_import",
    ),
    path("candidatures/<int:pk>/", call_views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/cv/", call_views.application_cv, name="application_cv"),
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
    path("candidatures/<int:pk>/attente/", jury_views.waiting_move, name="waiting_move"),
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
