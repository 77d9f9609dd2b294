import datetime

import pytest
from django.utils import timezone

from magellan.directory.models import ChallengeMembership, CohortRole, Role
from magellan.recruitment.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Checklist,
    Conflict,
    Review,
    Reviewer,
    Score,
    Stage,
)
from magellan.recruitment.services.jury import (
    JuryError,
    add_reviewer,
    assign_reviewers,
    decide_application,
    declare_conflicts,
    move_in_waiting_list,
    remove_reviewer,
    save_review,
    select_candidate,
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
    UserFactory,
    WishFactory,
)

pytestmark = pytest.mark.django_db


def _declared(call, n=3):
    return [ReviewerFactory(call=call, conflicts_declared_at=timezone.now()) for _ in range(n)]


# --- Reviewers -----------------------------------------------------------------------------------


def test_an_invited_expert_gets_an_account_without_a_role():
    call = CallFactory()

    reviewer = add_reviewer(call=call, kind="expert", email="Experte@Exemple.fr ")

    assert reviewer.user.email == "experte@exemple.fr"
    assert not reviewer.user.has_usable_password()
    assert not hasattr(reviewer.user, "person")


def test_a_member_is_seated_once():
    call = CallFactory()
    user = PersonFactory(alumni=True).user
    add_reviewer(call=call, kind="alumni", user=user)

    with pytest.raises(JuryError, match="fait déjà partie du jury"):
        add_reviewer(call=call, kind="alumni", user=user)
    assert Reviewer.objects.filter(call=call).count() == 1


def test_a_reviewer_who_submitted_stays():
    review = ReviewFactory(submitted_at=timezone.now())
    reviewer = review.assignment.reviewer

    with pytest.raises(JuryError, match="a déjà remis une évaluation"):
        remove_reviewer(reviewer=reviewer)
    assert Reviewer.objects.filter(pk=reviewer.pk).exists()


def test_a_reviewer_without_submitted_review_is_removed():
    reviewer = ReviewerFactory()
    remove_reviewer(reviewer=reviewer)
    assert not Reviewer.objects.filter(pk=reviewer.pk).exists()


# --- Conflicts -----------------------------------------------------------------------------------


def test_declaring_conflicts_records_them_and_the_moment():
    reviewer = ReviewerFactory()
    application = ApplicationFactory(call=reviewer.call)

    declare_conflicts(reviewer=reviewer, conflicts={application: "Ancien collègue"}, complete=True)

    reviewer.refresh_from_db()
    assert reviewer.conflicts_declared_at is not None
    assert list(reviewer.conflicts.values_list("application", "reason")) == [
        (application.pk, "Ancien collègue")
    ]


def test_a_conflict_on_an_assigned_subject_is_refused():
    assignment = ReviewAssignmentFactory()
    reviewer = assignment.reviewer

    with pytest.raises(JuryError, match="déjà attribués"):
        declare_conflicts(reviewer=reviewer, conflicts={assignment.application: ""}, complete=True)
    reviewer.refresh_from_db()
    assert reviewer.conflicts_declared_at is None
    assert not Conflict.objects.exists()


def test_a_conflict_on_another_calls_subject_is_refused():
    reviewer = ReviewerFactory()
    with pytest.raises(JuryError, match="n’appartient pas à cet appel"):
        declare_conflicts(reviewer=reviewer, conflicts={ApplicationFactory(): ""}, complete=False)


# --- Assignment ----------------------------------------------------------------------------------


def test_every_application_gets_its_reviewers_with_the_load_balanced():
    call = CallFactory(reviews_per_application=2)
    applications = ApplicationFactory.create_batch(3, call=call)
    _declared(call)

    outcome = assign_reviewers(call=call, stage=Stage.PRESELECTION)

    assert outcome.created == 6
    assert (outcome.max_load, outcome.min_load) == (2, 2)
    for application in applications:
        assert application.assignments.count() == 2
    call.refresh_from_db()
    assert call.status == "reviewing"


def test_a_conflicted_reviewer_is_never_assigned_even_at_the_cost_of_balance():
    call = CallFactory(reviews_per_application=1)
    first, second = ApplicationFactory.create_batch(2, call=call)
    conflicted, free = _declared(call, 2)
    ConflictFactory(reviewer=conflicted, application=first)
    ConflictFactory(reviewer=conflicted, application=second)

    outcome = assign_reviewers(call=call, stage=Stage.PRESELECTION)

    assert sorted(Assignment.objects.values_list("application", "reviewer")) == [
        (first.pk, free.pk),
        (second.pk, free.pk),
    ]
    assert (outcome.max_load, outcome.min_load) == (2, 0)


def test_assignment_waits_for_every_declaration():
    call = CallFactory()
    ApplicationFactory(call=call)
    _declared(call, 2)
    late = ReviewerFactory(call=call)

    with pytest.raises(JuryError, match=f"n’ont pas encore déclaré.*{late.user.email}"):
        assign_reviewers(call=call, stage=Stage.PRESELECTION)
    assert not Assignment.objects.exists()


def test_a_subject_short_of_reviewers_is_named():
    call = CallFactory(reviews_per_application=2)
    application = ApplicationFactory(call=call, reference="C-SHORT")
    ApplicationFactory(call=call)
    reviewers = _declared(call, 2)
    ConflictFactory(reviewer=reviewers[1], application=application)

    with pytest.raises(JuryError, match="Pas assez d’évaluateurs sans conflit pour C-SHORT"):
        assign_reviewers(call=call, stage=Stage.PRESELECTION)
    assert not Assignment.objects.exists()


def test_assignments_with_a_review_are_kept_on_a_new_run():
    call = CallFactory(reviews_per_application=1)
    application = ApplicationFactory(call=call)
    reviewers = _declared(call, 2)
    kept = ReviewAssignmentFactory(reviewer=reviewers[1], application=application)
    ReviewFactory(assignment=kept, submitted_at=timezone.now())

    outcome = assign_reviewers(call=call, stage=Stage.PRESELECTION)

    assert (outcome.created, outcome.kept) == (0, 1)
    assert list(Assignment.objects.values_list("pk", flat=True)) == [kept.pk]


def test_interview_assigns_only_preselected_candidates():
    call = CallFactory(reviews_per_application=1)
    ApplicationFactory(call=call, status=ApplicationStatus.NOT_PRESELECTED)
    chosen = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
    _declared(call, 1)

    assign_reviewers(call=call, stage=Stage.INTERVIEW)

    assert list(Assignment.objects.values_list("application", "stage")) == [
        (chosen.pk, Stage.INTERVIEW)
    ]


def test_a_stage_of_another_kind_of_call_is_refused():
    call = CallFactory()
    with pytest.raises(JuryError, match="Cette étape n’existe pas"):
        assign_reviewers(call=call, stage=Stage.DOSSIER)


# --- Reviews -------------------------------------------------------------------------------------


def _assignment():
    assignment = ReviewAssignmentFactory(reviewer__conflicts_declared_at=timezone.now())
    call = assignment.reviewer.call
    first = CriterionFactory(call=call, label="Motivation")
    second = CriterionFactory(call=call, label="Compétences")
    return assignment, first, second


def test_a_draft_then_a_submission():
    assignment, first, second = _assignment()
    user = assignment.reviewer.user

    review = save_review(
        assignment=assignment,
        by=user,
        scores={first.pk: (4, "Claire")},
        opinion="",
        comment="",
        version=0,
        submit=False,
    )
    assert (review.version, review.submitted_at) == (1, None)
    review = save_review(
        assignment=assignment,
        by=user,
        scores={first.pk: (4, "Claire"), second.pk: (2, "")},
        opinion="favourable",
        comment="Bien",
        version=1,
        submit=True,
    )

    assert review.submitted_at is not None
    assert sorted(Score.objects.values_list("criterion__label", "value")) == [
        ("Compétences", 2),
        ("Motivation", 4),
    ]


def test_a_score_outside_the_scale_is_refused():
    assignment, first, _second = _assignment()
    with pytest.raises(JuryError, match="« Motivation » doit être comprise entre 0 et 5"):
        save_review(
            assignment=assignment,
            by=assignment.reviewer.user,
            scores={first.pk: (6, "")},
            opinion="",
            comment="",
            version=0,
            submit=False,
        )
    assert not Review.objects.exists()


def test_a_second_submission_is_refused_and_changes_nothing():
    assignment, first, second = _assignment()
    user = assignment.reviewer.user
    scores = {first.pk: (4, ""), second.pk: (3, "")}
    save_review(
        assignment=assignment,
        by=user,
        scores=scores,
        opinion="neutral",
        comment="A",
        version=0,
        submit=True,
    )

    with pytest.raises(JuryError, match="déjà été remise"):
        save_review(
            assignment=assignment,
            by=user,
            scores={first.pk: (0, ""), second.pk: (0, "")},
            opinion="unfavourable",
            comment="B",
            version=1,
            submit=True,
        )
    review = Review.objects.get()
    assert (review.comment, review.opinion) == ("A", "neutral")
    assert sorted(review.scores.values_list("value", flat=True)) == [3, 4]


def test_an_incomplete_review_is_not_submitted():
    assignment, first, _second = _assignment()
    with pytest.raises(JuryError, match="notez chaque critère : Compétences"):
        save_review(
            assignment=assignment,
            by=assignment.reviewer.user,
            scores={first.pk: (4, "")},
            opinion="neutral",
            comment="",
            version=0,
            submit=True,
        )
    assert not Review.objects.exists()


def test_a_stale_version_does_not_overwrite():
    assignment, first, _second = _assignment()
    user = assignment.reviewer.user
    save_review(
        assignment=assignment,
        by=user,
        scores={first.pk: (4, "")},
        opinion="",
        comment="premier onglet",
        version=0,
        submit=False,
    )

    with pytest.raises(JuryError, match="enregistrée entre-temps"):
        save_review(
            assignment=assignment,
            by=user,
            scores={first.pk: (1, "")},
            opinion="",
            comment="second onglet",
            version=0,
            submit=False,
        )
    assert Review.objects.get().comment == "premier onglet"


def test_only_the_assigned_reviewer_reviews():
    assignment, first, _second = _assignment()
    with pytest.raises(JuryError, match="Seule la personne"):
        save_review(
            assignment=assignment,
            by=UserFactory(),
            scores={first.pk: (4, "")},
            opinion="",
            comment="",
            version=0,
            submit=False,
        )


# --- Decisions -----------------------------------------------------------------------------------


def test_the_waiting_list_is_ordered_per_challenge():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    first, second = (
        ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED) for _ in range(2)
    )
    for application in (first, second):
        WishFactory(application=application, challenge=challenge)

    decide_application(application=first, status=ApplicationStatus.WAITING, challenge=challenge)
    decide_application(application=second, status=ApplicationStatus.WAITING, challenge=challenge)

    assert list(Application.objects.order_by("waiting_rank").values_list("pk", "waiting_rank")) == [
        (first.pk, 1),
        (second.pk, 2),
    ]


def test_the_waiting_list_is_for_a_wished_challenge():
    application = ApplicationFactory(status=ApplicationStatus.PRESELECTED)
    with pytest.raises(JuryError, match="parmi les vœux"):
        decide_application(
            application=application, status=ApplicationStatus.WAITING, challenge=ChallengeFactory()
        )


def test_an_interview_decision_needs_a_preselected_candidate():
    application = ApplicationFactory()
    with pytest.raises(JuryError, match="Seule une candidature présélectionnée"):
        decide_application(application=application, status=ApplicationStatus.NOT_SELECTED)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED


def test_select_candidate_makes_a_fellow_with_a_checklist():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    application = ApplicationFactory(
        call=call,
        status=ApplicationStatus.PRESELECTED,
        first_name="Inès",
        last_name="Durand",
        email="ines@exemple.fr",
    )
    coach = PersonFactory(coach=True).user

    person = select_candidate(
        application=application,
        challenge=challenge,
        arrival_date=datetime.date(2027, 9, 6),
        by=coach,
    )

    application.refresh_from_db()
    assert (person.name, person.email) == ("Inès Durand", "ines@exemple.fr")
    assert application.person == person
    assert (application.status, application.challenge) == (ApplicationStatus.SELECTED, challenge)
    assert CohortRole.objects.filter(person=person, cohort=call.cohort, role=Role.FELLOW).exists()
    assert ChallengeMembership.objects.filter(person=person, challenge=challenge).exists()
    assert Checklist.objects.get(person=person).arrival_date == datetime.date(2027, 9, 6)


def test_select_candidate_refuses_a_challenge_of_another_cohort_and_changes_nothing():
    application = ApplicationFactory(status=ApplicationStatus.PRESELECTED)
    with pytest.raises(JuryError, match="n’appartient pas à la promotion"):
        select_candidate(
            application=application,
            challenge=ChallengeFactory(),
            arrival_date=datetime.date(2027, 9, 6),
            by=None,
        )
    application.refresh_from_db()
    assert application.person is None


def test_select_candidate_twice_is_refused():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    application = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
    select_candidate(
        application=application,
        challenge=challenge,
        arrival_date=datetime.date(2027, 9, 6),
        by=None,
    )
    with pytest.raises(JuryError, match="déjà été recrutée"):
        select_candidate(
            application=application,
            challenge=challenge,
            arrival_date=datetime.date(2027, 9, 6),
            by=None,
        )


def _waiting_list(n):
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    applications = []
    for _ in range(n):
        application = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
        WishFactory(application=application, challenge=challenge)
        applications.append(
            decide_application(
                application=application, status=ApplicationStatus.WAITING, challenge=challenge
            )
        )
    return applications


def test_moving_in_the_waiting_list_renumbers_the_others():
    first, second, third = _waiting_list(3)

    move_in_waiting_list(application=third, rank=1)

    assert list(Application.objects.order_by("waiting_rank").values_list("pk", "waiting_rank")) == [
        (third.pk, 1),
        (first.pk, 2),
        (second.pk, 3),
    ]


def test_a_rank_outside_the_list_is_refused():
    first, _second = _waiting_list(2)
    with pytest.raises(JuryError, match="entre 1 et 2"):
        move_in_waiting_list(application=first, rank=3)
    first.refresh_from_db()
    assert first.waiting_rank == 1


def test_only_a_waiting_application_moves():
    with pytest.raises(JuryError, match="n’est pas en liste d’attente"):
        move_in_waiting_list(application=ApplicationFactory(), rank=1)


def test_select_candidate_without_an_active_fellows_template_refuses_and_recruits_nobody():
    from magellan.directory.models import Person
    from tests.factories import ChecklistTemplateFactory

    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    application = ApplicationFactory(call=call, status=ApplicationStatus.PRESELECTED)
    ChecklistTemplateFactory(audience="fellow", is_active=False)
    coach = PersonFactory(coach=True).user
    people = Person.objects.count()

    with pytest.raises(JuryError):
        select_candidate(
            application=application,
            challenge=challenge,
            arrival_date=datetime.date(2027, 9, 6),
            by=coach,
        )

    application.refresh_from_db()
    assert (application.person, application.status) == (None, ApplicationStatus.PRESELECTED)
    assert Person.objects.count() == people
