import datetime
import hashlib
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from magellan.directory.models import Administration, Challenge
from magellan.recruitment import queries
from magellan.recruitment.defaults import INTERVIEW_CRITERIA, PRESELECTION_CRITERIA
from magellan.recruitment.models import (
    Application,
    Call,
    CallKind,
    CallStatus,
    ChallengeDossier,
    Criterion,
    DossierStatus,
    Stage,
)
from magellan.recruitment.services import calls as services
from magellan.recruitment.services.calls import RecruitmentError
from tests.factories import (
    AdministrationFactory,
    ApplicationFactory,
    CallFactory,
    ChallengeDossierFactory,
    ChallengeFactory,
    CohortFactory,
    CriterionFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _new_call(kind=CallKind.FELLOWS, **fields):
    return Call(
        cohort=fields.pop("cohort", None) or CohortFactory(),
        kind=kind,
        title="Appel EIG 9",
        opens_on=datetime.date(2027, 1, 4),
        closes_on=datetime.date(2027, 3, 1),
        **fields,
    )


# --- Calls and grids -----------------------------------------------------------------------


def test_a_new_call_for_fellows_gets_the_eig6_grids_and_the_default_retention(settings):
    settings.MAGELLAN_CANDIDATE_RETENTION_DAYS = 90
    call = services.create_call(call=_new_call())

    assert call.retention_days == 90
    assert call.status == CallStatus.DRAFT
    preselection = list(call.criteria.filter(stage=Stage.PRESELECTION).order_by("position"))
    interview = list(call.criteria.filter(stage=Stage.INTERVIEW).order_by("position"))
    assert [c.label for c in preselection] == [str(label) for label, _ in PRESELECTION_CRITERIA]
    assert [c.label for c in interview] == [str(label) for label, _ in INTERVIEW_CRITERIA]
    assert len(preselection) == 6
    assert {(c.scale_min, c.scale_max, c.weight) for c in preselection + interview} == {(0, 5, 1)}


def test_a_new_call_for_challenges_gets_five_equal_dossier_criteria():
    call = services.create_call(call=_new_call(CallKind.CHALLENGES, profiles=["design"]))

    labels = list(call.criteria.values_list("stage", "label").order_by("position"))
    assert [stage for stage, _ in labels] == [Stage.DOSSIER] * 5
    assert labels[0][1] == "Pertinence du besoin"
    assert call.profiles == []


def test_a_call_closing_before_it_opens_is_refused():
    call = _new_call()
    call.closes_on = datetime.date(2026, 12, 1)
    with pytest.raises(
        RecruitmentError, match=re.escape("La clôture ne peut pas précéder l’ouverture.")
    ):
        services.create_call(call=call)
    assert Call.objects.count() == 0


def test_an_unknown_profile_is_refused():
    with pytest.raises(RecruitmentError, match=re.escape("Profil inconnu : astronaut.")):
        services.create_call(call=_new_call(profiles=["astronaut"]))


def test_editing_a_call_changed_meanwhile_is_refused():
    call = CallFactory(title="Avant")
    seen = services.version_of(call)
    Call.objects.filter(pk=call.pk).update(updated_at=timezone.now() + datetime.timedelta(1))
    call.title = "Après"
    with pytest.raises(
        RecruitmentError, match=re.escape("Quelqu’un d’autre a modifié cette fiche")
    ):
        services.update_call(call=call, seen=seen)
    assert Call.objects.get(pk=call.pk).title == "Avant"


def test_editing_a_call_keeps_its_kind():
    call = CallFactory(kind=CallKind.FELLOWS)
    call.kind = CallKind.CHALLENGES
    services.update_call(call=call, seen=services.version_of(call))
    assert Call.objects.get(pk=call.pk).kind == CallKind.FELLOWS


def test_a_call_moves_forward_and_deciding_it_starts_the_retention_clock():
    call = CallFactory(status=CallStatus.OPEN)
    services.set_call_status(call=call, status=CallStatus.REVIEWING)
    services.set_call_status(call=call, status=CallStatus.DECIDED)
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED
    assert call.decided_at is not None


def test_a_call_cannot_skip_a_state_nor_leave_decided():
    call = CallFactory(status=CallStatus.DRAFT)
    with pytest.raises(RecruitmentError, match=re.escape("ne peut pas passer à « décidé »")):
        services.set_call_status(call=call, status=CallStatus.DECIDED)
    decided = CallFactory(status=CallStatus.DECIDED)
    with pytest.raises(RecruitmentError, match=re.escape("Un appel « décidé » ne peut pas passer")):
        services.set_call_status(call=decided, status=CallStatus.OPEN)
    assert Call.objects.get(pk=call.pk).status == CallStatus.DRAFT


def test_the_grid_is_edited_while_no_review_of_its_stage_is_submitted():
    call = CallFactory()
    first = CriterionFactory(call=call, stage=Stage.PRESELECTION, label="A")
    gone = CriterionFactory(call=call, stage=Stage.PRESELECTION, label="B")
    first.label = "A revu"
    new = Criterion(label="C", scale_min=1, scale_max=4, weight=2)

    services.save_grid(call=call, stage=Stage.PRESELECTION, criteria=[first, new], deleted=[gone])

    assert sorted(call.criteria.values_list("label", flat=True)) == ["A revu", "C"]
    assert Criterion.objects.get(label="C").stage == Stage.PRESELECTION


def test_the_grid_is_frozen_once_a_review_of_its_stage_is_submitted():
    call = CallFactory()
    criterion = CriterionFactory(call=call, stage=Stage.PRESELECTION, label="A")
    ReviewFactory(
        assignment__reviewer__call=call,
        assignment__application__call=call,
        assignment__stage=Stage.PRESELECTION,
        submitted_at=timezone.now(),
    )
    criterion.label = "Changé"
    with pytest.raises(RecruitmentError, match=re.escape("sa grille ne peut plus changer")):
        services.save_grid(call=call, stage=Stage.PRESELECTION, criteria=[criterion])
    assert Criterion.objects.get(pk=criterion.pk).label == "A"
    # The interview's grid is still open.
    assert services.grid_locked(call=call, stage=Stage.INTERVIEW) is False


def test_a_draft_review_does_not_freeze_the_grid():
    call = CallFactory()
    ReviewFactory(assignment__reviewer__call=call, assignment__application__call=call)
    assert services.grid_locked(call=call, stage=Stage.PRESELECTION) is False


def test_a_criterion_with_an_empty_scale_or_no_criterion_at_all_is_refused():
    call = CallFactory()
    with pytest.raises(
        RecruitmentError, match=re.escape("la note maximale doit dépasser la note minimale")
    ):
        services.save_grid(
            call=call,
            stage=Stage.PRESELECTION,
            criteria=[Criterion(label="X", scale_min=3, scale_max=3, weight=1)],
        )
    with pytest.raises(RecruitmentError, match=re.escape("au moins un critère")):
        services.save_grid(call=call, stage=Stage.PRESELECTION, criteria=[])
    with pytest.raises(RecruitmentError, match=re.escape("Cette étape n’existe pas")):
        services.save_grid(
            call=call, stage=Stage.DOSSIER, criteria=[Criterion(label="X", weight=1)]
        )
    assert call.criteria.count() == 0


# --- Dossiers ------------------------------------------------------------------------------


def test_the_private_link_keeps_only_the_hash_and_opens_the_dossier():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT)
    token = services.issue_dossier_link(dossier=dossier)

    dossier.refresh_from_db()
    assert dossier.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in dossier.token_hash
    assert queries.dossier_for_token(token) == dossier
    renewed = services.issue_dossier_link(dossier=dossier)
    assert queries.dossier_for_token(token) is None
    assert queries.dossier_for_token(renewed) == dossier
    assert queries.dossier_for_token("") is None


def test_the_owner_edits_a_draft_then_submits_it_and_it_is_read_only():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT, problem="")
    dossier.problem = "Les délais sont trop longs."
    services.update_dossier(dossier=dossier, seen=services.version_of(dossier), by_owner=True)
    services.submit_dossier(dossier=dossier)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.submitted_at is not None
    dossier.problem = "Autre chose"
    with pytest.raises(RecruitmentError, match=re.escape("Ce dossier est déposé")):
        services.update_dossier(dossier=dossier, seen=services.version_of(dossier), by_owner=True)
    assert ChallengeDossier.objects.get(pk=dossier.pk).problem == "Les délais sont trop longs."
    with pytest.raises(RecruitmentError, match=re.escape("Ce dossier est déjà déposé.")):
        services.submit_dossier(dossier=dossier)


def test_the_owner_cannot_change_the_status_through_an_edit():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT)
    dossier.status = DossierStatus.ACCEPTED
    services.update_dossier(dossier=dossier, seen=services.version_of(dossier), by_owner=True)
    assert ChallengeDossier.objects.get(pk=dossier.pk).status == DossierStatus.DRAFT


def test_a_dossier_without_its_problem_cannot_be_submitted():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT, problem=" ")
    with pytest.raises(RecruitmentError, match=re.escape("renseignez : le problème")):
        services.submit_dossier(dossier=dossier)
    assert ChallengeDossier.objects.get(pk=dossier.pk).status == DossierStatus.DRAFT


def test_dossiers_go_only_to_open_calls_for_challenges():
    with pytest.raises(RecruitmentError, match=re.escape("appel à projets")):
        services.create_dossier(dossier=ChallengeDossier(call=CallFactory(), title="X"))
    decided = CallFactory(kind=CallKind.CHALLENGES, status=CallStatus.DECIDED)
    with pytest.raises(RecruitmentError, match=re.escape("Cet appel est décidé")):
        services.create_dossier(dossier=ChallengeDossier(call=decided, title="X"))
    assert ChallengeDossier.objects.count() == 0


def test_accepting_a_dossier_creates_the_challenge_and_its_administration_in_one_step():
    cohort = CohortFactory()
    dossier = ChallengeDossierFactory(
        call__cohort=cohort,
        title="Fluidifier les titres de séjour",
        administration_name="Préfecture de l’Exemple",
        problem="Les usagers attendent des mois.\nDeuxième ligne.",
        profiles_wanted=["development", "design"],
    )
    challenge = services.accept_dossier(dossier=dossier)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    assert dossier.challenge == challenge
    assert challenge.title == "Fluidifier les titres de séjour"
    assert challenge.summary == "Les usagers attendent des mois."
    assert list(challenge.cohorts.all()) == [cohort]
    assert challenge.administration.name == "Préfecture de l’Exemple"
    assert dossier.administration == challenge.administration
    assert "Développement, Design (2 EIG)" in challenge.description


def test_accepting_reuses_the_administration_already_in_the_directory():
    existing = AdministrationFactory(name="Ministère de l’Exemple")
    dossier = ChallengeDossierFactory(administration_name="ministere de l'exemple")
    challenge = services.accept_dossier(dossier=dossier)
    assert challenge.administration == existing
    assert Administration.objects.count() == 1


def test_only_a_submitted_dossier_is_accepted_or_rejected():
    draft = ChallengeDossierFactory(status=DossierStatus.DRAFT)
    with pytest.raises(
        RecruitmentError, match=re.escape("Seul un dossier déposé peut être retenu.")
    ):
        services.accept_dossier(dossier=draft)
    with pytest.raises(
        RecruitmentError, match=re.escape("Seul un dossier déposé peut être écarté.")
    ):
        services.reject_dossier(dossier=draft)
    accepted = ChallengeDossierFactory()
    services.accept_dossier(dossier=accepted)
    with pytest.raises(
        RecruitmentError, match=re.escape("Seul un dossier déposé peut être retenu.")
    ):
        services.accept_dossier(dossier=accepted)
    assert Challenge.objects.count() == 1


def test_rejecting_a_dossier_revokes_its_link():
    dossier = ChallengeDossierFactory()
    token = services.issue_dossier_link(dossier=dossier)
    services.reject_dossier(dossier=dossier)
    assert dossier.status == DossierStatus.REJECTED
    assert queries.dossier_for_token(token) is None


# --- Applications --------------------------------------------------------------------------


def test_an_application_is_entered_with_ranked_wishes_and_a_reference():
    call = CallFactory()
    first, second = ChallengeFactory(cohorts=[call.cohort]), ChallengeFactory(cohorts=[call.cohort])
    application = services.create_application(
        application=Application(call=call, first_name="Inès", last_name="Martin"),
        wishes=[second, first],
    )
    assert application.reference == f"A{call.pk}-0001"
    assert [(w.rank, w.challenge) for w in application.wishes.order_by("rank")] == [
        (1, second),
        (2, first),
    ]


def test_wishes_must_be_distinct_and_of_the_calls_cohort():
    call = CallFactory()
    mine = ChallengeFactory(cohorts=[call.cohort])
    elsewhere = ChallengeFactory(title="Défi d’ailleurs")
    with pytest.raises(
        RecruitmentError, match=re.escape("Un même défi ne peut pas figurer dans deux vœux.")
    ):
        services.create_application(application=Application(call=call), wishes=[mine, mine])
    with pytest.raises(
        RecruitmentError, match=re.escape("pas de la promotion de l’appel : Défi d’ailleurs")
    ):
        services.create_application(application=Application(call=call), wishes=[elsewhere])
    assert Application.objects.count() == 0


def test_applications_go_only_to_calls_for_fellows():
    call = CallFactory(kind=CallKind.CHALLENGES)
    with pytest.raises(RecruitmentError, match=re.escape("appel à candidatures")):
        services.create_application(application=Application(call=call))


def test_a_cv_must_be_a_pdf_by_its_content_and_small_enough(settings):
    settings.MAGELLAN_CANDIDATE_CV_MAX_BYTES = 100
    pdf = ContentFile(b"%PDF-1.4\n%%EOF\n", name="cv.pdf")
    renamed = ContentFile(b"PK\x03\x04 not a pdf", name="cv.pdf")
    big = ContentFile(b"%PDF-1.4\n" + b"x" * 200, name="cv.pdf")
    assert services.cv_refusal(pdf) is None
    assert services.cv_refusal(renamed) == "Le CV doit être un fichier PDF."
    assert services.cv_refusal(big) == "Le CV dépasse 0 Mo."


# --- Retention -----------------------------------------------------------------------------


def test_expired_candidates_are_erased_and_their_history_forgotten():
    now = timezone.now()
    call = CallFactory(status=CallStatus.DECIDED, decided_at=now - datetime.timedelta(days=181))
    application = ApplicationFactory(
        call=call, phone="0600000000", gender="female", skills="Python"
    )
    application.cv.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    path = application.cv.path
    fresh = ApplicationFactory(
        call=CallFactory(status=CallStatus.DECIDED, decided_at=now - datetime.timedelta(days=10))
    )
    undecided = ApplicationFactory(call=CallFactory(status=CallStatus.REVIEWING))

    assert services.erase_expired_candidates(now=now) == 1

    application.refresh_from_db()
    assert (application.first_name, application.last_name, application.email) == ("", "", "")
    assert (application.phone, application.gender, application.skills) == ("", "", "")
    assert application.motivation == ""
    assert not application.cv
    assert application.erased_at == now
    assert application.reference.startswith("C-")
    assert application.history.count() == 0
    assert not os.path.exists(path)
    fresh.refresh_from_db()
    undecided.refresh_from_db()
    assert fresh.erased_at is None
    assert fresh.first_name == "Alex"
    assert undecided.erased_at is None
    # A second run finds nothing more.
    assert services.erase_expired_candidates(now=now) == 0


def test_a_selected_candidate_keeps_their_directory_entry_after_erasure():
    now = timezone.now()
    person = PersonFactory(name="Inès Martin")
    application = ApplicationFactory(
        call=CallFactory(status=CallStatus.DECIDED, decided_at=now - datetime.timedelta(days=400)),
        person=person,
    )
    services.erase_expired_candidates(now=now)
    application.refresh_from_db()
    person.refresh_from_db()
    assert application.first_name == ""
    assert application.person == person
    assert person.name == "Inès Martin"


def test_the_retention_is_each_calls_own():
    now = timezone.now()
    call = CallFactory(
        status=CallStatus.DECIDED, decided_at=now - datetime.timedelta(days=40), retention_days=30
    )
    ApplicationFactory(call=call)
    assert services.erase_expired_candidates(now=now) == 1
