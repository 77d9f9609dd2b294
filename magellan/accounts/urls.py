from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("connexion/lien/", views.request_login_link, name="request_login_link"),
    path("connexion/lien/<int:user_id>/<str:token>/", views.login_with_link, name="login_link"),
    # Logs out at ProConnect too when the session came from it (magellan.accounts.oidc).
    path("deconnexion/", oidc.LogoutView.as_view(), name="logout"),
    path("proconnect/connexion/", oidc.ProConnectLoginView.as_view(), name="proconnect_login"),
    path("proconnect/retour/", oidc.ProConnectCallbackView.as_view(), name="proconnect_callback"),
    path("proconnect/deconnecte/", oidc.logged_out, name="proconnect_logged_out"),
]
