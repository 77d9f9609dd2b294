import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.recruitment.models import (
    ApplicationStatus,
    Assignment,
    Conflict,
    Review,
    Reviewer,
    Stage,
)
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeFactory,
    ConflictFactory,
    CriterionFactory,
    PersonFactory,
    ReviewAssignmentFactory,
    ReviewerFactory,
    ReviewFactory,
    ScoreFactory,
    WishFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _coach():
    return _client(PersonFactory(coach=True).user)


def _assigned(**call):
    """An application assigned (on paper) to a project owner who has declared their conflicts."""
    call = CallFactory(**call)
    assignment = ReviewAssignmentFactory(
        reviewer=ReviewerFactory(
            call=call,
            user=PersonFactory(project_owner=True).user,
            kind="project_owner",
            conflicts_declared_at=timezone.now(),
        ),
        application=ApplicationFactory(
            call=call, first_name="Camille", last_name="Secrète", email="camille@exemple.fr"
        ),
    )
    return assignment, _client(assignment.reviewer.user)


# --- Anonymity, scores hidden, conflicts ---------------------------------------------------------


def test_an_anonymous_preselection_hides_who_the_candidate_is():
    assignment, client = _assigned()

    text = client.get(reverse("recruitment:review", args=[assignment.pk])).content.decode()

    assert "Secrète" not in text
    assert "camille@exemple.fr" not in text
    assert assignment.application.reference in text
    assert "Présélection anonyme" in text


def test_the_interview_shows_the_name():
    assignment, client = _assigned()
    assignment.stage = Stage.INTERVIEW
    assignment.save()

    text = client.get(reverse("recruitment:review", args=[assignment.pk])).content.decode()

    assert "Camille Secrète" in text


def test_a_non_anonymous_call_shows_the_name():
    assignment, client = _assigned(anonymous_preselection=False)
    text = client.get(reverse("recruitment:review", args=[assignment.pk])).content.decode()
    assert "Camille Secrète" in text


def test_the_others_scores_are_hidden_until_ones_own_is_submitted():
    assignment, client = _assigned()
    criterion = CriterionFactory(call=assignment.reviewer.call)
    other = ReviewAssignmentFactory(
        reviewer__call=assignment.reviewer.call, application=assignment.application
    )
    ScoreFactory(
        review=ReviewFactory(assignment=other, submitted_at=timezone.now(), comment="Avis caché"),
        criterion=criterion,
        assessment="Appréciation cachée",
    )
    url = reverse("recruitment:review", args=[assignment.pk])

    assert "Appréciation cachée" not in client.get(url).content.decode()
    client.post(
        url, {f"score_{criterion.pk}": "3", "opinion": "neutral", "version": "0", "submit": ""}
    )

    text = client.get(url).content.decode()
    assert "Appréciation cachée" in text
    assert "Avis caché" in text


def test_a_draft_of_another_reviewer_stays_hidden():
    assignment, client = _assigned()
    criterion = CriterionFactory(call=assignment.reviewer.call)
    ReviewFactory(assignment=assignment, submitted_at=timezone.now())
    other = ReviewAssignmentFactory(
        reviewer__call=assignment.reviewer.call, application=assignment.application
    )
    ScoreFactory(
        review=ReviewFactory(assignment=other), criterion=criterion, assessment="Brouillon"
    )

    text = client.get(reverse("recruitment:review", args=[assignment.pk])).content.decode()
    assert "Brouillon" not in text


def test_a_coach_on_the_jury_sees_the_name_even_on_paper():
    assignment, _owner = _assigned()
    coach = PersonFactory(coach=True).user
    reviewer = ReviewerFactory(
        call=assignment.reviewer.call, user=coach, conflicts_declared_at=timezone.now()
    )
    mine = ReviewAssignmentFactory(reviewer=reviewer, application=assignment.application)

    text = _client(coach).get(reverse("recruitment:review", args=[mine.pk])).content.decode()

    assert "Camille Secrète" in text


def test_a_conflicted_subject_is_not_found_even_if_assigned():
    assignment, client = _assigned()
    ConflictFactory(reviewer=assignment.reviewer, application=assignment.application)

    response = client.get(reverse("recruitment:review", args=[assignment.pk]))
    listing = client.get(reverse("recruitment:jury_reviews", args=[assignment.reviewer.call_id]))

    assert response.status_code == 404
    assert assignment.application.reference not in listing.content.decode()


def test_before_declaring_the_reviewer_is_sent_to_the_conflicts_page():
    assignment = ReviewAssignmentFactory()
    client = _client(assignment.reviewer.user)

    response = client.get(reverse("recruitment:review", args=[assignment.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "recruitment:conflicts", args=[assignment.reviewer.call_id]
    )


# --- Conflicts page ------------------------------------------------------------------------------


def test_the_conflicts_page_shows_names_and_professions_only():
    reviewer = ReviewerFactory()
    ApplicationFactory(
        call=reviewer.call, first_name="Lou", last_name="Martin", motivation="Texte privé"
    )
    text = (
        _client(reviewer.user)
        .get(reverse("recruitment:conflicts", args=[reviewer.call_id]))
        .content.decode()
    )
    assert "Lou Martin — Développement" in text
    assert "Texte privé" not in text


def test_declaring_from_the_page():
    reviewer = ReviewerFactory()
    application = ApplicationFactory(call=reviewer.call)
    client = _client(reviewer.user)

    response = client.post(
        reverse("recruitment:conflicts", args=[reviewer.call_id]),
        {
            f"conflict_{application.pk}": "on",
            f"reason_{application.pk}": "Ma sœur",
            "complete": "on",
        },
    )

    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.conflicts_declared_at is not None
    assert Conflict.objects.get().reason == "Ma sœur"


def test_a_conflict_on_an_assigned_subject_is_refused_on_the_page():
    assignment, client = _assigned()
    application = assignment.application

    response = client.post(
        reverse("recruitment:conflicts", args=[assignment.reviewer.call_id]),
        {f"conflict_{application.pk}": "on", "complete": "on"},
    )

    assert response.status_code == 200
    assert "déjà attribués" in response.content.decode()
    assert not Conflict.objects.exists()


# --- Reviews -------------------------------------------------------------------------------------


def test_a_score_outside_the_scale_redisplays_with_a_message_and_keeps_the_input():
    assignment, client = _assigned()
    criterion = CriterionFactory(call=assignment.reviewer.call, label="Motivation")

    response = client.post(
        reverse("recruitment:review", args=[assignment.pk]),
        {f"score_{criterion.pk}": "9", "comment": "Mon texte", "version": "0", "draft": ""},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "« Motivation » doit être comprise entre 0 et 5" in text
    assert "Mon texte" in text
    assert not Review.objects.exists()


def test_a_submitted_review_is_read_only_and_a_second_submit_changes_nothing():
    assignment, client = _assigned()
    criterion = CriterionFactory(call=assignment.reviewer.call)
    url = reverse("recruitment:review", args=[assignment.pk])
    client.post(
        url, {f"score_{criterion.pk}": "4", "opinion": "favourable", "version": "0", "submit": ""}
    )

    response = client.post(
        url, {f"score_{criterion.pk}": "0", "opinion": "unfavourable", "version": "1", "submit": ""}
    )

    review = Review.objects.get()
    assert response.status_code == 200
    assert review.opinion == "favourable"
    assert list(review.scores.values_list("value", flat=True)) == [4]
    assert 'name="submit"' not in response.content.decode()


# --- Coaches: jury, assignment, ranking, decisions -----------------------------------------------


def test_a_coach_adds_an_invited_expert():
    call = CallFactory()
    response = _coach().post(
        reverse("recruitment:reviewer_add", args=[call.pk]),
        {"email": "expert@exemple.fr", "kind": "expert"},
    )
    assert response.status_code == 302
    assert Reviewer.objects.get().user.email == "expert@exemple.fr"


def test_adding_needs_a_member_or_an_email_not_both():
    call = CallFactory()
    member = PersonFactory(alumni=True)
    response = _coach().post(
        reverse("recruitment:reviewer_add", args=[call.pk]),
        {"member": member.pk, "email": "expert@exemple.fr", "kind": "expert"},
    )
    assert response.status_code == 200
    assert "l’un ou l’autre" in response.content.decode()
    assert not Reviewer.objects.exists()


def test_assigning_from_the_page():
    call = CallFactory(reviews_per_application=1)
    ApplicationFactory(call=call)
    ReviewerFactory(call=call, conflicts_declared_at=timezone.now())

    response = _coach().post(
        reverse("recruitment:assign", args=[call.pk, "preselection"]), follow=True
    )

    assert Assignment.objects.count() == 1
    assert "1 attributions faites, 0 gardées" in response.content.decode()


def test_an_undeclared_reviewer_blocks_the_assignment_with_a_message():
    call = CallFactory()
    ApplicationFactory(call=call)
    ReviewerFactory(call=call)

    response = _coach().post(
        reverse("recruitment:assign", args=[call.pk, "preselection"]), follow=True
    )

    assert "n’ont pas encore déclaré" in response.content.decode()
    assert not Assignment.objects.exists()


def _reviewed(call, application, *values):
    criterion = call.criteria.first() or CriterionFactory(call=call)
    for value in values:
        assignment = ReviewAssignmentFactory(reviewer__call=call, application=application)
        ScoreFactory(
            review=ReviewFactory(assignment=assignment, submitted_at=timezone.now()),
            criterion=criterion,
            value=value,
        )


@pytest.mark.parametrize(
    ("values", "flagged"), [((1, 3), True), ((2, 3), False), ((2, 3, 4), True)]
)
def test_the_ranking_flags_a_disagreement(values, flagged):
    call = CallFactory()
    application = ApplicationFactory(call=call)
    _reviewed(call, application, *values)

    text = (
        _coach()
        .get(reverse("recruitment:ranking", args=[call.pk, "preselection"]))
        .content.decode()
    )

    assert ("fr-badge--warning" in text) is flagged


def test_the_ranking_uses_the_weights(settings):
    call = CallFactory()
    heavy = CriterionFactory(call=call, weight=3)
    light = CriterionFactory(call=call, weight=1)
    application = ApplicationFactory(call=call)
    review = ReviewFactory(
        assignment=ReviewAssignmentFactory(reviewer__call=call, application=application),
        submitted_at=timezone.now(),
    )
    ScoreFactory(review=review, criterion=heavy, value=5)
    ScoreFactory(review=review, criterion=light, value=1)

    text = (
        _coach()
        .get(reverse("recruitment:ranking", args=[call.pk, "preselection"]))
        .content.decode()
    )

    assert "4,00" in text or "4.00" in text


def test_the_ranking_export():
    call = CallFactory()
    application = ApplicationFactory(call=call, reference="C-EXPORT")
    _reviewed(call, application, 1, 4)

    response = _coach().get(reverse("recruitment:ranking_export", args=[call.pk, "preselection"]))

    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "C-EXPORT" in body
    assert "oui" in body.splitlines()[1]


def test_preselecting_from_the_ranking():
    application = ApplicationFactory()
    response = _coach().post(
        reverse("recruitment:decide", args=[application.pk]), {"status": "preselected"}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRESELECTED
    assert response["Location"] == reverse(
        "recruitment:ranking", args=[application.call_id, "interview"]
    )


def test_selecting_from_the_page():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    application = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
    WishFactory(application=application, challenge=challenge)

    response = _coach().post(
        reverse("recruitment:select", args=[application.pk]),
        {"challenge": challenge.pk, "arrival_date": "2027-09-06"},
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.person is not None
    assert application.person.checklists.get().arrival_date == datetime.date(2027, 9, 6)


# --- Query counts --------------------------------------------------------------------------------


def test_jury_page_queries_do_not_grow():
    call = CallFactory()

    def make():
        reviewer = ReviewerFactory(call=call, conflicts_declared_at=timezone.now())
        ReviewAssignmentFactory(reviewer=reviewer, application__call=call)
        return reviewer.user.person.name

    assert_queries_do_not_grow(_coach(), reverse("recruitment:jury", args=[call.pk]), make)


def test_ranking_queries_do_not_grow():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])

    def make():
        application = ApplicationFactory(call=call)
        WishFactory(application=application, challenge=challenge)
        _reviewed(call, application, 3, 4)
        return application.reference

    assert_queries_do_not_grow(
        _coach(), reverse("recruitment:ranking", args=[call.pk, "preselection"]), make
    )


def test_my_reviews_queries_do_not_grow():
    reviewer = ReviewerFactory(conflicts_declared_at=timezone.now())

    def make():
        assignment = ReviewAssignmentFactory(reviewer=reviewer, application__call=reviewer.call)
        ReviewFactory(assignment=assignment)
        return assignment.application.reference

    assert_queries_do_not_grow(
        _client(reviewer.user), reverse("recruitment:jury_reviews", args=[reviewer.call_id]), make
    )


def test_the_waiting_list_is_shown_and_reordered_from_the_ranking():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    first, second = (
        ApplicationFactory(
            call=call, status=ApplicationStatus.WAITING, challenge=challenge, waiting_rank=rank
        )
        for rank in (1, 2)
    )
    for application in (first, second):
        WishFactory(application=application, challenge=challenge)
    client = _coach()

    text = client.get(reverse("recruitment:ranking", args=[call.pk, "interview"])).content.decode()
    response = client.post(reverse("recruitment:waiting_move", args=[second.pk]), {"rank": "1"})

    assert "n° 2" in text
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.waiting_rank, first.waiting_rank) == (1, 2)
