import datetime
import html
import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.core.dates import format_date
from tests.factories import (
    ActionFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PersonFactory,
    ReportFactory,
)
from tests.query_counts import assert_queries_do_not_grow

from .trajectory_world import make_journey

pytestmark = pytest.mark.django_db


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_trajectory_shows_three_phases_axes_indicators_and_actions(client):
    journey = make_journey()
    text = page(
        client, journey.coach.user, reverse("evaluation:challenge", args=[journey.challenge.slug])
    )
    assert "<h1>Trajectoire — Défi Boussole</h1>" in text
    for title in (
        "Phase 1 — Valider l’hypothèse",
        "Phase 2 — Prouver le concept",
        "Phase 3 — Prouver la valeur",
    ):
        assert title in text
    assert text.count('role="img"') == 2  # the axes, and the one indicator with values
    assert "<td>1 — Insuffisant</td><td>2 — À consolider</td><td>3 — Satisfaisant</td>" in text
    assert "Brouillon" in text  # phase 3's draft, for a coach
    assert "28,5" in text  # the indicator's value, in the chart and the table
    assert "Cible : 20" in text
    assert "Signer la convention de données" in text
    assert "En retard" in text
    assert "Recruter un panel d’usagers" in text
    assert "Présenter au comité de direction" in text
    assert "Action d’un brouillon" not in text


def test_the_team_sees_a_draft_as_in_progress_without_its_levels(client):
    journey = make_journey()
    text = page(
        client, journey.sponsor.user, reverse("evaluation:challenge", args=[journey.challenge.slug])
    )
    assert "Brouillon" not in text
    assert "En cours de rédaction" in text
    # Phase 3's levels (4, 4, 4 in the draft) are not shown: its column says « Non évalué ».
    assert "<td>3 — Satisfaisant</td><td>Non évalué</td>" in text
    assert "Action d’un brouillon" not in text


def test_the_action_status_form_only_for_those_who_update_actions(client):
    journey = make_journey()
    url = reverse("evaluation:challenge", args=[journey.challenge.slug])
    status_url = reverse("evaluation:action_status", args=[journey.late.pk])
    assert f'action="{status_url}"' in page(client, journey.fellow.user, url)
    assert f'action="{status_url}"' in page(client, journey.coach.user, url)
    assert 'name="status"' not in page(client, journey.sponsor.user, url)


def test_trajectory_page_queries_do_not_grow_with_actions(client):
    journey = make_journey()
    client.force_login(journey.fellow.user)
    counter = iter(range(100))

    def make():
        title = f"Action suivie {next(counter)}"
        ActionFactory(report=journey.reports[1], title=title)
        return title

    assert_queries_do_not_grow(
        client, reverse("evaluation:challenge", args=[journey.challenge.slug]), make
    )


def _streams(pdf: bytes) -> list[bytes]:
    """The PDF's streams, inflated when compressed."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def _texts(pdf: bytes) -> list[str]:
    """The text drawn on the pages, read back through each font's ToUnicode map (one reading per
    font; whitespace removed, since lines wrap): text stays text, not images."""
    streams = _streams(pdf)
    maps = []
    for stream in streams:
        if b"beginbfchar" in stream:
            pairs = re.findall(rb"<([0-9a-f]{4})> <([0-9a-f]+)>", stream)
            maps.append(
                {glyph: bytes.fromhex(code.decode()).decode("utf-16-be") for glyph, code in pairs}
            )
    runs = [
        hexa
        for stream in streams
        if b" Tf" in stream
        for hexa in re.findall(rb"<([0-9a-f]+)>", stream)
    ]
    return [
        "".join(
            mapping.get(run[i : i + 4], "") for run in runs for i in range(0, len(run), 4)
        ).replace(" ", "")
        for mapping in maps
    ]


def _shows(pdf: bytes, text: str) -> bool:
    return any(text.replace(" ", "") in reading for reading in _texts(pdf))


def test_the_trajectory_pdf_is_tagged_titled_in_french_with_the_three_phases(client):
    journey = make_journey()
    client.force_login(journey.fellow.user)
    response = client.get(reverse("evaluation:trajectory_pdf", args=[journey.challenge.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="trajectoire-')
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    inflated = b"\n".join([pdf, *_streams(pdf)])
    assert b"/StructTreeRoot" in inflated
    assert b"/Lang (fr)" in inflated
    assert b"/MarkInfo" in inflated
    title = ("\ufeff" + "Trajectoire — Défi Boussole").encode("utf-16-be").hex().encode()
    assert b"/Title <" + title + b">" in inflated
    for text in (
        "Trajectoire — Défi Boussole",
        "Phase 1 — Valider l’hypothèse",
        "Phase 2 — Prouver le concept",
        "Phase 3 — Prouver la valeur",
        "Signer la convention de données",
        "Délai de traitement",
    ):
        assert _shows(pdf, text), text
    assert not _shows(pdf, "Action d’un brouillon")
    # The charts are figures whose alternative text is their title (the axes, the indicator).
    assert inflated.count(b"/S /Figure") == 2
    alt = ("\ufeff" + "Valeurs de l’indicateur « Délai de traitement » au fil du temps").encode(
        "utf-16-be"
    )
    assert b"/Alt <" + alt.hex().encode() + b">" in inflated


def test_the_home_page_lists_cohorts_phases_and_late_actions_for_coaches(client):
    journey = make_journey()
    text = page(client, journey.coach.user, reverse("evaluation:home"))
    for phase in journey.phases:
        assert reverse("evaluation:cohort", args=[journey.cohort.slug, phase.kind]) in text
    assert "Signer la convention de données" in text
    assert "Recruter un panel d’usagers" not in text


def test_the_home_page_lists_a_members_challenges_and_only_their_late_actions(client):
    journey = make_journey()
    ActionFactory(report=ReportFactory(published=True), title="Action d’un autre défi", late=True)
    text = page(client, journey.fellow.user, reverse("evaluation:home"))
    assert "La trajectoire de Défi Boussole" in text
    assert "Signer la convention de données" in text
    assert "Action d’un autre défi" not in text
    assert "Les promotions, phase par phase" not in text


def test_the_home_page_is_closed_to_people_outside_any_team(client):
    client.force_login(PersonFactory(fellow=True).user)
    assert client.get(reverse("evaluation:home")).status_code == 403


def test_home_queries_do_not_grow_with_late_actions(client):
    journey = make_journey()
    client.force_login(journey.coach.user)
    counter = iter(range(100))

    def make():
        challenge = ChallengeFactory(
            cohorts=[journey.cohort], title=f"Défi en retard {next(counter)}"
        )
        ChallengeMembershipFactory(person=PersonFactory(fellow=True), challenge=challenge)
        ActionFactory(report=ReportFactory(challenge=challenge, published=True), late=True)
        return challenge.title

    assert_queries_do_not_grow(client, reverse("evaluation:home"), make)


def test_the_cohort_page_lists_each_challenge_with_its_states(client):
    journey = make_journey()
    ChallengeFactory(cohorts=[journey.cohort], title="Défi Alizé")
    text = page(
        client, journey.coach.user, reverse("evaluation:cohort", args=[journey.cohort.slug, 1])
    )
    assert "Planifier le comité de Défi Alizé" in text
    assert reverse("program:session_create", args=[journey.cohort.slug]) in text
    assert "Tenu" in text
    assert "Remise" in text
    assert "Publié" in text
    assert 'aria-current="page">Phase 1 — Valider l’hypothèse' in text
    assert reverse("evaluation:cohort_csv", args=[journey.cohort.slug, 1]) in text
    assert "1 comité tenu, 0 prévu(s), sur 2 défi(s)" in text
    assert (
        "Rapports : 0 en brouillon, 1 publié(s), dont 0 avec le bilan interne de l’équipe" in text
    )
    assert "1 action en retard" in text


def test_a_phase_card_says_when_the_retrospective_opens(client, settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 5  # the committee is in ten days
    journey = make_journey()
    journey.challenge.retrospectives.filter(phase=journey.phases[2]).delete()
    committee = journey.challenge.sessions.get(phase=journey.phases[2])
    opens = timezone.localdate(committee.starts_at) - datetime.timedelta(days=5)
    text = page(
        client, journey.fellow.user, reverse("evaluation:challenge", args=[journey.challenge.slug])
    )
    assert f"S’ouvre le {format_date(opens, 'j F Y')}" in text


def test_the_cohort_page_of_a_phase_the_cohort_does_not_have_is_a_404(client):
    journey = make_journey()
    client.force_login(journey.coach.user)
    assert (
        client.get(reverse("evaluation:cohort", args=[journey.cohort.slug, 4])).status_code == 404
    )


def test_cohort_page_queries_do_not_grow_with_challenges(client):
    journey = make_journey()
    client.force_login(journey.coach.user)
    counter = iter(range(100))

    def make():
        challenge = ChallengeFactory(cohorts=[journey.cohort], title=f"Défi suivi {next(counter)}")
        ActionFactory(
            report=ReportFactory(challenge=challenge, phase=journey.phases[0], published=True),
            late=True,
        )
        return challenge.title

    assert_queries_do_not_grow(
        client, reverse("evaluation:cohort", args=[journey.cohort.slug, 1]), make
    )


def test_the_cohort_csv_has_a_french_header_and_a_row_per_challenge(client):
    journey = make_journey()
    ChallengeFactory(cohorts=[journey.cohort], title="Défi Alizé")
    client.force_login(journey.coach.user)
    response = client.get(reverse("evaluation:cohort_csv", args=[journey.cohort.slug, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Défi;Comité prévu le;Comité tenu;Rétrospective;Rétrospective remise le;Rapport;"
        "Rapport publié le;Bilan interne de l’équipe le;Actions en retard (toutes phases)"
    )
    assert lines[1] == "Défi Alizé;;non;Pas commencée;;Pas commencé;;;0"
    boussole = lines[2].split(";")
    committee = journey.challenge.sessions.get(phase=journey.phases[0]).starts_at
    assert boussole[:4] == [
        "Défi Boussole",
        timezone.localtime(committee).strftime("%d/%m/%Y %H:%M"),
        "oui",
        "Remise",
    ]
    assert boussole[5] == "Publié"
    assert boussole[8] == "1"
    assert len(lines) == 3


def test_a_fellow_updates_an_action_from_the_trajectory_and_comes_back_to_it(client):
    journey = make_journey()
    url = reverse("evaluation:challenge", args=[journey.challenge.slug])
    client.force_login(journey.fellow.user)
    response = client.post(
        reverse("evaluation:action_status", args=[journey.late.pk]),
        {"status": "done", "comment": "Convention signée le 3.", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    journey.late.refresh_from_db()
    assert (journey.late.status, journey.late.status_comment) == ("done", "Convention signée le 3.")
    text = page(client, journey.fellow.user, url)
    assert "En retard (0)" in text
    assert "Faites (2)" in text


def test_trajectory_page_queries_do_not_grow_with_indicators(client):
    journey = make_journey()
    client.force_login(journey.coach.user)
    counter = iter(range(100))

    def make():
        indicator = IndicatorFactory(
            challenge=journey.challenge, title=f"Indicateur suivi {next(counter)}"
        )
        IndicatorValueFactory(indicator=indicator)
        IndicatorValueFactory(indicator=indicator)
        return indicator.title

    assert_queries_do_not_grow(
        client, reverse("evaluation:challenge", args=[journey.challenge.slug]), make
    )
