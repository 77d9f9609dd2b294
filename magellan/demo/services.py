"""Synthetic, deterministic demo data: three cohorts, their challenges, people and roles.

Every name here is made up by combining lists of common first names and surnames; no real
person's data is used. `load_demo()` is idempotent: it creates the data once.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from magellan.accounts.models import User
from magellan.demo.bulletins import load_bulletins_demo
from magellan.demo.community import load_community_demo
from magellan.demo.evaluation import load_evaluation_demo
from magellan.demo.grouping import load_grouping_demo
from magellan.demo.helpdesk import load_helpdesk_demo
from magellan.demo.logbook import load_logbook_demo
from magellan.demo.mentoring import load_mentoring_demo
from magellan.demo.onboarding import load_onboarding_demo
from magellan.demo.privacy import load_privacy_demo
from magellan.demo.program import load_program_demo
from magellan.demo.recruitment import load_recruitment_demo
from magellan.demo.recruitment_jury import load_recruitment_jury_demo
from magellan.demo.repositories import load_repositories_demo
from magellan.demo.resources import load_resources_demo
from magellan.demo.surveys import load_surveys_demo
from magellan.demo.values import load_values_demo
from magellan.directory.models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeLink,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Expertise,
    Gender,
    LinkKind,
    Person,
    Phase,
    PhaseKind,
    Profession,
    Role,
    Theme,
)

SEED = 20261130
DEMO_DOMAIN = "demo.magellan.test"

FIRST_NAMES = {
    Gender.FEMALE: [
        "Camille",
        "Léa",
        "Manon",
        "Chloé",
        "Inès",
        "Sarah",
        "Julie",
        "Clara",
        "Anaïs",
        "Lucie",
        "Emma",
        "Nadia",
        "Fatou",
        "Mathilde",
        "Pauline",
        "Yasmine",
        "Élise",
        "Margaux",
        "Salomé",
        "Aïcha",
    ],
    Gender.MALE: [
        "Thomas",
        "Nicolas",
        "Julien",
        "Karim",
        "Maxime",
        "Hugo",
        "Antoine",
        "Mehdi",
        "Lucas",
        "Paul",
        "Romain",
        "Yanis",
        "Louis",
        "Bastien",
        "Samuel",
        "Omar",
        "Théo",
        "Adrien",
        "Mamadou",
        "Victor",
    ],
    Gender.NON_BINARY: ["Sasha", "Alex", "Charlie", "Eden"],
}
SURNAMES = [
    "Martin",
    "Bernard",
    "Durand",
    "Petit",
    "Leroy",
    "Moreau",
    "Fournier",
    "Girard",
    "Bonnet",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Lemaire",
    "Dumont",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Benali",
    "Diallo",
    "Nguyen",
    "Traoré",
    "Haddad",
    "Kone",
    "Ferreira",
    "Rossi",
    "Cohen",
    "Marechal",
]
ADMINISTRATIONS = [
    ("Agence fictive des mobilités durables", "AFMD"),
    ("Direction imaginaire de la santé publique", "DISP"),
    ("Ministère démonstratif de l’agriculture", "MDA"),
    ("Office exemplaire des données territoriales", "OEDT"),
    ("Caisse modèle des solidarités", "CMS"),
    ("Direction fictive des finances locales", "DFFL"),
    ("Institut imaginaire de la culture numérique", "IICN"),
    ("Préfecture de démonstration", "PDD"),
    ("Agence exemple pour l’emploi", "AEE"),
    ("Direction modèle de la justice", "DMJ"),
    ("Service fictif de l’environnement", "SFE"),
    ("Observatoire démonstratif de l’éducation", "ODE"),
]
THEMES = [
    "Santé",
    "Environnement",
    "Éducation",
    "Justice",
    "Emploi",
    "Transports",
    "Culture",
    "Agriculture",
]
EXPERTISES = [
    "Design de services",
    "Développement web",
    "Science des données",
    "Ingénierie des données",
    "Droit du numérique",
    "Direction de produit",
    "Accessibilité",
    "Cartographie",
]
CHALLENGE_WORDS = [
    ("Boussole", "orienter les usagers vers les aides auxquelles ils ont droit"),
    ("Canopée", "suivre l’état des forêts à partir d’images satellites"),
    ("Passerelle", "simplifier les démarches entre deux administrations"),
    ("Vigie", "détecter plus tôt les situations de fragilité"),
    ("Atlas", "cartographier les données territoriales ouvertes"),
    ("Sillon", "accompagner les agriculteurs dans la transition écologique"),
    ("Phare", "rendre lisibles les décisions de justice"),
    ("Relais", "mettre en relation offres d’emploi et candidats"),
    ("Prisme", "analyser la qualité de l’air en temps réel"),
    ("Trame", "ouvrir les données des transports du quotidien"),
    ("Archipel", "relier les bibliothèques d’un territoire"),
    ("Sextant", "piloter les finances locales avec des données fiables"),
    ("Lanterne", "éclairer les parcours scolaires"),
    ("Ricochet", "réduire le non-recours aux droits sociaux"),
    ("Ancre", "sécuriser les échanges de documents administratifs"),
    ("Balise", "repérer les logements indignes"),
    ("Carrefour", "fluidifier l’accueil en préfecture"),
    ("Horizon", "anticiper les besoins de santé d’un territoire"),
    ("Étoile", "valoriser les collections des musées"),
    ("Gouvernail", "suivre les politiques publiques prioritaires"),
    ("Source", "ouvrir les données de l’eau"),
    ("Rosace", "mesurer l’accessibilité des services publics en ligne"),
    ("Faisceau", "aider les inspecteurs à cibler leurs contrôles"),
    ("Méridien", "partager les données de mobilité"),
    ("Alizé", "prévoir les épisodes de chaleur en ville"),
    ("Comète", "accompagner les jeunes vers la formation"),
    ("Sémaphore", "alerter sur les ruptures de médicaments"),
    ("Tangente", "simplifier le calcul des aides au logement"),
    ("Vitrail", "numériser les archives d’une région"),
    ("Zénith", "piloter la rénovation énergétique des bâtiments publics"),
    ("Escale", "faciliter l’accueil des nouveaux arrivants"),
    ("Boréal", "suivre la biodiversité des zones humides"),
    ("Cadran", "mesurer les délais de traitement des demandes"),
    ("Delta", "croiser les données de l’emploi local"),
    ("Estran", "protéger le littoral grâce aux données"),
]
FELLOW_PROFESSIONS = [
    Profession.DEVELOPMENT,
    Profession.DATA_SCIENCE,
    Profession.DESIGN,
    Profession.DATA_ENGINEERING,
    Profession.DIGITAL_LAW,
]
JOB_TITLES = {
    Profession.DEVELOPMENT: ("Développeuse", "Développeur"),
    Profession.DATA_SCIENCE: ("Data scientist", "Data scientist"),
    Profession.DESIGN: ("Designer", "Designer"),
    Profession.DATA_ENGINEERING: ("Data engineer", "Data engineer"),
    Profession.DIGITAL_LAW: ("Juriste du numérique", "Juriste du numérique"),
}
COMPETENCES = {
    PhaseKind.VALIDATE: (
        "Explorer le terrain, comprendre les usagers",
        "Cadrer le défi et ouvrir les portes",
    ),
    PhaseKind.PROVE_CONCEPT: ("Prototyper et tester vite", "Arbitrer et faire tester le prototype"),
    PhaseKind.PROVE_VALUE: (
        "Mesurer l’impact, industrialiser",
        "Démontrer la valeur à la hiérarchie",
    ),
    PhaseKind.AMPLIFY: ("Documenter, ouvrir, transmettre", "Pérenniser le produit et l’équipe"),
}


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_ACCOUNTS = [
    DemoAccount("coach", f"coach@{DEMO_DOMAIN}", "demo-coach-magellan"),
    DemoAccount("fellow", f"eig@{DEMO_DOMAIN}", "demo-eig-magellan"),
    DemoAccount("project_owner", f"porteur@{DEMO_DOMAIN}", "demo-porteur-magellan"),
    DemoAccount("mentor", f"mentor@{DEMO_DOMAIN}", "demo-mentor-magellan"),
]

CURRENT_COHORT_NUMBER = 9


class _Names:
    """Unique synthetic names, drawn from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def draw(self, gender: str) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES[gender])} {self.rng.choice(SURNAMES)}"  # type: ignore[index]
            if name not in self.used:
                self.used.add(name)
                return name


def _gender(rng: random.Random) -> str:
    draw = rng.random()
    return Gender.FEMALE if draw < 0.48 else Gender.MALE if draw < 0.96 else Gender.NON_BINARY


def _person(
    rng: random.Random, names: _Names, *, profession: str, job_title: str | None = None
) -> Person:
    gender = _gender(rng)
    name = names.draw(gender)
    if job_title is None:
        titles = JOB_TITLES.get(profession, ("", ""))  # type: ignore[call-overload]
        job_title = titles[0] if gender == Gender.FEMALE else titles[1]
    slug = slugify(name)
    return Person.objects.create(
        name=name,
        slug=slug,
        email=f"{slug}@{DEMO_DOMAIN}",
        profession=profession,
        job_title=job_title,
        gender=gender,
        bio=f"{name} fait partie de la communauté EIG (profil de démonstration).",
        is_public=rng.random() < 0.7,
    )


def _cohort(number: int, start: datetime.date) -> Cohort:
    end = datetime.date(start.year + 1, 6, 30)
    cohort = Cohort.objects.create(
        number=number,
        slug=f"promotion-{number}",
        start_date=start,
        end_date=end,
        description=f"Promotion {number} du programme (données de démonstration).",
    )
    bounds = [
        start,
        datetime.date(start.year, 12, 1),
        datetime.date(start.year + 1, 2, 15),
        datetime.date(start.year + 1, 4, 20),
        end,
    ]
    for kind in PhaseKind:
        fellows, owners = COMPETENCES[kind]
        phase_end = (
            bounds[kind] if kind == PhaseKind.AMPLIFY else bounds[kind] - datetime.timedelta(days=1)
        )
        Phase.objects.create(
            cohort=cohort,
            kind=kind,
            start_date=bounds[kind - 1],
            end_date=phase_end,
            fellow_competences=fellows,
            owner_competences=owners,
        )
    return cohort


def is_loaded() -> bool:
    return Cohort.objects.filter(slug=f"promotion-{CURRENT_COHORT_NUMBER}").exists()


@transaction.atomic
def load_demo() -> bool:
    """Create the demo data unless it is there already; says whether it created it."""
    if is_loaded():
        return False
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    names = _Names(rng)
    administrations = []
    for name, acronym in ADMINISTRATIONS:
        administration = Administration.objects.create(
            name=name, acronym=acronym, slug=slugify(name)
        )
        AdministrationAlias.objects.create(
            administration=administration, name=f"{name} ({acronym})"
        )
        administrations.append(administration)
    themes = [Theme.objects.create(name=n, slug=slugify(n)) for n in THEMES]
    expertises = [Expertise.objects.create(name=n, slug=slugify(n)) for n in EXPERTISES]

    cohorts = {
        7: _cohort(7, datetime.date(2024, 9, 2)),
        8: _cohort(8, datetime.date(2025, 9, 1)),
        9: _cohort(9, datetime.date(2026, 9, 7)),
    }
    coaches = [
        _person(rng, names, profession=Profession.COACHING, job_title="Coach du programme")
        for _ in range(4)
    ]
    mentors = [
        _person(
            rng,
            names,
            profession=rng.choice(FELLOW_PROFESSIONS),
            job_title="Experte de l’écosystème",
        )
        for _ in range(8)
    ]
    for cohort in cohorts.values():
        for coach in coaches:
            CohortRole.objects.create(person=coach, cohort=cohort, role=Role.COACH)
        for mentor in mentors:
            CohortRole.objects.create(person=mentor, cohort=cohort, role=Role.MENTOR)

    words = iter(CHALLENGE_WORDS)
    plan = [(7, 10), (8, 10), (9, 15)]
    first_fellow = first_owner = None
    for number, challenge_count in plan:
        cohort = cohorts[number]
        for index in range(challenge_count):
            title, aim = next(words)
            administration = administrations[(index + number) % len(administrations)]
            challenge = Challenge.objects.create(
                title=title,
                slug=slugify(title),
                summary=f"{title} : {aim}.",
                description=(
                    f"## Le contexte\n\n{administration.name} souhaite {aim}.\n\n"
                    "## La démarche\n\nL’équipe explore le terrain, prototype puis mesure l’impact."
                ),
                administration=administration,
                town=rng.choice(["Paris", "Lyon", "Lille", "Nantes", "Marseille", "Toulouse"]),
            )
            challenge.cohorts.add(cohort)
            challenge.themes.add(*rng.sample(themes, 2))
            challenge.expertises.add(*rng.sample(expertises, 2))
            ChallengeLink.objects.create(
                challenge=challenge,
                kind=LinkKind.REPOSITORY,
                label=f"Code de {title}",
                url=f"https://git.example.org/eig/{slugify(title)}",
            )
            team_size = 3 if number == CURRENT_COHORT_NUMBER else rng.choice([2, 3, 4])
            professions = rng.sample(FELLOW_PROFESSIONS, min(team_size, len(FELLOW_PROFESSIONS)))
            for profession in professions:
                fellow = _person(rng, names, profession=profession)
                role = Role.FELLOW if number == CURRENT_COHORT_NUMBER else Role.ALUMNI
                CohortRole.objects.create(person=fellow, cohort=cohort, role=Role.FELLOW)
                if role == Role.ALUMNI:
                    CohortRole.objects.create(person=fellow, cohort=cohort, role=Role.ALUMNI)
                ChallengeMembership.objects.create(
                    person=fellow, challenge=challenge, role=Role.FELLOW
                )
                if number == CURRENT_COHORT_NUMBER and first_fellow is None:
                    first_fellow = fellow
            owner = _person(
                rng, names, profession=Profession.PUBLIC_MANAGEMENT, job_title="Cheffe de projet"
            )
            sponsor = _person(
                rng, names, profession=Profession.PUBLIC_MANAGEMENT, job_title="Directrice"
            )
            for person, role in ((owner, Role.PROJECT_OWNER), (sponsor, Role.SPONSOR)):
                CohortRole.objects.create(person=person, cohort=cohort, role=role)
                ChallengeMembership.objects.create(person=person, challenge=challenge, role=role)
            if number == CURRENT_COHORT_NUMBER and first_owner is None:
                first_owner = owner

    accounts: dict[str, Person | None] = {
        "coach": coaches[0],
        "fellow": first_fellow,
        "project_owner": first_owner,
        "mentor": mentors[0],
    }
    for account in DEMO_ACCOUNTS:
        holder = accounts[account.role]
        assert holder is not None  # noqa: S101 - the plan above always creates them
        user = User.objects.create_user(
            email=account.email, password=account.password, is_staff=account.role == "coach"
        )
        if account.role == "coach":
            user.is_superuser = True
            user.save()
        holder.user = user
        holder.save()
    load_program_demo()
    load_grouping_demo()
    load_mentoring_demo(mentor_email=f"mentor@{DEMO_DOMAIN}")
    load_helpdesk_demo(
        coach_email=f"coach@{DEMO_DOMAIN}",
        mentor_email=f"mentor@{DEMO_DOMAIN}",
        fellow_email=f"eig@{DEMO_DOMAIN}",
        owner_email=f"porteur@{DEMO_DOMAIN}",
    )
    load_bulletins_demo()
    load_resources_demo()
    load_community_demo()
    load_logbook_demo(fellow_email=f"eig@{DEMO_DOMAIN}")
    load_evaluation_demo()
    load_repositories_demo()
    load_values_demo()
    load_surveys_demo()
    load_privacy_demo()
    load_onboarding_demo()
    load_recruitment_demo()
    # After the calls, dossiers and applications (load_recruitment_demo).
    load_recruitment_jury_demo(
        coach_email=f"coach@{DEMO_DOMAIN}", owner_email=f"porteur@{DEMO_DOMAIN}"
    )
    return True
