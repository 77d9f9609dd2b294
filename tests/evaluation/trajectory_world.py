"""A challenge through three phases (held committees, retrospectives, reports, actions,
indicators) for the trajectory and cohort tests."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from magellan.directory.models import PhaseKind
from magellan.evaluation.models import ActionStatus, Axis
from tests.factories import (
    ActionFactory,
    AxisAssessmentFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PersonFactory,
    PhaseFactory,
    ReportFactory,
    RetrospectiveFactory,
)


@dataclass
class Journey:
    cohort: Any
    phases: list[Any]
    challenge: Any
    fellow: Any
    sponsor: Any
    coach: Any
    reports: list[Any]
    late: Any
    open: Any
    done: Any
    indicator: Any


def make_journey() -> Journey:
    """Phases 1 and 2 held, their reports published (levels 1-2-3 then 2-3-4); phase 3's committee
    planned and its report a draft (levels 4 everywhere, for coaches only); three actions."""
    start = timezone.localdate() - datetime.timedelta(days=250)
    cohort = CohortFactory(start_date=start, end_date=start + datetime.timedelta(days=330))
    phases = [
        PhaseFactory(
            cohort=cohort,
            kind=kind,
            start_date=start + datetime.timedelta(days=90 * (kind - 1)),
            end_date=start + datetime.timedelta(days=90 * kind - 1),
        )
        for kind in (PhaseKind.VALIDATE, PhaseKind.PROVE_CONCEPT, PhaseKind.PROVE_VALUE)
    ]
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Boussole")
    fellow = PersonFactory(fellow=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    coach = PersonFactory(coach=True, cohort=cohort)
    reports = []
    for index, phase in enumerate(phases):
        CommitteeFactory(challenge=challenge, phase=phase, past=index < 2)
        RetrospectiveFactory(challenge=challenge, phase=phase, submitted=index < 2)
        report = ReportFactory(
            challenge=challenge,
            phase=phase,
            published=index < 2,
            strengths=f"Points forts de la phase {index + 1}",
        )
        for offset, axis in enumerate(Axis):
            AxisAssessmentFactory(report=report, axis=axis, level=min(index + 1 + offset, 4))
        reports.append(report)
    late = ActionFactory(report=reports[0], title="Signer la convention de données", late=True)
    open_action = ActionFactory(report=reports[1], title="Recruter un panel d’usagers")
    done = ActionFactory(
        report=reports[0], title="Présenter au comité de direction", status=ActionStatus.DONE
    )
    ActionFactory(report=reports[2], title="Action d’un brouillon")
    indicator = IndicatorFactory(challenge=challenge, title="Délai de traitement")
    for day, value in ((10, "35"), (100, "28.5"), (190, "22")):
        IndicatorValueFactory(
            indicator=indicator,
            measured_on=start + datetime.timedelta(days=day),
            value=Decimal(value),
        )
    return Journey(
        cohort,
        phases,
        challenge,
        fellow,
        sponsor,
        coach,
        reports,
        late,
        open_action,
        done,
        indicator,
    )
