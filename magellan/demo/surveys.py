"""Demo follow-up surveys (synthetic): the past cohorts' fellows were surveyed at each wave already
due (the programme's end, then 6 and 12 months after); about four in five answered, the others were
reminded; answers vary (same administration, another one, left; product in production, in
development or stopped). Deterministic for a given day."""

import datetime
import random

from django.utils import timezone

from magellan.directory.models import Cohort
from magellan.indicators import queries
from magellan.indicators.models import (
    Employment,
    Maintainer,
    ProductStatus,
    SurveyAnswer,
    SurveyInvitation,
    Wave,
)
from magellan.indicators.services.surveys import hash_token, wave_date

SEED = 13
ROLES = (
    "Cheffe de produit",
    "Développeur",
    "Responsable data",
    "Designer de services",
    "Chargée de mission numérique",
    "",
)
CARRIERS = ("La direction métier", "Le bureau du numérique", "La DSI ministérielle", "")
EMPLOYMENTS = (
    [Employment.SAME_ADMINISTRATION] * 5
    + [Employment.OTHER_ADMINISTRATION] * 3
    + [Employment.LEFT] * 2
)
PRODUCTS = [ProductStatus.IN_PRODUCTION] * 5 + [
    ProductStatus.IN_DEVELOPMENT,
    ProductStatus.IN_DEVELOPMENT,
    ProductStatus.STOPPED,
    ProductStatus.UNKNOWN,
]


def load_surveys_demo(*, cohort_numbers: tuple[int, ...] = (7, 8)) -> int:
    """Create the demo's survey invitations and answers; returns the number of answers."""
    if SurveyInvitation.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    now = timezone.now()
    today = timezone.localdate(now)
    answers = 0
    for cohort in Cohort.objects.filter(number__in=cohort_numbers).order_by("number"):
        people = list(queries.surveyed_people(cohort))
        for wave in Wave.values:
            due = wave_date(cohort, wave)
            if due is None or due > today:
                continue
            sent_at = datetime.datetime.combine(due, datetime.time(9, 20), tzinfo=datetime.UTC)
            for person in people:
                answered = rng.random() < 0.8
                invitation = SurveyInvitation.objects.create(
                    person=person,
                    cohort=cohort,
                    wave=wave,
                    token_hash=hash_token(f"demo-{cohort.pk}-{wave}-{person.pk}-{rng.random()}"),
                    sent_at=sent_at,
                    sent_count=1,
                    expires_at=sent_at + datetime.timedelta(days=30),
                    reminded_at=None if answered else sent_at + datetime.timedelta(days=7),
                    answered_at=(
                        sent_at + datetime.timedelta(days=rng.randint(1, 12)) if answered else None
                    ),
                )
                if not answered:
                    continue
                employment = rng.choice(EMPLOYMENTS)
                SurveyAnswer.objects.create(
                    invitation=invitation,
                    employment=employment,
                    role=rng.choice(ROLES),
                    product_status=rng.choice(PRODUCTS),
                    carried_by=rng.choice(CARRIERS),
                    maintained_by=rng.choice(list(Maintainer.values)),
                    comment=(
                        "Le programme m’a donné envie de rester dans le public."
                        if employment != Employment.LEFT and rng.random() < 0.2
                        else ""
                    ),
                )
                answers += 1
    return answers
