"""Every write and business rule of onboarding: checklist templates, newcomers' checklists, their items.

Keyword-only verb functions; a refusal raises `OnboardingError` with the French message to show, and
changes nothing.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Cohort, CohortRole, Person, Role

from ..models import (
    Audience,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Responsible,
    TemplateItem,
)


class OnboardingError(Exception):
    """A rule of onboarding refused the action; the message is shown to the user."""


# --- Default templates (program spec (h) Onboarding: the host's arrival checklist) -------------

SECTIONS = (
    "0. Recrutement",
    "1. Accès aux données",
    "2. Environnement de travail",
    "3. Internet",
    "4. Communication",
    "5. Arrivée",
)

# (section index, label, responsible, due days relative to the arrival)
DEFAULT_ITEMS: dict[str, list[tuple[int, str, str, int]]] = {
    Audience.FELLOW: [
        (0, "Contrat signé et transmis à l’EIG", Responsible.HOST, -14),
        (0, "Date d’arrivée et lieu de travail confirmés à l’EIG", Responsible.PROJECT_OWNER, -14),
        (0, "Lettre de mission partagée avec l’EIG", Responsible.PROJECT_OWNER, -7),
        (
            1,
            "Données du défi identifiées, leurs responsables contactés",
            Responsible.PROJECT_OWNER,
            -7,
        ),
        (1, "Autorisation ou convention d’accès aux données signée", Responsible.HOST, 7),
        (1, "Accès effectif de l’EIG aux données", Responsible.HOST, 14),
        (2, "Bureau réservé auprès de l’équipe du défi", Responsible.HOST, 0),
        (2, "Ordinateur adapté au développement remis", Responsible.HOST, 0),
        (2, "Budget propre du défi connu de l’équipe", Responsible.PROJECT_OWNER, 14),
        (2, "Badge d’accès remis, règles de télétravail expliquées", Responsible.HOST, 0),
        (
            3,
            "Accès à internet sans filtrage bloquant (dépôts de code, outils)",
            Responsible.HOST,
            0,
        ),
        (3, "Droits d’installation des logiciels nécessaires", Responsible.HOST, 7),
        (
            3,
            "Compte sur la forge ou l’hébergement de code de l’administration",
            Responsible.HOST,
            14,
        ),
        (4, "Adresse électronique professionnelle créée", Responsible.HOST, 0),
        (4, "Accès à la messagerie et aux outils de visioconférence", Responsible.HOST, 3),
        (4, "Arrivée de l’EIG annoncée aux services concernés", Responsible.PROJECT_OWNER, 0),
        (4, "Inscription aux canaux d’échange de la promotion", Responsible.COACH, 7),
        (5, "Accueil par le porteur ou la porteuse le premier jour", Responsible.PROJECT_OWNER, 0),
        (5, "Semaine d’immersion dans les services métiers", Responsible.PROJECT_OWNER, 14),
        (5, "Présentation de l’EIG et du défi aux services", Responsible.PROJECT_OWNER, 21),
        (5, "Point d’étonnement avec les coachs après un mois", Responsible.COACH, 30),
    ],
    Audience.PROJECT_OWNER: [
        (0, "Participation au jury de sélection des EIG du défi", Responsible.PROJECT_OWNER, -60),
        (0, "Date d’arrivée confirmée aux EIG", Responsible.PROJECT_OWNER, -14),
        (0, "Lettres de mission rédigées", Responsible.PROJECT_OWNER, -7),
        (1, "Données du défi et leurs responsables identifiés", Responsible.PROJECT_OWNER, -14),
        (1, "Démarches d’accès aux données lancées", Responsible.PROJECT_OWNER, -7),
        (2, "Bureaux de l’équipe réservés", Responsible.PROJECT_OWNER, -7),
        (2, "Ordinateurs commandés", Responsible.HOST, -14),
        (
            3,
            "Accès à internet et aux outils de développement vérifié avec la DSI",
            Responsible.PROJECT_OWNER,
            -7,
        ),
        (4, "Adresses électroniques des EIG demandées", Responsible.HOST, -3),
        (4, "Arrivée de l’équipe annoncée en interne", Responsible.PROJECT_OWNER, 0),
        (5, "Accueil des EIG le premier jour", Responsible.PROJECT_OWNER, 0),
        (5, "Semaine d’immersion organisée", Responsible.PROJECT_OWNER, 7),
        (5, "Participation au séminaire de lancement de la promotion", Responsible.COACH, 14),
    ],
}

DEFAULT_NAMES: dict[str, str] = {
    Audience.FELLOW: "Arrivée d’un ou une EIG",
    Audience.PROJECT_OWNER: "Accueil des EIG (porteurs et porteuses de projet)",
}


@transaction.atomic
def ensure_defaults() -> list[ChecklistTemplate]:
    """Create the program's default template of each audience that has none yet; return those created."""
    created = []
    for audience, items in DEFAULT_ITEMS.items():
        if ChecklistTemplate.objects.filter(audience=audience).exists():
            continue
        template = ChecklistTemplate.objects.create(name=DEFAULT_NAMES[audience], audience=audience)
        TemplateItem.objects.bulk_create(
            TemplateItem(
                template=template,
                section=SECTIONS[section],
                label=label,
                responsible=responsible,
                due_days=due_days,
                position=(position + 1) * 10,
            )
            for position, (section, label, responsible, due_days) in enumerate(items)
        )
        created.append(template)
    return created


def active_template(audience: str) -> ChecklistTemplate | None:
    """The template new checklists of that audience are made from: the latest active one."""
    return (
        ChecklistTemplate.objects.filter(audience=audience, is_active=True)
        .order_by("-created_at", "-pk")
        .first()
    )


# --- Newcomers' checklists ---------------------------------------------------------------------


def start_onboarding(
    *,
    person: Person,
    cohort: Cohort,
    audience: str = Audience.FELLOW,
    arrival_date: datetime.date,
    template: ChecklistTemplate | None = None,
) -> Checklist:
    """Give a newcomer their checklist from the audience's active template; a second call returns the first."""
    existing = Checklist.objects.filter(person=person, cohort=cohort, audience=audience).first()
    if existing is not None:
        return existing
    if template is None:
        template = active_template(audience)
        if template is None and not ChecklistTemplate.objects.filter(audience=audience).exists():
            ensure_defaults()
            template = active_template(audience)
    if template is None:
        raise OnboardingError(
            _("Aucun modèle de liste d’intégration n’est en service pour « %(audience)s ».")
            % {"audience": Audience(audience).label}
        )
    if template.audience != audience:
        raise OnboardingError(_("Ce modèle n’est pas fait pour ce public."))
    try:
        with transaction.atomic():
            checklist = Checklist.objects.create(
                person=person,
                cohort=cohort,
                template=template,
                audience=audience,
                arrival_date=arrival_date,
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(
                    checklist=checklist,
                    section=item.section,
                    label=item.label,
                    responsible=item.responsible,
                    due_date=arrival_date + datetime.timedelta(days=item.due_days),
                    position=item.position,
                )
                for item in template.items.all()
            )
    except IntegrityError:
        # Someone started it at the same moment: theirs is the one.
        return Checklist.objects.get(person=person, cohort=cohort, audience=audience)
    return checklist


def start_cohort_onboarding(
    *, cohort: Cohort, arrival_date: datetime.date | None = None
) -> list[Checklist]:
    """Start the checklists of a cohort's fellows and project owners in one step; return the new ones."""
    arrival_date = arrival_date or cohort.start_date
    if arrival_date is None:
        raise OnboardingError(
            _("Indiquez la date d’arrivée : la promotion n’a pas de date de début.")
        )
    audiences = {Role.FELLOW: Audience.FELLOW, Role.PROJECT_OWNER: Audience.PROJECT_OWNER}
    roles = (
        CohortRole.objects.filter(cohort=cohort, role__in=audiences)
        .select_related("person")
        .order_by("person__name", "role")
    )
    started = set(Checklist.objects.filter(cohort=cohort).values_list("person_id", "audience"))
    created = []
    with transaction.atomic():
        for role in roles:
            audience = audiences[Role(role.role)]
            if (role.person_id, audience) in started:
                continue
            created.append(
                start_onboarding(
                    person=role.person, cohort=cohort, audience=audience, arrival_date=arrival_date
                )
            )
    return created


STALE_ITEM = _(
    "Quelqu’un a modifié cette étape pendant que vous la remplissiez : rien n’a été enregistré. "
    "Voici sa version ; votre saisie est conservée dans le formulaire, reportez-la puis enregistrez."
)


@transaction.atomic
def update_item(
    *,
    item: ChecklistItem,
    done: bool,
    successes: str,
    difficulties: str,
    version: int,
    by: Any,
) -> ChecklistItem:
    """Tick or untick an item and save its comments, if nobody changed it since `version` was read."""
    locked = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != version:
        raise OnboardingError(STALE_ITEM)
    if done and locked.done_at is None:
        locked.done_at = timezone.now()
        locked.done_by = by if getattr(by, "is_authenticated", False) else None
    elif not done:
        locked.done_at = None
        locked.done_by = None
    locked.successes = successes.strip()
    locked.difficulties = difficulties.strip()
    locked.version = F("version") + 1
    locked.save(update_fields=["done_at", "done_by", "successes", "difficulties", "version"])
    locked.refresh_from_db()
    return locked


# --- Templates ---------------------------------------------------------------------------------


@transaction.atomic
def save_template(*, template: ChecklistTemplate, items: list[TemplateItem]) -> ChecklistTemplate:
    """Save a template whose items become exactly `items` (started checklists keep their own copy)."""
    if not items:
        raise OnboardingError(_("Un modèle compte au moins une étape."))
    template.save()
    kept = [item.pk for item in items if item.pk]
    template.items.exclude(pk__in=kept).delete()
    for item in items:
        item.template = template
        item.save()
    return template
