from django.urls import path

from .views import challenge, cohort, datasets, repositories

app_name = "values"

urlpatterns: list = [
    # Values per challenge and phase, declarations, datasets, the cohort dashboard
    # (views/challenge.py, views/datasets.py, views/cohort.py)
    path("", challenge.home, name="home"),
    path("defis/<slug:slug>/", challenge.challenge, name="challenge"),
    path(
        "defis/<slug:slug>/phases/<int:phase_pk>/<str:value>/",
        challenge.status_edit,
        name="status_edit",
    ),
    path(
        "defis/<slug:slug>/declarations/",
        challenge.declarations_edit,
        name="declarations_edit",
    ),
    path("defis/<slug:slug>/donnees/ajouter/", datasets.dataset_add, name="dataset_add"),
    path("donnees/<int:pk>/modifier/", datasets.dataset_edit, name="dataset_edit"),
    path("donnees/<int:pk>/supprimer/", datasets.dataset_delete, name="dataset_delete"),
    path("promotions/<slug:cohort_slug>/", cohort.cohort, name="cohort"),
    # Code repositories and their health checks (views/repositories.py)
    path("defis/<slug:slug>/depots/", repositories.repositories, name="repositories"),
    path("depots/<int:pk>/", repositories.repository, name="repository"),
    path("depots/<int:pk>/verifier/", repositories.repository_check, name="repository_check"),
    path("depots/<int:pk>/supprimer/", repositories.repository_delete, name="repository_delete"),
]
