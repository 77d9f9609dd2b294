"""Bulletin pages: my team's week, a team's history and mood, a cohort's weeks and mood, the
digest of a week, the digest opt-in, a team's chat webhook. Thin views."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Challenge, Cohort
from magellan.directory.permissions import is_coach, is_member
from magellan.directory.queries import person_of

from . import charts, permissions, queries, services, weeks
from .forms import BulletinForm, SubscriptionForm, TeamSettingsForm
from .models import Bulletin, DigestSubscription, Mood, TeamSettings


def _mark_help(bulletins: list[Bulletin], user: Any) -> list[Bulletin]:
    queries.mark_visibility(
        bulletins, coach=is_coach(user), challenge_ids=queries.my_challenge_ids(user)
    )
    return bulletins


def _week_context(week: weeks.Week) -> dict[str, Any]:
    return {
        "week_number": week[1],
        "week_year": week[0],
        "week_monday": weeks.monday(week),
        "locks_at": weeks.locks_at(week),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My teams' bulletin of the week, and the cohorts whose news I read."""
    if not is_member(request.user):
        raise PermissionDenied
    person = person_of(request.user)
    now = timezone.now()
    week = weeks.week_at(now)
    teams = []
    if person is not None:
        challenges = (
            Challenge.objects.filter(
                memberships__person=person, memberships__role__in=queries.WRITER_ROLES
            )
            .distinct()
            .order_by("title", "pk")
        )
        written = {
            b.challenge_id: b
            for b in Bulletin.objects.filter(
                challenge__in=challenges, iso_year=week[0], iso_week=week[1]
            )
        }
        teams = [(challenge, written.get(challenge.pk)) for challenge in challenges]
    cohorts = (
        Cohort.objects.order_by("-number", "pk")
        if is_coach(request.user)
        else Cohort.objects.filter(pk__in=queries.my_cohort_ids(request.user)).order_by(
            "-number", "pk"
        )
    )
    return render(
        request,
        "bulletins/home.html",
        {
            "teams": teams,
            "cohorts": cohorts,
            "is_open": weeks.is_open(week, now=now),
            "can_subscribe": permissions.can_subscribe(request.user),
            "subscribed": person is not None
            and DigestSubscription.objects.filter(person=person).exists(),
            **_week_context(week),
        },
    )


@login_required
def write(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's bulletin of the current week: written, or edited until the lock."""
    challenge = get_object_or_404(Challenge, pk=pk)
    if not permissions.can_write(request.user, challenge):
        raise PermissionDenied
    person = person_of(request.user)
    assert person is not None  # noqa: S101 - can_write needs a person
    now = timezone.now()
    week = weeks.week_at(now)
    bulletin = (
        Bulletin.objects.filter(challenge=challenge, iso_year=week[0], iso_week=week[1])
        .select_related("author", "last_editor", "help_request")
        .first()
    )
    is_open = weeks.is_open(week, now=now)
    current = None
    form = BulletinForm(
        request.POST or None,
        instance=bulletin or Bulletin(challenge=challenge),
        initial={"version": bulletin.version if bulletin else None},
        has_request=bool(bulletin and bulletin.help_request_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_bulletin(
                challenge=challenge,
                person=person,
                week=week,
                version=data.get("version"),
                mood=data["mood"],
                priority=data["priority"],
                ups_and_downs=data["ups_and_downs"],
                help_needed=data["help_needed"],
                help_is_private=data["help_is_private"],
                open_request=bool(data.get("open_request")),
                key_date=data["key_date"],
                key_date_description=data["key_date_description"],
                now=now,
            )
        except services.StaleBulletinError as error:
            current = error.current
            fresh = request.POST.copy()
            fresh["version"] = str(current.version)
            form = BulletinForm(
                fresh,
                instance=Bulletin(challenge=challenge),
                has_request=bool(current.help_request_id),
            )
            form.is_valid()
            form.add_error(None, str(error))
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Le bulletin de votre équipe est enregistré."))
            return redirect("bulletins:write", pk=challenge.pk)
    _mark_help([b for b in (bulletin, current) if b is not None], request.user)
    return render(
        request,
        "bulletins/write.html",
        {
            "challenge": challenge,
            "bulletin": bulletin,
            "current": current,
            "form": form,
            "is_open": is_open,
            "cohort": queries.cohort_of(challenge, week),
            **_week_context(week),
        },
    )


def _by_month(bulletins: list[Bulletin]) -> list[tuple[datetime.date, list[Bulletin]]]:
    months: dict[datetime.date, list[Bulletin]] = {}
    for bulletin in bulletins:
        monday = weeks.monday((bulletin.iso_year, bulletin.iso_week))
        months.setdefault(monday.replace(day=1), []).append(bulletin)
    return list(months.items())


def _mood_table(series: list[charts.Point]) -> list[dict[str, Any]]:
    return [
        {
            "week": week,
            "monday": weeks.monday(week),
            "value": value,
            "label": Mood(round(value)).label if value is not None else None,
            "count": count,
        }
        for week, value, count in series
    ]


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's bulletins by month, its key dates (past and to come) and its mood over the weeks."""
    challenge = get_object_or_404(Challenge.objects.prefetch_related("cohorts"), pk=pk)
    if not permissions.can_view_team(request.user, challenge):
        raise PermissionDenied
    bulletins = _mark_help(list(queries.team_history(challenge, request.user)), request.user)
    today = timezone.localdate()
    dated = sorted((b for b in bulletins if b.key_date), key=lambda b: (b.key_date, b.pk))
    ordered = sorted(bulletins, key=lambda b: (b.iso_year, b.iso_week))
    week_list = (
        weeks.weeks_between(
            weeks.monday((ordered[0].iso_year, ordered[0].iso_week)),
            max(today, weeks.monday((ordered[-1].iso_year, ordered[-1].iso_week))),
        )
        if ordered
        else []
    )
    series = queries.mood_series(bulletins, week_list)
    return render(
        request,
        "bulletins/team.html",
        {
            "challenge": challenge,
            "months": _by_month(bulletins),
            "past_dates": [b for b in dated if b.key_date and b.key_date < today],
            "coming_dates": [b for b in dated if b.key_date and b.key_date >= today],
            "chart": charts.plot_mood(
                series,
                title=_("Humeur de l’équipe « %(team)s » semaine par semaine")
                % {"team": challenge.title},
                chart_id="humeur-equipe",
            )
            if series
            else None,
            "mood_rows": _mood_table(series),
            "can_write": permissions.can_write(request.user, challenge),
            "can_edit_settings": permissions.can_edit_settings(request.user, challenge),
        },
    )


@login_required
def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    """A cohort's weeks (who wrote, the digest of each) and the cohort's mood over the weeks."""
    cohort = get_object_or_404(Cohort, slug=slug)
    if not permissions.can_view_cohort(request.user, cohort):
        raise PermissionDenied
    week_list = queries.cohort_weeks(cohort, today=timezone.localdate())
    bulletins = list(Bulletin.objects.filter(cohort=cohort).only("iso_year", "iso_week", "mood"))
    series = queries.mood_series(bulletins, week_list)
    teams = queries.team_challenges(cohort)
    rows = _mood_table(series)
    return render(
        request,
        "bulletins/cohort.html",
        {
            "cohort": cohort,
            "team_count": len(teams),
            "teams": teams,
            "weeks": list(reversed(rows)),
            "chart": charts.plot_mood(
                series,
                title=_("Humeur moyenne des équipes de %(cohort)s semaine par semaine")
                % {"cohort": cohort},
                chart_id="humeur-promotion",
            )
            if series
            else None,
            "mood_rows": rows,
            "is_coach": is_coach(request.user),
        },
    )


@login_required
def digest(request: HttpRequest, slug: str, year: int, week: int) -> HttpResponse:
    """The digest of a cohort's week, as a page."""
    cohort = get_object_or_404(Cohort, slug=slug)
    try:
        weeks.monday((year, week))
    except ValueError as error:
        raise Http404 from error
    if not permissions.can_view_cohort(request.user, cohort):
        raise PermissionDenied
    the_week = (year, week)
    result = queries.digest_for(
        cohort,
        the_week,
        coach=is_coach(request.user),
        challenge_ids=queries.my_challenge_ids(request.user),
    )
    return render(
        request,
        "bulletins/digest.html",
        {
            "cohort": cohort,
            "digest": result,
            "previous": weeks.previous_week(the_week),
            "next": weeks.next_week(the_week),
            **_week_context(the_week),
        },
    )


@login_required
def subscription(request: HttpRequest) -> HttpResponse:
    """Opt in or out of the weekly digest."""
    if not permissions.can_subscribe(request.user):
        raise PermissionDenied
    person = person_of(request.user)
    assert person is not None  # noqa: S101 - can_subscribe needs a person
    subscribed = DigestSubscription.objects.filter(person=person).exists()
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None, initial={"subscribed": subscribed}
    )
    if request.method == "POST" and form.is_valid():
        try:
            now_subscribed = services.set_digest_subscription(
                person=person, subscribed=form.cleaned_data["subscribed"]
            )
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Vous recevrez le récapitulatif chaque semaine.")
                if now_subscribed
                else _("Vous ne recevrez plus le récapitulatif."),
            )
            return redirect("bulletins:home")
    return render(request, "bulletins/subscription.html", {"form": form})


@login_required
def team_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's chat webhook for the reminders."""
    challenge = get_object_or_404(Challenge, pk=pk)
    if not permissions.can_edit_settings(request.user, challenge):
        raise PermissionDenied
    current = TeamSettings.objects.filter(challenge=challenge).first()
    form = TeamSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"webhook_url": current.webhook_url if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_webhook(challenge=challenge, url=form.cleaned_data["webhook_url"])
        except services.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Les réglages de l’équipe sont enregistrés."))
            return redirect("bulletins:team", pk=challenge.pk)
    return render(request, "bulletins/team_settings.html", {"form": form, "challenge": challenge})
