import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from magellan.exports.tables import EXPORTS
from tests.factories import (
    AttendanceFactory,
    BulletinFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    HelpRequestFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _download(cohort, name, extension):
    return reverse(
        "exports:download", kwargs={"slug": cohort.slug, "name": name, "extension": extension}
    )


def test_the_exports_page_offers_every_list_in_both_formats(client):
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)

    content = client.get(
        reverse("exports:cohort_exports", kwargs={"slug": cohort.slug})
    ).content.decode()

    for name in EXPORTS:
        assert _download(cohort, name, "csv") in content
        assert _download(cohort, name, "xlsx") in content


def test_a_coach_downloads_the_feedback_as_csv_with_its_comments(client):
    cohort = CohortFactory()
    FeedbackFactory(session=SessionFactory(cohort=cohort, past=True), rating=4, comment="Bien")
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)

    response = client.get(_download(cohort, "avis", "csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="magellan-{cohort.slug}-avis-'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "Début de la séance;Dispositif;Séance;Personne;Note (sur 5);Commentaire;Donné le"
    )
    assert lines[1].split(";")[4:6] == ["4", "Bien"]


def test_a_coach_downloads_the_people_as_a_spreadsheet(client):
    cohort = CohortFactory()
    PersonFactory(name="Awa", fellow=True, cohort=cohort)
    coach = PersonFactory(name="Zoé", coach=True, cohort=cohort)
    client.force_login(coach.user)

    response = client.get(_download(cohort, "personnes", "xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Nom", "Awa", "Zoé"]


@pytest.mark.parametrize(("name", "extension"), [("inconnue", "csv"), ("avis", "pdf")])
def test_an_unknown_list_or_format_is_a_404(client, name, extension):
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)

    assert client.get(_download(cohort, name, extension)).status_code == 404


@pytest.mark.parametrize("role", ["fellow", "project_owner", "mentor", "sponsor", "alumni"])
def test_only_coaches_export(client, role):
    cohort = CohortFactory()
    FeedbackFactory(session=SessionFactory(cohort=cohort, past=True), comment="Confidentiel")
    client.force_login(PersonFactory(cohort=cohort, **{role: True}).user)

    response = client.get(_download(cohort, "avis", "csv"))

    assert response.status_code == 403
    assert "Confidentiel" not in response.content.decode()


@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_export_runs_a_constant_number_of_queries(client, name):
    """1 item or 3 items of everything: the same number of queries, and every item in the file."""
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)
    count = iter(range(100))

    def make() -> str:
        index = next(count)
        person = PersonFactory(name=f"Participant {index}", fellow=True, cohort=cohort)
        session = SessionFactory(
            cohort=cohort,
            past=True,
            title=f"Séance {index}",
            format=FormatFactory(name=f"Dispositif {index}"),
        )
        session.facilitators.add(PersonFactory(name=f"Animation {index}"))
        challenge = ChallengeFactory(title=f"Défi {index}", cohorts=[cohort])
        ChallengeMembershipFactory(person=person, challenge=challenge)
        RegistrationFactory(session=session, person=person)
        AttendanceFactory(session=session, person=person)
        FeedbackFactory(session=session, person=person)
        GroupMemberFactory(
            group=GroupFactory(grouping=GroupingFactory(session=session)), person=person
        )
        HelpRequestFactory(author=person, cohort=cohort, helpers=[PersonFactory()])
        BulletinFactory(cohort=cohort, challenge=challenge, author=person)
        return {
            "defis": challenge.title,
            "seances": session.title,
            "presences-par-dispositif": session.format.name,
        }.get(name, person.name)

    assert_queries_do_not_grow(client, _download(cohort, name, "csv"), make)


def test_the_cohort_calendar_links_to_the_exports_for_coaches_only(client):
    cohort = CohortFactory()
    exports_url = reverse("exports:cohort_exports", kwargs={"slug": cohort.slug})
    calendar_url = reverse("program:cohort_calendar", kwargs={"slug": cohort.slug})

    client.force_login(PersonFactory(coach=True, cohort=cohort).user)
    assert exports_url in client.get(calendar_url).content.decode()

    client.force_login(PersonFactory(fellow=True, cohort=cohort).user)
    assert exports_url not in client.get(calendar_url).content.decode()
