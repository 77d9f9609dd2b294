import datetime

import pytest
from django.utils import timezone

from magellan.evaluation.models import (
    ActionReview,
    ActionStatus,
    Retrospective,
    RetrospectiveComment,
    RetrospectiveObjective,
)
from magellan.evaluation.services.base import ConflictError, EvaluationError
from magellan.evaluation.services.retrospectives import (
    comment_retrospective,
    reopen_retrospective,
    save_retrospective,
    submit_retrospective,
)
from magellan.notifications.models import Notification
from tests.factories import (
    ActionFactory,
    PersonFactory,
    ReportFactory,
    RetrospectiveFactory,
    RetrospectiveObjectiveFactory,
)

from .retrospective_world import make_team, save_kwargs

pytestmark = pytest.mark.django_db


def _save(team, kind=1, version=None, by=None, **overrides):
    return save_retrospective(
        challenge=team.challenge,
        phase=team.phase(kind),
        version=version,
        by=by or team.fellow,
        **save_kwargs(**overrides),
    )


def _recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_the_first_save_creates_the_retrospective_then_each_save_moves_its_version():
    team = make_team()
    created = _save(team)
    assert (created.version, created.status, created.last_editor) == (1, "draft", team.fellow)
    edited = _save(team, version=1, by=team.project_owner, successes="Deux prototypes.")
    created.refresh_from_db()
    assert (created.version, created.successes, created.last_editor) == (
        2,
        "Deux prototypes.",
        team.project_owner,
    )
    assert edited.pk == created.pk


@pytest.mark.parametrize("version", [1, None])
def test_a_stale_save_is_a_conflict_that_shows_the_other_version_and_saves_nothing(version):
    team = make_team()
    _save(team)
    _save(team, version=1, by=team.project_owner, successes="Le texte du porteur.")
    with pytest.raises(ConflictError) as raised:
        _save(
            team,
            version=version,
            successes="Mon texte.",
            objectives=[{"text": "Un objectif", "status": "reached"}],
        )
    retrospective = Retrospective.objects.get()
    assert (retrospective.successes, retrospective.version) == ("Le texte du porteur.", 2)
    assert RetrospectiveObjective.objects.count() == 0
    assert raised.value.current.successes == "Le texte du porteur."
    assert raised.value.message.startswith(f"{team.project_owner.name} a modifié la rétrospective")


def test_no_committee_no_retrospective():
    team = make_team(committee_in_days=None)
    with pytest.raises(EvaluationError) as raised:
        _save(team)
    assert "pas encore planifié le comité" in raised.value.message
    assert Retrospective.objects.count() == 0


def test_before_its_opening_day_the_retrospective_is_refused(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 14
    team = make_team(committee_in_days=20)
    with pytest.raises(EvaluationError) as raised:
        _save(team)
    assert raised.value.message.startswith("La rétrospective ouvre le ")
    assert Retrospective.objects.count() == 0


def test_on_its_opening_day_the_retrospective_is_open(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 14
    team = make_team(committee_in_days=14)
    assert _save(team).pk is not None


def test_a_submitted_retrospective_is_not_edited():
    team = make_team()
    RetrospectiveFactory(
        challenge=team.challenge, phase=team.phase(1), submitted=True, successes="Remis."
    )
    with pytest.raises(EvaluationError) as raised:
        _save(team, version=1, successes="Changé.")
    assert raised.value.message.startswith("La rétrospective est remise")
    assert Retrospective.objects.get().successes == "Remis."


def test_competence_notes_keep_the_phase_s_competences_only_and_drop_empty_ones():
    team = make_team()
    retrospective = _save(
        team,
        competence_notes={
            "Prototyper avec les usagers": " Trois tests. ",
            "Mesurer l’impact": "  ",
            "Une compétence inventée": "Non.",
        },
    )
    assert retrospective.competence_notes == {"Prototyper avec les usagers": "Trois tests."}


@pytest.mark.parametrize(("kind", "kept"), [(2, ""), (3, "Reprise par la DSI.")])
def test_the_outlook_is_kept_from_phase_3_on(kind, kept):
    team = make_team(kind=kind)
    retrospective = _save(
        team, kind=kind, outlook_service="Reprise par la DSI.", outlook_fellows="Un CDD."
    )
    assert retrospective.outlook_service == kept


def test_objectives_are_created_updated_ordered_and_deleted():
    team = make_team()
    retrospective = _save(
        team,
        objectives=[
            {"text": "Tester", "status": "reached", "comment": ""},
            {"text": "Mesurer", "status": "partly", "comment": "À moitié"},
        ],
    )
    first, second = retrospective.objectives.all()
    _save(
        team,
        version=1,
        objectives=[
            {"pk": second.pk, "text": "Mesurer mieux", "status": "reached"},
            {"pk": first.pk, "text": "Tester", "status": "reached", "delete": True},
            {"pk": None, "text": "Publier", "status": "not_reached"},
        ],
    )
    assert list(retrospective.objectives.values_list("text", "status", "position")) == [
        ("Mesurer mieux", "reached", 0),
        ("Publier", "not_reached", 2),
    ]


@pytest.mark.parametrize(
    "objective",
    [
        {"text": "  ", "status": "reached"},
        {"text": "Tester", "status": "wonderful"},
    ],
)
def test_an_objective_without_text_or_status_refuses_the_whole_save(objective):
    team = make_team()
    _save(team, successes="Avant.")
    with pytest.raises(EvaluationError):
        _save(team, version=1, successes="Après.", objectives=[objective])
    retrospective = Retrospective.objects.get()
    assert (retrospective.successes, retrospective.version) == ("Avant.", 1)
    assert RetrospectiveObjective.objects.count() == 0


def test_another_retrospective_s_objective_is_refused():
    team = make_team()
    _save(team)
    foreign = RetrospectiveObjectiveFactory(text="Ailleurs")
    with pytest.raises(EvaluationError):
        _save(team, version=1, objectives=[{"pk": foreign.pk, "text": "Pris", "status": "reached"}])
    foreign.refresh_from_db()
    assert foreign.text == "Ailleurs"


def _carried_action(team, **kwargs):
    report = ReportFactory(challenge=team.challenge, phase=team.phase(1), published=True)
    return ActionFactory(report=report, **kwargs)


def test_carried_actions_are_reviewed_and_their_status_set_through_the_action_service():
    team = make_team(kind=2)
    action = _carried_action(team, title="Voir la DSI")
    retrospective = _save(
        team,
        kind=2,
        action_reviews=[{"action": action, "status": "done", "comment": " Fait en mai. "}],
    )
    action.refresh_from_db()
    assert (action.status, action.status_comment, action.status_changed_by) == (
        ActionStatus.DONE,
        "Fait en mai.",
        team.fellow,
    )
    assert list(
        ActionReview.objects.values_list("retrospective", "action", "status", "comment")
    ) == [(retrospective.pk, action.pk, "done", "Fait en mai.")]
    # Done, it stays in the retrospective that reviewed it, and its review is updated in place.
    _save(team, kind=2, version=1, action_reviews=[{"action": action.pk, "status": "in_progress"}])
    assert list(ActionReview.objects.values_list("status", flat=True)) == ["in_progress"]


def test_an_action_the_retrospective_does_not_carry_is_refused():
    team = make_team(kind=2)
    same_phase = ReportFactory(challenge=team.challenge, phase=team.phase(2), published=True)
    action = ActionFactory(report=same_phase)
    with pytest.raises(EvaluationError):
        _save(team, kind=2, action_reviews=[{"action": action, "status": "done"}])
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert Retrospective.objects.count() == 0


def test_submit_tells_the_committee_s_facilitators():
    team = make_team()
    facilitator = PersonFactory(coach=True, cohort=team.cohort)
    team.committee.facilitators.add(facilitator)
    retrospective = _save(team)
    submitted = submit_retrospective(retrospective=retrospective, by=team.fellow)
    assert (submitted.status, submitted.submitted_by) == ("submitted", team.fellow)
    assert submitted.submitted_at is not None
    assert _recipients("retrospective_submitted") == {facilitator.user_id}


def test_submit_tells_every_coach_when_the_committee_has_no_facilitator():
    team = make_team()
    other_coach = PersonFactory(coach=True)
    submit_retrospective(retrospective=_save(team), by=team.fellow)
    assert _recipients("retrospective_submitted") == {team.coach.user_id, other_coach.user_id}


def test_an_empty_retrospective_is_not_submitted():
    team = make_team()
    retrospective = _save(team, successes=" ", difficulties="", learnings="")
    with pytest.raises(EvaluationError) as raised:
        submit_retrospective(retrospective=retrospective, by=team.fellow)
    assert raised.value.message.startswith("La rétrospective est vide")
    retrospective.refresh_from_db()
    assert retrospective.status == "draft"
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("field", ["successes", "difficulties", "learnings"])
def test_one_of_the_three_texts_is_enough_to_submit(field):
    team = make_team()
    texts = dict.fromkeys(("successes", "difficulties", "learnings"), "") | {field: "Écrit."}
    retrospective = _save(team, **texts)
    assert submit_retrospective(retrospective=retrospective, by=team.fellow).is_submitted


def test_a_retrospective_is_submitted_once():
    team = make_team()
    retrospective = _save(team)
    submit_retrospective(retrospective=retrospective, by=team.fellow)
    with pytest.raises(EvaluationError):
        submit_retrospective(retrospective=retrospective, by=team.project_owner)
    assert Retrospective.objects.get().submitted_by == team.fellow


def test_reopen_puts_it_back_to_draft_and_tells_the_writers_of_the_team():
    team = make_team()
    retrospective = RetrospectiveFactory(
        challenge=team.challenge, phase=team.phase(1), submitted=True, submitted_by=team.fellow
    )
    reopened = reopen_retrospective(retrospective=retrospective, by=team.coach)
    assert (reopened.status, reopened.submitted_at, reopened.submitted_by, reopened.version) == (
        "draft",
        None,
        None,
        2,
    )
    assert _recipients("retrospective_reopened") == {
        team.fellow.user_id,
        team.project_owner.user_id,
    }
    # Back to draft, the team edits it again.
    _save(team, version=2, successes="Complété.")
    assert Retrospective.objects.get().successes == "Complété."


def test_a_draft_is_not_reopened():
    team = make_team()
    retrospective = _save(team)
    with pytest.raises(EvaluationError):
        reopen_retrospective(retrospective=retrospective, by=team.coach)
    assert Notification.objects.count() == 0


def test_comments_are_kept_and_an_empty_one_refused():
    team = make_team()
    retrospective = _save(team)
    comment = comment_retrospective(
        retrospective=retrospective, by=team.project_owner, body=" Bravo. "
    )
    assert (comment.author, comment.body) == (team.project_owner, "Bravo.")
    with pytest.raises(EvaluationError):
        comment_retrospective(retrospective=retrospective, by=team.project_owner, body="  ")
    assert RetrospectiveComment.objects.count() == 1


def test_a_comment_tells_the_team_s_writers_and_the_committee_s_coaches_but_not_its_author():
    team = make_team()
    facilitator = PersonFactory(coach=True, cohort=team.cohort)
    team.committee.facilitators.add(facilitator)
    retrospective = _save(team)
    comment_retrospective(retrospective=retrospective, by=team.project_owner, body="Bravo.")
    assert _recipients("retrospective_comment") == {team.fellow.user_id, facilitator.user_id}
    notification = Notification.objects.get(recipient=team.fellow.user)
    assert (notification.body, notification.url) == (
        "Bravo.",
        f"/evaluation/defis/{team.challenge.slug}/phases/{team.phase(1).pk}/retrospective/"
        "#commentaires",
    )


def test_the_committee_date_is_read_at_the_time_of_the_save():
    team = make_team(committee_in_days=5)
    team.committee.starts_at = timezone.now() + datetime.timedelta(days=30)
    team.committee.ends_at = team.committee.starts_at + datetime.timedelta(hours=1)
    team.committee.save()
    with pytest.raises(EvaluationError):
        _save(team)
