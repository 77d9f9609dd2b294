import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from magellan.mentoring import services
from magellan.mentoring.models import (
    ConstraintKind,
    Cycle,
    CycleStatus,
    Need,
    NeedStatus,
    Offer,
    Proposal,
    ProposalStatus,
    RoundConstraint,
    RoundStatus,
)
from magellan.program.models import RegistrationStatus
from magellan.program.queries import sessions_for_person
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CycleFactory,
    ExpertiseFactory,
    NeedFactory,
    OfferFactory,
    PersonFactory,
    ProposalFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


# --- Offers and needs ------------------------------------------------------------------------


def test_save_offer_refuses_a_capacity_of_zero_and_changes_nothing():
    offer = OfferFactory(capacity=2, expertise=ExpertiseFactory())
    offer.capacity = 0

    with pytest.raises(services.MentoringError, match="au moins 1"):
        services.save_offer(offer=offer, expertises=[(ExpertiseFactory(), 3)], away=[])

    assert Offer.objects.get(pk=offer.pk).capacity == 2
    assert offer.expertises.count() == 1


def test_save_offer_replaces_expertises_and_away_periods():
    offer = OfferFactory(expertise=ExpertiseFactory())
    data, design = ExpertiseFactory(name="Data"), ExpertiseFactory(name="Design")
    day = datetime.date(2027, 2, 1)

    services.save_offer(offer=offer, expertises=[(data, 3), (design, 1)], away=[(day, day)])

    assert sorted((e.expertise.name, e.level) for e in offer.expertises.all()) == [
        ("Data", 3),
        ("Design", 1),
    ]
    assert list(offer.away_periods.values_list("start_date", flat=True)) == [day]


def test_save_need_refuses_an_empty_description_and_saves_nothing():
    cohort = CohortFactory()
    need = Need(
        cohort=cohort,
        person=PersonFactory(fellow=True, cohort=cohort),
        main_expertise=ExpertiseFactory(),
        description="   ",
        availability=["mon_am"],
    )

    with pytest.raises(services.MentoringError, match="Décrivez votre besoin"):
        services.save_need(need=need, secondary=[], preferred=[])

    assert Need.objects.count() == 0


def test_save_need_refuses_a_preferred_mentor_never_available_at_the_same_time():
    mentor = OfferFactory(availability=["fri_pm"]).person
    need = NeedFactory.build(
        cohort=CohortFactory(), person=PersonFactory(), main_expertise=ExpertiseFactory()
    )
    need.availability = ["mon_am"]

    with pytest.raises(services.MentoringError, match="ne croisent jamais celles de"):
        services.save_need(need=need, secondary=[], preferred=[mentor])

    assert Need.objects.count() == 0


def test_save_need_keeps_ranked_preferences_and_who_filed_it():
    first, second = OfferFactory().person, OfferFactory().person
    coach = PersonFactory(coach=True)
    need = NeedFactory.build(
        cohort=CohortFactory(), person=PersonFactory(), main_expertise=ExpertiseFactory()
    )

    services.save_need(need=need, secondary=[], preferred=[second, first], filed_by=coach)

    assert list(need.preferences.values_list("mentor", "rank")) == [(second.pk, 1), (first.pk, 2)]
    assert need.filed_by == coach


# --- Rounds ----------------------------------------------------------------------------------


def _pool(cohort, expertise, *, mentors=2, capacity=1):
    return [OfferFactory(expertise=expertise, capacity=capacity).person for _ in range(mentors)]


def test_run_round_proposes_explained_pairs_and_gives_unmatched_reasons():
    cohort = CohortFactory()
    data, law = ExpertiseFactory(name="Data"), ExpertiseFactory(name="Droit")
    mentor = _pool(cohort, data, mentors=1)[0]
    matched = NeedFactory(cohort=cohort, main_expertise=data)
    full = NeedFactory(cohort=cohort, main_expertise=data)
    nobody = NeedFactory(cohort=cohort, main_expertise=law)
    round = services.open_round(cohort=cohort, created_by=None)

    round = services.run_round(round=round)

    proposal = round.proposals.get()
    assert (proposal.need, proposal.mentor, proposal.status) == (matched, mentor, "draft")
    assert proposal.terms[0] == {
        "label": "expertise « Data » (besoin principal) : expert·e",
        "points": 40.0,
    }
    assert proposal.score == round.proposals.get().score == sum(t["points"] for t in proposal.terms)
    assert [(u["need"], u["key"]) for u in round.unmatched] == [
        (full.pk, "capacity"),
        (nobody.pk, "expertise"),
    ]


def test_run_round_leaves_out_a_mentor_of_the_same_administration_unless_lifted():
    cohort = CohortFactory()
    data = ExpertiseFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    need = NeedFactory(cohort=cohort, main_expertise=data)
    ChallengeMembershipFactory(person=need.person, challenge=challenge)
    OfferFactory(expertise=data, administration=challenge.administration)
    round = services.open_round(cohort=cohort, created_by=None)

    round = services.run_round(round=round)
    assert [u["key"] for u in round.unmatched] == ["affiliation"]

    Need.objects.filter(pk=need.pk).update(allow_same_affiliation=True)
    services.run_round(round=round)
    assert round.proposals.count() == 1


def test_rerun_keeps_pins_and_forbidden_pairs():
    cohort = CohortFactory()
    data = ExpertiseFactory()
    first, second = _pool(cohort, data, mentors=2, capacity=2)
    need = NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)
    chosen = round.proposals.get().mentor
    other = second if chosen == first else first

    services.pin_pair(round=round, need=need, mentor=other)
    services.run_round(round=round)
    assert (round.proposals.get().mentor, round.proposals.get().is_pinned) == (other, True)

    RoundConstraint.objects.filter(round=round).delete()
    services.forbid_pair(round=round, need=need, mentor=chosen)
    services.run_round(round=round)
    assert round.proposals.get().mentor == other


def test_swap_mentors_exchanges_two_draft_proposals_and_pins_them():
    cohort = CohortFactory()
    data = ExpertiseFactory()
    _pool(cohort, data, mentors=2)
    NeedFactory(cohort=cohort, main_expertise=data)
    NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)
    first, second = round.proposals.order_by("pk")
    before = {first.need_id: first.mentor_id, second.need_id: second.mentor_id}

    services.swap_mentors(round=round, first=first, second=second)

    after = dict(round.proposals.values_list("need", "mentor"))
    assert after == {first.need_id: before[second.need_id], second.need_id: before[first.need_id]}
    assert set(round.constraints.values_list("kind", flat=True)) == {ConstraintKind.PIN}
    services.run_round(round=round)
    assert dict(round.proposals.values_list("need", "mentor")) == after


def test_pin_of_an_impossible_pair_is_refused():
    cohort = CohortFactory()
    need = NeedFactory(cohort=cohort)
    round = services.open_round(cohort=cohort, created_by=None)
    outsider = OfferFactory(expertise=ExpertiseFactory()).person

    with pytest.raises(services.MentoringError, match="n’est pas possible"):
        services.pin_pair(round=round, need=need, mentor=outsider)

    assert round.constraints.count() == 0


def test_confirm_round_sends_the_proposals_and_emails_each_mentor(
    django_capture_on_commit_callbacks,
):
    cohort = CohortFactory()
    data = ExpertiseFactory()
    mentor = _pool(cohort, data, mentors=1)[0]
    NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_round(round=round)

    round.refresh_from_db()
    assert round.status == RoundStatus.CONFIRMED
    assert list(round.proposals.values_list("status", flat=True)) == [ProposalStatus.PROPOSED]
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert f"/mentorat/propositions/{round.proposals.get().pk}/" in mail.outbox[0].body


def test_a_round_is_not_confirmed_to_a_mentor_who_paused_since_it_was_computed():
    # A mentor who paused their offer (« aucune nouvelle proposition ») got one all the same.
    cohort = CohortFactory()
    data = ExpertiseFactory()
    mentor = _pool(cohort, data, mentors=1)[0]
    NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)
    Offer.objects.filter(person=mentor).update(is_paused=True)

    with pytest.raises(services.MentoringError, match=f"en pause : {mentor.name}"):
        services.confirm_round(round=round)

    round.refresh_from_db()
    assert round.status == RoundStatus.DRAFT
    assert list(round.proposals.values_list("status", flat=True)) == [ProposalStatus.DRAFT]


def test_confirmed_round_is_not_recomputed():
    round = RoundFactory(status=RoundStatus.CONFIRMED)

    with pytest.raises(services.MentoringError, match="confirmé"):
        services.run_round(round=round)


# --- Answers ---------------------------------------------------------------------------------


def test_accept_creates_a_cycle_and_tells_the_mentee(django_capture_on_commit_callbacks):
    proposal = ProposalFactory()

    with django_capture_on_commit_callbacks(execute=True):
        cycle = services.accept_proposal(proposal=proposal, person=proposal.mentor)

    assert (cycle.mentor, list(cycle.mentees.all())) == (proposal.mentor, [proposal.need.person])
    assert Need.objects.get(pk=proposal.need_id).status == NeedStatus.MATCHED
    assert [m.to for m in mail.outbox] == [[proposal.need.person.email]]


def test_collective_need_makes_every_fellow_of_the_team_a_mentee():
    challenge = ChallengeFactory()
    need = NeedFactory(challenge=challenge)
    teammate = PersonFactory()
    ChallengeMembershipFactory(person=teammate, challenge=challenge)
    proposal = ProposalFactory(need=need)

    cycle = services.accept_proposal(proposal=proposal, person=proposal.mentor)

    assert set(cycle.mentees.all()) == {need.person, teammate}


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (ProposalStatus.DECLINED, "déjà décliné"),
        (ProposalStatus.ACCEPTED, "déjà accepté"),
        (ProposalStatus.WITHDRAWN, "retirée par les coachs"),
    ],
)
def test_answering_a_settled_proposal_is_refused_and_changes_nothing(status, message):
    proposal = ProposalFactory(status=status)

    for answer in (services.accept_proposal, services.decline_proposal):
        with pytest.raises(services.MentoringError, match=message):
            answer(proposal=proposal, person=proposal.mentor)

    assert (Proposal.objects.get().status, Cycle.objects.count()) == (status, 0)


def test_accept_beyond_the_capacity_is_refused():
    offer = OfferFactory(capacity=1)
    CycleFactory(mentor=offer.person)
    proposal = ProposalFactory(mentor=offer.person)

    with pytest.raises(services.MentoringError, match="capacité"):
        services.accept_proposal(proposal=proposal, person=offer.person)

    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED


def test_decline_rematches_only_that_need(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    data = ExpertiseFactory()
    mentors = _pool(cohort, data, mentors=3)
    NeedFactory(cohort=cohort, main_expertise=data)
    NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)
    services.run_round(round=round)
    services.confirm_round(round=round)
    declined, kept = round.proposals.order_by("pk")
    free = next(m for m in mentors if m.pk not in {declined.mentor_id, kept.mentor_id})

    with django_capture_on_commit_callbacks(execute=True):
        new = services.decline_proposal(proposal=declined, person=declined.mentor)

    assert (new.need_id, new.mentor, new.status) == (
        declined.need_id,
        free,
        ProposalStatus.PROPOSED,
    )
    assert Proposal.objects.get(pk=kept.pk).status == ProposalStatus.PROPOSED
    assert Proposal.objects.get(pk=declined.pk).status == ProposalStatus.DECLINED
    assert [m.to for m in mail.outbox] == [[free.email]]


def test_decline_with_nobody_left_keeps_the_need_open_with_its_reason():
    proposal = ProposalFactory()
    OfferFactory(person=proposal.mentor, expertise=proposal.need.main_expertise)

    assert services.decline_proposal(proposal=proposal, person=proposal.mentor) is None

    proposal.round.refresh_from_db()
    assert [u["need"] for u in proposal.round.unmatched] == [proposal.need_id]
    assert Need.objects.get(pk=proposal.need_id).status == NeedStatus.OPEN


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: the race only exists on PostgreSQL (CI runs it).",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_never_exceed_the_capacity():
    offer = OfferFactory(capacity=1)
    proposals = [ProposalFactory(mentor=offer.person) for _ in range(6)]
    barrier = threading.Barrier(len(proposals))
    refusals: list[BaseException] = []

    def attempt(proposal):
        try:
            barrier.wait()
            services.accept_proposal(proposal=proposal, person=offer.person)
        except services.MentoringError as error:
            refusals.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (Cycle.objects.filter(mentor=offer.person).count(), len(refusals)) == (1, 5)


def test_coaches_are_told_once_of_a_proposal_unanswered_for_seven_days(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    late = ProposalFactory(proposed_at=now - datetime.timedelta(days=8))
    ProposalFactory(proposed_at=now - datetime.timedelta(days=6))
    coach = PersonFactory(coach=True, cohort=late.need.cohort)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.tell_coaches_of_overdue(now=now)
        second = services.tell_coaches_of_overdue(now=now)

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[coach.email]]


# --- Cycles ----------------------------------------------------------------------------------


def _future(days=3, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_scheduled_session_is_a_mentorat_session_of_the_pair_only(
    django_capture_on_commit_callbacks,
):
    cycle = CycleFactory()
    mentee = cycle.need.person
    other_fellow = PersonFactory(fellow=True, cohort=cycle.need.cohort)

    with django_capture_on_commit_callbacks(execute=True):
        session = services.schedule_session(
            cycle=cycle,
            person=cycle.mentor,
            starts_at=_future(),
            online_url="https://visio.example.test/a",
        )

    assert session.format.slug == "mentorat"
    assert session.is_private
    assert (session.ends_at - session.starts_at) == datetime.timedelta(minutes=90)
    assert list(session.registrations.values_list("person", "status")) == [
        (mentee.pk, RegistrationStatus.REGISTERED)
    ]
    assert list(session.facilitators.all()) == [cycle.mentor]
    assert session in sessions_for_person(mentee)
    assert session in sessions_for_person(cycle.mentor)
    assert session not in sessions_for_person(other_fellow)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, cycle.mentor.email])


def test_mentor_proposes_slots_and_the_mentee_picks_one():
    cycle = CycleFactory()
    options = services.propose_slots(
        cycle=cycle, person=cycle.mentor, starts=[_future(2), _future(4)]
    )

    session = services.pick_slot(cycle=cycle, person=cycle.need.person, slot_id=options[1].pk)

    assert session.starts_at == _future(4)
    assert cycle.slot_options.count() == 0


def test_no_more_sessions_than_the_cycle_holds():
    cycle = CycleFactory(session_count=1)
    services.schedule_session(cycle=cycle, person=cycle.mentor, starts_at=_future(2))

    with pytest.raises(services.MentoringError, match="déjà planifiées"):
        services.schedule_session(cycle=cycle, person=cycle.mentor, starts_at=_future(3))

    assert cycle.cycle_sessions.count() == 1


def test_only_the_pair_writes_notes():
    cycle = CycleFactory()
    coach = PersonFactory(coach=True)

    with pytest.raises(services.MentoringError, match="Seuls"):
        services.add_note(cycle=cycle, person=coach, body="Intrusion")

    services.add_note(cycle=cycle, person=cycle.need.person, body="Ce que j’ai retenu")
    assert list(cycle.notes.values_list("body", flat=True)) == ["Ce que j’ai retenu"]


def test_no_feedback_before_the_cycles_first_session_is_held():
    # A rating given before the pair ever met went into the cohort's mean ratings.
    cycle = CycleFactory()
    mentee = cycle.need.person
    services.schedule_session(cycle=cycle, person=cycle.mentor, starts_at=_future(5))

    with pytest.raises(services.MentoringError, match="première séance tenue"):
        services.give_cycle_feedback(cycle=cycle, person=mentee, rating=1, comment="Jamais vu")

    assert cycle.feedbacks.count() == 0


def test_feedback_close_and_follow_up():
    cycle = CycleFactory()
    mentee = cycle.need.person
    services.schedule_session(
        cycle=cycle, person=cycle.mentor, starts_at=_future(-3), notify=False, allow_past=True
    )

    services.give_cycle_feedback(
        cycle=cycle, person=mentee, rating=5, comment="Top", shared_with_mentor=False
    )
    services.give_cycle_feedback(
        cycle=cycle, person=cycle.mentor, rating=4, comment="Bien", shared_with_mentor=True
    )
    services.close_cycle(cycle=cycle, person=mentee)
    follow_up = services.request_follow_up(cycle=cycle, person=mentee)

    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.COMPLETED
    assert sorted(cycle.feedbacks.values_list("rating", "shared_with_mentor")) == [
        (4, False),
        (5, False),
    ]
    assert list(follow_up.preferences.values_list("mentor", "rank")) == [(cycle.mentor_id, 1)]
    with pytest.raises(services.MentoringError, match="déjà été demandé"):
        services.request_follow_up(cycle=cycle, person=mentee)


def test_closing_a_cycle_cancels_its_sessions_still_to_come_and_tells_the_mentee(
    django_capture_on_commit_callbacks,
):
    # Closed early, a cycle left its planned sessions in everyone's calendar, with reminders,
    # and counted them as held once their date passed.
    cycle = CycleFactory()
    mentee = cycle.need.person
    held = services.schedule_session(
        cycle=cycle,
        person=cycle.mentor,
        starts_at=_future(-3),
        notify=False,
        allow_past=True,
    )
    to_come = services.schedule_session(cycle=cycle, person=cycle.mentor, starts_at=_future(5))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.close_cycle(cycle=cycle, person=cycle.mentor)

    held.refresh_from_db()
    to_come.refresh_from_db()
    assert (held.is_cancelled, to_come.is_cancelled) == (False, True)
    assert [(m.to, "annulée" in m.subject.lower()) for m in mail.outbox] == [([mentee.email], True)]
    assert to_come not in sessions_for_person(mentee).filter(status="scheduled")


def test_a_mentor_whose_quarter_is_full_is_not_proposed():
    cohort = CohortFactory()
    data = ExpertiseFactory()
    offer = OfferFactory(expertise=data, capacity=3, capacity_per_quarter=1)
    CycleFactory(mentor=offer.person, status=CycleStatus.COMPLETED)
    NeedFactory(cohort=cohort, main_expertise=data)
    round = services.open_round(cohort=cohort, created_by=None)

    round = services.run_round(round=round)

    assert (round.proposals.count(), [u["key"] for u in round.unmatched]) == (0, ["capacity"])
