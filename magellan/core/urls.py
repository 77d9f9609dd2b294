from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("taches/<int:pk>/", views.job_status, name="job_status"),
    path("taches/<int:pk>/etat.json", views.job_status_json, name="job_status_json"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
]
