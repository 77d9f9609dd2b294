"""The follow-up surveys' rules: waves sent when due (once, to the fellows), one reminder with a
fresh link, a link used once and only before it expires, sending again, correcting an answer."""

import datetime
import re

import pytest
from django.utils import timezone

from magellan.indicators.models import Employment, SurveyAnswer, SurveyInvitation, Wave
from magellan.indicators.services import surveys as services
from tests.factories import (
    CohortFactory,
    PersonFactory,
    SurveyAnswerFactory,
    SurveyInvitationFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 9, 20, tzinfo=datetime.UTC)
ANSWER = {
    "employment": Employment.OTHER_ADMINISTRATION,
    "role": "Responsable data",
    "product_status": "in_production",
    "carried_by": "La direction du numérique",
    "maintained_by": "internal_team",
    "comment": "",
}


def _token(message) -> str:
    return re.search(r"/enquete/([^/\s]+)/", message.body).group(1)


def _ended(days_ago: int = 0, **kwargs):
    end = NOW.date() - datetime.timedelta(days=days_ago)
    return CohortFactory(start_date=end - datetime.timedelta(days=300), end_date=end, **kwargs)


def test_the_end_wave_goes_to_the_cohorts_fellows_with_an_address_once(mailoutbox):
    cohort = _ended()
    fellows = [PersonFactory(fellow=True, cohort=cohort) for _i in range(2)]
    PersonFactory(fellow=True, cohort=cohort, email="")
    PersonFactory(project_owner=True, cohort=cohort)
    PersonFactory(fellow=True, cohort=CohortFactory())  # a running cohort

    assert services.send_due_surveys(now=NOW) == 2
    assert services.send_due_surveys(now=NOW) == 0

    invitations = SurveyInvitation.objects.order_by("person__name")
    assert [(i.person, i.wave, i.sent_count) for i in invitations] == [
        (fellows[0], Wave.END, 1),
        (fellows[1], Wave.END, 1),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(f.email for f in fellows)
    token = _token(mailoutbox[0])
    assert len(token) >= 43
    invitation = SurveyInvitation.objects.get(person__email=mailoutbox[0].to[0])
    assert invitation.token_hash == services.hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at == NOW + datetime.timedelta(days=30)


def test_a_wave_is_not_sent_long_after_its_date(mailoutbox):
    cohort = _ended(days_ago=30)
    PersonFactory(fellow=True, cohort=cohort)

    assert services.send_due_surveys(now=NOW) == 0
    assert mailoutbox == []


def test_the_later_waves_follow_the_months_setting(settings, mailoutbox):
    settings.MAGELLAN_SURVEY_MONTHS_AFTER = (3, 12)
    cohort = CohortFactory(start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 9, 7))
    PersonFactory(fellow=True, cohort=cohort)

    assert services.send_due_surveys(now=NOW) == 1

    assert SurveyInvitation.objects.get().wave == Wave.MONTHS_6


@pytest.mark.parametrize(
    ("end", "wave", "due"),
    [
        (datetime.date(2026, 8, 31), Wave.MONTHS_6, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 8, 31), Wave.MONTHS_12, datetime.date(2027, 8, 31)),
        (datetime.date(2026, 8, 31), Wave.END, datetime.date(2026, 8, 31)),
    ],
)
def test_wave_dates(end, wave, due):
    assert services.wave_date(CohortFactory(end_date=end, start_date=None), wave) == due


def test_an_unanswered_survey_is_reminded_once_with_a_fresh_link(mailoutbox):
    invitation = SurveyInvitationFactory(
        token="ancien", sent_at=NOW - datetime.timedelta(days=7), person__email="a@example.test"
    )
    SurveyAnswerFactory(invitation__sent_at=NOW - datetime.timedelta(days=8))
    SurveyInvitationFactory(sent_at=NOW - datetime.timedelta(days=5))

    assert services.remind_unanswered(now=NOW) == 1
    assert services.remind_unanswered(now=NOW + datetime.timedelta(days=1)) == 0

    invitation.refresh_from_db()
    assert invitation.reminded_at == NOW
    assert [m.to for m in mailoutbox] == [["a@example.test"]]
    assert mailoutbox[0].subject.startswith("Rappel")
    assert services.invitation_for(_token(mailoutbox[0]), now=NOW) == invitation
    with pytest.raises(services.UnknownLinkError):
        services.invitation_for("ancien", now=NOW)


def test_an_expired_survey_is_not_reminded(mailoutbox):
    SurveyInvitationFactory(sent_at=NOW - datetime.timedelta(days=40))

    assert services.remind_unanswered(now=NOW) == 0


def test_a_link_is_answered_once():
    invitation = SurveyInvitationFactory(token="lien", sent_at=NOW)

    answer = services.answer_survey(token="lien", data=ANSWER, now=NOW)

    invitation.refresh_from_db()
    assert invitation.answered_at == NOW
    assert (answer.employment, answer.role, answer.version) == (
        Employment.OTHER_ADMINISTRATION,
        "Responsable data",
        1,
    )
    with pytest.raises(services.AlreadyAnsweredError) as refused:
        services.answer_survey(token="lien", data={**ANSWER, "role": "Autre"}, now=NOW)
    assert refused.value.answer == answer
    assert SurveyAnswer.objects.get().role == "Responsable data"


def test_an_expired_or_unknown_link_changes_nothing():
    SurveyInvitationFactory(token="vieux", sent_at=NOW - datetime.timedelta(days=31))

    with pytest.raises(services.ExpiredLinkError, match="a expiré"):
        services.answer_survey(token="vieux", data=ANSWER, now=NOW)
    with pytest.raises(services.UnknownLinkError, match="pas \\(ou plus\\) valable"):
        services.answer_survey(token="autre", data=ANSWER, now=NOW)
    assert not SurveyAnswer.objects.exists()


def test_a_coach_sends_an_unanswered_survey_again_with_a_fresh_link(mailoutbox):
    coach = PersonFactory(coach=True).user
    invitation = SurveyInvitationFactory(token="ancien", sent_at=NOW - datetime.timedelta(days=40))

    services.send_again(invitation=invitation, by=coach, now=NOW)

    invitation.refresh_from_db()
    assert (invitation.sent_at, invitation.sent_count) == (NOW, 2)
    assert invitation.expires_at == NOW + datetime.timedelta(days=30)
    assert services.invitation_for(_token(mailoutbox[0]), now=NOW) == invitation
    with pytest.raises(services.UnknownLinkError):
        services.invitation_for("ancien", now=NOW)


def test_sending_again_is_refused_once_answered_or_to_a_non_coach(mailoutbox):
    coach = PersonFactory(coach=True).user
    answer = SurveyAnswerFactory()
    fellow = PersonFactory(fellow=True).user

    with pytest.raises(services.SurveyError, match="a déjà répondu"):
        services.send_again(invitation=answer.invitation, by=coach, now=NOW)
    with pytest.raises(services.SurveyError, match="Seuls les coachs"):
        services.send_again(invitation=SurveyInvitationFactory(), by=fellow, now=NOW)
    assert mailoutbox == []


def test_the_person_corrects_their_answer_with_a_version_check():
    answer = SurveyAnswerFactory(invitation__person=PersonFactory(with_account=True))
    user = answer.invitation.person.user

    services.correct_answer(answer=answer, by=user, version=1, data={**ANSWER, "role": "CTO"})

    answer.refresh_from_db()
    assert (answer.role, answer.employment, answer.version) == (
        "CTO",
        Employment.OTHER_ADMINISTRATION,
        2,
    )
    with pytest.raises(services.AnswerConflictError) as conflict:
        services.correct_answer(answer=answer, by=user, version=1, data=ANSWER)
    assert conflict.value.current.role == "CTO"
    answer.refresh_from_db()
    assert answer.role == "CTO"


def test_nobody_else_corrects_an_answer():
    answer = SurveyAnswerFactory(invitation__person=PersonFactory(with_account=True))
    coach = PersonFactory(coach=True).user

    with pytest.raises(services.SurveyError, match="Seule la personne"):
        services.correct_answer(answer=answer, by=coach, version=1, data=ANSWER)
    answer.refresh_from_db()
    assert answer.version == 1


def test_the_scheduled_job_is_daily_and_points_at_the_service():
    from magellan.scheduler.jobs import JOBS

    job = next(j for j in JOBS if j.name == "indicators.send_surveys")
    assert job.run == "magellan.indicators.services.surveys.send_due_surveys"
    assert timezone.is_aware(NOW)


def test_the_email_carries_the_link_its_date_and_where_to_correct(mailoutbox, settings):
    settings.MAGELLAN_SITE_URL = "https://magellan.example.test/"
    cohort = _ended(number=7)
    PersonFactory(fellow=True, cohort=cohort, name="Alix Martin")

    services.send_due_surveys(now=NOW)

    message = mailoutbox[0]
    assert message.subject == "Votre enquête de suivi EIG (Promotion 7)"
    assert "Bonjour Alix Martin," in message.body
    assert f"https://magellan.example.test/enquete/{_token(message)}/" in message.body
    assert "valable jusqu’au 6 janvier 2027" in message.body
    assert "https://magellan.example.test/enquete/mes-reponses/" in message.body
