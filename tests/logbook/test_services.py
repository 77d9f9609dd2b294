import datetime

import pytest
from django.core import mail

from magellan.logbook import queries, services
from magellan.logbook.models import Entry, Reminder
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    EntryNeedFactory,
    NeedFactory,
    PersonFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


def _fellow() -> object:
    cohort = CohortFactory(
        start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 6, 30)
    )
    return PersonFactory(fellow=True, cohort=cohort)


def test_save_entry_writes_ratings_and_needs() -> None:
    fellow = _fellow()
    entry = services.new_entry(person=fellow, month=TODAY, today=TODAY)
    entry.goals = "Livrer"
    saved = services.save_entry(
        entry=entry,
        ratings=[("Agilité", 3), ("Prototypage", None)],
        needs=["Un besoin", " ", "Un besoin"],
        today=TODAY,
    )
    assert saved.month == datetime.date(2026, 12, 1)
    assert [(r.competence, r.level) for r in saved.ratings.all()] == [("Agilité", 3)]
    assert [n.text for n in saved.needs.all()] == ["Un besoin"]
    assert saved.version == 1


def test_save_entry_refuses_a_future_month() -> None:
    fellow = _fellow()
    entry = services.new_entry(person=fellow, month=TODAY, today=TODAY)
    entry.month = datetime.date(2027, 1, 1)
    with pytest.raises(services.LogbookError, match="mois à venir"):
        services.save_entry(entry=entry, ratings=[], needs=[], today=TODAY)
    assert Entry.objects.count() == 0


def test_save_entry_refuses_a_second_entry_for_the_month() -> None:
    fellow = _fellow()
    services.save_entry(
        entry=services.new_entry(person=fellow, month=TODAY, today=TODAY),
        ratings=[],
        needs=[],
        today=TODAY,
    )
    second = services.new_entry(person=fellow, month=TODAY, today=TODAY)
    second.goals = "Autre"
    with pytest.raises(services.LogbookError, match="déjà écrit l’entrée de ce mois"):
        services.save_entry(entry=second, ratings=[], needs=[], today=TODAY)
    assert list(Entry.objects.values_list("goals", flat=True)) == [""]


def test_save_entry_refuses_a_stale_edit_and_keeps_the_saved_text() -> None:
    entry = EntryFactory(goals="Version enregistrée", month=datetime.date(2026, 12, 1))
    first = Entry.objects.get(pk=entry.pk)
    first.goals = "Écrit dans un onglet"
    services.save_entry(entry=first, ratings=[], needs=[], version=1, today=TODAY)
    stale = Entry.objects.get(pk=entry.pk)
    stale.goals = "Écrit dans l’autre onglet"
    with pytest.raises(services.LogbookError, match="entre-temps"):
        services.save_entry(entry=stale, ratings=[], needs=[], version=1, today=TODAY)
    assert Entry.objects.get(pk=entry.pk).goals == "Écrit dans un onglet"
    assert Entry.objects.get(pk=entry.pk).version == 2


def test_save_entry_keeps_needs_already_turned() -> None:
    entry = EntryFactory(month=datetime.date(2026, 12, 1))
    turned = EntryNeedFactory(entry=entry, text="Devenu mentorat", mentoring_need=NeedFactory())
    EntryNeedFactory(entry=entry, text="Effacé")
    services.save_entry(entry=entry, ratings=[], needs=["Nouveau"], version=1, today=TODAY)
    assert [n.text for n in entry.needs.all()] == ["Devenu mentorat", "Nouveau"]
    assert entry.needs.get(text="Devenu mentorat").pk == turned.pk


def test_share_entry_with_the_mentor_of_the_current_cycle_and_take_it_back() -> None:
    entry = EntryFactory()
    mentor = PersonFactory(mentor=True)
    CycleFactory(need=NeedFactory(person=entry.person, status="matched"), mentor=mentor)
    shared = services.share_entry(entry=entry, person=entry.person)
    assert shared.shared_with == mentor
    assert services.unshare_entry(entry=entry, person=entry.person).shared_with is None


def test_share_entry_refused_without_a_cycle_in_progress() -> None:
    entry = EntryFactory()
    CycleFactory(need=NeedFactory(person=entry.person, status="matched"), status="completed")
    with pytest.raises(services.LogbookError, match="pas de cycle de mentorat en cours"):
        services.share_entry(entry=entry, person=entry.person)
    assert Entry.objects.get(pk=entry.pk).shared_with is None


def test_share_entry_refused_to_someone_else() -> None:
    entry = EntryFactory()
    with pytest.raises(services.LogbookError):
        services.share_entry(entry=entry, person=PersonFactory(fellow=True))


def test_turn_into_help_request_links_both_ways_once() -> None:
    need = EntryNeedFactory(text="Relire notre plan d’expérimentation")
    person = need.entry.person
    turned = services.turn_into_help_request(need=need, person=person)
    request = turned.help_request
    assert (request.subject, request.author, request.origin) == (
        "Relire notre plan d’expérimentation",
        person,
        need,
    )
    with pytest.raises(services.LogbookError, match="déjà donné lieu"):
        services.turn_into_help_request(need=need, person=person)


def test_phase_for_takes_the_phase_running_at_the_month_end() -> None:
    cohort = CohortFactory(
        start_date=datetime.date(2026, 9, 12), end_date=datetime.date(2027, 7, 11)
    )
    first = PhaseFactory(
        cohort=cohort,
        kind=1,
        start_date=datetime.date(2026, 9, 12),
        end_date=datetime.date(2026, 11, 11),
    )
    second = PhaseFactory(
        cohort=cohort,
        kind=2,
        start_date=datetime.date(2026, 11, 12),
        end_date=datetime.date(2027, 2, 11),
    )
    assert queries.phase_for(cohort, datetime.date(2026, 9, 1), TODAY) == first
    assert queries.phase_for(cohort, datetime.date(2026, 11, 1), TODAY) == second


def test_send_monthly_reminders_once_per_fellow_per_month() -> None:
    now = datetime.datetime(2026, 12, 25, 10, 0, tzinfo=datetime.UTC)
    cohort = CohortFactory(
        start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 6, 30)
    )
    silent = PersonFactory(fellow=True, cohort=cohort)
    writer = PersonFactory(fellow=True, cohort=cohort)
    EntryFactory(person=writer, cohort=cohort, month=datetime.date(2026, 12, 1))
    PersonFactory(fellow=True, cohort=CohortFactory(past=True))
    assert services.send_monthly_reminders(now=now) == 1
    assert services.send_monthly_reminders(now=now) == 0
    assert [m.to for m in mail.outbox] == [[silent.email]]
    assert list(Reminder.objects.values_list("person", flat=True)) == [silent.pk]


def test_trends_hide_groups_under_the_minimum() -> None:
    cohort = CohortFactory()
    phase = PhaseFactory(cohort=cohort)
    for index in range(queries.MIN_GROUP):
        entry = EntryFactory(cohort=cohort, phase=phase, staying="yes" if index else "no")
        entry.ratings.create(competence="Agilité", level=3)
    EntryFactory(cohort=cohort, phase=phase).ratings.create(competence="Prototypage", level=1)
    phases, staying = queries.cohort_trends(cohort)
    rows = {row.competence: (row.people, row.levels, row.is_shown) for row in phases[0].rows}
    assert rows == {"Agilité": (5, [0, 0, 5, 0], True), "Prototypage": (1, [1, 0, 0, 0], False)}
    assert (staying.people, staying.share_yes, staying.is_shown) == (5, 80, True)
    assert queries.shown(queries.MIN_GROUP - 1) is False
