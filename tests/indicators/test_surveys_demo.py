"""The demo's follow-up surveys: the past cohorts' waves already due, answers for most."""

import datetime

import pytest
from django.utils import timezone

from magellan.demo.surveys import load_surveys_demo
from magellan.indicators.models import SurveyAnswer, SurveyInvitation, Wave
from tests.factories import CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_demo_surveys_past_cohorts_at_the_waves_already_due():
    today = timezone.localdate()
    ended_long_ago = CohortFactory(
        number=7,
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=400),
    )
    just_ended = CohortFactory(
        number=8,
        start_date=today - datetime.timedelta(days=300),
        end_date=today - datetime.timedelta(days=30),
    )
    for cohort in (ended_long_ago, just_ended):
        for _i in range(5):
            PersonFactory(fellow=True, cohort=cohort)

    answers = load_surveys_demo()

    waves = set(SurveyInvitation.objects.values_list("cohort__number", "wave"))
    assert waves == {(7, Wave.END), (7, Wave.MONTHS_6), (7, Wave.MONTHS_12), (8, Wave.END)}
    assert SurveyInvitation.objects.count() == 20
    assert answers == SurveyAnswer.objects.count()
    assert 0 < answers < 20
    assert SurveyInvitation.objects.filter(answered_at__isnull=False).count() == answers
    assert load_surveys_demo() == 0
