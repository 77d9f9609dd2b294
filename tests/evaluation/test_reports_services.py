import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from magellan.evaluation.models import Action, ActionStatus, Report, ReportStatus
from magellan.evaluation.services.base import ConflictError, EvaluationError
from magellan.evaluation.services.reports import (
    acknowledge_report,
    publish_refusals,
    publish_report,
    save_report,
)
from magellan.notifications.models import Notification
from tests.factories import (
    ActionFactory,
    AxisAssessmentFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    PersonFactory,
    PhaseFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

AXES = ("entrepreneurship", "innovation", "transformation")
DUE = datetime.date(2027, 3, 1)


@dataclass
class Team:
    challenge: Any
    phase: Any
    fellow: Any
    owner: Any
    sponsor: Any
    coach: Any
    other_coach: Any


@pytest.fixture
def team() -> Team:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Boussole")
    phase = PhaseFactory(cohort=cohort)
    fellow = PersonFactory(fellow=True, cohort=cohort, name="Inès EIG")
    owner = PersonFactory(project_owner=True, cohort=cohort, name="Paul Porteur")
    sponsor = PersonFactory(sponsor=True, cohort=cohort, name="Sarah Sponsor")
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=owner, challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    coach = PersonFactory(coach=True, cohort=cohort, name="Claire Coach")
    other_coach = PersonFactory(coach=True, cohort=cohort, name="Marc Coach")
    return Team(challenge, phase, fellow, owner, sponsor, coach, other_coach)


def save(team: Team, *, version: int = 0, by: Any = None, **changes: Any) -> Report:
    arguments: dict[str, Any] = {
        "challenge": team.challenge,
        "phase": team.phase,
        "version": version,
        "by": by or team.coach,
        "strengths": "Une équipe soudée.",
        "recommendations": "Tester plus tôt.",
        "assessments": {axis: (3, f"Sur {axis}.") for axis in AXES},
        "actions": [{"pk": None, "title": "Ouvrir les données", "owner": "team", "due_date": DUE}],
    }
    return save_report(**(arguments | changes))


def snapshot(report: Report) -> tuple[Any, ...]:
    report.refresh_from_db()
    return (
        report.version,
        report.strengths,
        report.recommendations,
        sorted(report.assessments.values_list("axis", "level", "comment")),
        list(report.actions.values_list("title", "owner", "due_date")),
    )


def test_the_first_save_creates_the_report_with_its_axes_actions_and_authors(team):
    facilitator = PersonFactory(coach=True, name="Fanny Facilitatrice")
    CommitteeFactory(phase=team.phase, challenge=team.challenge, facilitators=[facilitator])
    report = save(team)
    assert snapshot(report) == (
        1,
        "Une équipe soudée.",
        "Tester plus tôt.",
        [
            ("entrepreneurship", 3, "Sur entrepreneurship."),
            ("innovation", 3, "Sur innovation."),
            ("transformation", 3, "Sur transformation."),
        ],
        [("Ouvrir les données", "team", DUE)],
    )
    assert report.status == ReportStatus.DRAFT
    assert report.last_editor == team.coach
    assert set(report.authors.all()) == {facilitator, team.coach}
    assert report.actions.get().status == ActionStatus.OPEN


def test_a_save_updates_deletes_and_orders_the_actions(team):
    report = save(team)
    kept = report.actions.get()
    dropped = ActionFactory(report=report, title="À supprimer")
    save(
        team,
        version=1,
        actions=[
            {"pk": None, "title": "Nouvelle", "owner": "coaches", "due_date": DUE},
            {
                "pk": kept.pk,
                "title": "Ouvrir les données publiques",
                "owner": "project_owner",
                "due_date": DUE,
            },
            {"pk": dropped.pk, "delete": True},
        ],
    )
    assert list(report.actions.values_list("title", "owner", "position")) == [
        ("Nouvelle", "coaches", 0),
        ("Ouvrir les données publiques", "project_owner", 1),
    ]
    assert not Action.objects.filter(pk=dropped.pk).exists()


def test_a_stale_version_is_a_conflict_naming_the_other_coach_and_nothing_changes(team):
    report = save(team, by=team.other_coach)
    save(team, version=1, by=team.other_coach, strengths="Le texte de Marc.")
    before = snapshot(report)
    with pytest.raises(ConflictError) as raised:
        save(team, version=1, strengths="Le texte de Claire.")
    assert (
        "Marc Coach a enregistré ce rapport pendant que vous le modifiiez" in raised.value.message
    )
    assert raised.value.current.strengths == "Le texte de Marc."
    assert snapshot(report) == before


def test_creating_a_report_that_another_coach_created_meanwhile_is_a_conflict(team):
    report = save(team, by=team.other_coach)
    before = snapshot(report)
    with pytest.raises(ConflictError):
        save(team, version=0, strengths="Autre texte.")
    assert snapshot(report) == before


def test_a_level_outside_the_scale_is_refused_and_nothing_changes(team, settings):
    report = save(team)
    before = snapshot(report)
    settings.MAGELLAN_EVALUATION_SCALE = ["Bas", "Moyen", "Haut"]
    with pytest.raises(EvaluationError) as raised:
        save(team, version=1, assessments={"innovation": (4, "")}, strengths="Changé.")
    assert (
        raised.value.message
        == "Le niveau de l’axe « Innovation » n’est pas sur l’échelle (de 1 à 3)."
    )
    assert snapshot(report) == before
    with pytest.raises(EvaluationError):
        save(team, version=1, assessments={"innovation": (0, "")})
    save(team, version=1, assessments={"innovation": (3, "")})
    assert report.assessments.get(axis="innovation").level == 3


def test_an_unknown_axis_is_refused(team):
    with pytest.raises(EvaluationError):
        save(team, assessments={"audace": (2, "")})
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"title": " ", "owner": "team", "due_date": DUE}, "L’action n° 1 n’a pas d’intitulé."),
        (
            {"title": "Recruter", "owner": "", "due_date": DUE},
            "L’action « Recruter » n’a pas de responsable (l’équipe, le porteur ou les coachs).",
        ),
        (
            {"title": "Recruter", "owner": "mentor", "due_date": DUE},
            "L’action « Recruter » n’a pas de responsable (l’équipe, le porteur ou les coachs).",
        ),
        (
            {"title": "Recruter", "owner": "team", "due_date": None},
            "L’action « Recruter » n’a pas d’échéance.",
        ),
    ],
)
def test_an_action_without_title_owner_or_due_date_is_refused_and_nothing_changes(
    team, action, message
):
    report = save(team)
    before = snapshot(report)
    with pytest.raises(EvaluationError) as raised:
        save(team, version=1, strengths="Changé.", actions=[{"pk": None} | action])
    assert raised.value.message == message
    assert snapshot(report) == before


def test_an_action_of_another_report_is_refused(team):
    foreign = ActionFactory()
    report = save(team)
    with pytest.raises(EvaluationError):
        save(team, version=1, actions=[{"pk": foreign.pk, "delete": True}])
    assert Action.objects.filter(pk=foreign.pk).exists()
    assert report.actions.count() == 1


def test_a_published_report_is_not_edited(team):
    report = ReportFactory(challenge=team.challenge, phase=team.phase, published=True)
    with pytest.raises(EvaluationError) as raised:
        save(team, version=report.version, strengths="Changé.")
    assert raised.value.message == "Ce rapport est publié : il ne se modifie plus."
    report.refresh_from_db()
    assert report.strengths == "Une équipe soudée et des tests réguliers."


def complete(team: Team, **kwargs: Any) -> Report:
    report = ReportFactory(challenge=team.challenge, phase=team.phase, **kwargs)
    for axis in AXES:
        AxisAssessmentFactory(report=report, axis=axis, level=2)
    report.authors.add(team.coach)
    return report


def test_publishing_tells_the_team_and_only_the_team(team):
    CommitteeFactory(phase=team.phase, challenge=team.challenge, past=True)
    report = complete(team)
    PersonFactory(fellow=True)  # another challenge's fellow
    publish_report(report=report, by=team.coach)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_by == team.coach
    assert report.published_at is not None
    notified = Notification.objects.filter(kind="evaluation_report_published")
    assert sorted(n.recipient_id for n in notified) == sorted(
        [team.fellow.user_id, team.owner.user_id, team.sponsor.user_id]
    )
    assert (
        notified.first().url
        == f"/evaluation/defis/{team.challenge.slug}/phases/{team.phase.pk}/rapport/"
    )


def test_a_report_is_published_only_after_its_committee(team):
    report = complete(team)
    assert publish_refusals(report) == ["Le comité d’évaluation de cette phase n’est pas planifié."]
    committee = CommitteeFactory(phase=team.phase, challenge=team.challenge)
    assert publish_refusals(report) == [
        "Le comité d’évaluation n’a pas encore eu lieu : le rapport se publie après lui."
    ]
    with pytest.raises(EvaluationError):
        publish_report(report=report, by=team.coach)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    committee.starts_at = timezone.now() - datetime.timedelta(days=1)
    committee.ends_at = committee.starts_at + datetime.timedelta(minutes=90)
    committee.save()
    assert publish_refusals(report) == []


def test_publishing_an_empty_report_is_refused_and_says_what_is_missing(team):
    CommitteeFactory(phase=team.phase, challenge=team.challenge, past=True)
    report = ReportFactory(
        challenge=team.challenge, phase=team.phase, strengths="", recommendations=" "
    )
    AxisAssessmentFactory(report=report, axis="innovation", level=4)
    AxisAssessmentFactory(report=report, axis="transformation", level=None)
    with pytest.raises(EvaluationError) as raised:
        publish_report(report=report, by=team.coach)
    assert raised.value.message == (
        "Chaque axe doit avoir un niveau ; il manque : Entrepreneuriat, Transformation. "
        "Écrivez les points forts ou les recommandations."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert not Notification.objects.exists()


def test_strengths_alone_or_recommendations_alone_are_enough(team):
    CommitteeFactory(phase=team.phase, challenge=team.challenge, past=True)
    report = complete(team, strengths="", recommendations="Tester.")
    assert publish_refusals(report) == []
    report.recommendations, report.strengths = "", "Soudée."
    assert publish_refusals(report) == []


def test_a_published_report_is_not_published_again(team):
    report = complete(team, published=True)
    with pytest.raises(EvaluationError) as raised:
        publish_report(report=report, by=team.coach)
    assert raised.value.message == "Ce rapport est déjà publié."


def test_the_team_acknowledges_a_published_report_once_and_its_authors_are_told(team):
    report = complete(team, published=True)
    acknowledge_report(report=report, by=team.owner, text="  Relu en comité de pilotage.  ")
    report.refresh_from_db()
    assert (report.acknowledged_by, report.acknowledgement) == (
        team.owner,
        "Relu en comité de pilotage.",
    )
    assert report.acknowledged_at is not None
    notified = Notification.objects.get(kind="evaluation_report_acknowledged")
    assert notified.recipient_id == team.coach.user_id
    with pytest.raises(EvaluationError) as raised:
        acknowledge_report(report=report, by=team.fellow, text="Encore.")
    assert raised.value.message == "L’équipe a déjà indiqué son bilan interne de ce rapport."
    report.refresh_from_db()
    assert report.acknowledged_by == team.owner


def test_a_draft_is_not_acknowledged(team):
    report = complete(team)
    with pytest.raises(EvaluationError):
        acknowledge_report(report=report, by=team.fellow, text="")
    report.refresh_from_db()
    assert report.acknowledged_at is None


@pytest.mark.parametrize("who", ["sponsor", "coach"])
def test_only_the_fellows_and_the_project_owner_acknowledge(team, who):
    report = complete(team, published=True)
    with pytest.raises(EvaluationError):
        acknowledge_report(report=report, by=getattr(team, who), text="")
    report.refresh_from_db()
    assert report.acknowledged_at is None
