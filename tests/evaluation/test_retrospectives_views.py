import pytest
from django.test import Client
from django.urls import reverse

from magellan.evaluation.models import ActionStatus, Retrospective, RetrospectiveComment
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PhaseFactory,
    ReportFactory,
    RetrospectiveFactory,
    RetrospectiveObjectiveFactory,
    UserFactory,
)
from tests.query_counts import assert_queries_do_not_grow

from .retrospective_world import make_team

pytestmark = pytest.mark.django_db


def _client(person):
    client = Client()
    client.force_login(person.user)
    return client


def _url(team, name, kind=1):
    return reverse(f"evaluation:{name}", args=[team.challenge.slug, team.phase(kind).pk])


def _form(version="", **overrides):
    return {
        "version": version,
        "successes": "Un prototype testé.",
        "difficulties": "",
        "learnings": "Tester tôt.",
        "competence_0": "Trois ateliers.",
        "competence_1": "",
        "objectives-TOTAL_FORMS": "1",
        "objectives-INITIAL_FORMS": "0",
        "objectives-MIN_NUM_FORMS": "0",
        "objectives-MAX_NUM_FORMS": "1000",
        "objectives-0-pk": "",
        "objectives-0-text": "Tester avec six agents",
        "objectives-0-status": "reached",
        "objectives-0-comment": "",
        **overrides,
    }


def test_without_committee_the_page_says_the_coaches_have_not_planned_it():
    team = make_team(committee_in_days=None)
    text = _client(team.fellow).get(_url(team, "retrospective")).content.decode()
    assert "Les coachs n’ont pas encore planifié le comité d’évaluation de cette phase" in text
    assert _url(team, "retrospective_edit") not in text


def test_before_its_opening_the_page_says_when_it_opens(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 14
    team = make_team(committee_in_days=20)
    client = _client(team.fellow)
    text = client.get(_url(team, "retrospective")).content.decode()
    assert "La rétrospective ouvre le" in text
    assert _url(team, "retrospective_edit") not in text
    response = client.get(_url(team, "retrospective_edit"))
    assert response["Location"] == _url(team, "retrospective")


def test_a_phase_of_another_cohort_is_a_404():
    team = make_team()
    other_phase = PhaseFactory()
    url = reverse("evaluation:retrospective", args=[team.challenge.slug, other_phase.pk])
    assert _client(team.fellow).get(url).status_code == 404


def test_a_fellow_writes_the_retrospective_with_objectives_competences_and_carried_actions():
    team = make_team(kind=2)
    report = ReportFactory(challenge=team.challenge, phase=team.phase(1), published=True)
    action = ActionFactory(report=report, title="Rencontrer la DSI")
    client = _client(team.fellow)
    page = client.get(_url(team, "retrospective_edit", 2)).content.decode()
    assert "Rencontrer la DSI" in page
    assert "Prototyper avec les usagers" in page
    assert "Pérennisation du service" not in page
    response = client.post(
        _url(team, "retrospective_edit", 2),
        _form(
            **{
                f"action-{action.pk}-status": "done",
                f"action-{action.pk}-comment": "Rencontrée le 3 mars.",
            }
        ),
    )
    assert response["Location"] == _url(team, "retrospective", 2)
    retrospective = Retrospective.objects.get()
    assert (retrospective.successes, retrospective.competence_notes, retrospective.last_editor) == (
        "Un prototype testé.",
        {"Prototyper avec les usagers": "Trois ateliers."},
        team.fellow,
    )
    assert list(retrospective.objectives.values_list("text", "status")) == [
        ("Tester avec six agents", "reached")
    ]
    action.refresh_from_db()
    assert (action.status, action.status_comment) == (ActionStatus.DONE, "Rencontrée le 3 mars.")
    text = client.get(_url(team, "retrospective", 2)).content.decode()
    assert "Rencontrée le 3 mars." in text
    assert "Trois ateliers." in text


def test_from_phase_3_the_form_asks_for_the_outlook():
    team = make_team(kind=3)
    page = _client(team.project_owner).get(_url(team, "retrospective_edit", 3)).content.decode()
    assert "Pérennisation du service après le programme" in page
    assert "Pérennisation des EIG" in page


def test_two_fellows_at_once_the_second_keeps_their_text_and_sees_the_first_one_s():
    team = make_team()
    RetrospectiveFactory(
        challenge=team.challenge, phase=team.phase(1), successes="Le texte d’Alice.", version=2
    )
    response = _client(team.fellow).post(
        _url(team, "retrospective_edit"), _form(version="1", successes="Le texte de Bob.")
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "a modifié la rétrospective pendant que vous écriviez" in text
    assert "Le texte de Bob." in text
    assert "Le texte d’Alice." in text
    assert 'name="version" value="2"' in text
    retrospective = Retrospective.objects.get()
    assert (retrospective.successes, retrospective.version) == ("Le texte d’Alice.", 2)
    assert retrospective.objectives.count() == 0


def test_a_submitted_retrospective_is_not_edited_from_the_page():
    team = make_team()
    RetrospectiveFactory(
        challenge=team.challenge, phase=team.phase(1), submitted=True, successes="Remis."
    )
    client = _client(team.fellow)
    response = client.post(_url(team, "retrospective_edit"), _form(version="1"), follow=True)
    assert "La rétrospective est remise : elle ne se modifie plus" in response.content.decode()
    assert Retrospective.objects.get().successes == "Remis."


def test_submitting_an_empty_retrospective_says_why_and_changes_nothing():
    team = make_team()
    RetrospectiveFactory(
        challenge=team.challenge, phase=team.phase(1), successes="", difficulties="", learnings=""
    )
    response = _client(team.fellow).post(_url(team, "retrospective_submit"), follow=True)
    assert "La rétrospective est vide" in response.content.decode()
    assert Retrospective.objects.get().status == "draft"


def test_submit_then_a_coach_reopens():
    team = make_team()
    RetrospectiveFactory(challenge=team.challenge, phase=team.phase(1))
    response = _client(team.project_owner).post(_url(team, "retrospective_submit"), follow=True)
    assert "La rétrospective est remise aux coachs." in response.content.decode()
    assert Retrospective.objects.get().status == "submitted"
    coach = _client(team.coach)
    page = coach.get(_url(team, "retrospective")).content.decode()
    assert _url(team, "retrospective_reopen") in page
    coach.post(_url(team, "retrospective_reopen"))
    assert Retrospective.objects.get().status == "draft"


def test_the_project_owner_comments_and_the_comment_shows_as_markdown():
    team = make_team()
    RetrospectiveFactory(challenge=team.challenge, phase=team.phase(1))
    client = _client(team.project_owner)
    client.post(_url(team, "retrospective_comment"), {"body": "**Bravo** <script>x</script>"})
    assert RetrospectiveComment.objects.get().author == team.project_owner
    text = client.get(_url(team, "retrospective")).content.decode()
    assert "<strong>Bravo</strong>" in text
    assert "<script>x" not in text


@pytest.mark.parametrize("what", ["objective", "indicator", "action"])
def test_the_retrospective_page_does_not_grow(what):
    team = make_team(kind=2)
    retrospective = RetrospectiveFactory(challenge=team.challenge, phase=team.phase(2))
    report = ReportFactory(challenge=team.challenge, phase=team.phase(1), published=True)
    counter = iter(range(1, 10))

    def make():
        name = f"Élément numéro {next(counter)}"
        if what == "objective":
            RetrospectiveObjectiveFactory(retrospective=retrospective, text=name)
        elif what == "indicator":
            IndicatorValueFactory(indicator=IndicatorFactory(challenge=team.challenge, title=name))
        else:
            ActionFactory(report=report, title=name)
        return name

    assert_queries_do_not_grow(_client(team.fellow), _url(team, "retrospective", 2), make)


def test_a_staff_account_without_person_comments_and_the_page_still_shows_it():
    team = make_team()
    RetrospectiveFactory(challenge=team.challenge, phase=team.phase(1))
    client = Client()
    client.force_login(UserFactory(staff=True))
    client.post(_url(team, "retrospective_comment"), {"body": "Vu en comité."})
    text = _client(team.fellow).get(_url(team, "retrospective")).content.decode()
    assert "Vu en comité." in text
    assert "Auteur·rice inconnu·e, le" in text
