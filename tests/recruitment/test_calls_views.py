import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.recruitment.models import (
    Application,
    Call,
    CallKind,
    ChallengeDossier,
    Criterion,
    DossierStatus,
    Stage,
)
from magellan.recruitment.services.calls import issue_dossier_link
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeDossierFactory,
    ChallengeFactory,
    CohortFactory,
    CriterionFactory,
    PersonFactory,
    ReviewAssignmentFactory,
    ReviewerFactory,
    ReviewFactory,
    WishFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(user=None):
    client = Client()
    client.force_login(user or PersonFactory(coach=True).user)
    return client


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- Calls ---------------------------------------------------------------------------------


def test_a_coach_opens_a_call_with_the_programs_grid():
    cohort = CohortFactory()
    response = _client().post(
        reverse("recruitment:call_create"),
        {
            "cohort": cohort.pk,
            "kind": CallKind.FELLOWS,
            "title": "Appel à candidatures EIG 9",
            "opens_on": "2027-01-04",
            "closes_on": "2027-03-01",
            "profiles": ["development", "design"],
            "reviews_per_application": 3,
            "anonymous_preselection": "on",
            "retention_days": 120,
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:call_detail", args=[call.pk])
    assert (call.profiles, call.reviews_per_application, call.retention_days) == (
        ["development", "design"],
        3,
        120,
    )
    assert call.criteria.count() == 12


def test_a_call_closing_before_it_opens_is_redisplayed_with_the_error():
    response = _client().post(
        reverse("recruitment:call_create"),
        {
            "cohort": CohortFactory().pk,
            "kind": CallKind.FELLOWS,
            "title": "Appel",
            "opens_on": "2027-03-01",
            "closes_on": "2027-01-04",
            "reviews_per_application": 2,
            "retention_days": 180,
        },
    )
    assert response.status_code == 200
    assert "La clôture ne peut pas précéder l’ouverture." in _text(response)
    assert Call.objects.count() == 0


def test_a_refused_status_change_says_why():
    call = CallFactory(status="draft")
    client = _client()
    response = client.post(
        reverse("recruitment:call_status", args=[call.pk]), {"status": "decided"}, follow=True
    )
    assert "Un appel « en préparation » ne peut pas passer à « décidé »." in _text(response)
    call.refresh_from_db()
    assert call.status == "draft"


def test_the_grid_page_edits_the_criteria():
    call = CallFactory()
    criterion = CriterionFactory(call=call, stage=Stage.INTERVIEW, label="Ancien")
    data = {
        "criteria-TOTAL_FORMS": 2,
        "criteria-INITIAL_FORMS": 1,
        "criteria-0-id": criterion.pk,
        "criteria-0-label": "Nouveau libellé",
        "criteria-0-description": "",
        "criteria-0-scale_min": 0,
        "criteria-0-scale_max": 5,
        "criteria-0-weight": "2",
        "criteria-0-position": 1,
        "criteria-1-label": "Critère ajouté",
        "criteria-1-description": "",
        "criteria-1-scale_min": 1,
        "criteria-1-scale_max": 4,
        "criteria-1-weight": "1",
        "criteria-1-position": 2,
    }
    response = _client().post(
        reverse("recruitment:call_criteria", args=[call.pk, Stage.INTERVIEW]), data
    )
    assert response.status_code == 302
    assert list(
        call.criteria.filter(stage=Stage.INTERVIEW)
        .order_by("position")
        .values_list("label", "weight")
    ) == [("Nouveau libellé", 2), ("Critère ajouté", 1)]


def test_a_frozen_grid_page_shows_no_form_and_changes_nothing():
    call = CallFactory()
    criterion = CriterionFactory(call=call, stage=Stage.PRESELECTION, label="Gardé")
    ReviewFactory(
        assignment__reviewer__call=call,
        assignment__application__call=call,
        submitted_at=timezone.now(),
    )
    url = reverse("recruitment:call_criteria", args=[call.pk, Stage.PRESELECTION])
    client = _client()
    page = client.get(url)
    assert "sa grille ne peut plus changer" in _text(page)
    assert "criteria-TOTAL_FORMS" not in _text(page)
    client.post(
        url,
        {
            "criteria-TOTAL_FORMS": 1,
            "criteria-INITIAL_FORMS": 1,
            "criteria-0-id": criterion.pk,
            "criteria-0-label": "Changé",
            "criteria-0-scale_min": 0,
            "criteria-0-scale_max": 5,
            "criteria-0-weight": "1",
            "criteria-0-position": 1,
        },
    )
    assert Criterion.objects.get(pk=criterion.pk).label == "Gardé"


def test_the_calls_list_shows_each_calls_counts_without_growing_queries():
    client = _client()
    cohort = CohortFactory()

    def make() -> str:
        call = CallFactory(cohort=cohort)
        ApplicationFactory(call=call)
        return call.title

    assert_queries_do_not_grow(client, reverse("recruitment:home"), make)


def test_a_call_lists_its_applications_without_growing_queries():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    client = _client()

    def make() -> str:
        application = ApplicationFactory(call=call)
        WishFactory(application=application, challenge=challenge)
        return application.reference

    assert_queries_do_not_grow(client, reverse("recruitment:call_detail", args=[call.pk]), make)


def test_a_reviewer_sees_only_the_calls_they_review_on_the_home_page():
    reviewer = ReviewerFactory(
        call=CallFactory(title="Appel que j’évalue"), user=PersonFactory(alumni=True).user
    )
    CallFactory(title="Appel d’un autre jury")
    text = _text(_client(reviewer.user).get(reverse("recruitment:home")))
    assert "Appel que j’évalue" in text
    assert "Appel d’un autre jury" not in text


# --- Dossiers ------------------------------------------------------------------------------


def test_the_owner_fills_then_submits_through_the_private_link_then_it_is_read_only():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT, problem="")
    token = issue_dossier_link(dossier=dossier)
    url = reverse("recruitment:dossier_submit", args=[token])
    anonymous = Client()
    page = anonymous.get(url)
    version = page.context["form"]["version"].value()
    fields = {
        "title": dossier.title,
        "administration_name": "Ministère de l’Exemple",
        "problem": "Les usagers attendent trop.",
        "fellows_wanted": 2,
        "version": version,
    }
    response = anonymous.post(url, fields | {"submit": ""})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.problem == "Les usagers attendent trop."

    after = anonymous.get(url)
    assert "il ne peut plus être modifié" in _text(after)
    anonymous.post(
        url, fields | {"problem": "Changé", "version": after.context["form"]["version"].value()}
    )
    assert ChallengeDossier.objects.get(pk=dossier.pk).problem == "Les usagers attendent trop."


def test_submitting_an_incomplete_dossier_keeps_what_the_owner_wrote():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT, problem="")
    token = issue_dossier_link(dossier=dossier)
    url = reverse("recruitment:dossier_submit", args=[token])
    client = Client()
    version = client.get(url).context["form"]["version"].value()
    response = client.post(
        url,
        {
            "title": dossier.title,
            "administration_name": "",
            "team": "Une équipe de trois personnes.",
            "fellows_wanted": 2,
            "version": version,
            "submit": "",
        },
    )
    assert response.status_code == 200
    assert "Pour déposer le dossier, renseignez : l’administration, le problème." in _text(response)
    assert "Une équipe de trois personnes." in _text(response)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.team == ""


def test_the_private_link_is_shown_once_to_the_coach():
    dossier = ChallengeDossierFactory(status=DossierStatus.DRAFT)
    client = _client()
    page = client.post(reverse("recruitment:dossier_link", args=[dossier.pk]), follow=True)
    dossier.refresh_from_db()
    link = page.context["link"]
    assert link.startswith("http://testserver/recrutement/depot/")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    from hashlib import sha256

    assert sha256(token.encode()).hexdigest() == dossier.token_hash
    again = client.get(reverse("recruitment:dossier_detail", args=[dossier.pk]))
    assert again.context["link"] is None


def test_accepting_a_dossier_from_its_page_creates_the_challenge():
    dossier = ChallengeDossierFactory(title="Cartographier les friches")
    response = _client().post(reverse("recruitment:dossier_accept", args=[dossier.pk]), follow=True)
    assert (
        "Le dossier est retenu : le défi « Cartographier les friches » est créé dans la promotion."
        in _text(response)
    )
    dossier.refresh_from_db()
    assert dossier.challenge.title == "Cartographier les friches"


def test_a_reviewer_reads_the_dossier_assigned_only_after_declaring_conflicts():
    dossier = ChallengeDossierFactory()
    reviewer = ReviewerFactory(call=dossier.call, user=PersonFactory(alumni=True).user)
    ReviewAssignmentFactory(
        reviewer=reviewer, stage=Stage.DOSSIER, application=None, dossier=dossier
    )
    url = reverse("recruitment:dossier_detail", args=[dossier.pk])
    assert _client(reviewer.user).get(url).status_code == 404
    reviewer.conflicts_declared_at = timezone.now()
    reviewer.save()
    assert _client(reviewer.user).get(url).status_code == 200


# --- Applications --------------------------------------------------------------------------


def _application_data(call, **extra):
    return {
        "first_name": "Inès",
        "last_name": "Martin",
        "email": "ines@exemple.fr",
        "profession": "data_science",
        "motivation": "Servir",
        **extra,
    }


def test_a_coach_enters_an_application_with_a_pdf_cv_and_wishes():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    response = _client().post(
        reverse("recruitment:application_create", args=[call.pk]),
        _application_data(
            call, wish_1=challenge.pk, cv=SimpleUploadedFile("cv.pdf", PDF, "application/pdf")
        ),
    )
    application = Application.objects.get()
    assert response["Location"] == reverse("recruitment:application_detail", args=[application.pk])
    with application.cv.open("rb") as cv:
        assert cv.read() == PDF
    assert [w.challenge for w in application.wishes.all()] == [challenge]


def test_a_cv_that_is_not_a_pdf_is_refused_and_nothing_is_saved():
    call = CallFactory()
    response = _client().post(
        reverse("recruitment:application_create", args=[call.pk]),
        _application_data(
            call, cv=SimpleUploadedFile("cv.pdf", b"PK\x03\x04 a zip", "application/pdf")
        ),
    )
    assert response.status_code == 200
    assert "Le CV doit être un fichier PDF." in _text(response)
    assert Application.objects.count() == 0


def test_the_same_wish_twice_is_refused_on_the_form():
    call = CallFactory()
    challenge = ChallengeFactory(cohorts=[call.cohort])
    response = _client().post(
        reverse("recruitment:application_create", args=[call.pk]),
        _application_data(call, wish_1=challenge.pk, wish_2=challenge.pk),
    )
    assert "Un même défi ne peut pas figurer dans deux vœux." in _text(response)
    assert Application.objects.count() == 0


def test_the_import_page_simulates_then_imports():
    call = CallFactory()
    content = "reference;prénom;nom;e-mail\nF-1;Inès;Martin;ines@exemple.fr\n".encode()
    client = _client()
    url = reverse("recruitment:application_import", args=[call.pk])
    dry = client.post(url, {"file": SimpleUploadedFile("export.csv", content), "dry_run": "on"})
    assert "Simulation terminée : rien n’a été enregistré." in _text(dry)
    assert Application.objects.count() == 0
    done = client.post(url, {"file": SimpleUploadedFile("export.csv", content)})
    assert "Import terminé." in _text(done)
    assert Application.objects.get().reference == "F-1"


def test_the_import_page_lists_every_problem_and_imports_nothing():
    call = CallFactory()
    content = "reference;prénom;nom;e-mail\nF-1;Inès;;ines@exemple.fr\n".encode()
    response = _client().post(
        reverse("recruitment:application_import", args=[call.pk]),
        {"file": SimpleUploadedFile("export.csv", content)},
    )
    text = _text(response)
    assert "1 problème : rien n’a été importé" in text
    assert "ligne 2, colonne last_name : valeur manquante" in text
    assert Application.objects.count() == 0


def test_a_binary_file_is_refused_by_the_import_form():
    response = _client().post(
        reverse("recruitment:application_import", args=[CallFactory().pk]),
        {"file": SimpleUploadedFile("export.csv", b"\x00\x01binary")},
    )
    assert "Ce n’est pas un fichier CSV (texte UTF-8)." in _text(response)


def _assigned(application, stage=Stage.PRESELECTION):
    reviewer = ReviewerFactory(
        call=application.call,
        user=PersonFactory(alumni=True).user,
        conflicts_declared_at=timezone.now(),
    )
    ReviewAssignmentFactory(reviewer=reviewer, application=application, stage=stage)
    return reviewer


def test_the_candidates_identity_is_hidden_from_reviewers_during_an_anonymous_preselection():
    application = ApplicationFactory(
        call=CallFactory(anonymous_preselection=True),
        first_name="Inès",
        last_name="Martin",
        phone="0611223344",
        skills="Python et SIG",
    )
    reviewer = _assigned(application)
    url = reverse("recruitment:application_detail", args=[application.pk])

    seen_by_reviewer = _text(_client(reviewer.user).get(url))
    assert "Python et SIG" in seen_by_reviewer
    for hidden in ("Inès", "Martin", "0611223344", application.email):
        assert hidden not in seen_by_reviewer
    assert "Masquée pendant la présélection anonyme." in seen_by_reviewer
    assert "Inès Martin" in _text(_client().get(url))


def test_the_identity_is_shown_at_interview_or_when_the_preselection_is_not_anonymous():
    interviewed = ApplicationFactory(call=CallFactory(anonymous_preselection=True))
    reviewer = _assigned(interviewed, Stage.INTERVIEW)
    url = reverse("recruitment:application_detail", args=[interviewed.pk])
    assert interviewed.last_name in _text(_client(reviewer.user).get(url))

    open_call = ApplicationFactory(call=CallFactory(anonymous_preselection=False))
    reviewer = _assigned(open_call)
    url = reverse("recruitment:application_detail", args=[open_call.pk])
    assert open_call.last_name in _text(_client(reviewer.user).get(url))


def test_a_conflicted_reviewer_does_not_see_the_application():
    application = ApplicationFactory()
    reviewer = _assigned(application)
    reviewer.conflicts.create(application=application, reason="Ancienne collègue")
    url = reverse("recruitment:application_detail", args=[application.pk])
    assert _client(reviewer.user).get(url).status_code == 404


def test_an_erased_application_says_so():
    application = ApplicationFactory(
        first_name="", last_name="", email="", erased_at=timezone.now() - datetime.timedelta(1)
    )
    text = _text(_client().get(reverse("recruitment:application_detail", args=[application.pk])))
    assert "Les données personnelles de cette candidature ont été effacées" in text


def test_a_call_for_projects_lists_its_dossiers_without_growing_queries():
    call = CallFactory(kind=CallKind.CHALLENGES)
    client = _client()

    def make() -> str:
        dossier = ChallengeDossierFactory(call=call)
        return dossier.title

    assert_queries_do_not_grow(client, reverse("recruitment:call_detail", args=[call.pk]), make)


def test_a_stage_the_call_does_not_have_is_a_404():
    call = CallFactory(kind=CallKind.CHALLENGES)
    url = reverse("recruitment:call_criteria", args=[call.pk, Stage.INTERVIEW])
    assert _client().get(url).status_code == 404


def test_entering_an_application_in_a_call_for_projects_is_a_404():
    call = CallFactory(kind=CallKind.CHALLENGES)
    assert (
        _client().get(reverse("recruitment:application_create", args=[call.pk])).status_code == 404
    )
