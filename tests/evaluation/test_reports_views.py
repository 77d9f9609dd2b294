import datetime
import html
import re
import zlib
from typing import Any

import pytest
from django.urls import reverse

from magellan.evaluation.models import Report, ReportStatus
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
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

AXES = ("entrepreneurship", "innovation", "transformation")


@pytest.fixture
def team() -> dict[str, Any]:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Boussole")
    phase = PhaseFactory(cohort=cohort)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    coach = PersonFactory(coach=True, cohort=cohort, name="Claire Coach")
    other_coach = PersonFactory(coach=True, cohort=cohort, name="Marc Coach")
    return {
        "challenge": challenge,
        "phase": phase,
        "fellow": fellow,
        "sponsor": sponsor,
        "coach": coach,
        "other_coach": other_coach,
    }


def url(team: dict[str, Any], name: str = "report") -> str:
    return reverse(f"evaluation:{name}", args=[team["challenge"].slug, team["phase"].pk])


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def form_data(version: int = 0, **changes: Any) -> dict[str, Any]:
    data = {
        "version": version,
        "strengths": "Une équipe soudée.",
        "recommendations": "Tester plus tôt.",
        "actions-TOTAL_FORMS": 2,
        "actions-INITIAL_FORMS": 0,
        "actions-MIN_NUM_FORMS": 0,
        "actions-MAX_NUM_FORMS": 30,
        "actions-0-title": "Ouvrir les données",
        "actions-0-owner": "team",
        "actions-0-due_date": "2027-03-01",
    }
    for axis in AXES:
        data[f"level_{axis}"] = "3"
        data[f"comment_{axis}"] = f"Sur {axis}."
    return data | changes


def test_a_coach_writes_the_report_from_the_form(client, team):
    client.force_login(team["coach"].user)
    page = client.get(url(team, "report_edit"))
    assert page.status_code == 200
    assert '<option value="4">Excellent</option>' in text_of(page)
    response = client.post(url(team, "report_edit"), form_data())
    assert response.status_code == 302
    assert response["Location"] == url(team)
    report = Report.objects.get()
    assert (report.version, report.strengths) == (1, "Une équipe soudée.")
    assert list(report.actions.values_list("title", "owner")) == [("Ouvrir les données", "team")]
    assert sorted(report.assessments.values_list("axis", "level")) == [(axis, 3) for axis in AXES]
    shown = text_of(client.get(url(team)))
    assert "Innovation : Satisfaisant (niveau 3 sur 4)" in shown
    assert "Brouillon, lu des seuls coachs" in shown
    assert "Dernière modification par Claire Coach, le " in shown


def test_two_coaches_editing_at_once_see_the_conflict_and_keep_their_text(client, team):
    client.force_login(team["other_coach"].user)
    client.post(url(team, "report_edit"), form_data(strengths="Le texte de Marc."))
    client.force_login(team["coach"].user)
    response = client.post(url(team, "report_edit"), form_data(strengths="Le texte de Claire."))
    assert response.status_code == 200
    text = text_of(response)
    assert "Marc Coach a enregistré ce rapport pendant que vous le modifiiez" in text
    assert "Le texte de Claire." in text  # kept in the form
    assert "La version enregistrée entre-temps" in text
    assert "Le texte de Marc." in text  # the other version, beside
    report = Report.objects.get()
    assert (report.version, report.strengths, report.last_editor) == (
        1,
        "Le texte de Marc.",
        team["other_coach"],
    )
    assert '<input type="hidden" name="version" value="1"' in text
    again = client.post(
        url(team, "report_edit"), form_data(version=1, strengths="Les deux textes.")
    )
    assert again.status_code == 302
    report.refresh_from_db()
    assert (report.version, report.strengths) == (2, "Les deux textes.")


def test_a_level_outside_the_scale_or_an_incomplete_action_redisplays_the_form(client, team):
    client.force_login(team["coach"].user)
    response = client.post(url(team, "report_edit"), form_data(level_innovation="9"))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in text_of(response)
    response = client.post(url(team, "report_edit"), form_data(**{"actions-0-due_date": ""}))
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in text_of(response)
    assert not Report.objects.exists()


def test_a_published_report_is_not_edited_from_the_browser(client, team):
    ReportFactory(challenge=team["challenge"], phase=team["phase"], published=True)
    client.force_login(team["coach"].user)
    response = client.get(url(team, "report_edit"), follow=True)
    assert response.redirect_chain == [(url(team), 302)]
    assert "Ce rapport est publié : il ne se modifie plus." in text_of(response)


def test_a_report_published_while_a_coach_edits_it_keeps_their_text(client, team):
    ReportFactory(challenge=team["challenge"], phase=team["phase"], published=True)
    client.force_login(team["coach"].user)
    response = client.post(url(team, "report_edit"), form_data(version=1, strengths="Mon ajout."))
    assert response.status_code == 200
    text = text_of(response)
    assert "Ce rapport est publié : il ne se modifie plus." in text
    assert "Mon ajout." in text
    assert Report.objects.get().strengths == "Une équipe soudée et des tests réguliers."


def test_the_page_says_why_a_report_cannot_be_published_yet(client, team):
    ReportFactory(challenge=team["challenge"], phase=team["phase"])
    client.force_login(team["coach"].user)
    text = text_of(client.get(url(team)))
    assert "Le comité d’évaluation de cette phase n’est pas planifié." in text
    assert "Publier le rapport" not in text
    response = client.post(url(team, "report_publish"), follow=True)
    assert "Le comité d’évaluation de cette phase n’est pas planifié." in text_of(response)
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_a_coach_publishes_and_the_team_reads_and_acknowledges(client, team):
    CommitteeFactory(phase=team["phase"], challenge=team["challenge"], past=True)
    report = ReportFactory(challenge=team["challenge"], phase=team["phase"])
    for axis in AXES:
        AxisAssessmentFactory(report=report, axis=axis, level=4)
    client.force_login(team["fellow"].user)
    assert client.get(url(team)).status_code == 404
    client.force_login(team["coach"].user)
    assert "Publier le rapport" in text_of(client.get(url(team)))
    response = client.post(url(team, "report_publish"), follow=True)
    assert "Le rapport est publié : l’équipe, le porteur et le sponsor sont prévenus." in text_of(
        response
    )
    client.force_login(team["sponsor"].user)
    text = text_of(client.get(url(team)))
    assert "Entrepreneuriat : Excellent" in text
    assert "Indiquer le bilan interne" not in text
    client.force_login(team["fellow"].user)
    assert "Indiquer le bilan interne de l’équipe" in text_of(client.get(url(team)))
    response = client.post(
        url(team, "report_acknowledge"), {"text": "Relu **ensemble**."}, follow=True
    )
    text = text_of(response)
    assert "Bilan interne de l’équipe" in text
    assert "<strong>ensemble</strong>" in text
    assert "Indiquer le bilan interne de l’équipe" not in text


def test_late_actions_are_marked_and_the_team_updates_their_status(client, team):
    report = ReportFactory(challenge=team["challenge"], phase=team["phase"], published=True)
    late = ActionFactory(report=report, title="Recruter un data scientist", late=True)
    ActionFactory(report=report, title="Ouvrir le code")
    client.force_login(team["fellow"].user)
    text = text_of(client.get(url(team)))
    assert text.count("En retard") == 1
    assert re.search(r"Recruter un data scientist.*?En retard", text, re.S)
    response = client.post(
        reverse("evaluation:action_status", args=[late.pk]),
        {"status": "done", "comment": "Recrutée.", "next": "https://ailleurs.example/"},
    )
    assert response["Location"] == url(team)
    late.refresh_from_db()
    assert (late.status, late.status_comment, late.status_changed_by) == (
        "done",
        "Recrutée.",
        team["fellow"],
    )
    assert "En retard" not in text_of(client.get(url(team)))
    response = client.post(
        reverse("evaluation:action_status", args=[late.pk]),
        {"status": "done", "next": reverse("evaluation:challenge", args=[team["challenge"].slug])},
    )
    assert response["Location"] == reverse("evaluation:challenge", args=[team["challenge"].slug])


def test_an_unknown_status_changes_nothing(client, team):
    action = ActionFactory(
        report=ReportFactory(challenge=team["challenge"], phase=team["phase"], published=True)
    )
    client.force_login(team["coach"].user)
    response = client.post(
        reverse("evaluation:action_status", args=[action.pk]), {"status": "won"}, follow=True
    )
    assert "Choisissez un état de la liste." in text_of(response)
    action.refresh_from_db()
    assert action.status == "open"


def test_a_coach_sees_that_the_report_is_not_written_yet(client, team):
    client.force_login(team["coach"].user)
    text = text_of(client.get(url(team)))
    assert "Le rapport de cette phase n’est pas encore rédigé." in text
    assert url(team, "report_edit") in text
    assert client.get(url(team, "report_pdf")).status_code == 404


def test_a_phase_of_another_cohort_is_not_found(client, team):
    client.force_login(team["coach"].user)
    other = PhaseFactory()
    response = client.get(reverse("evaluation:report", args=[team["challenge"].slug, other.pk]))
    assert response.status_code == 404


def test_the_report_page_does_not_grow_with_its_actions(client, team):
    report = ReportFactory(challenge=team["challenge"], phase=team["phase"], published=True)
    for axis in AXES:
        AxisAssessmentFactory(report=report, axis=axis, level=2)
    client.force_login(team["fellow"].user)
    count = iter(range(1, 10))

    def make() -> str:
        title = f"Action numéro {next(count)}"
        ActionFactory(report=report, title=title, late=True)
        return title

    assert_queries_do_not_grow(client, url(team), make)


def streams(pdf: bytes) -> list[bytes]:
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            found.append(stream)
    return found


def drawn_text(pdf: bytes) -> str:
    """The text drawn on the pages, read back through the fonts' ToUnicode maps (spaces removed,
    since lines wrap): if it is there, the PDF holds text, not pictures of text."""
    parts = streams(pdf)
    mapping: dict[bytes, str] = {}
    for stream in parts:
        if b"beginbfchar" in stream:
            for glyph, code in re.findall(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>", stream):
                mapping.setdefault(glyph.lower(), bytes.fromhex(code.decode()).decode("utf-16-be"))
    runs = [
        run.lower()
        for stream in parts
        if b" Tf" in stream
        for run in re.findall(rb"<([0-9a-fA-F]+)>", stream)
    ]
    return "".join(
        mapping.get(run[i : i + 4], "") for run in runs for i in range(0, len(run), 4)
    ).replace(" ", "")


def test_the_report_pdf_is_tagged_titled_in_french_with_the_page_text(client, team):
    report = ReportFactory(
        challenge=team["challenge"],
        phase=team["phase"],
        published=True,
        strengths="Une équipe soudée.",
    )
    AxisAssessmentFactory(report=report, axis="innovation", level=4)
    ActionFactory(report=report, title="Ouvrir le code", due_date=datetime.date(2027, 3, 1))
    client.force_login(team["sponsor"].user)
    response = client.get(url(team, "report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="rapport-{team["challenge"].slug}-phase-1.pdf"'
    )
    raw = b"\n".join([response.content, *streams(response.content)]).decode("latin-1")
    assert "/StructTreeRoot" in raw
    assert "/Lang (fr)" in raw
    assert "/MarkInfo" in raw
    title = "Rapport d’évaluation — Défi Boussole — Valider l’hypothèse"
    titles = {
        bytes.fromhex(code).decode("utf-16-be")
        for code in re.findall(r"/Title <feff([0-9a-f]+)>", raw)
    }
    assert title in titles, titles
    text = drawn_text(response.content)
    for shown in (
        "Rapportd’évaluation—DéfiBoussole",
        "Innovation:Excellent",
        "Uneéquipesoudée.",
        "Ouvrirlecode",
        "1ermars2027",
    ):
        assert shown in text, shown
