"""Demo data of the calls (synthetic, French, deterministic): the next cohort's call for challenges
with 4 dossiers (one accepted, so a challenge of that cohort; two submitted; one draft the project
owner fills through their link) and its call for fellows with 12 applications and their wishes.
Everything goes through the services. The jury's part (reviewers, reviews, ranking) is
`demo/recruitment_jury.py`."""

import datetime
import random

from django.utils.text import slugify

from magellan.directory import services as directory_services
from magellan.directory.models import Challenge, Cohort, Profession
from magellan.recruitment.models import (
    Application,
    Call,
    CallKind,
    CallStatus,
    ChallengeDossier,
)
from magellan.recruitment.services import calls as services

SEED = 20270104
DOSSIERS: tuple[tuple[str, str, str, str, list[str]], ...] = (
    (
        "Simplifier l’accès aux aides au logement",
        "Ministère de la Transition écologique",
        "Les demandeurs remplissent trois formulaires différents et abandonnent souvent.",
        "Les ménages modestes et les travailleurs sociaux qui les accompagnent.",
        ["development", "design"],
    ),
    (
        "Détecter les pollutions des cours d’eau",
        "Office français de la biodiversité",
        "Les prélèvements sont analysés des semaines après : les pollutions sont vues trop tard.",
        "Les agents de terrain et les syndicats de rivière.",
        ["data_science", "data_engineering"],
    ),
    (
        "Mieux orienter les victimes de cyberharcèlement",
        "Direction interministérielle du numérique",
        "Les victimes ne savent pas à qui s’adresser ni quelles preuves garder.",
        "Les victimes, leurs proches et les associations d’aide.",
        ["design", "digital_law"],
    ),
    (
        "Prévoir l’affluence dans les bureaux de poste ruraux",
        "Agence nationale de la cohésion des territoires",
        "",
        "",
        [],
    ),
)
# Challenges of the next cohort that do not come from this call (continued projects).
OTHER_CHALLENGES = (
    ("Ouvrir les données des transports scolaires", "publier des données de qualité"),
    ("Accompagner les jeunes vers l’apprentissage", "rapprocher offres et candidats"),
)
CANDIDATES = (
    ("Camille", "Rousseau", "female", Profession.DATA_SCIENCE),
    ("Yanis", "Benali", "male", Profession.DEVELOPMENT),
    ("Léa", "Fontaine", "female", Profession.DESIGN),
    ("Hugo", "Lemaire", "male", Profession.DATA_ENGINEERING),
    ("Aïssata", "Diallo", "female", Profession.DIGITAL_LAW),
    ("Théo", "Garnier", "male", Profession.DEVELOPMENT),
    ("Manon", "Chevalier", "female", Profession.DATA_SCIENCE),
    ("Sacha", "Morel", "non_binary", Profession.DESIGN),
    ("Nicolas", "Perrin", "male", Profession.DATA_SCIENCE),
    ("Inès", "Marchand", "female", Profession.DEVELOPMENT),
    ("Louis", "Faure", "male", Profession.DATA_ENGINEERING),
    ("Jeanne", "Blanchard", "female", Profession.DESIGN),
)
SKILLS = {
    Profession.DATA_SCIENCE: "Python, statistiques, apprentissage automatique, visualisation.",
    Profession.DEVELOPMENT: "Python, Django, JavaScript, tests automatisés, accessibilité.",
    Profession.DESIGN: "Recherche utilisateur, prototypage, design de services, DSFR.",
    Profession.DATA_ENGINEERING: "Pipelines de données, SQL, PostgreSQL, orchestration.",
    Profession.DIGITAL_LAW: "RGPD, ouverture des données, commande publique, licences libres.",
}
MOTIVATIONS = (
    "Mettre mes compétences au service d’une politique publique concrète.",
    "Travailler au plus près des agents et des usagers pour améliorer un service.",
    "Découvrir l’administration de l’intérieur et y faire entrer de nouvelles méthodes.",
)


def _next_cohort() -> Cohort:
    """The cohort after the demo's current one, created when the demo has none."""
    from magellan.demo.services import CURRENT_COHORT_NUMBER

    number = CURRENT_COHORT_NUMBER + 1
    existing = Cohort.objects.filter(number=number).order_by("pk").first()
    if existing is not None:
        return existing
    current = Cohort.objects.filter(number=CURRENT_COHORT_NUMBER).first()
    year = current.start_date.year + 1 if current and current.start_date else 2027
    start = datetime.date(year, 9, 6)
    return directory_services.create_cohort(
        cohort=Cohort(
            number=number,
            start_date=start,
            end_date=datetime.date(year + 1, 6, 30),
            description=f"Promotion {number} du programme, en cours de recrutement (démonstration).",
        )
    )


def _open(call: Call) -> None:
    services.set_call_status(call=call, status=CallStatus.OPEN)
    services.set_call_status(call=call, status=CallStatus.REVIEWING)


def load_recruitment_demo() -> int:
    """The next cohort's two calls with their dossiers and applications; returns how many
    applications were created (none when the demo's calls exist already)."""
    if Call.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    cohort = _next_cohort()
    year = cohort.start_date.year if cohort.start_date else 2027
    challenges_call = services.create_call(
        call=Call(
            cohort=cohort,
            kind=CallKind.CHALLENGES,
            title=f"Appel à projets EIG {cohort.number}",
            description="Les administrations proposent leurs défis numériques d’intérêt général.",
            opens_on=datetime.date(year - 1, 10, 1),
            closes_on=datetime.date(year - 1, 12, 15),
        )
    )
    dossiers = []
    for title, administration, problem, beneficiaries, profiles in DOSSIERS:
        dossier = services.create_dossier(
            dossier=ChallengeDossier(
                call=challenges_call,
                title=title,
                administration_name=administration,
                contact_name="Porteuse de démonstration",
                contact_email=f"{slugify(title)[:30]}@administration.demo.magellan.test",
                problem=problem,
                beneficiaries=beneficiaries,
                hypothesis="Un service numérique simple, conçu avec ses usagers, testé en région.",
                risks="L’accès aux données et la disponibilité des équipes métier.",
                value="Délai de traitement, taux d’abandon, satisfaction des usagers.",
                team="Une cheffe de projet à 50 %, un développeur interne, un juriste.",
                profiles_wanted=profiles,
                openness="Code source publié sous licence libre ; données ouvertes si possible.",
            )
        )
        dossiers.append(dossier)
    for dossier in dossiers[:3]:
        services.submit_dossier(dossier=dossier)
    _open(challenges_call)
    services.accept_dossier(dossier=dossiers[0])
    services.issue_dossier_link(dossier=dossiers[3])
    for title, aim in OTHER_CHALLENGES:
        directory_services.create_challenge(
            challenge=Challenge(title=title, summary=f"{title} : {aim}."), cohorts=[cohort]
        )

    fellows_call = services.create_call(
        call=Call(
            cohort=cohort,
            kind=CallKind.FELLOWS,
            title=f"Appel à candidatures EIG {cohort.number}",
            description="Dix mois pour relever un défi d’intérêt général au sein d’une administration.",
            opens_on=datetime.date(year, 1, 15),
            closes_on=datetime.date(year, 3, 15),
            profiles=[p.value for p in SKILLS],
            anonymous_preselection=True,
        )
    )
    wishes_pool = list(cohort.challenges.order_by("title"))
    for number, (first, last, gender, profession) in enumerate(CANDIDATES, start=1):
        wishes = rng.sample(wishes_pool, k=min(len(wishes_pool), rng.choice([1, 2, 3])))
        services.create_application(
            application=Application(
                call=fellows_call,
                reference=f"EIG{cohort.number}-{number:03d}",
                first_name=first,
                last_name=last,
                email=f"{slugify(first)}.{slugify(last)}@candidat.demo.magellan.test",
                phone=f"06 00 00 {number:02d} {number * 7 % 100:02d}",
                gender=gender,
                profession=profession,
                skills=SKILLS[profession],
                experience=f"{rng.choice([2, 3, 5, 8, 12])} ans d’expérience, dont des projets "
                "en équipe pluridisciplinaire.",
                motivation=rng.choice(MOTIVATIONS),
            ),
            wishes=wishes,
        )
    _open(fellows_call)
    return len(CANDIDATES)
