from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.guide_list, name="guide_list"),
    path("nouveau/", views.guide_create, name="guide_create"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide_detail"),
    path("guides/<slug:slug>/modifier/", views.guide_edit, name="guide_edit"),
    path("guides/<slug:slug>/historique/", views.guide_history, name="guide_history"),
    path("guides/<slug:slug>/publier/", views.guide_publish, name="guide_publish"),
    path("guides/<slug:slug>/depublier/", views.guide_unpublish, name="guide_unpublish"),
    path("guides/<slug:slug>/liens/", views.link_add, name="link_add"),
    path("guides/<slug:slug>/liens/<int:pk>/retirer/", views.link_remove, name="link_remove"),
    path("seances/<int:pk>/guides/", views.session_link, name="session_link"),
    path("utilisations/<int:pk>/retirer/", views.use_remove, name="use_remove"),
]
