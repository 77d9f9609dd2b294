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
    path("guides/<slug:slug>/fichiers/", views.file_add, name="file_add"),
    path("guides/<slug:slug>/fichiers/<int:pk>/", views.file_download, name="file_download"),
    path("guides/<slug:slug>/fichiers/<int:pk>/retirer/", views.file_remove, name="file_remove"),
    path("seances/<int:pk>/guides/", views.session_link, name="session_link"),
    path("demandes/<int:pk>/guides/", views.help_request_link, name="help_request_link"),
    path("demandes/<int:pk>/accord/", views.help_request_consent, name="help_request_consent"),
    path("demandes/<int:pk>/guide/", views.help_request_convert, name="help_request_convert"),
    path("questions/<int:pk>/accord/", views.question_consent, name="question_consent"),
    path("questions/<int:pk>/guide/", views.question_convert, name="question_convert"),
    path("utilisations/<int:pk>/retirer/", views.use_remove, name="use_remove"),
]
