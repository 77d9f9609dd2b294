from django.urls import path

from . import views

app_name = "bulletins"

urlpatterns = [
    path("", views.home, name="home"),
    path("recapitulatif/", views.subscription, name="subscription"),
    path("equipes/<int:pk>/", views.team, name="team"),
    path("equipes/<int:pk>/semaine/", views.write, name="write"),
    path("equipes/<int:pk>/reglages/", views.team_settings, name="team_settings"),
    path("promotions/<slug:slug>/", views.cohort, name="cohort"),
    path("promotions/<slug:slug>/<int:year>/semaine-<int:week>/", views.digest, name="digest"),
]
