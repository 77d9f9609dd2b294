from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("connexions/", views.logins, name="logins"),
    path("<str:key>/<int:pk>/", views.object_history, name="object_history"),
]
