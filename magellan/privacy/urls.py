from django.urls import path

from . import views

app_name = "privacy"

urlpatterns: list[object] = [
    path("", views.home, name="home"),
    path("mes-donnees-magellan.json", views.export_json, name="export_json"),
    path("lecture/", views.export_html, name="export_html"),
    path("effacement/", views.erasure_request, name="erasure_request"),
    path("demandes/", views.erasure_list, name="erasure_list"),
    path("demandes/<int:pk>/", views.erasure_detail, name="erasure_detail"),
    path("demandes/<int:pk>/confirmer/", views.erasure_confirm, name="erasure_confirm"),
    path("demandes/<int:pk>/refuser/", views.erasure_refuse, name="erasure_refuse"),
]
