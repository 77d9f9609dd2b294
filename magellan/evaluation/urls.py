from django.urls import path  # noqa: F401

from . import views  # noqa: F401

app_name = "evaluation"

urlpatterns: list = [
    # Indicators and retrospectives (views/indicators.py, views/retrospectives.py)
    # Reports and actions (views/reports.py)
    # Trajectory, cohort overview, CSV and PDF (views/trajectory.py, views/cohort.py)
]
