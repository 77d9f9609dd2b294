"""Time the search service on PostgreSQL with a realistic volume of French text.

    POSTGRES_DB=magellan_search_bench .venv/bin/python benchmarks/search.py
    POSTGRES_DB=magellan_search_bench .venv/bin/python benchmarks/search.py --reuse   # queries only

Needs PostgreSQL (the search it measures is PostgreSQL's full-text search) and a scratch database:
it refuses a database that already holds questions, guides or help requests, unless `--reuse`
(which keeps a previous run's data and only runs the queries). Generates, with a fixed seed,
10,000 questions, 50,000 answers, 500 guides and 300 help requests of synthetic French text
(bulk inserts with the search triggers paused, then one UPDATE per table lets the triggers fill
every vector and the vocabulary, as the migration does for existing rows; then VACUUM ANALYZE of
every table), then runs 200 French
queries (single words common and rare, phrases, several words, exclusions, misspellings) through
`magellan.search.services.search`, as a fellow and as a coach, twice by default (the first pass reads the freshly loaded
tables), and prints p50 / p95 / max in ms for each pass, the queries per search, and the setup time.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TOPICS = {
    "accessibilité": "accessibilité RGAA lecteur d’écran contraste navigation clavier audit déclaration conformité handicap alternative textuelle formulaire",
    "algorithmes publics": "algorithme transparence explicabilité décision administrative code source calcul règle traitement automatisé impact citoyen",
    "design": "design parcours usager entretien maquette atelier persona ergonomie utilisabilité test recherche utilisateur besoin",
    "documentation": "documentation README guide wiki tutoriel installation architecture schéma décision contribution lisibilité mise à jour",
    "écriture inclusive": "écriture inclusive rédaction langage clair formulation accord féminin masculin lisibilité style administratif",
    "intégration": "intégration accueil arrivée équipe administration mentor binôme découverte organisation rituel semaine",
    "licences libres": "licence EUPL MIT GPL Apache réutilisation droit d’auteur compatibilité publication dépôt attribution",
    "données ouvertes": "données ouvertes jeu de données open data publication API format CSV qualité schéma métadonnées réutilisateur",
    "open source": "logiciel libre communauté contribution dépôt forge GitLab GitHub gouvernance mainteneur ouverture code",
    "prototypage": "prototype maquette itération expérimentation hypothèse test version minimale retour utilisateur déploiement",
    "sécurité": "sécurité homologation RGS vulnérabilité authentification chiffrement mot de passe sauvegarde incident ANSSI risque",
    "télétravail": "télétravail réunion visioconférence outil collaboration asynchrone disponibilité équipe distance rituel",
}
TOOLS = [
    "Matomo",
    "Grist",
    "Metabase",
    "Docker",
    "Kubernetes",
    "PostgreSQL",
    "Django",
    "Python",
    "JavaScript",
    "React",
    "Vue",
    "Scalingo",
    "Mattermost",
    "Zammad",
    "Tchap",
    "Sentry",
    "Jupyter",
    "pandas",
    "QGIS",
    "Figma",
]
ADMINISTRATIONS = [
    "la DINUM",
    "la DGFiP",
    "l’Insee",
    "la Cour des comptes",
    "l’Ademe",
    "l’IGN",
    "Météo-France",
    "la CNAF",
]
COMMON = [
    "projet",
    "équipe",
    "défi",
    "données",
    "code",
    "service",
    "usager",
    "administration",
    "agent",
    "besoin",
    "solution",
    "outil",
    "semaine",
    "mois",
    "réunion",
    "question",
    "réponse",
    "idée",
    "exemple",
    "méthode",
    "étape",
    "résultat",
    "difficulté",
    "conseil",
    "retour",
    "expérience",
    "temps",
    "travail",
    "mission",
    "programme",
    "promotion",
    "partenaire",
    "direction",
    "cadre",
]
OPENINGS = [
    "Nous travaillons sur",
    "Dans notre administration, nous avons besoin de",
    "Comment avancer sur",
    "Notre équipe bloque sur",
    "Je cherche des conseils pour",
    "Avez-vous déjà mis en place",
    "Quelle démarche adopter pour",
    "Retour d’expérience sur",
    "Bonne pratique pour",
    "Nous hésitons sur",
]
MIDDLES = [
    "avec un usager qui attend un service simple",
    "sans bloquer le reste du projet",
    "quand la direction demande des résultats rapides",
    "en lien avec le mentor de l’équipe",
    "pour la prochaine démonstration",
    "alors que les données sont dispersées",
    "avec les agents du service",
    "dans un cadre réglementaire contraint",
    "sur un code existant peu documenté",
    "en gardant une trace des décisions",
]
ENDINGS = [
    "Merci pour vos retours.",
    "Toute piste est bienvenue.",
    "Nous avons déjà essayé plusieurs approches.",
    "Le sujet revient souvent dans la promotion.",
    "Un exemple concret nous aiderait beaucoup.",
    "Nous partagerons le résultat ici.",
]
QUERIES_FIXED = [
    # single common words
    "projet",
    "données",
    "équipe",
    "code",
    "usager",
    "sécurité",
    "licence",
    "prototype",
    "accessibilité",
    "documentation",
    "télétravail",
    "algorithme",
    "design",
    "réunion",
    "administration",
    # rare words
    "Zammad",
    "QGIS",
    "Tchap",
    "Jupyter",
    "Insee",
    "homologation",
    "explicabilité",
    "métadonnées",
    "binôme",
    "persona",
    "chiffrement",
    "vulnérabilité",
    "Scalingo",
    "Figma",
    "attribution",
    # phrases and several words
    '"données ouvertes"',
    '"logiciel libre"',
    '"lecteur d’écran"',
    '"mot de passe"',
    '"code source"',
    "licence EUPL administration",
    "accessibilité audit RGAA",
    "prototype retour utilisateur",
    "sécurité homologation ANSSI",
    "télétravail rituel équipe",
    "algorithmes publics transparence",
    "publication données CSV",
    "intégration nouvelle équipe",
    "documentation architecture décision",
    "écriture inclusive",
    "données -ouvertes",
    "licence -GPL",
    "open source gouvernance",
    "parcours usager entretien",
    "Django PostgreSQL",
    # misspellings
    "accesibilité",
    "algoritmes",
    "sécurtié",
    "prototipage",
    "télétravaill",
    "documantation",
    "license",
    "homologuation",
    "visioconférance",
    "chifrement",
    "accessibilite numerique",
    "metadonnees",
    "Kubernetess",
    "utilisabilitée",
    "transparance",
]


def _sentence(rng: random.Random, topic_words: list[str]) -> str:
    words = rng.sample(topic_words, 3)
    return (
        f"{rng.choice(OPENINGS)} {words[0]} et {words[1]} {rng.choice(MIDDLES)} "
        f"({rng.choice(COMMON)}, {words[2]}, {rng.choice(TOOLS)}, avec {rng.choice(ADMINISTRATIONS)}). "
        f"{rng.choice(ENDINGS)}"
    )


def _text(rng: random.Random, topic: str, sentences: int) -> str:
    words = TOPICS[topic].split()
    other = TOPICS[rng.choice(list(TOPICS))].split()
    return " ".join(_sentence(rng, words if i % 3 else other) for i in range(sentences))


def _queries(rng: random.Random) -> list[str]:
    queries = list(QUERIES_FIXED)
    vocabulary = sorted({w for text in TOPICS.values() for w in text.split()} | set(COMMON))
    while len(queries) < 200:
        n = rng.choice([1, 1, 2, 2, 3])
        queries.append(" ".join(rng.sample(vocabulary, n)))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--guides", type=int, default=500)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    parser.add_argument(
        "--passes", type=int, default=2, help="times the 200 queries run (each measured)"
    )
    args = parser.parse_args()
    if not os.environ.get("POSTGRES_DB"):
        sys.exit(
            "benchmarks/search.py measures PostgreSQL's full-text search: set POSTGRES_DB (a scratch database)."
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from magellan.community.models import Answer, Question
    from magellan.directory.models import (
        Administration,
        Challenge,
        ChallengeMembership,
        Cohort,
        CohortRole,
        Expertise,
        Person,
        Role,
    )
    from magellan.helpdesk.models import HelpRequest
    from magellan.resources.models import Guide
    from magellan.search.services import search

    rng = random.Random(args.seed)  # noqa: S311 - synthetic data
    call_command("migrate", verbosity=0)
    existing = Question.objects.exists() or Guide.objects.exists() or HelpRequest.objects.exists()
    if existing and not args.reuse:
        sys.exit(
            f"{connection.settings_dict['NAME']} already holds data: use a scratch database, or --reuse."
        )
    started = time.perf_counter()
    if not existing:
        tables = [m._meta.db_table for m in (Question, Answer, Guide, HelpRequest)]
        throughs = [
            Question.expertises.through._meta.db_table,
            Guide.expertises.through._meta.db_table,
            HelpRequest.expertises.through._meta.db_table,
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            # ALTER TABLE refuses pending deferred checks: check the foreign keys at each statement.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables + throughs:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            cohort = Cohort.objects.create(
                number=99,
                slug="bench",
                start_date=datetime.date(2026, 9, 1),
                end_date=datetime.date(2027, 6, 30),
            )
            administration = Administration.objects.create(
                name="Administration du banc", slug="banc"
            )
            expertises = [
                Expertise.objects.create(name=topic.capitalize(), slug=f"bench-{i}")
                for i, topic in enumerate(TOPICS)
            ]
            people = Person.objects.bulk_create(
                Person(name=f"Membre {i}", slug=f"membre-banc-{i}", email=f"membre{i}@banc.test")
                for i in range(300)
            )
            CohortRole.objects.bulk_create(
                CohortRole(person=p, cohort=cohort, role=Role.FELLOW) for p in people
            )
            challenges = Challenge.objects.bulk_create(
                Challenge(title=f"Défi {i}", slug=f"defi-banc-{i}", administration=administration)
                for i in range(60)
            )
            ChallengeMembership.objects.bulk_create(
                ChallengeMembership(person=p, challenge=challenges[i % 60], role=Role.FELLOW)
                for i, p in enumerate(people)
            )
            topics = list(TOPICS)
            questions = Question.objects.bulk_create(
                (
                    Question(
                        author=rng.choice(people),
                        title=_sentence(rng, TOPICS[topic].split()).split(" (")[0][:190] + " ?",
                        body=_text(rng, topic, rng.randint(2, 5)),
                        is_hidden=rng.random() < 0.02,
                    )
                    for topic in (rng.choice(topics) for _ in range(args.questions))
                ),
                batch_size=2000,
            )
            Question.expertises.through.objects.bulk_create(
                Question.expertises.through(
                    question_id=q.pk, expertise_id=rng.choice(expertises).pk
                )
                for q in questions
            )
            Answer.objects.bulk_create(
                (
                    Answer(
                        question=rng.choice(questions),
                        author=rng.choice(people),
                        body=_text(rng, rng.choice(topics), rng.randint(1, 6)),
                        is_hidden=rng.random() < 0.02,
                    )
                    for _ in range(args.answers)
                ),
                batch_size=2000,
            )
            guides = Guide.objects.bulk_create(
                Guide(
                    title=f"Guide {i} : {topic} — {rng.choice(COMMON)} et {rng.choice(TOPICS[topic].split())}",
                    slug=f"guide-banc-{i}",
                    summary=_text(rng, topic, 1),
                    body="\n\n".join(
                        f"## {rng.choice(OPENINGS)}\n\n{_text(rng, topic, rng.randint(3, 6))}"
                        for _ in range(rng.randint(4, 10))
                    ),
                    status=rng.choice(["published"] * 9 + ["draft"]),
                    visibility=rng.choice(["public", "members"]),
                )
                for i, topic in ((i, rng.choice(topics)) for i in range(args.guides))
            )
            Guide.expertises.through.objects.bulk_create(
                Guide.expertises.through(guide_id=g.pk, expertise_id=e.pk)
                for g in guides
                for e in rng.sample(expertises, 2)
            )
            HelpRequest.objects.bulk_create(
                HelpRequest(
                    author=people[i % len(people)],
                    challenge=challenges[i % 60],
                    cohort=cohort,
                    subject=_sentence(rng, TOPICS[topic].split()).split(" (")[0][:190],
                    description=_text(rng, topic, rng.randint(2, 6)),
                )
                for i, topic in ((i, rng.choice(topics)) for i in range(args.requests))
            )
            for table in tables + throughs:
                cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
            inserted = time.perf_counter()
            for table in tables:  # the triggers compute every vector and feed the vocabulary
                cursor.execute(f'UPDATE "{table}" SET search_vector = NULL')  # noqa: S608 - our table names
        indexed = time.perf_counter()
        # Statistics for every table, as a production database has them (the people, challenges and
        # memberships just inserted too: without them the planner may join per person, 300 times).
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'VACUUM ANALYZE "{table}"')
        print(
            f"setup: {inserted - started:.1f} s inserting, {indexed - inserted:.1f} s indexing "
            f"(triggers), {time.perf_counter() - indexed:.1f} s VACUUM ANALYZE"
        )
    else:
        print("setup: reused the data of a previous run")
    counts = {m.__name__: m.objects.count() for m in (Question, Answer, Guide, HelpRequest)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchword")
        counts["vocabulary words"] = cursor.fetchone()[0]
    print("data:", ", ".join(f"{n} {name}" for name, n in counts.items()))

    fellow = Person.objects.filter(
        cohort_roles__role=Role.FELLOW, memberships__isnull=False
    ).first()
    coach = Person.objects.filter(cohort_roles__role=Role.COACH).first()
    if coach is None:
        coach = Person.objects.create(
            name="Coach du banc", slug="coach-banc", email="coach@banc.test"
        )
        CohortRole.objects.create(
            person=coach, cohort=Cohort.objects.get(slug="bench"), role=Role.COACH
        )
    from magellan.accounts.models import User

    users = {}
    for label, person in (("fellow", fellow), ("coach", coach)):
        if person.user_id is None:
            person.user = User.objects.create_user(email=person.email)
            person.save(update_fields=["user"])
        users[label] = person.user

    queries = _queries(rng)
    for query in queries[:20]:  # warm-up: connection, caches, first plans
        search(users["coach"], query)
    load = os.getloadavg()
    print(f"load average before the queries: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for number in range(1, args.passes + 1):
        everything = []
        for label, user in users.items():
            user = User.objects.get(pk=user.pk)  # a fresh user, as each request has
            times, per_search, corrected, empty = [], [], 0, 0
            for query in queries:
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    results = search(user, query)
                    times.append((time.perf_counter() - start) * 1000)
                per_search.append(len(captured))
                corrected += results.corrected_query is not None
                empty += results.total == 0
            everything += times
            quantiles = statistics.quantiles(times, n=20)
            print(
                f"pass {number}, {label}: {len(queries)} queries, p50 {statistics.median(times):.1f} ms, "
                f"p95 {quantiles[18]:.1f} ms, max {max(times):.1f} ms; "
                f"{min(per_search)}-{max(per_search)} SQL queries per search; "
                f"{corrected} corrected, {empty} without result"
            )
            slowest = sorted(zip(times, queries, strict=True), reverse=True)[:3]
            print("   slowest: " + "; ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))
        quantiles = statistics.quantiles(everything, n=20)
        print(
            f"pass {number}, all: p50 {statistics.median(everything):.1f} ms, p95 {quantiles[18]:.1f} ms "
            f"(target < 100 ms), max {max(everything):.1f} ms"
        )
    print(f"total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
