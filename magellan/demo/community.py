"""Demo community Q&A: questions asked by the demo's fellows, alumni, mentors and project owners —
answered, accepted, verified by a coach, still unanswered (one already pushed to the experts),
one hidden by a coach, one edited (with its revision), one shared from a help request — with votes, comments, follows, and a few
notifications for the demo accounts. All synthetic, in French.

Deterministic; rows are written directly (no e-mail is sent). Called by load_demo() after the
help-desk demo; does nothing when questions exist already.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from magellan.community.models import Answer, Comment, Follow, Question, Revision, Vote
from magellan.directory.models import Expertise, Person, Role
from magellan.notifications.models import Frequency, Notification


@dataclass(frozen=True)
class Reply:
    body: str
    author: str  # a key of the people below
    votes: int = 0
    accepted: bool = False
    verified: bool = False
    hidden: str = ""  # the reason, when a coach hid it
    comments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Seed:
    title: str
    body: str
    author: str
    days_ago: int
    expertises: tuple[str, ...] = ()
    votes: int = 0
    replies: tuple[Reply, ...] = ()
    hidden: str = ""
    previous_body: str = ""  # set: the question was edited once
    pushed: bool = False


SEEDS = [
    Seed(
        title="Quelle licence libre choisir pour le code de notre défi ?",
        body=(
            "Notre administration accepte de publier le code, mais hésite entre **MIT**, "
            "**EUPL 1.2** et **AGPL**. Quels critères avez-vous utilisés ?"
        ),
        author="fellow",
        days_ago=20,
        expertises=("Développement web", "Droit du numérique"),
        votes=4,
        replies=(
            Reply(
                "Pour un code d’administration, l’**EUPL 1.2** est souvent le bon choix : "
                "elle est reconnue par l’État, compatible avec la GPL et rédigée en français.\n\n"
                "Regardez la liste des licences autorisées sur le site d’Etalab.",
                author="alumni",
                votes=5,
                accepted=True,
                verified=True,
                comments=(("Merci, c’est exactement ce qu’il me fallait.", "fellow"),),
            ),
            Reply(
                "Si vous voulez la réutilisation la plus large possible, la MIT reste la plus simple.",
                author="mentor",
                votes=1,
            ),
        ),
    ),
    Seed(
        title="Comment recruter des usagers pour des tests sans budget ?",
        body="Nous voulons tester notre prototype avec une dizaine d’usagers la semaine prochaine.",
        author="fellow_2",
        days_ago=12,
        expertises=("Design de services",),
        votes=3,
        replies=(
            Reply(
                "Passez par les agents d’accueil : ils connaissent les usagers et peuvent "
                "proposer un créneau à la fin d’un rendez-vous.",
                author="mentor",
                votes=3,
                accepted=True,
            ),
            Reply(
                "Un questionnaire court à la sortie du service, avec une case « d’accord pour "
                "être recontacté·e », marche bien aussi.",
                author="alumni_2",
                votes=2,
                comments=(("Attention à recueillir le consentement par écrit.", "coach"),),
            ),
        ),
    ),
    Seed(
        title="Quel hébergement pour une base PostgreSQL avec des données sensibles ?",
        body=(
            "Nos données sont des données de santé agrégées. Faut-il un hébergeur certifié HDS "
            "même pour des agrégats ?"
        ),
        author="fellow_3",
        days_ago=9,
        expertises=("Ingénierie des données", "Droit du numérique"),
        votes=2,
        replies=(
            Reply(
                "Tant que les agrégats ne permettent pas de réidentifier quelqu’un, ce ne sont "
                "plus des données de santé à caractère personnel. Faites-le valider par votre DPO.",
                author="coach",
                votes=2,
                verified=True,
            ),
            Reply(
                "Achetez un serveur chez mon cousin, c’est moins cher.",
                author="alumni_2",
                hidden="Publicité : l’entraide n’est pas le lieu pour cela.",
            ),
        ),
    ),
    Seed(
        title="Comment rendre une carte interactive accessible ?",
        body=(
            "Notre service repose sur une carte Leaflet. Le RGAA demande une alternative : "
            "que proposer aux personnes qui naviguent au clavier ou au lecteur d’écran ?"
        ),
        author="fellow",
        days_ago=8,
        expertises=("Accessibilité", "Cartographie"),
        votes=2,
        pushed=True,
    ),
    Seed(
        title="Faut-il une analyse d’impact pour un simple formulaire de contact ?",
        body="Le formulaire recueille un nom, une adresse e-mail et un message libre.",
        author="owner",
        days_ago=1,
        expertises=("Droit du numérique",),
    ),
    Seed(
        title="Mesurer l’impact au-delà du nombre de visites",
        body=(
            "Quels indicateurs avez-vous suivis pour montrer l’impact de votre service "
            "aux directions, au-delà de la fréquentation ?"
        ),
        previous_body="Quels indicateurs suivre ?",
        author="fellow_2",
        days_ago=5,
        expertises=("Direction de produit", "Science des données"),
        votes=1,
        replies=(
            Reply(
                "Nous suivions le temps de traitement d’un dossier avant et après, et le taux "
                "de recours. Les directions comprennent ces chiffres.",
                author="alumni",
                votes=1,
            ),
        ),
    ),
    Seed(
        title="Vends écran 27 pouces",
        body="Très bon état, à venir chercher à Paris.",
        author="fellow_3",
        days_ago=3,
        hidden="Hors sujet : l’entraide porte sur les défis et le programme.",
    ),
]


def _at(days_ago: int, hour: int = 10) -> datetime.datetime:
    moment = timezone.localtime() - datetime.timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _people() -> dict[str, Person] | None:
    def with_role(role: str) -> list[Person]:
        return list(Person.objects.filter(cohort_roles__role=role).distinct().order_by("pk"))

    fellows = list(
        Person.objects.filter(
            cohort_roles__role=Role.FELLOW, cohort_roles__cohort__slug="promotion-9"
        )
        .distinct()
        .order_by("pk")
    )
    # The demo fellow's account (if any) asks first: they see their answers and notifications.
    fellows.sort(key=lambda p: p.user_id is None)
    alumni, mentors = with_role(Role.ALUMNI), with_role(Role.MENTOR)
    coaches = list(
        Person.objects.filter(cohort_roles__role=Role.COACH, user__isnull=False)
        .distinct()
        .order_by("pk")
    )
    owners = with_role(Role.PROJECT_OWNER)
    if len(fellows) < 3 or len(alumni) < 2 or not mentors or not coaches or not owners:
        return None
    mentor = next((m for m in mentors if m.user_id), mentors[0])
    return {
        "fellow": fellows[0],
        "fellow_2": fellows[1],
        "fellow_3": fellows[2],
        "alumni": alumni[0],
        "alumni_2": alumni[1],
        "mentor": mentor,
        "coach": coaches[0],
        "owner": next((o for o in owners if o.user_id), owners[0]),
    }


def _voters(people: dict[str, Person], author: Person, count: int) -> list[Person]:
    others = [p for key, p in sorted(people.items()) if p.pk != author.pk]
    return others[:count]


def load_community_demo() -> int:
    """Create the demo questions (once); returns how many were created."""
    if Question.objects.exists():
        return 0
    people = _people()
    if people is None:
        return 0
    coach_user = people["coach"].user
    expertises = {e.name: e for e in Expertise.objects.all()}
    for seed in SEEDS:
        author = people[seed.author]
        asked = _at(seed.days_ago)
        question = Question.objects.create(
            author=author,
            title=seed.title,
            body=seed.body,
            version=1 if seed.previous_body else 0,
            is_hidden=bool(seed.hidden),
            hidden_reason=seed.hidden,
            hidden_by=coach_user if seed.hidden else None,
            hidden_at=asked + datetime.timedelta(hours=3) if seed.hidden else None,
            unanswered_pushed_at=_at(seed.days_ago - 4) if seed.pushed else None,
        )
        question.expertises.set([expertises[n] for n in seed.expertises if n in expertises])
        Follow.objects.create(question=question, person=author)
        Vote.objects.bulk_create(
            Vote(voter=voter, question=question) for voter in _voters(people, author, seed.votes)
        )
        if seed.previous_body:
            Revision.objects.create(
                question=question,
                editor=author.user,
                previous_title=seed.title,
                previous_body=seed.previous_body,
            )
        for index, reply in enumerate(seed.replies):
            replier = people[reply.author]
            answer = Answer.objects.create(
                question=question,
                author=replier,
                body=reply.body,
                is_verified=reply.verified,
                verified_by=coach_user if reply.verified else None,
                verified_at=_at(seed.days_ago - 2) if reply.verified else None,
                is_hidden=bool(reply.hidden),
                hidden_reason=reply.hidden,
                hidden_by=coach_user if reply.hidden else None,
                hidden_at=_at(seed.days_ago - 1) if reply.hidden else None,
            )
            Answer.objects.filter(pk=answer.pk).update(
                created_at=asked + datetime.timedelta(hours=2 + index)
            )
            Follow.objects.get_or_create(question=question, person=replier)
            Vote.objects.bulk_create(
                Vote(voter=voter, answer=answer) for voter in _voters(people, replier, reply.votes)
            )
            for body, commenter in reply.comments:
                Comment.objects.create(answer=answer, author=people[commenter], body=body)
            if reply.accepted:
                question.accepted_answer = answer
                question.save(update_fields=["accepted_answer"])
        Question.objects.filter(pk=question.pk).update(created_at=asked)
    shared = _share_a_help_request(people)
    _notifications(people)
    return len(SEEDS) + shared


def _share_a_help_request(people: dict[str, Person]) -> int:
    """The demo fellow's first help request, shared with the community (no attachment, no comment)."""
    from magellan.helpdesk.models import HelpRequest

    request = HelpRequest.objects.filter(author=people["fellow"]).order_by("pk").first()
    if request is None:
        return 0
    question = Question.objects.create(
        author=request.author,
        title=request.subject[:200],
        body=request.description,
        from_help_request=request,
    )
    question.expertises.set(request.expertises.all())
    Follow.objects.create(question=question, person=request.author)
    Question.objects.filter(pk=question.pk).update(created_at=request.created_at)
    return 1


def _notifications(people: dict[str, Person]) -> None:
    """A few notifications on the demo accounts' pages: some read, some not."""
    fellow = people["fellow"].user
    mentor = people["mentor"].user
    licence = Question.objects.get(title=SEEDS[0].title)
    card = Question.objects.get(title=SEEDS[3].title)
    rows = []
    if fellow is not None:
        accepted = licence.accepted_answer
        rows += [
            Notification(
                recipient=fellow,
                kind="question_answered",
                title=f"{people['alumni'].name} a répondu à votre question « {licence.title} »",
                body=accepted.body[:300] if accepted else "",
                url=accepted.get_absolute_url() if accepted else licence.get_absolute_url(),
                actor=people["alumni"].user,
                read_at=_at(18),
                emailed_at=_at(19),
            ),
            Notification(
                recipient=fellow,
                kind="thread_activity",
                title=f"Nouvelle réponse sur « {licence.title} »",
                body="Si vous voulez la réutilisation la plus large possible…",
                url=licence.get_absolute_url(),
                delivery=Frequency.IMMEDIATE,
            ),
        ]
    if mentor is not None:
        rows.append(
            Notification(
                recipient=mentor,
                kind="question_in_expertise",
                title=f"Nouvelle question : {card.title}",
                body=card.body,
                url=card.get_absolute_url(),
                delivery=Frequency.DAILY,
            )
        )
    Notification.objects.bulk_create(rows)
