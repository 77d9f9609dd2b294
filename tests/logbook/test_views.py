import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from magellan.core.dates import format_date
from magellan.logbook.models import Entry
from tests.factories import (
    CohortFactory,
    EntryFactory,
    EntryNeedFactory,
    PersonFactory,
    PhaseFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person.user)  # type: ignore[attr-defined]
    return client


def _months() -> Callable[[], datetime.date]:
    month = [datetime.date.today().replace(day=1)]

    def previous() -> datetime.date:
        current = month[0]
        month[0] = (current - datetime.timedelta(days=1)).replace(day=1)
        return current

    return previous


def test_another_fellows_entry_is_not_found_and_its_text_never_shown() -> None:
    cohort = CohortFactory()
    entry = EntryFactory(cohort=cohort, goals="Objectif très privé")
    other = PersonFactory(fellow=True, cohort=cohort)
    response = _client(other).get(entry.get_absolute_url())
    assert response.status_code == 404
    assert "Objectif très privé" not in response.content.decode()
    assert (
        "Objectif très privé"
        not in _client(other).get(reverse("logbook:export_markdown")).content.decode()
    )


def test_entry_page_says_who_reads_it() -> None:
    entry = EntryFactory()
    text = _client(entry.person).get(entry.get_absolute_url()).content.decode()
    assert "Qui lit cette entrée : vous et les coachs de votre promotion, personne d’autre." in text


def test_form_refuses_a_future_month_and_writes_nothing() -> None:
    fellow = PersonFactory(fellow=True, cohort=CohortFactory())
    future = datetime.date.today().replace(day=28) + datetime.timedelta(days=40)
    response = _client(fellow).post(
        reverse("logbook:entry_create"), {"month": f"{future:%Y-%m}", "goals": "Plus tard"}
    )
    assert response.status_code == 200
    assert "On n’écrit pas le carnet d’un mois à venir" in response.content.decode()
    assert "Plus tard" in response.content.decode()
    assert Entry.objects.count() == 0


def test_form_refuses_a_second_entry_for_the_month() -> None:
    entry = EntryFactory(goals="Premier texte")
    response = _client(entry.person).post(
        reverse("logbook:entry_create"), {"month": f"{entry.month:%Y-%m}", "goals": "Second texte"}
    )
    assert response.status_code == 200
    assert "Vous avez déjà écrit l’entrée de ce mois" in response.content.decode()
    assert list(Entry.objects.values_list("goals", flat=True)) == ["Premier texte"]


def test_form_refuses_a_stale_edit_and_shows_what_was_written() -> None:
    entry = EntryFactory(goals="Enregistré", version=2)
    response = _client(entry.person).post(
        reverse("logbook:entry_edit", args=[entry.pk]), {"version": 1, "goals": "Mon ajout"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "entre-temps" in text
    assert "Mon ajout" in text
    assert Entry.objects.get(pk=entry.pk).goals == "Enregistré"


def test_form_writes_this_months_entry_with_the_phase_competences() -> None:
    cohort = CohortFactory()
    PhaseFactory(
        cohort=cohort,
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        fellow_competences="Agilité\nPrototypage\n",
    )
    fellow = PersonFactory(fellow=True, cohort=cohort)
    month = datetime.date.today().replace(day=1)
    response = _client(fellow).post(
        reverse("logbook:entry_create"),
        {
            "month": f"{month:%Y-%m}",
            "goals": "Livrer",
            "competence_0": "4",
            "needs": "Relecture\n",
            "skills": ["writing"],
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert [(r.competence, r.level) for r in entry.ratings.all()] == [("Agilité", 4)]
    assert ([n.text for n in entry.needs.all()], entry.skills) == (["Relecture"], ["writing"])


def test_exports_contain_the_whole_logbook() -> None:
    entry = EntryFactory(goals="Écrire la doc « vite »")
    client = _client(entry.person)
    markdown = client.get(reverse("logbook:export_markdown"))
    pdf = client.get(reverse("logbook:export_pdf"))
    assert "Écrire la doc « vite »" in markdown.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_trends_say_a_small_group_is_not_shown() -> None:
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    EntryFactory(cohort=cohort, staying="yes", staying_why="Raison intime")
    text = _client(coach).get(reverse("logbook:cohort_trends", args=[cohort.slug])).content.decode()
    assert "Groupe trop petit pour être montré : 1 EIG a répondu (il en faut 5)." in text
    assert "Raison intime" not in text


def test_my_logbook_queries_do_not_grow() -> None:
    fellow = PersonFactory(fellow=True, cohort=CohortFactory())
    previous = _months()

    def make() -> str:
        entry = EntryFactory(
            person=fellow, cohort=fellow.cohort_roles.get().cohort, month=previous()
        )
        EntryNeedFactory(entry=entry)
        return format_date(entry.month, "F Y").capitalize()

    assert_queries_do_not_grow(_client(fellow), reverse("logbook:home"), make)


def test_progression_queries_do_not_grow() -> None:
    fellow = PersonFactory(fellow=True, cohort=CohortFactory())
    previous = _months()

    def make() -> str:
        entry = EntryFactory(
            person=fellow, cohort=fellow.cohort_roles.get().cohort, month=previous()
        )
        entry.ratings.create(competence="Agilité", level=2)
        return EntryNeedFactory(entry=entry).text

    assert_queries_do_not_grow(_client(fellow), reverse("logbook:progression"), make)


def test_coaches_overview_queries_do_not_grow() -> None:
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)

    def make() -> str:
        entry = EntryFactory(cohort=cohort)
        return entry.person.name

    assert_queries_do_not_grow(
        _client(coach), reverse("logbook:cohort_overview", args=[cohort.slug]), make
    )


def test_fellow_logbook_for_coaches_queries_do_not_grow() -> None:
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    previous = _months()

    def make() -> str:
        entry = EntryFactory(person=fellow, cohort=cohort, month=previous())
        EntryNeedFactory(entry=entry)
        return format_date(entry.month, "F Y").capitalize()

    url = reverse("logbook:fellow_logbook", args=[cohort.slug, fellow.slug])
    assert_queries_do_not_grow(_client(coach), url, make)


def test_a_need_becomes_a_mentoring_need_linked_both_ways() -> None:
    from tests.factories import ExpertiseFactory

    expertise = ExpertiseFactory(name="Architecture logicielle")
    need = EntryNeedFactory(text="Un regard sur notre architecture")
    client = _client(need.entry.person)
    page = client.get(reverse("logbook:need_mentoring", args=[need.pk])).content.decode()
    assert "Un regard sur notre architecture" in page
    response = client.post(
        reverse("logbook:need_mentoring", args=[need.pk]),
        {
            "main_expertise": expertise.pk,
            "description": "Un regard sur notre architecture",
            "mode": "either",
            "availability": ["mon_am"],
        },
    )
    need.refresh_from_db()
    assert response.status_code == 302
    assert (need.mentoring_need.person, need.mentoring_need.logbook_need) == (
        need.entry.person,
        need,
    )
    assert "besoin de mentorat" in client.get(need.entry.get_absolute_url()).content.decode()


def test_trends_page_queries_do_not_grow() -> None:
    cohort = CohortFactory()
    phase = PhaseFactory(cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)
    counter = iter(range(100))

    def make() -> str:
        entry = EntryFactory(cohort=cohort, phase=phase, staying="yes")
        name = f"Compétence numéro {next(counter)}"
        entry.ratings.create(competence=name, level=3)
        return name

    assert_queries_do_not_grow(
        _client(coach), reverse("logbook:cohort_trends", args=[cohort.slug]), make
    )


def test_edit_keeps_a_rated_competences_old_text_and_offers_the_phases_others() -> None:
    cohort = CohortFactory()
    phase = PhaseFactory(
        cohort=cohort,
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        fellow_competences="Agilité (nouveau libellé)\nPrototypage",
    )
    entry = EntryFactory(cohort=cohort, phase=phase)
    entry.ratings.create(competence="Agilité", level=3)
    form = _client(entry.person).get(reverse("logbook:entry_edit", args=[entry.pk])).context["form"]
    assert form.competences == ["Agilité", "Agilité (nouveau libellé)", "Prototypage"]
    assert form["competence_0"].initial == "3"


def test_a_coach_reading_an_entry_is_told_who_reads_it_in_the_third_person() -> None:
    cohort = CohortFactory()
    mentor = PersonFactory(mentor=True, cohort=cohort, name="Camille Parrain")
    entry = EntryFactory(cohort=cohort, shared_with=mentor)
    coach = PersonFactory(coach=True, cohort=cohort)
    text = _client(coach).get(entry.get_absolute_url()).content.decode()
    assert (
        f"Qui lit cette entrée : {entry.person.name}, les coachs de sa promotion et Camille Parrain, "
        "son parrain ou sa marraine, avec qui elle est partagée." in text
    )
    assert "Modifier" not in text


def test_the_exports_are_private_downloads() -> None:
    entry = EntryFactory()
    client = _client(entry.person)
    for name in ("logbook:export_markdown", "logbook:export_pdf"):
        response = client.get(reverse(name))
        assert response["Content-Disposition"].startswith("attachment;"), name
        assert response["Cache-Control"] == "private, no-store", name
        assert response["X-Content-Type-Options"] == "nosniff", name
