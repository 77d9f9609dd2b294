from django.urls import URLPattern, path

from .views import onboarding as onboarding_views

app_name = "recruitment"

# Each block belongs to one part of the app (docs/recruitment.md); add your lines inside yours.
calls: list[URLPattern] = [
    # calls, dossiers, applications
]
jury: list[URLPattern] = [
    # reviewers, conflicts, assignments, reviews, ranking, decisions
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
