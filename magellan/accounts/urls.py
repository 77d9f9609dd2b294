from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("connexion/lien/", views.request_login_link, name="request_login_link"),
    path("connexion/lien/<int:user_id>/<str:token>/", views.login_with_link, name="login_link"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
]
