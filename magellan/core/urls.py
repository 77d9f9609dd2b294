from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("taches/<int:pk>/", views.job_status, name="job_status"),
    path("taches/<int:pk>/etat.json", views.job_status_json, name="job_status_json"),
]
