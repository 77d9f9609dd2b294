from django.urls import path

from . import views  # noqa: F401
from .views import cohort, indicators, reports, retrospectives, trajectory

app_name = "evaluation"

urlpatterns: list = [
    # Indicators and retrospectives (views/indicators.py, views/retrospectives.py)
    path("defis/<slug:slug>/indicateurs/", indicators.indicators, name="indicators"),
    path("indicateurs/<int:pk>/modifier/", indicators.indicator_edit, name="indicator_edit"),
    path(
        "indicateurs/<int:pk>/valeurs/ajouter/",
        indicators.indicator_value_add,
        name="indicator_value_add",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/retrospective/",
        retrospectives.retrospective,
        name="retrospective",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/retrospective/modifier/",
        retrospectives.retrospective_edit,
        name="retrospective_edit",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/retrospective/remettre/",
        retrospectives.retrospective_submit,
        name="retrospective_submit",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/retrospective/rouvrir/",
        retrospectives.retrospective_reopen,
        name="retrospective_reopen",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/retrospective/commentaires/",
        retrospectives.retrospective_comment,
        name="retrospective_comment",
    ),
    # Reports and actions (views/reports.py)
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/rapport/",
        reports.report,
        name="report",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/rapport/modifier/",
        reports.report_edit,
        name="report_edit",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/rapport/publier/",
        reports.report_publish,
        name="report_publish",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/rapport/bilan-interne/",
        reports.report_acknowledge,
        name="report_acknowledge",
    ),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/rapport/pdf/",
        reports.report_pdf,
        name="report_pdf",
    ),
    path("actions/<int:pk>/etat/", reports.action_status, name="action_status"),
    # Trajectory, cohort overview, CSV and PDF (views/trajectory.py, views/cohort.py)
    path("", trajectory.home, name="home"),
    path("defis/<slug:slug>/", trajectory.challenge, name="challenge"),
    path("defis/<slug:slug>/trajectoire.pdf", trajectory.trajectory_pdf, name="trajectory_pdf"),
    path("promotions/<slug:cohort_slug>/phases/<int:kind>/", cohort.cohort, name="cohort"),
    path(
        "promotions/<slug:cohort_slug>/phases/<int:kind>/export.csv",
        cohort.cohort_csv,
        name="cohort_csv",
    ),
]
