"""Login by password or by one-time email link; logout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import LoginLinkForm, PasswordLoginForm


class LoginView(auth_views.LoginView):
    """The login page offers both ways in."""

    template_name = "accounts/login.html"
    authentication_form = PasswordLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["link_form"] = LoginLinkForm()
        return context


@require_http_methods(["POST"])
def request_login_link(request: HttpRequest) -> HttpResponse:
    """Ask for a login link: the same work and the same page whether the address is known or not
    (the e-mail leaves from a task that looks the account up)."""
    form = LoginLinkForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/login.html",
            {"form": PasswordLoginForm(request), "link_form": form, "next": ""},
            status=400,
        )
    if not services.may_request_login_link(request=request, email=form.cleaned_data["email"]):
        minutes = settings.MAGELLAN_LOGIN_LINK_LIMIT_WINDOW // 60
        form.add_error(
            None,
            _(
                "Trop de demandes de lien de connexion. Réessayez dans %(minutes)s minutes, "
                "ou connectez-vous avec votre mot de passe."
            )
            % {"minutes": minutes},
        )
        return render(
            request,
            "accounts/login.html",
            {"form": PasswordLoginForm(request), "link_form": form, "next": ""},
            status=429,
        )
    services.request_login_link(email=form.cleaned_data["email"])
    return render(request, "accounts/login_link_sent.html", {"email": form.cleaned_data["email"]})


def login_with_link(request: HttpRequest, user_id: int, token: str) -> HttpResponse:
    """GET shows a confirmation button (mail scanners must not burn the link); POST logs in."""
    if request.method == "POST":
        user = authenticate(request, user_id=user_id, token=token)
        if user is None:
            messages.error(
                request, _("Ce lien de connexion n’est plus valable. Demandez-en un nouveau.")
            )
            return redirect("accounts:login")
        login(request, user, backend="magellan.accounts.backends.EmailLinkBackend")
        messages.success(request, _("Vous êtes connecté·e."))
        return redirect("home")
    return render(request, "accounts/login_link_confirm.html", {"user_id": user_id, "token": token})


class LogoutView(auth_views.LogoutView):
    """POST only, as Django requires."""
