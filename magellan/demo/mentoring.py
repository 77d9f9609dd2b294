"""Demo mentoring: about fifteen offers (the ecosystem's mentors and alumni), needs from Promotion
9, one confirmed round, cycles in progress with held sessions and notes, a completed cycle with
feedback, and proposals left for the demo mentor to answer.

Deterministic (a seeded generator; the matching is exact), through the mentoring services, with no
e-mail sent. Called by load_demo(); does nothing when offers exist already.
"""

import datetime
import random

from django.utils import timezone

from magellan.directory.models import Cohort, Expertise, Person, Role
from magellan.mentoring import services
from magellan.mentoring.models import (
    HALF_DAYS,
    Cycle,
    Level,
    Mode,
    Need,
    Offer,
)

SEED = 20261207
HALF_DAY_CODES = [code for code, _label in HALF_DAYS]
PITCHES = [
    "J’accompagne les équipes qui lancent un service public numérique : cadrer, tester, mesurer.",
    "Ancienne EIG, j’aide à passer du prototype au service en production.",
    "Je relis vos plans d’expérimentation et vos tableaux de bord d’impact.",
    "Je partage ce que j’ai appris en négociant avec les directions informatiques.",
    "J’aide à rendre un service accessible dès sa conception.",
]
NEEDS = [
    "Nous devons choisir entre deux architectures de données et je manque de recul.",
    "Je voudrais structurer nos entretiens utilisateurs et en tirer des décisions.",
    "Notre prototype marche ; comment convaincre la direction de le mettre en production ?",
    "Je découvre le droit des données personnelles et nous ouvrons un jeu de données.",
    "Je dois animer un atelier avec des agents de terrain et je n’en ai jamais mené.",
    "Comment mesurer l’impact de notre service au-delà du nombre de visites ?",
]
NOTES = [
    "Séance 1 : objectifs du cycle fixés, trois questions à creuser d’ici la prochaine fois.",
    "Piste retenue : tester la nouvelle version avec cinq agents avant la fin du mois.",
    "Lecture conseillée : le guide de l’accessibilité numérique de l’État.",
]


def _at(days: int, hour: int = 10) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def load_mentoring_demo(cohort_slug: str = "promotion-9", mentor_email: str = "") -> int:
    """Create the demo's mentoring data; returns how many cycles it created."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None or Offer.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    expertises = list(Expertise.objects.order_by("name"))
    mentors = list(
        Person.objects.filter(cohort_roles__role=Role.MENTOR).distinct().order_by("name", "pk")
    )
    alumni = list(
        Person.objects.filter(cohort_roles__role=Role.ALUMNI).distinct().order_by("name", "pk")[:7]
    )
    demo_mentor = Person.objects.filter(user__email=mentor_email).first() if mentor_email else None
    offered = expertises[:-1]  # the last expertise has no mentor: a need for it stays unmatched
    offering: dict[int, list[Person]] = {}
    for person in [*mentors, *alumni]:
        chosen = rng.sample(offered, 3)
        for expertise in chosen:
            offering.setdefault(expertise.pk, []).append(person)
        offer = Offer(
            person=person,
            pitch=rng.choice(PITCHES),
            capacity=3 if person == demo_mentor else 2,
            capacity_per_quarter=4,
            availability=sorted(rng.sample(HALF_DAY_CODES, 6)),
            mode=rng.choice([Mode.EITHER, Mode.EITHER, Mode.ONLINE]),
            languages=["fr", "en"] if rng.random() < 0.4 else ["fr"],
        )
        services.save_offer(
            offer=offer,
            expertises=list(
                zip(chosen, (Level.EXPERT, Level.CONFIRMED, Level.PRACTICE), strict=True)
            ),
            away=[],
        )

    fellows = list(
        Person.objects.filter(cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW)
        .distinct()
        .order_by("pk")[:14]
    )
    for index, fellow in enumerate(fellows):
        main = expertises[-1] if index == len(fellows) - 1 else rng.choice(offered)
        need = Need(
            cohort=cohort,
            person=fellow,
            main_expertise=main,
            description=rng.choice(NEEDS),
            mode=Mode.EITHER,
            availability=HALF_DAY_CODES,
        )
        secondary = [e for e in rng.sample(offered, 1) if e != main]
        # Every third fellow names a preferred mentor among those who offer the expertise.
        candidates = [p for p in offering.get(main.pk, []) if p != demo_mentor]
        preferred = [rng.choice(candidates)] if candidates and index % 3 == 0 else []
        services.save_need(need=need, secondary=secondary, preferred=preferred)

    round = services.open_round(cohort=cohort, created_by=None)
    if demo_mentor is not None:
        # Two proposals for the demo mentor to answer: pin them where the pair is possible.
        pinned = 0
        for need in round.needs.order_by("-pk"):
            if pinned == 2:
                break
            try:
                services.pin_pair(round=round, need=need, mentor=demo_mentor)
            except services.MentoringError:
                continue
            pinned += 1
    services.run_round(round=round)
    proposals = list(
        round.proposals.select_related("need", "mentor").order_by("need__person_id", "pk")
    )
    services.confirm_round(round=round, notify=False)
    cycles = []
    for proposal in proposals:
        if proposal.mentor == demo_mentor:
            continue  # left for the demo mentor to accept or decline
        cycles.append(
            services.accept_proposal(proposal=proposal, person=proposal.mentor, notify=False)
        )
    for index, cycle in enumerate(cycles):
        _play(cycle, index=index, rng=rng)
    return len(cycles)


def _play(cycle: Cycle, *, index: int, rng: random.Random) -> None:
    """The first cycle is completed with feedback; the others are in progress, 1 or 2 sessions held."""
    mentee = cycle.mentees.order_by("pk").first()
    assert mentee is not None  # noqa: S101 - every cycle has its mentee
    held = 4 if index == 0 else 1 + index % 2
    for number in range(held):
        services.schedule_session(
            cycle=cycle,
            person=cycle.mentor,
            starts_at=_at(-7 * (held - number) - index, hour=10 + index % 6),
            online_url="https://webinaire.numerique.gouv.fr/demo-mentorat",
            notify=False,
            allow_past=True,
        )
    if index > 0 and index % 3 == 0:
        services.schedule_session(
            cycle=cycle,
            person=mentee,
            starts_at=_at(5 + index, hour=14),
            place="Salle Marianne, 20 avenue de Ségur, Paris",
            notify=False,
        )
    for number in range(min(held, 2)):
        author = cycle.mentor if number % 2 == 0 else mentee
        services.add_note(cycle=cycle, person=author, body=NOTES[(index + number) % len(NOTES)])
    if index == 0:
        services.give_cycle_feedback(
            cycle=cycle,
            person=mentee,
            rating=5,
            comment="Des conseils concrets, appliqués dès la semaine suivante.",
            shared_with_mentor=True,
        )
        services.give_cycle_feedback(
            cycle=cycle, person=cycle.mentor, rating=4, comment="Une équipe très investie."
        )
        services.close_cycle(cycle=cycle, person=cycle.mentor)
