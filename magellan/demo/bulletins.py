"""Demo bulletins: the current cohort's teams over the past 10 ISO weeks (moods that wander, a few
silent weeks, key dates, one help need kept private) and one help request opened from a bulletin.
Synthetic French text; deterministic for a given day."""

import datetime
import random

from django.utils import timezone

from magellan.bulletins import queries, weeks
from magellan.bulletins.models import Bulletin, Mood
from magellan.directory.models import Cohort, Person
from magellan.helpdesk.services import HelpdeskError, open_help_request

SEED = 12
PRIORITIES = (
    "Finir les entretiens avec les agents des services instructeurs.",
    "Livrer la première version du tableau de bord au comité.",
    "Obtenir l’accès aux données de production.",
    "Préparer la démonstration pour la direction.",
    "Mettre en place l’intégration continue et les tests.",
    "Rédiger la note d’arbitrage sur l’hébergement.",
)
UPS_AND_DOWNS = (
    "Atelier réussi avec les utilisateurs ; le serveur de recette est tombé deux fois.",
    "Bonne dynamique d’équipe ; la convention de données n’est toujours pas signée.",
    "Premier utilisateur conquis ; trop de réunions cette semaine.",
    "Le prototype tourne ; nous attendons toujours le retour du juridique.",
    "Semaine calme et productive, peu d’obstacles.",
)
HELP = (
    "Un regard extérieur sur notre plan d’expérimentation.",
    "Quelqu’un qui connaît les marchés publics pour un achat de licence.",
    "Une relecture de notre analyse d’impact RGPD.",
)
KEY_DATES = (
    "Comité de pilotage",
    "Démonstration à la direction",
    "Atelier avec les agents de terrain",
    "Mise en production de la première version",
)


def load_bulletins_demo(cohort_slug: str = "promotion-9", weeks_back: int = 10) -> int:
    """Create the current cohort's bulletins of the past weeks; returns how many it created."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None or Bulletin.objects.filter(cohort=cohort).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    today = timezone.localdate()
    this_week = weeks.week_of(today)
    the_weeks = [this_week]
    for _n in range(weeks_back):
        the_weeks.insert(0, weeks.previous_week(the_weeks[0]))
    the_weeks = the_weeks[:-1]  # the past weeks; this one is for the demo to write
    created = 0
    opened = False
    for index, challenge in enumerate(queries.team_challenges(cohort)):
        writers = list(queries.writers_of(challenge))
        if not writers:
            continue
        writers.sort(key=lambda p: (p.user_id is None, p.pk))
        mood = 2 + index % 3
        for week in the_weeks:
            if queries.cohort_of(challenge, week) != cohort:
                continue
            mood = min(4, max(1, mood + rng.choice((-1, 0, 0, 1))))
            if rng.random() < 0.15:
                continue  # a silent week
            author = writers[rng.randrange(len(writers))]
            monday = weeks.monday(week)
            has_help = rng.random() < 0.25
            has_date = rng.random() < 0.35
            bulletin = Bulletin.objects.create(
                challenge=challenge,
                cohort=cohort,
                iso_year=week[0],
                iso_week=week[1],
                mood=Mood(mood),
                priority=rng.choice(PRIORITIES),
                ups_and_downs=rng.choice(UPS_AND_DOWNS),
                help_needed=rng.choice(HELP) if has_help else "",
                help_is_private=has_help and rng.random() < 0.3,
                key_date=monday + datetime.timedelta(days=rng.randint(7, 25)) if has_date else None,
                key_date_description=rng.choice(KEY_DATES) if has_date else "",
                author=author,
                last_editor=author,
            )
            created += 1
            if has_help and not opened and author.user_id is not None:
                opened = _open(bulletin, author)
    return created


def _open(bulletin: Bulletin, author: Person) -> bool:
    """The demo's help request opened from a bulletin (as the form's tick box does)."""
    try:
        request = open_help_request(
            author=author,
            subject=f"Bulletin de la semaine {bulletin.iso_week} : {bulletin.help_needed[:80]}",
            description=bulletin.help_needed,
            challenge=bulletin.challenge,
            origin=bulletin,
        )
    except HelpdeskError:
        return False
    bulletin.help_request = request
    bulletin.save(update_fields=["help_request", "updated_at"])
    return True
