"""Demo logbooks: monthly entries of the demo fellow and of others of their cohort for the past
months (synthetic French text), one shared with the mentor, needs turned into a help request and
a mentoring need. Deterministic for a given day."""

import contextlib
import datetime
import random

from django.utils import timezone

from magellan.directory.models import Expertise, Person, Role
from magellan.logbook import queries, services
from magellan.logbook.models import SKILLS, Entry, GoalsStatus, Level, Staying
from magellan.mentoring.models import Need, NeedStatus

SEED = 11
GOALS = (
    "- Mener cinq entretiens avec des agents de terrain\n- Livrer un premier prototype cliquable",
    "- Mettre en place l’intégration continue\n- Présenter l’avancement au comité de pilotage",
    "- Publier le code source sur la forge de l’État\n- Écrire la documentation d’installation",
    "- Mesurer l’usage du service sur un mois\n- Préparer l’atelier avec les utilisateurs",
)
LEARNT = (
    "Comment se prépare un arbitrage budgétaire et qui y prend part.",
    "Animer un atelier de co-conception avec des agents qui ne se connaissaient pas.",
    "Les bases du RGAA et comment auditer un formulaire.",
    "Écrire une note courte pour un directeur : une page, trois options, une recommandation.",
)
WHY = (
    "Le sens du travail et l’équipe comptent beaucoup pour moi.",
    "Tout dépendra des suites données au projet.",
    "Je veux voir comment la mission évolue d’ici l’été.",
)
NEEDS = (
    "Un regard extérieur sur notre architecture",
    "Des conseils pour convaincre la direction juridique",
    "Apprendre à mener une étude d’impact",
)


def _months(first: datetime.date, today: datetime.date) -> list[datetime.date]:
    months, month = [], queries.month_start(first)
    while month < queries.month_start(today):
        months.append(month)
        month = queries.month_end(month) + datetime.timedelta(days=1)
    return months[-5:]


def load_logbook_demo(*, fellow_email: str) -> int:
    """Create the demo's logbook entries; returns how many."""
    demo = Person.objects.filter(user__email=fellow_email).first()
    if demo is None or Entry.objects.exists():
        return 0
    cohort = queries.fellow_cohort(demo)
    if cohort is None or cohort.start_date is None:
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    today = timezone.localdate()
    others = list(
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW)
        .exclude(pk=demo.pk)
        .distinct()
        .order_by("pk")[:7]
    )
    created = 0
    for person in [demo, *others]:
        for index, month in enumerate(_months(cohort.start_date, today)):
            if person != demo and rng.random() < 0.2:
                continue  # a month some fellows did not write
            entry = services.new_entry(person=person, month=month, today=today)
            entry.goals = rng.choice(GOALS)
            entry.previous_goals_status = rng.choice(GoalsStatus.values) if index else ""
            entry.learnt = rng.choice(LEARNT)
            entry.skills = sorted(rng.sample([code for code, _label in SKILLS[:-1]], 2))
            entry.staying = rng.choice(Staying.values)
            entry.staying_why = rng.choice(WHY)
            ratings = [
                (competence, min(4, max(1, rng.choice(Level.values[:3]) + index // 2)))
                for competence in queries.competences_of(entry.phase)
            ]
            needs = [rng.choice(NEEDS)] if rng.random() < 0.5 or person == demo else []
            services.save_entry(entry=entry, ratings=ratings, needs=needs, today=today)
            created += 1
    entries = list(Entry.objects.filter(person=demo).order_by("month"))
    if entries:
        # Refused when the demo fellow has no mentoring cycle in progress.
        with contextlib.suppress(services.LogbookError):
            services.share_entry(entry=entries[-1], person=demo)
        need = entries[0].needs.first()
        if need is not None:
            services.turn_into_help_request(need=need, person=demo)
    if len(entries) > 1:
        need = entries[1].needs.first()
        taken = Need.objects.filter(person=demo, status=NeedStatus.OPEN).values("main_expertise")
        expertise = Expertise.objects.exclude(pk__in=taken).order_by("name").first()
        if need is not None and expertise is not None:
            # Refused when the mentoring rules say no: the need then stays noted.
            with contextlib.suppress(services.LogbookError):
                services.turn_into_mentoring_need(
                    need=need,
                    person=demo,
                    mentoring_need=Need(
                        person=demo,
                        cohort=cohort,
                        main_expertise=expertise,
                        description=need.text,
                        availability=["tue_pm", "thu_am"],
                    ),
                )
    return created
