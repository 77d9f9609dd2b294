from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("<slug:slug>/", views.cohort_exports, name="cohort_exports"),
    path("<slug:slug>/<slug:name>.<str:extension>", views.download, name="download"),
]
