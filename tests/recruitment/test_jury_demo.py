import datetime

import pytest

from magellan.demo.recruitment_jury import load_recruitment_jury_demo
from magellan.recruitment.models import ApplicationStatus, Conflict, Review, Reviewer, Stage
from magellan.recruitment.ranking import ranking
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeFactory,
    CriterionFactory,
    PersonFactory,
    WishFactory,
)

pytestmark = pytest.mark.django_db


def test_the_demo_jury_reviews_ranks_and_recruits():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    for stage in (Stage.PRESELECTION, Stage.INTERVIEW):
        CriterionFactory.create_batch(2, call=call, stage=stage)
    for _ in range(8):
        WishFactory(application=ApplicationFactory(call=call), challenge=challenge)
    PersonFactory(coach=True, email="coach@demo.test")
    PersonFactory(project_owner=True, email="porteur@demo.test")
    PersonFactory(alumni=True)

    submitted = load_recruitment_jury_demo(
        coach_email="coach@demo.test",
        owner_email="porteur@demo.test",
        arrival_date=datetime.date(2027, 9, 6),
    )

    assert submitted == Review.objects.filter(submitted_at__isnull=False).count() > 0
    assert Review.objects.filter(submitted_at__isnull=True).count() == 1
    assert Reviewer.objects.filter(user__email="experte.jury@demo.magellan.test").exists()
    assert Conflict.objects.count() == 2
    assert any(row.disagreement for row in ranking(call, Stage.PRESELECTION))
    statuses = set(call.applications.values_list("status", flat=True))
    assert {
        ApplicationStatus.SELECTED,
        ApplicationStatus.WAITING,
        ApplicationStatus.NOT_SELECTED,
        ApplicationStatus.NOT_PRESELECTED,
    } <= statuses
    selected = call.applications.get(status=ApplicationStatus.SELECTED)
    assert selected.person.checklists.get().arrival_date == datetime.date(2027, 9, 6)
    assert load_recruitment_jury_demo() == 0


def test_the_full_demo_has_a_jury_a_disagreement_and_a_recruit():
    from magellan.demo.services import load_demo
    from magellan.recruitment.models import Call, CallKind

    load_demo()

    fellows = Call.objects.get(kind=CallKind.FELLOWS)
    dossiers = Call.objects.get(kind=CallKind.CHALLENGES)
    assert Reviewer.objects.filter(call=fellows, conflicts_declared_at__isnull=False).count() >= 4
    assert any(row.disagreement for row in ranking(fellows, Stage.PRESELECTION))
    assert ranking(dossiers, Stage.DOSSIER)[0].reviews >= 2
    recruit = fellows.applications.get(status=ApplicationStatus.SELECTED)
    assert recruit.person.checklists.exists()
    assert fellows.applications.filter(status=ApplicationStatus.WAITING).exists()
