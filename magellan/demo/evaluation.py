"""Demo evaluation (synthetic French text): every challenge of the current and the previous cohort
gets its four impact indicators with monthly values; each phase whose committee has been held gets
the team's submitted retrospective (with the project owner's comment and the review of the actions
carried over), the coaches' report with levels and actions — most published, some acknowledged,
one still a draft —, and some actions left late. The previous cohort's committees are planned here
(the program demo plans only the current cohort's year). Deterministic for a given day."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from magellan.directory.models import Challenge, Cohort, Person, Phase, PhaseKind, Role
from magellan.evaluation import queries
from magellan.evaluation.models import (
    Action,
    ActionOwner,
    ActionReview,
    ActionStatus,
    Axis,
    AxisAssessment,
    Indicator,
    IndicatorTheme,
    IndicatorValue,
    ObjectiveStatus,
    Report,
    ReportStatus,
    Retrospective,
    RetrospectiveComment,
    RetrospectiveObjective,
    RetrospectiveStatus,
)
from magellan.logbook.queries import competences_of
from magellan.program import services as program_services
from magellan.program.models import Format, Session

SEED = 12
ONLINE = "https://webinaire.numerique.gouv.fr/eig-comite"

# theme, title, hypothesis, measure, method, unit, target, target value, first value, monthly step
INDICATORS = (
    (
        IndicatorTheme.PUBLIC_POLICY,
        "Délai de traitement d’un dossier",
        "Faire remplir les dossiers en ligne va réduire le délai de traitement parce que les "
        "dossiers arriveront complets.",
        "Le délai moyen entre le dépôt d’un dossier et la décision.",
        "Export mensuel de l’outil métier, moyenne sur les dossiers clos du mois.",
        "jours",
        "Moins de 20 jours à la fin du programme",
        Decimal("20"),
        Decimal("45"),
        Decimal("-4"),
    ),
    (
        IndicatorTheme.PRODUCT,
        "Agents utilisateurs chaque semaine",
        "Changer l’outil de saisie va faire revenir les agents chaque semaine parce qu’il leur "
        "fera gagner du temps.",
        "Le nombre d’agents qui se connectent au moins une fois dans la semaine.",
        "Mesure d’audience respectueuse de la vie privée, moyenne des semaines du mois.",
        "agents",
        "150 agents par semaine",
        Decimal("150"),
        Decimal("12"),
        Decimal("18"),
    ),
    (
        IndicatorTheme.TRANSFORMATION,
        "Agents formés aux méthodes produit",
        "Faire participer les agents aux ateliers va diffuser les méthodes produit parce qu’ils "
        "les pratiqueront sur leur propre service.",
        "Le nombre d’agents qui ont suivi au moins un atelier de l’équipe.",
        "Feuilles de présence des ateliers.",
        "agents",
        "40 agents formés",
        Decimal("40"),
        Decimal("0"),
        Decimal("6"),
    ),
    (
        IndicatorTheme.OPENNESS,
        "Jeux de données et dépôts ouverts",
        "Ouvrir le code et les données va permettre leur réutilisation parce que d’autres "
        "administrations ont le même besoin.",
        "Le nombre de dépôts de code publics et de jeux de données publiés.",
        "Décompte sur la forge publique et sur data.gouv.fr.",
        "publications",
        "5 publications",
        Decimal("5"),
        Decimal("0"),
        Decimal("1"),
    ),
)
OBJECTIVES = {
    PhaseKind.VALIDATE: (
        "Rencontrer vingt agents et usagers",
        "Valider l’hypothèse principale du défi",
        "Livrer un prototype cliquable",
    ),
    PhaseKind.PROVE_CONCEPT: (
        "Mettre en service une première version",
        "Tester le service avec un site pilote",
        "Publier le code source",
    ),
    PhaseKind.PROVE_VALUE: (
        "Mesurer l’usage sur trois sites",
        "Obtenir l’accord de la direction pour le déploiement",
    ),
    PhaseKind.AMPLIFY: (
        "Déployer le service au niveau national",
        "Organiser la reprise par l’équipe interne",
    ),
}
SUCCESSES = (
    "Les entretiens avec les agents ont confirmé le besoin ; le prototype a été bien reçu.",
    "La première version est en service sur le site pilote et les retours sont encourageants.",
    "L’équipe a trouvé un rythme de livraison régulier et la direction suit les démonstrations.",
)
DIFFICULTIES = (
    "L’accès aux données de production a pris six semaines de plus que prévu.",
    "La disponibilité des agents du site pilote est faible en période de clôture.",
    "Le recrutement d’un second développeur interne n’est pas encore acté.",
)
LEARNINGS = (
    "Montrer un prototype tôt débloque les discussions avec les métiers.",
    "Un point hebdomadaire court avec la porteuse évite les malentendus.",
    "Mesurer dès le départ évite de reconstruire les chiffres en fin de phase.",
)
STRENGTHS = (
    "Une équipe soudée, une démarche de terrain exemplaire et des démonstrations régulières.",
    "Une vraie dynamique d’adoption chez les agents et un dialogue constant avec la direction.",
)
RECOMMENDATIONS = (
    "Formaliser la feuille de route de la phase suivante et partager les indicateurs chaque mois.",
    "Associer plus tôt la DSI au choix d’hébergement et préparer l’audit d’accessibilité.",
)
AXIS_COMMENTS = {
    Axis.ENTREPRENEURSHIP: "L’équipe mobilise ses partenaires et communique sur ses résultats.",
    Axis.INNOVATION: "Des tests réguliers avec les usagers et une mesure d’impact en place.",
    Axis.TRANSFORMATION: "Les agents s’approprient les méthodes ; la direction suit de près.",
}
ACTIONS = (
    ("Planifier l’audit d’accessibilité du service", ActionOwner.TEAM),
    ("Obtenir la convention d’accès aux données", ActionOwner.PROJECT_OWNER),
    ("Organiser un atelier sur la mesure d’impact", ActionOwner.COACHES),
    ("Publier le code source sur la forge publique", ActionOwner.TEAM),
    ("Présenter le bilan de la phase au comité de direction", ActionOwner.PROJECT_OWNER),
)
OUTLOOK_SERVICE = (
    "La direction prévoit de reprendre le service dans son budget ; un marché de maintenance "
    "est à l’étude."
)
OUTLOOK_FELLOWS = (
    "Un poste de responsable produit est ouvert dans le schéma d’emploi ; une EIG y candidate."
)


def load_evaluation_demo(*, cohort_numbers: tuple[int, ...] = (8, 9)) -> int:
    """Create the demo's evaluation; returns the number of reports created."""
    if Indicator.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    now = timezone.now()
    reports = 0
    for cohort in Cohort.objects.filter(number__in=cohort_numbers).order_by("number"):
        phases = list(cohort.phases.order_by("kind"))
        challenges = list(cohort.challenges.order_by("pk"))
        coaches = list(
            Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.COACH)
            .order_by("pk")
            .distinct()
        )
        if not phases or not challenges or not coaches:
            continue
        _plan_committees(cohort, phases, challenges, coaches)
        for index, challenge in enumerate(challenges):
            last_day = min(now.date(), cohort.end_date or phases[-1].end_date)
            _indicators(challenge, phases[0].start_date, last_day, rng)
            reports += _phases(challenge, phases, coaches, index, rng, now=now)
    return reports


def _plan_committees(
    cohort: Cohort, phases: list[Phase], challenges: list[Challenge], coaches: list[Person]
) -> None:
    """Plan the committees the program demo did not plan (those of a past cohort)."""
    committee_format = Format.objects.filter(slug=queries.COMMITTEE_FORMAT_SLUG).first()
    if committee_format is None:
        return
    for phase in phases:
        planned = queries.committees_of_phase(phase)
        for index, challenge in enumerate(challenges):
            if challenge.pk in planned:
                continue
            day = phase.end_date - datetime.timedelta(days=2 + index // 3)
            while day.weekday() >= 5:
                day -= datetime.timedelta(days=1)
            starts_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(9 + 2 * (index % 3), 30))
            )
            session = Session(
                cohort=cohort,
                format=committee_format,
                challenge=challenge,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=90),
                online_url=ONLINE,
            )
            program_services.create_session(
                session=session, facilitators=[coaches[index % len(coaches)]]
            )


def _indicators(
    challenge: Challenge, first: datetime.date, last: datetime.date, rng: random.Random
) -> None:
    owner = _member(challenge, Role.FELLOW)
    for position, row in enumerate(INDICATORS):
        theme, title, hypothesis, measure, method, unit, target, target_value, start, step = row
        indicator = Indicator.objects.create(
            challenge=challenge,
            theme=theme,
            title=title,
            description=f"{title} : l’indicateur que l’équipe suit pour ce thème.",
            hypothesis=hypothesis,
            measure=measure,
            method=method,
            unit=unit,
            target=target,
            target_value=target_value,
            position=position,
        )
        value, day = start, _month_end(first)
        values = []
        while day <= last:
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    measured_on=day,
                    value=max(Decimal("0"), value),
                    source=method.split(",")[0].rstrip("."),
                    recorded_by=owner,
                )
            )
            value += step + Decimal(rng.randint(-1, 1))
            day = _month_end(day + datetime.timedelta(days=1))
        IndicatorValue.objects.bulk_create(values)


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _member(challenge: Challenge, role: str) -> Person | None:
    return (
        Person.objects.filter(memberships__challenge=challenge, memberships__role=role)
        .order_by("pk")
        .first()
    )


def _phases(
    challenge: Challenge,
    phases: list[Phase],
    coaches: list[Person],
    index: int,
    rng: random.Random,
    *,
    now: datetime.datetime,
) -> int:
    """The challenge's evaluation, phase by phase, as far as its committees have been held."""
    fellow = _member(challenge, Role.FELLOW)
    owner = _member(challenge, Role.PROJECT_OWNER)
    committees = queries.committees_of_challenge(challenge)
    reports = 0
    for phase in phases:
        committee = committees.get(phase.pk)
        if committee is None:
            continue
        held = queries.is_committee_held(committee, now=now)
        opens = queries.retrospective_opens_on(committee)
        if not held and opens > timezone.localdate(now):
            continue
        retrospective = _retrospective(challenge, phase, fellow, owner, rng, submitted=held)
        _review_carried_actions(challenge, phase, retrospective, fellow, rng, now=now)
        if not held:
            continue
        report = _report(
            challenge, phase, committee, coaches, index, rng, now=now, last=phase == phases[-1]
        )
        reports += 1
        published_at = report.published_at
        if published_at is not None and rng.random() < 0.6 and fellow is not None:
            Report.objects.filter(pk=report.pk).update(
                acknowledged_at=published_at + datetime.timedelta(days=6),
                acknowledged_by=fellow,
                acknowledgement="Bilan interne fait en équipe : nous reprenons les actions dans "
                "notre feuille de route.",
            )
    return reports


def _retrospective(
    challenge: Challenge,
    phase: Phase,
    fellow: Person | None,
    owner: Person | None,
    rng: random.Random,
    *,
    submitted: bool,
) -> Retrospective:
    committee = queries.committee_of(challenge, phase)
    submitted_at = (committee.starts_at - datetime.timedelta(days=2)) if committee else None
    retrospective = Retrospective.objects.create(
        challenge=challenge,
        phase=phase,
        status=RetrospectiveStatus.SUBMITTED if submitted else RetrospectiveStatus.DRAFT,
        successes=rng.choice(SUCCESSES),
        difficulties=rng.choice(DIFFICULTIES),
        learnings=rng.choice(LEARNINGS),
        competence_notes=dict.fromkeys(
            competences_of(phase)[:2],
            "Mobilisée pendant la phase : ateliers et mise en pratique sur le défi.",
        ),
        outlook_service=OUTLOOK_SERVICE if phase.kind >= PhaseKind.PROVE_VALUE else "",
        outlook_fellows=OUTLOOK_FELLOWS if phase.kind >= PhaseKind.PROVE_VALUE else "",
        submitted_at=submitted_at if submitted else None,
        submitted_by=fellow if submitted else None,
        last_editor=fellow,
    )
    statuses = [ObjectiveStatus.REACHED, ObjectiveStatus.PARTLY, ObjectiveStatus.NOT_REACHED]
    RetrospectiveObjective.objects.bulk_create(
        RetrospectiveObjective(
            retrospective=retrospective,
            text=text,
            status=rng.choice(statuses[:2]) if position else statuses[0],
            position=position,
        )
        for position, text in enumerate(OBJECTIVES[PhaseKind(phase.kind)])
    )
    if owner is not None:
        comment = RetrospectiveComment.objects.create(
            retrospective=retrospective,
            author=owner,
            body="Merci à l’équipe : je confirme les difficultés d’accès aux données, "
            "la direction s’en occupe.",
        )
        if submitted_at is not None:  # written before the team submitted, not at loading time
            RetrospectiveComment.objects.filter(pk=comment.pk).update(
                created_at=submitted_at - datetime.timedelta(hours=20),
                updated_at=submitted_at - datetime.timedelta(hours=20),
            )
    return retrospective


def _review_carried_actions(
    challenge: Challenge,
    phase: Phase,
    retrospective: Retrospective,
    fellow: Person | None,
    rng: random.Random,
    *,
    now: datetime.datetime,
) -> None:
    """The team's point on each action carried over; most are done by the next committee."""
    final = phase.kind == PhaseKind.AMPLIFY
    for action in queries.carried_actions(challenge, phase):
        status = ActionStatus.DONE if final or rng.random() < 0.6 else ActionStatus.IN_PROGRESS
        comment = (
            "Fait avant le comité."
            if status == ActionStatus.DONE
            else "Commencé ; la réunion avec la direction est prévue."
        )
        ActionReview.objects.create(
            retrospective=retrospective, action=action, status=status, comment=comment
        )
        action.status, action.status_comment = status, comment
        action.status_changed_at, action.status_changed_by = retrospective.updated_at, fellow
        action.save()


def _report(
    challenge: Challenge,
    phase: Phase,
    committee: Session,
    coaches: list[Person],
    index: int,
    rng: random.Random,
    *,
    now: datetime.datetime,
    last: bool,
) -> Report:
    """The coaches' report; the current cohort's latest phase keeps one draft (a coach writes it)."""
    committee_day = timezone.localdate(committee.ends_at)
    is_draft = index == 1 and committee.ends_at > now - datetime.timedelta(days=60)
    published_at = committee.ends_at + datetime.timedelta(days=3)
    if published_at > now:
        is_draft = True
    author = coaches[index % len(coaches)]
    report = Report.objects.create(
        challenge=challenge,
        phase=phase,
        status=ReportStatus.DRAFT if is_draft else ReportStatus.PUBLISHED,
        strengths=rng.choice(STRENGTHS),
        recommendations=rng.choice(RECOMMENDATIONS),
        published_at=None if is_draft else published_at,
        published_by=None if is_draft else author,
        last_editor=author,
    )
    report.authors.add(author, *committee.facilitators.all())
    # Written after the committee, not when the demo was loaded.
    Report.objects.filter(pk=report.pk).update(updated_at=published_at if not is_draft else now)
    base = 2 if phase.kind <= PhaseKind.PROVE_CONCEPT else 3
    AxisAssessment.objects.bulk_create(
        AxisAssessment(
            report=report,
            axis=axis,
            level=min(4, base + rng.randint(0, 1)),
            comment=AXIS_COMMENTS[Axis(axis)],
        )
        for axis in Axis.values
    )
    today = timezone.localdate(now)
    chosen = rng.sample(ACTIONS, 1 if last else 3)
    for position, (title, owner) in enumerate(chosen):
        # The first action is due soon after the committee: late in half of the teams.
        soon = 3 if index % 2 == 0 else 21
        due = committee_day + datetime.timedelta(days=soon if position == 0 else 45)
        status = ActionStatus.OPEN
        if last and phase.cohort.end_date and phase.cohort.end_date < today:
            status = ActionStatus.DONE  # a past cohort closed its last actions
        elif due < today and position and rng.random() < 0.7:
            status = ActionStatus.DONE
        Action.objects.create(
            report=report,
            title=title,
            owner=owner,
            due_date=due,
            status=status,
            position=position,
        )
    return report
