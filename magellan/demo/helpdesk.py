"""Demo help desk: helper profiles (the demo coach and mentor among them) and requests of Promotion 9
in every state — new (one urgent, one waiting for more than a week), taken from the queue, with a
help-desk session planned, resolved, closed, reopened and withdrawn — with their timelines and
threads, spread over the past weeks so that the coaches' figures read like a real queue.

Deterministic, through the help-desk services (notifications are recorded like any other), then
the timestamps are moved into the past. No attachment (nothing is written to the media folder).
Called by load_demo(); does nothing when helper profiles exist already.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from magellan.directory.models import Cohort, Expertise, Person, Role
from magellan.helpdesk import services
from magellan.helpdesk.models import (
    Comment,
    EventKind,
    HelperProfile,
    HelpRequest,
    TimelineEvent,
)


@dataclass(frozen=True)
class Plan:
    subject: str
    description: str
    expertise: int  # index in the expertises, by name
    steps: tuple[str, ...]  # what happens, in order (see _play)
    age_days: float
    author: str = "other"  # "fellow" / "owner": the demo accounts; "other": a fellow with none
    urgent: bool = False
    session: bool = False
    comments: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (who, text)
    summary: str = ""  # the resolution summary, for plans that resolve


PLANS = [
    Plan(
        "Notre API tombe sous la charge du lundi matin",
        "Depuis la mise en production, l’API renvoie des erreurs 502 chaque lundi entre 9 h et "
        "10 h.\n\n- trafic multiplié par 4\n- base PostgreSQL partagée avec un autre service\n\n"
        "Nous cherchons quelqu’un pour relire notre configuration.",
        1,
        (),
        1,
        urgent=True,
    ),
    Plan(
        "Revue de littérature sur le non-recours aux aides",
        "Nous voudrions une bibliographie courte (10 à 15 références) sur le non-recours aux "
        "prestations sociales, pour cadrer nos entretiens.",
        0,
        (),
        9,
    ),
    Plan(
        "Choisir une licence pour notre code",
        "Notre administration hésite entre la licence MIT et l’EUPL. Qu’impose la loi pour une "
        "République numérique, et que recommandez-vous ?",
        4,
        ("take",),
        4,
        author="fellow",
        comments=(
            ("helper", "Bonjour ! Je regarde cela cette semaine. Avez-vous des dépendances GPL ?"),
            ("author", "Oui, deux bibliothèques de cartographie."),
        ),
    ),
    Plan(
        "Plan d’expérimentation du nouveau parcours",
        "Nous allons tester un nouveau parcours de demande avec des agents d’accueil. Pouvez-vous "
        "relire notre protocole avant le lancement ?",
        0,
        ("assign", "session"),
        6,
        author="fellow",
        session=True,
        comments=(("helper", "Protocole bien reçu ; nous en parlons en séance jeudi."),),
    ),
    Plan(
        "Passer notre prototype à l’échelle nationale",
        "Le prototype fonctionne dans deux départements. Quelles étapes pour le généraliser : "
        "hébergement, support, gouvernance ?",
        5,
        ("assign", "resolve"),
        16,
        author="owner",
        comments=(
            ("helper", "Voici une première liste d’étapes ; la gouvernance en séance si besoin."),
            ("author", "Merci, c’est très clair."),
        ),
        summary=(
            "Généraliser en trois temps : un hébergement mutualisé qualifié SecNumCloud, un support "
            "de niveau 1 confié aux équipes régionales, un comité de pilotage trimestriel avec les "
            "deux départements pilotes pour décider de chaque nouvelle vague."
        ),
    ),
    Plan(
        "Auditer l’accessibilité de notre formulaire",
        "Le formulaire de demande est long (6 étapes). Nous voulons savoir ce qui bloque un "
        "lecteur d’écran avant l’audit officiel.",
        6,
        ("take", "resolve", "close"),
        30,
        author="fellow",
        comments=(("helper", "Trois points bloquants relevés, détaillés dans la résolution."),),
        summary=(
            "Trois points bloquaient un lecteur d’écran : des messages d’erreur non reliés à leur "
            "champ (ajouter aria-describedby), une étape sans titre de niveau 1, et un bouton "
            "« Suivant » annoncé comme « bouton ». Corrigés et vérifiés avec NVDA."
        ),
    ),
    Plan(
        "Nettoyer un jeu de données d’adresses",
        "Nos adresses viennent de trois sources différentes et se recoupent mal. Quelle méthode "
        "pour les rapprocher ?",
        3,
        ("assign", "resolve", "reopen"),
        12,
        author="owner",
        comments=(("author", "La méthode marche sur 90 % des adresses, pas sur les lieux-dits."),),
        summary=(
            "Normaliser les trois sources avec la Base adresse nationale (géocodage par lot), puis "
            "rapprocher sur l’identifiant BAN ; les adresses non géocodées sont revues à la main."
        ),
    ),
    Plan(
        "Préparer le comité d’évaluation",
        "Comment présenter nos indicateurs d’impact au comité ?",
        5,
        ("withdraw",),
        8,
        author="owner",
        comments=(("author", "Finalement notre sponsor nous accompagne sur ce point : merci !"),),
    ),
]


def _helpers(coach: Person | None, mentor: Person | None) -> list[Person]:
    """The demo coach and mentor, and three other mentors or alumni (without an account: listed
    and suggested, never acting in the demo), as helpers."""
    expertises = list(Expertise.objects.order_by("name"))
    others = list(
        Person.objects.filter(cohort_roles__role__in=(Role.MENTOR, Role.ALUMNI), user__isnull=True)
        .exclude(pk__in=[p.pk for p in (coach, mentor) if p is not None])
        .distinct()
        .order_by("name", "pk")[:3]
    )
    people = [p for p in (coach, mentor) if p is not None] + others
    for index, person in enumerate(people):
        chosen = [expertises[(index * 2 + k) % len(expertises)] for k in range(3)]
        services.save_helper_profile(
            person=person,
            expertises=chosen,
            note="Disponible une heure par semaine pour le bureau d’aide.",
        )
    return people


def _spread(request: HelpRequest, age_days: float) -> None:
    """Move a request's life into the past: opened `age_days` ago, each later step hours apart."""
    start = timezone.now() - datetime.timedelta(days=age_days)
    events = list(request.events.order_by("created_at", "pk"))
    comments = list(request.comments.order_by("created_at", "pk"))
    gap = datetime.timedelta(days=age_days) / (len(events) + 1)
    moments = [start + gap * index for index in range(len(events))]
    first_response = None
    resolved = closed = None
    for event, moment in zip(events, moments, strict=True):
        TimelineEvent.objects.filter(pk=event.pk).update(created_at=moment)
        if event.kind in (EventKind.ASSIGNED, EventKind.TAKEN) and first_response is None:
            first_response = moment
        if event.kind == EventKind.COMMENTED:
            comment = comments.pop(0)
            Comment.objects.filter(pk=comment.pk).update(created_at=moment, updated_at=moment)
            author_side = comment.author_id == request.author.user_id
            if not author_side and first_response is None:
                first_response = moment
        if event.kind == EventKind.RESOLVED:
            resolved = moment
        if event.kind == EventKind.REOPENED:
            resolved = None
        if event.kind in (EventKind.CLOSED, EventKind.WITHDRAWN):
            closed = moment
    for comment in comments:  # a reopening's reason: written with the REOPENED event
        last = moments[-1] if moments else start
        Comment.objects.filter(pk=comment.pk).update(created_at=last, updated_at=last)
    request.assignments.update(created_at=first_response or start)
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=start,
        updated_at=moments[-1] if moments else start,
        first_response_at=first_response,
        resolved_at=resolved,
        closed_at=closed,
    )


def _play(plan: Plan, request: HelpRequest, helper: Person, coach: Person) -> None:
    author = request.author.user
    thread = list(plan.comments)

    def say(who: str) -> str:
        """Post the thread's next messages up to `who`'s, and return the text of that one."""
        while thread:
            speaker, text = thread.pop(0)
            if speaker == who:
                return text
            services.add_comment(
                request=request, by=helper.user if speaker == "helper" else author, body=text
            )
        return ""

    for step in plan.steps:
        if step == "take":
            services.take_request(request=request, by=helper.user)
        elif step == "assign":
            services.assign_helpers(request=request, helpers=[helper], by=coach.user)
        elif step == "session":
            moment = timezone.localtime() + datetime.timedelta(days=3)
            services.plan_session(
                request=request,
                by=helper.user,
                starts_at=moment.replace(hour=14, minute=0, second=0, microsecond=0),
                online_url="https://webinaire.numerique.gouv.fr/demo-bureau-aide",
                notify=False,
            )
        elif step == "resolve":
            if thread and thread[0][0] == "helper":
                services.add_comment(request=request, by=helper.user, body=say("helper"))
            services.resolve_request(request=request, by=helper.user, summary=plan.summary)
        elif step == "close":
            services.close_request(request=request, by=author)
        elif step == "reopen":
            services.reopen_request(request=request, by=author, reason=say("author"))
        elif step == "withdraw":
            services.add_comment(request=request, by=author, body=say("author"))
            services.withdraw_request(request=request, by=author)
    for speaker, text in thread:
        services.add_comment(
            request=request, by=helper.user if speaker == "helper" else author, body=text
        )


def load_helpdesk_demo(
    cohort_slug: str = "promotion-9",
    coach_email: str = "",
    mentor_email: str = "",
    fellow_email: str = "",
    owner_email: str = "",
) -> int:
    """Create the demo's help desk; returns how many requests it created."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None or HelperProfile.objects.exists():
        return 0
    coach = Person.objects.filter(user__email=coach_email).first() if coach_email else None
    coach = coach or (
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.COACH)
        .exclude(user=None)
        .order_by("pk")
        .first()
    )
    if coach is None:
        return 0
    mentor = Person.objects.filter(user__email=mentor_email).first() if mentor_email else None
    _helpers(coach, mentor)
    accounts = {
        "fellow": Person.objects.filter(user__email=fellow_email).first() if fellow_email else None,
        "owner": Person.objects.filter(user__email=owner_email).first() if owner_email else None,
    }
    others = list(
        Person.objects.filter(
            cohort_roles__cohort=cohort,
            cohort_roles__role=Role.FELLOW,
            memberships__isnull=False,
            user__isnull=True,
        )
        .distinct()
        .order_by("pk")[:3]
    )
    if not others or None in accounts.values():
        return 0
    expertises = list(Expertise.objects.order_by("name"))
    created = 0
    for index, plan in enumerate(PLANS):
        author = accounts.get(plan.author) or others[index % len(others)]
        expertise = expertises[plan.expertise % len(expertises)]
        request = services.open_help_request(
            author=author,
            subject=plan.subject,
            description=plan.description,
            expertises=[expertise],
            urgency="urgent" if plan.urgent else "normal",
            wished_form="session" if plan.session else "written",
        )
        # The demo mentor helps on most requests, the demo coach on the others (both can sign in).
        helper = mentor if mentor is not None and index % 3 != 1 else coach
        profile = helper.helper_profile
        if expertise not in profile.expertises.all():
            profile.expertises.add(expertise)
        _play(plan, request, helper, coach)
        _spread(request, plan.age_days)
        created += 1
    return created
