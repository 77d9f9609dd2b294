"""Every write and rule of the logbook: entries, sharing with the mentor, needs turned into help
requests or mentoring needs, the monthly reminder.

Keyword-only verb functions; a refusal raises `LogbookError` with the French message to show, and
changes nothing.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from magellan.core.dates import format_date
from magellan.core.site import site_url
from magellan.directory.models import Cohort, Expertise, Person, Role
from magellan.helpdesk import services as helpdesk_services
from magellan.mentoring import services as mentoring_services
from magellan.mentoring.models import Need

from . import queries
from .models import ONE_ENTRY_PER_MONTH, SKILL_LABELS, Entry, EntryNeed, Level, Rating, Reminder

NEEDS_MAX = 10


class LogbookError(Exception):
    """A rule of the logbook refused the action; the message is shown to the user."""


def _check_month(month: datetime.date, today: datetime.date) -> None:
    if month.day != 1:
        raise LogbookError(_("Le mois est noté par son premier jour."))
    if month > queries.month_start(today):
        raise LogbookError(
            _(
                "On n’écrit pas le carnet d’un mois à venir : choisissez ce mois-ci ou un mois passé."
            )
        )


def new_entry(*, person: Person, month: datetime.date, today: datetime.date | None = None) -> Entry:
    """An unsaved entry of a fellow for a month, with its cohort and the phase it assesses."""
    today = today or timezone.localdate()
    cohort = queries.fellow_cohort(person)
    if cohort is None:
        raise LogbookError(_("Seuls les EIG tiennent un carnet de bord."))
    month = queries.month_start(month)
    return Entry(
        person=person, cohort=cohort, month=month, phase=queries.phase_for(cohort, month, today)
    )


@transaction.atomic
def save_entry(
    *,
    entry: Entry,
    ratings: Sequence[tuple[str, int | None]],
    needs: Iterable[str],
    version: int | None = None,
    today: datetime.date | None = None,
) -> Entry:
    """Write or edit a fellow's entry: its answers, its self-assessment (competence text, level or
    None when skipped) and its needs (those not yet turned into a request; turned ones stay)."""
    today = today or timezone.localdate()
    _check_month(entry.month, today)
    for _competence, level in ratings:
        if level is not None and level not in Level.values:
            raise LogbookError(
                _("Niveau inconnu : « pas du tout », « un peu », « oui » ou « beaucoup ».")
            )
    unknown = [code for code in entry.skills or [] if code not in SKILL_LABELS]
    if unknown:
        raise LogbookError(_("Compétence inconnue : %(codes)s.") % {"codes": ", ".join(unknown)})
    texts = [" ".join(text.split())[:500] for text in needs]
    texts = list(dict.fromkeys(text for text in texts if text))
    if entry.pk is None:
        # Two sendings at once for the same month: the second waits here, then is refused.
        Person.objects.select_for_update().filter(pk=entry.person_id).first()
        if Entry.objects.filter(person_id=entry.person_id, month=entry.month).exists():
            raise LogbookError(str(ONE_ENTRY_PER_MONTH))
        entry.version = 1
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as error:
            raise LogbookError(str(ONE_ENTRY_PER_MONTH)) from error
    else:
        current = Entry.objects.select_for_update().get(pk=entry.pk)
        if version is not None and current.version != version:
            raise LogbookError(
                _(
                    "Vous avez modifié cette entrée ailleurs entre-temps (autre onglet, autre appareil) : "
                    "rien n’a été enregistré. Ce que vous venez d’écrire est resté dans le formulaire ; "
                    "rouvrez l’entrée pour voir la dernière version et reportez-y vos ajouts."
                )
            )
        if current.month != entry.month:
            raise LogbookError(_("Le mois d’une entrée ne change pas."))
        entry.version = current.version + 1
        entry.save()
    entry.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(entry=entry, position=position, competence=competence[:300], level=level)
        for position, (competence, level) in enumerate(ratings)
        if level is not None
    )
    kept = list(entry.needs.all())
    turned = [need for need in kept if need.is_turned]
    if len(turned) + len([t for t in texts if t not in {n.text for n in turned}]) > NEEDS_MAX:
        raise LogbookError(_("Dix besoins au plus par mois : regroupez-les."))
    open_needs = {need.text: need for need in kept if not need.is_turned}
    for need in open_needs.values():
        if need.text not in texts:
            need.delete()
    position = len(turned)
    for text in texts:
        if text in {n.text for n in turned}:
            continue
        need = open_needs.get(text) or EntryNeed(entry=entry, text=text)
        need.position = position
        need.save()
        position += 1
    return entry


@transaction.atomic
def share_entry(*, entry: Entry, person: Person) -> Entry:
    """Share an entry with the mentor of the fellow's current mentoring cycle."""
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    if current.person_id != person.pk:
        raise LogbookError(_("Seul·e l’EIG qui l’a écrite partage une entrée."))
    mentor = queries.current_mentor(person)
    if mentor is None:
        raise LogbookError(
            _(
                "Vous n’avez pas de cycle de mentorat en cours : il n’y a personne avec qui partager."
            )
        )
    current.shared_with = mentor
    current.shared_at = timezone.now()
    current.save(update_fields=["shared_with", "shared_at", "updated_at"])
    return current


@transaction.atomic
def unshare_entry(*, entry: Entry, person: Person) -> Entry:
    """Take an entry back: only the fellow and the coaches read it again."""
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    if current.person_id != person.pk:
        raise LogbookError(_("Seul·e l’EIG qui l’a écrite reprend une entrée partagée."))
    current.shared_with = None
    current.shared_at = None
    current.save(update_fields=["shared_with", "shared_at", "updated_at"])
    return current


def _locked_need(need: EntryNeed, person: Person) -> EntryNeed:
    current = EntryNeed.objects.select_for_update().select_related("entry").get(pk=need.pk)
    if current.entry.person_id != person.pk:
        raise LogbookError(_("Seul·e l’EIG qui l’a écrit donne suite à un besoin."))
    if current.is_turned:
        raise LogbookError(
            _("Ce besoin a déjà donné lieu à une demande : suivez-la depuis son lien.")
        )
    return current


@transaction.atomic
def turn_into_help_request(*, need: EntryNeed, person: Person) -> EntryNeed:
    """Open a help request from a need (linked both ways: its `origin` is the need)."""
    current = _locked_need(need, person)
    month = format_date(current.entry.month, "F Y")
    try:
        request = helpdesk_services.open_help_request(
            author=person,
            subject=Truncator(current.text).chars(helpdesk_services.SUBJECT_MAX),
            description=_("%(text)s\n\n(Besoin noté dans mon carnet de bord de %(month)s.)")
            % {"text": current.text, "month": month},
            origin=current,
        )
    except helpdesk_services.HelpdeskError as error:
        raise LogbookError(str(error)) from error
    current.help_request = request
    current.save(update_fields=["help_request"])
    return current


@transaction.atomic
def turn_into_mentoring_need(
    *,
    need: EntryNeed,
    person: Person,
    mentoring_need: Need,
    secondary: Iterable[Expertise] = (),
    preferred: list[Person] | None = None,
) -> EntryNeed:
    """Save a mentoring need (through the mentoring rules) from a need, linked both ways."""
    current = _locked_need(need, person)
    if mentoring_need.person_id != person.pk:
        raise LogbookError(_("Un besoin de mentorat du carnet est pour son EIG."))
    try:
        saved = mentoring_services.save_need(
            need=mentoring_need, secondary=secondary, preferred=preferred or [], filed_by=person
        )
    except mentoring_services.MentoringError as error:
        raise LogbookError(str(error)) from error
    current.mentoring_need = saved
    current.save(update_fields=["mentoring_need"])
    return current


# --- The monthly reminder --------------------------------------------------------------------


def send_monthly_reminders(*, now: datetime.datetime) -> int:
    """Remind the fellows of current cohorts who have not written this month's entry, once per
    fellow per month; returns how many were reminded."""
    today = timezone.localdate(now)
    month = queries.month_start(today)
    cohorts = Cohort.objects.current(today)
    fellows = (
        Person.objects.filter(cohort_roles__cohort__in=cohorts, cohort_roles__role=Role.FELLOW)
        .exclude(email="")
        .exclude(logbook_entries__month=month)
        .distinct()
        .order_by("pk")
    )
    url = site_url() + reverse("logbook:home")
    sent = 0
    for fellow in fellows:
        with transaction.atomic():
            _reminder, created = Reminder.objects.get_or_create(person=fellow, month=month)
            if not created:
                continue
            send_mail(
                subject=_("Votre carnet de bord de %(month)s")
                % {"month": format_date(month, "F Y")},
                message=_(
                    "Bonjour %(name)s,\n\nC’est le moment de votre heure de carnet de bord : vos objectifs "
                    "du mois, ce que vous avez appris, où vous en êtes des compétences de la phase, vos "
                    "besoins.\n\nSeuls vous et les coachs de votre promotion le lisent (et votre parrain "
                    "ou marraine, si vous partagez une entrée).\n\n%(url)s\n"
                )
                % {"name": fellow.name, "url": url},
                from_email=None,
                recipient_list=[fellow.email],
            )
            sent += 1
    return sent
