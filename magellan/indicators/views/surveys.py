"""The follow-up surveys: the personal link's page (no sign-in), the person's own answers and
their correction, and the coaches' response rates with "send again". Thin: rules in
services/surveys.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.directory.models import Cohort

from .. import permissions, queries
from ..forms.surveys import SurveyAnswerForm
from ..models import SurveyInvitation
from ..services import surveys as services


def _my_answers_link() -> tuple[str, str]:
    return (_("Mes réponses aux enquêtes de suivi"), reverse("indicators:my_surveys"))


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey behind a personal link: its form, or the answer once given; an unknown link
    is a 404 and an expired one a 410, with a page that says what to do."""
    now = timezone.now()
    try:
        invitation = services.invitation_for(token, now=now)
    except services.UnknownLinkError as error:
        return render(
            request, "indicators/survey_link_invalid.html", {"message": error.message}, status=404
        )
    except services.ExpiredLinkError as error:
        return render(
            request, "indicators/survey_link_invalid.html", {"message": error.message}, status=410
        )
    answer = getattr(invitation, "answer", None)
    form = None
    status = 200
    if answer is None:
        form = SurveyAnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                answer = services.answer_survey(token=token, data=form.cleaned_data, now=now)
            except services.AlreadyAnsweredError as error:
                messages.error(request, error.message)
                answer, form, status = error.answer, None, 409
            except services.SurveyError as error:  # the link was replaced meanwhile
                return render(
                    request,
                    "indicators/survey_link_invalid.html",
                    {"message": error.message},
                    status=410 if isinstance(error, services.ExpiredLinkError) else 404,
                )
            else:
                messages.success(request, _("Merci ! Votre réponse est enregistrée."))
                return redirect("indicators:survey", token=token)
    elif request.method == "POST":
        messages.error(
            request,
            _(
                "Vous avez déjà répondu à cette enquête : ce lien ne sert qu’une fois. "
                "Pour corriger votre réponse, connectez-vous à Magellan."
            ),
        )
        status = 409
    return render(
        request,
        "indicators/survey_answer.html",
        {"invitation": invitation, "answer": answer, "form": form},
        status=status,
    )


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    """The signed-in person's survey invitations and answers, each answer with its correction."""
    return render(
        request,
        "indicators/survey_mine.html",
        {"invitations": queries.invitations_of(request.user), "now": timezone.now()},
    )


@login_required
def my_survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one's own answer (anyone else's: 404), with a version check."""
    answer = queries.answer_of(request.user, pk)
    if answer is None:
        raise Http404
    form = SurveyAnswerForm(request.POST or None, initial=SurveyAnswerForm.initial_of(answer))
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_answer(
                answer=answer,
                by=request.user,
                version=form.cleaned_data.get("version") or 0,
                data=form.cleaned_data,
            )
        except services.AnswerConflictError as error:
            current = error.current
            form.add_error(None, error.message)
            # Saving again replaces the version shown beside the form, knowingly.
            data = request.POST.copy()
            data["version"] = str(current.version)
            form.data = data
        except services.SurveyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Votre réponse est corrigée."))
            return redirect("indicators:my_surveys")
    return render(
        request,
        "indicators/survey_edit.html",
        {
            "answer": answer,
            "form": form,
            "current": current,
            "breadcrumb": [_my_answers_link()],
        },
    )


@allowed_by(permissions.can_view_surveys)
def surveys(request: HttpRequest) -> HttpResponse:
    """Coaches: the response rates per cohort and wave, who has not answered, and sending a
    survey again."""
    return render(
        request,
        "indicators/survey_rates.html",
        {"waves": queries.response_rates(Cohort.objects.all()), "now": timezone.now()},
    )


@require_POST
@allowed_by(permissions.can_view_surveys)
@limits_email_sending
def survey_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an unanswered survey again with a fresh link (coaches)."""
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("person"), pk=pk)
    try:
        services.send_again(invitation=invitation, by=request.user, now=timezone.now())
    except services.SurveyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("L’enquête est renvoyée à %(name)s avec un nouveau lien.")
            % {"name": invitation.person.name},
        )
    return redirect("indicators:surveys")
