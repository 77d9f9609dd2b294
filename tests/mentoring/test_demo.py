import pytest

from magellan.demo.mentoring import load_mentoring_demo
from magellan.directory.models import Cohort
from magellan.mentoring import queries
from magellan.mentoring.models import Offer, ProposalStatus, Round, RoundStatus


@pytest.mark.django_db
def test_demo_has_offers_a_confirmed_round_cycles_and_proposals_for_the_demo_mentor(demo_site):
    summary = queries.cohort_summary(Cohort.objects.get(slug="promotion-9"))
    round = Round.objects.get()

    assert Offer.objects.count() == 15
    assert round.status == RoundStatus.CONFIRMED
    assert [u["key"] for u in round.unmatched] == ["expertise"]
    assert (
        round.proposals.filter(
            status=ProposalStatus.PROPOSED, mentor__user__email="mentor@demo.magellan.test"
        ).count()
        == 2
    )
    assert (summary["cycles_in_progress"], summary["cycles_completed"]) == (10, 1)
    assert summary["sessions_held"] > summary["cycles_in_progress"]
    assert (summary["mentee_rating"], summary["mentor_rating"]) == (5.0, 4.0)
    labels = [t["label"] for p in round.proposals.all() for t in p.terms]
    assert any(label.startswith("choisi·e en préférence n° 1") for label in labels)
    assert load_mentoring_demo() == 0  # idempotent: offers exist, nothing added
