from django.urls import path

from .views import board, public, surveys

app_name = "indicators"

urlpatterns: list = [
    # The coaches' indicators pages (views/board.py)
    path("indicateurs/", board.indicator_list, name="list"),
    # Follow-up surveys (views/surveys.py)
    path("indicateurs/enquetes/", surveys.surveys, name="surveys"),
    path("indicateurs/enquetes/<int:pk>/renvoyer/", surveys.survey_resend, name="survey_resend"),
    path("enquete/mes-reponses/", surveys.my_surveys, name="my_surveys"),
    path(
        "enquete/mes-reponses/<int:pk>/modifier/",
        surveys.my_survey_edit,
        name="my_survey_edit",
    ),
    path("enquete/<str:token>/", surveys.survey, name="survey"),
    # Open data (views/public.py)
    path("statistiques/", public.statistics, name="statistics"),
    path("donnees/datapackage.json", public.package, name="datapackage"),
    path("donnees/<slug:slug>.csv", public.resource, name="resource"),
    # One indicator and its CSV: after every other `indicateurs/…` path (a slug would match them).
    path("indicateurs/<slug:slug>/", board.indicator_detail, name="detail"),
    path("indicateurs/<slug:slug>/export.csv", board.indicator_csv, name="csv"),
]
