from django.urls import path

from . import views

app_name = "grouping"

urlpatterns = [
    path("promotions/<slug:slug>/", views.cohort_groups, name="cohort_groups"),
    path("promotions/<slug:slug>/rencontres/", views.encounters, name="encounters"),
    path("promotions/<slug:slug>/series/<slug:format_slug>/", views.series, name="series"),
    path("seances/<int:pk>/", views.session_groups, name="session_groups"),
    path("seances/<int:pk>/former/", views.session_form, name="session_form"),
    path("seances/<int:pk>/reformer/", views.session_reform, name="session_reform"),
    path("seances/<int:pk>/deplacer/", views.member_move, name="member_move"),
    path("seances/<int:pk>/publier/", views.publish, name="publish"),
    path("seances/<int:pk>/depublier/", views.unpublish, name="unpublish"),
    path("seances/<int:pk>/abandonner/", views.discard, name="discard"),
]
