import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.mentoring import services
from magellan.mentoring.forms import CycleFeedbackForm
from magellan.mentoring.models import Need, Offer, ProposalStatus, RoundStatus
from tests.factories import (
    CohortFactory,
    CycleFactory,
    CycleFeedbackFactory,
    ExpertiseFactory,
    NeedFactory,
    NoteFactory,
    OfferFactory,
    PersonFactory,
    ProposalFactory,
    RoundFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(person):
    client = Client()
    client.force_login(person.user)
    return client


# --- Privacy ---------------------------------------------------------------------------------


def test_coaches_see_the_sessions_of_a_cycle_never_its_notes():
    note = NoteFactory(body="Confidence du binôme")
    coach = PersonFactory(coach=True)

    page = _client(coach).get(note.cycle.get_absolute_url()).content.decode()
    pair_page = _client(note.cycle.mentor).get(note.cycle.get_absolute_url()).content.decode()

    assert "Confidence du binôme" not in page
    assert "jamais les notes" in page
    assert "Confidence du binôme" in pair_page


def test_the_mentor_reads_the_need_proposed_to_them():
    proposal = ProposalFactory(need__description="Structurer une étude utilisateurs")

    page = _client(proposal.mentor).get(proposal.get_absolute_url()).content.decode()

    assert "Structurer une étude utilisateurs" in page
    assert "Accepter" in page


def test_a_draft_proposal_stays_hidden_from_its_mentor():
    proposal = ProposalFactory(status=ProposalStatus.DRAFT)

    assert _client(proposal.mentor).get(proposal.get_absolute_url()).status_code == 404
    assert _client(proposal.mentor).get(proposal.need.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("shared", "shown"), [(False, False), (True, True)])
def test_the_mentees_comment_reaches_the_mentor_only_when_shared(shared, shown):
    feedback = CycleFeedbackFactory(comment="Un peu trop théorique", shared_with_mentor=shared)
    cycle = feedback.cycle

    mentor_page = _client(cycle.mentor).get(cycle.get_absolute_url()).content.decode()
    coach_page = _client(PersonFactory(coach=True)).get(cycle.get_absolute_url()).content.decode()

    assert ("Un peu trop théorique" in mentor_page) is shown
    assert "Un peu trop théorique" in coach_page


# --- Bad input -------------------------------------------------------------------------------


def test_need_without_description_is_refused_with_a_message_and_nothing_saved():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    data = {
        "main_expertise": ExpertiseFactory().pk,
        "description": "",
        "mode": "either",
        "availability": ["mon_am"],
    }

    response = _client(fellow).post(reverse("mentoring:need_create"), data)

    assert response.status_code == 200
    assert "Décrivez votre besoin" in response.content.decode()
    assert Need.objects.count() == 0


def test_need_form_refuses_a_preferred_mentor_never_available():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    mentor = OfferFactory(availability=["fri_pm"]).person
    data = {
        "main_expertise": ExpertiseFactory().pk,
        "description": "Besoin réel",
        "mode": "either",
        "availability": ["mon_am"],
        "preference_1": mentor.pk,
    }

    response = _client(fellow).post(reverse("mentoring:need_create"), data)

    assert "ne croisent jamais celles de" in response.content.decode()
    assert Need.objects.count() == 0


def test_need_form_refuses_a_wished_period_already_over():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    today = timezone.localdate()
    data = {
        "main_expertise": ExpertiseFactory().pk,
        "description": "Besoin réel",
        "mode": "either",
        "availability": ["mon_am"],
        "wished_start": (today - datetime.timedelta(days=60)).isoformat(),
        "wished_end": (today - datetime.timedelta(days=1)).isoformat(),
    }

    response = _client(fellow).post(reverse("mentoring:need_create"), data)

    assert response.status_code == 200
    assert "La période souhaitée est déjà passée" in response.content.decode()
    assert Need.objects.count() == 0


def test_need_form_sent_twice_saves_one_need():
    # A double click on « Enregistrer » saved two identical needs, each matched to a mentor.
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    data = {
        "main_expertise": ExpertiseFactory().pk,
        "description": "Besoin réel",
        "mode": "either",
        "availability": ["mon_am"],
    }
    client = _client(fellow)

    client.post(reverse("mentoring:need_create"), data)
    second = client.post(reverse("mentoring:need_create"), data)

    assert second.status_code == 200
    assert "déjà un besoin en attente pour cette expertise" in second.content.decode()
    assert Need.objects.count() == 1


def test_need_form_saves_a_need_with_its_preferences():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    mentor = OfferFactory().person
    data = {
        "main_expertise": ExpertiseFactory().pk,
        "description": "Besoin réel",
        "mode": "online",
        "availability": ["mon_am", "tue_am"],
        "preference_1": mentor.pk,
    }

    response = _client(fellow).post(reverse("mentoring:need_create"), data)

    need = Need.objects.get()
    assert response["Location"] == need.get_absolute_url()
    assert (need.person, need.cohort, need.filed_by) == (fellow, cohort, None)
    assert list(need.preferences.values_list("mentor", "rank")) == [(mentor.pk, 1)]


def test_a_coach_files_a_need_on_someones_behalf():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)
    data = {
        "person": fellow.pk,
        "main_expertise": ExpertiseFactory().pk,
        "description": "Déposé pendant le point hebdo",
        "mode": "either",
        "availability": ["mon_am"],
        "allow_same_affiliation": "on",
    }

    _client(coach).post(reverse("mentoring:need_file", args=[cohort.slug]), data)

    need = Need.objects.get()
    assert (need.person, need.filed_by, need.allow_same_affiliation) == (fellow, coach, True)


@pytest.mark.parametrize("capacity", ["0", "-1"])
def test_offer_with_a_capacity_below_one_is_refused_and_nothing_saved(capacity):
    mentor = PersonFactory(mentor=True)
    data = {
        "pitch": "Data",
        "capacity": capacity,
        "capacity_per_quarter": "2",
        "availability": ["mon_am"],
        "mode": "either",
        "expert_in": [ExpertiseFactory().pk],
    }

    response = _client(mentor).post(reverse("mentoring:offer_edit"), data)

    assert response.status_code == 200
    assert Offer.objects.count() == 0
    assert "au moins" in response.content.decode()


def test_offer_form_saves_levels_and_away_periods():
    mentor = PersonFactory(mentor=True)
    data_science, design = ExpertiseFactory(name="Data science"), ExpertiseFactory(name="Design")
    data = {
        "pitch": "Je relis des plans d’expérimentation.",
        "capacity": "2",
        "capacity_per_quarter": "3",
        "availability": ["mon_am", "thu_pm"],
        "mode": "online",
        "expert_in": [data_science.pk],
        "practice_in": [design.pk],
        "away": "du 01/08/2027 au 31/08/2027",
    }

    response = _client(mentor).post(reverse("mentoring:offer_edit"), data)

    assert response["Location"] == reverse("mentoring:home")
    offer = Offer.objects.get()
    assert sorted((e.expertise.name, e.level) for e in offer.expertises.all()) == [
        ("Data science", 3),
        ("Design", 1),
    ]
    assert list(offer.away_periods.values_list("start_date", "end_date")) == [
        (datetime.date(2027, 8, 1), datetime.date(2027, 8, 31))
    ]


def test_accepting_a_withdrawn_proposal_says_so_and_changes_nothing():
    proposal = ProposalFactory(status=ProposalStatus.WITHDRAWN)
    client = _client(proposal.mentor)

    response = client.post(reverse("mentoring:proposal_accept", args=[proposal.pk]), follow=True)

    assert "retirée par les coachs" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_declining_twice_says_so():
    proposal = ProposalFactory()
    OfferFactory(person=proposal.mentor)
    client = _client(proposal.mentor)
    client.post(reverse("mentoring:proposal_decline", args=[proposal.pk]))

    response = client.post(reverse("mentoring:proposal_decline", args=[proposal.pk]), follow=True)

    assert "déjà décliné" in response.content.decode()


def test_a_past_date_for_a_session_is_refused_with_a_message():
    cycle = CycleFactory()
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT10:00")

    response = _client(cycle.mentor).post(
        reverse("mentoring:cycle_schedule", args=[cycle.pk]), {"starts_at": past}, follow=True
    )

    assert "Choisissez une date à venir" in response.content.decode()
    assert cycle.cycle_sessions.count() == 0


# --- The coaches' round through the pages -----------------------------------------------------


def test_coach_runs_a_round_reads_why_pins_and_confirms(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    expertise = ExpertiseFactory(name="Data science")
    first = OfferFactory(expertise=expertise).person
    second = OfferFactory(expertise=expertise).person
    need = NeedFactory(cohort=cohort, main_expertise=expertise)
    client = _client(coach)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:round_open", args=[cohort.slug]))
    round = cohort.mentoring_rounds.get()
    page = client.get(round.get_absolute_url()).content.decode()
    assert "expertise « Data science » (besoin principal) : expert·e : +40" in page

    chosen = round.proposals.get().mentor
    other = second if chosen == first else first
    client.post(
        reverse("mentoring:round_pin", args=[round.pk]), {"need": need.pk, "mentor": other.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:round_run", args=[round.pk]))
    round.refresh_from_db()
    client.post(
        reverse("mentoring:round_confirm", args=[round.pk]),
        {"version": round.updated_at.isoformat()},
    )

    round.refresh_from_db()
    proposal = round.proposals.get()
    assert (round.status, proposal.mentor, proposal.is_pinned, proposal.status) == (
        RoundStatus.CONFIRMED,
        other,
        True,
        ProposalStatus.PROPOSED,
    )


def test_confirming_from_a_page_older_than_the_proposals_changes_nothing():
    # Two coaches, or two tabs: one re-ran or adjusted the round, the other confirmed proposals
    # they had never seen.
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    expertise = ExpertiseFactory()
    OfferFactory(expertise=expertise)
    other = OfferFactory(expertise=expertise).person
    need = NeedFactory(cohort=cohort, main_expertise=expertise)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)
    round.refresh_from_db()
    seen = round.updated_at.isoformat()
    services.forbid_pair(round=round, need=need, mentor=round.proposals.get().mentor)
    services.run_round(round=round)

    client = _client(coach)
    url = reverse("mentoring:round_confirm", args=[round.pk])
    stale = client.post(url, {"version": seen}, follow=True)
    missing = client.post(url, {}, follow=True)

    round.refresh_from_db()
    assert round.status == RoundStatus.DRAFT
    assert "relisez-les avant de confirmer" in stale.content.decode()
    assert "relisez-les avant de confirmer" in missing.content.decode()
    assert round.proposals.get().mentor == other

    client.post(url, {"version": round.updated_at.isoformat()})

    round.refresh_from_db()
    assert round.status == RoundStatus.CONFIRMED


def test_cohort_export_is_a_csv_with_neutralised_formulas():
    cohort = CohortFactory()
    NeedFactory(
        cohort=cohort, person=PersonFactory(name="=HYPERLINK(1)", fellow=True, cohort=cohort)
    )

    response = _client(PersonFactory(coach=True)).get(
        reverse("mentoring:cohort_export", args=[cohort.slug])
    )

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeffPersonne;Expertise principale;")
    assert "'=HYPERLINK(1)" in content
    assert "confidentiel" not in content


# --- Query counts ----------------------------------------------------------------------------


def test_cohort_page_queries_do_not_grow():
    cohort = CohortFactory()
    client = _client(PersonFactory(coach=True))

    def make():
        cycle = CycleFactory(need__cohort=cohort)
        CycleFeedbackFactory(cycle=cycle)
        OfferFactory(person=cycle.mentor)
        return cycle.need.person.name

    assert_queries_do_not_grow(client, reverse("mentoring:cohort", args=[cohort.slug]), make)


def test_round_page_queries_do_not_grow():
    round = RoundFactory()
    client = _client(PersonFactory(coach=True))

    def make():
        proposal = ProposalFactory(round=round, need__cohort=round.cohort, status="draft")
        round.needs.add(proposal.need)
        return proposal.need.person.name

    assert_queries_do_not_grow(client, reverse("mentoring:round_detail", args=[round.pk]), make)


def test_offer_list_queries_do_not_grow():
    client = _client(PersonFactory(fellow=True))

    def make():
        return OfferFactory(expertise=ExpertiseFactory()).person.name

    assert_queries_do_not_grow(client, reverse("mentoring:offer_list"), make)


def test_home_queries_do_not_grow_for_a_mentor():
    mentor = OfferFactory().person
    client = _client(mentor)

    def make():
        proposal = ProposalFactory(mentor=mentor)
        CycleFactory(mentor=mentor)
        return proposal.need.person.name

    assert_queries_do_not_grow(client, reverse("mentoring:home"), make)


def test_home_queries_do_not_grow_for_a_fellow():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    client = _client(fellow)

    def make():
        expertise = ExpertiseFactory()
        NeedFactory(cohort=cohort, person=fellow, main_expertise=expertise)
        cycle = CycleFactory(need__cohort=cohort, need__person=fellow)
        NoteFactory(cycle=cycle)
        return expertise.name

    assert_queries_do_not_grow(client, reverse("mentoring:home"), make)


def test_need_page_queries_do_not_grow_with_preferences():
    need = NeedFactory()
    client = _client(PersonFactory(coach=True))

    def make():
        rank = need.preferences.count() + 1
        mentor = OfferFactory().person
        need.preferences.create(mentor=mentor, rank=rank)
        ProposalFactory(need=need, mentor=mentor, status=ProposalStatus.DECLINED)
        return mentor.name

    assert_queries_do_not_grow(client, need.get_absolute_url(), make)


def test_a_coach_edits_a_need_keeping_its_person_and_lifts_the_exclusion():
    need = NeedFactory()
    coach = PersonFactory(coach=True, cohort=need.cohort)
    client = _client(coach)

    form = client.get(reverse("mentoring:need_edit", args=[need.pk])).context["form"]
    data = {
        **{k: v for k, v in form.initial.items() if v not in (None, [])},
        "main_expertise": need.main_expertise_id,
        "description": need.description,
        "mode": need.mode,
        "availability": need.availability,
        "allow_same_affiliation": "on",
    }
    data.pop("secondary_expertises", None)
    client.post(reverse("mentoring:need_edit", args=[need.pk]), data)

    need.refresh_from_db()
    assert (need.allow_same_affiliation, need.filed_by) == (True, None)
    assert form.initial["person"] == need.person_id


def test_a_mentoring_session_page_is_the_pairs_and_the_coaches_only():
    from magellan.mentoring import services

    cycle = CycleFactory()
    starts = (timezone.localtime() + datetime.timedelta(days=4)).replace(hour=10, minute=0)
    session = services.schedule_session(cycle=cycle, person=cycle.mentor, starts_at=starts)
    other_fellow = PersonFactory(fellow=True, cohort=cycle.need.cohort)
    url = session.get_absolute_url()

    statuses = {
        name: _client(person).get(url).status_code
        for name, person in {
            "mentee": cycle.need.person,
            "mentor": cycle.mentor,
            "coach": PersonFactory(coach=True),
            "other_fellow": other_fellow,
        }.items()
    }

    assert statuses == {"mentee": 200, "mentor": 200, "coach": 200, "other_fellow": 404}


def test_the_cycle_page_offers_feedback_only_once_a_session_is_held():
    cycle = CycleFactory()
    url = cycle.get_absolute_url()
    feedback_url = reverse("mentoring:cycle_feedback", args=[cycle.pk])

    before = _client(cycle.mentor).get(url).content.decode()
    services.schedule_session(
        cycle=cycle,
        person=cycle.mentor,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        notify=False,
        allow_past=True,
    )
    after = _client(cycle.mentor).get(url).content.decode()

    assert (feedback_url in before, feedback_url in after) == (False, True)


def test_a_cycle_form_with_errors_comes_back_with_what_was_typed():
    # The cycle's forms redirected on an error: the place and the link typed were lost.
    cycle = CycleFactory()
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"starts_at": past, "place": "Salle Marianne, Ségur"}

    response = _client(cycle.mentor).post(
        reverse("mentoring:cycle_schedule", args=[cycle.pk]), data
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez une date à venir." in page
    assert 'value="Salle Marianne, Ségur"' in page
    assert cycle.cycle_sessions.count() == 0


def test_pages_speak_to_their_reader():
    # The offers told a project owner to choose mentors « en exprimant votre besoin », which
    # only fellows can; the coach filing a need read « ne vous est proposé ».
    cohort = CohortFactory()
    OfferFactory()
    owner = PersonFactory(project_owner=True, cohort=cohort)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)
    offers = reverse("mentoring:offer_list")

    owner_page = _client(owner).get(offers).content.decode()
    fellow_page = _client(fellow).get(offers).content.decode()
    coach_form = _client(coach).get(reverse("mentoring:need_file", args=[cohort.slug]))

    assert "en exprimant votre besoin" not in owner_page
    assert "en exprimant votre besoin" in fellow_page
    assert "ne lui est proposé" in coach_form.content.decode()
    assert "ne vous est proposé" not in coach_form.content.decode()


def test_closing_a_cycle_asks_first_and_names_the_sessions_it_will_cancel():
    cycle = CycleFactory()
    planned = services.schedule_session(
        cycle=cycle,
        person=cycle.mentor,
        starts_at=timezone.now() + datetime.timedelta(days=6),
        notify=False,
    )
    client = _client(cycle.mentor)
    url = reverse("mentoring:cycle_close", args=[cycle.pk])

    cycle_page = client.get(cycle.get_absolute_url()).content.decode()
    confirmation = client.get(url)
    cycle.refresh_from_db()
    planned.refresh_from_db()

    assert f'href="{url}"' in cycle_page
    assert f'action="{url}"' not in cycle_page
    assert "Sa séance encore à venir sera annulée" in confirmation.content.decode()
    assert (cycle.is_open, planned.is_cancelled) == (True, False)

    client.post(url)
    cycle.refresh_from_db()
    planned.refresh_from_db()
    assert (cycle.is_open, planned.is_cancelled) == (False, True)
    assert client.get(url).status_code == 302


def test_the_mentors_feedback_form_says_the_mentee_does_not_read_the_comment():
    html = CycleFeedbackForm(is_mentor=True)["comment"].as_field_group()

    assert "Lu par les coachs ; la personne accompagnée ne le voit pas." in html
