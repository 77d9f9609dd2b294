"""Demo values (synthetic French text): each challenge of cohorts 7 to 9 gets its status on every
value in each phase already started — through the services, so with their history, dated within
the phase (the current phase's latest changes this month) —, values in every status (« not
applicable » with its reason), datasets under several licences, and declarations (RGAA from non
compliant to fully compliant, RGESN, a public-algorithm notice, building blocks). Deterministic for
a given day."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from magellan.directory.models import Challenge, ChallengeMembership, Cohort, Phase, Role
from magellan.values.models import (
    DataLicence,
    Declarations,
    Status,
    Value,
    ValueStatus,
    ValueStatusChange,
)
from magellan.values.services import datasets as dataset_services
from magellan.values.services import declarations as declaration_services
from magellan.values.services import statuses as status_services
from magellan.values.services.declarations import rgaa_compliance_for

SEED = 13
SITE = "https://{slug}.exemple.gouv.fr"
# How far a value goes in a phase (1 to 4), for a challenge: the higher, the likelier it is done.
REACH = {
    Value.OPEN_SOURCE: 0.8,
    Value.OPEN_DATA: 0.55,
    Value.ACCESSIBILITY: 0.5,
    Value.ECODESIGN: 0.4,
    Value.ALGORITHMS: 0.6,
    Value.BUILDING_BLOCKS: 0.75,
}
NOT_APPLICABLE = {
    Value.ALGORITHMS: "Le service ne prend aucune décision individuelle : il aide les agents à "
    "prioriser, la décision reste la leur.",
    Value.OPEN_DATA: "Les données traitées sont des données personnelles de santé : rien "
    "d’ouvrable en l’état, une synthèse agrégée est à l’étude.",
}
COMMENTS: dict[str, str] = {
    Status.IN_PROGRESS: "Travail engagé avec l’administration, prochaine étape fixée en comité.",
    Status.DONE: "Fait et vérifié en fin de phase.",
}
DATASETS = (
    ("Liste des points d’accueil", DataLicence.ETALAB, "CSV", "mensuelle"),
    ("Référentiel des procédures", DataLicence.ETALAB, "JSON", "à chaque version"),
    ("Contours des zones d’intervention", DataLicence.ODBL, "GeoJSON", "annuelle"),
    ("Statistiques d’usage agrégées", DataLicence.CC_BY, "CSV", "trimestrielle"),
)
APIS = ("API Adresse", "API Entreprise", "API Particulier", "API Géo")


def _status(rng: random.Random, value: str, phase_kind: int, index: int) -> str:
    """The status a challenge reaches on a value in a phase (later phases further on)."""
    if value in NOT_APPLICABLE and index % 5 == 4:
        return Status.NOT_APPLICABLE
    draw = rng.random() + REACH[Value(value)] * phase_kind / 4
    if draw > 1.15:
        return Status.DONE
    if draw > 0.55:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def _dated(change: ValueStatusChange, day: datetime.date, hour: int) -> None:
    # Never in the future: today's changes happened at most now (the demo may load at 00:20).
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))
    ValueStatusChange.objects.filter(pk=change.pk).update(changed_at=min(moment, timezone.now()))


def _statuses(
    challenge: Challenge, phases: list[Phase], index: int, rng: random.Random, today: datetime.date
) -> int:
    writer = (
        ChallengeMembership.objects.filter(challenge=challenge, role=Role.FELLOW)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    by = writer.person if writer else None
    made = 0
    for phase in phases:
        if phase.start_date > today:
            break
        last_day = min(phase.end_date, today)
        for position, value in enumerate(Value):
            status = _status(rng, value.value, phase.kind, index)
            comment = NOT_APPLICABLE.get(value, "") if status == Status.NOT_APPLICABLE else ""
            steps = [status]
            if status == Status.DONE:
                steps = [Status.IN_PROGRESS, Status.DONE]
            version = 0
            for step, current in enumerate(steps):
                record = status_services.set_value_status(
                    challenge=challenge,
                    phase=phase,
                    value=value.value,
                    status=current,
                    comment=comment or COMMENTS.get(current, ""),
                    version=version,
                    by=by,
                )
                version = record.version
                span = max((last_day - phase.start_date).days, 0)
                offset = min(span, (span * (step + 1)) // len(steps) - (position % 3))
                day = phase.start_date + datetime.timedelta(days=max(offset, 0))
                change = record.changes.order_by("-changed_at", "-pk").first()
                if change is not None:
                    _dated(change, day, 9 + position)
                made += 1
    return made


def _evidence(challenge: Challenge, index: int, today: datetime.date) -> None:
    site = SITE.format(slug=challenge.slug)
    for number, (title, licence, data_format, frequency) in enumerate(DATASETS):
        if (index + number) % 3 == 0:
            dataset_services.add_dataset(
                challenge=challenge,
                by=None,
                title=title,
                url=f"https://www.data.gouv.fr/fr/datasets/{challenge.slug}-{number + 1}/",
                licence=licence,
                data_format=data_format,
                update_frequency=frequency,
            )
    if index % 6 == 5:
        return  # a challenge that has declared nothing yet
    rate = (Decimal("38.5"), Decimal("64"), Decimal("81.25"), Decimal("100"), None)[index % 5]
    declaration_services.save_declarations(
        challenge=challenge,
        version=0,
        by=None,
        today=today,
        rgaa_compliance=rgaa_compliance_for(rate) if rate is not None else "",
        rgaa_rate=rate,
        rgaa_audit_date=today - datetime.timedelta(days=40 + 7 * index) if rate else None,
        rgaa_declaration_url=f"{site}/accessibilite" if rate is not None else "",
        rgaa_plan_url=f"{site}/schema-pluriannuel" if index % 2 == 0 and rate else "",
        rgesn_url=f"{site}/ecoconception" if index % 2 == 1 else "",
        rgesn_date=today - datetime.timedelta(days=20 + 5 * index) if index % 2 == 1 else None,
        rgesn_score=Decimal(45 + 7 * (index % 6)) if index % 4 == 1 else None,
        makes_individual_decisions=index % 3 == 0,
        algorithm_notice_url=f"{site}/algorithme" if index % 6 == 0 else "",
        uses_dsfr=index % 4 != 3,
        uses_proconnect=index % 2 == 0,
        uses_franceconnect=index % 5 == 1,
        apis="\n".join(APIS[: index % 3]),
    )


def load_values_demo(*, cohort_numbers: tuple[int, ...] = (7, 8, 9)) -> int:
    """Create the demo's values; returns the number of statuses recorded."""
    if ValueStatus.objects.exists() or Declarations.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    today = timezone.localdate()
    made = 0
    with_evidence: set[int] = set()
    for cohort in Cohort.objects.filter(number__in=cohort_numbers).order_by("number"):
        phases = list(cohort.phases.order_by("kind"))
        for index, challenge in enumerate(cohort.challenges.order_by("pk")):
            made += _statuses(challenge, phases, index, rng, today)
            if challenge.pk not in with_evidence:
                with_evidence.add(challenge.pk)
                _evidence(challenge, index, today)
    return made
