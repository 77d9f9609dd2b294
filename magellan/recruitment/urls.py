from django.urls import URLPattern

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
]

urlpatterns: list[URLPattern] = [*calls, *jury, *onboarding]
