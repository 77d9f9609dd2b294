"""The services' bulk writes (`QuerySet.update`, `bulk_create`, `bulk_update`) record their history too."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from magellan.directory.importers import import_eig_site, import_people
from magellan.directory.models import ChallengeMembership, CohortRole, Person
from magellan.grouping import services as grouping_services
from magellan.grouping.models import Grouping, GroupingStatus, GroupMember
from magellan.mentoring import services as mentoring_services
from magellan.mentoring.models import Proposal, ProposalStatus
from magellan.program.models import Session
from magellan.program.services import rederive_phases
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    ExpertiseFactory,
    NeedFactory,
    OfferFactory,
    PersonFactory,
    PhaseFactory,
    ProposalFactory,
    SessionFactory,
)
from tests.grouping.conftest import make_setting

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parents[1] / "directory" / "import_samples"


def _types(model, pk) -> list[tuple[str, str]]:
    history = model.history.filter(id=pk).order_by("history_date", "history_id")
    return [(h.history_type, h.history_change_reason or "") for h in history]


def test_the_people_import_records_creations_and_changes_as_an_import() -> None:
    CohortFactory(number=8, slug="promotion-8")
    ChallengeFactory(title="Carte des sources", slug="carte-des-sources")
    ChallengeFactory(title="Registre des ponts", slug="registre-des-ponts")
    yann = PersonFactory(email="yann@example.org", name="Yann Ancien")

    import_people(SAMPLES / "csv" / "semicolons_bom.csv", cohort_slug="promotion-8")

    zoe = Person.objects.get(email="zoe@example.org")
    assert _types(Person, zoe.pk) == [("+", "import")]
    assert _types(Person, yann.pk) == [("+", ""), ("~", "import")]
    assert Person.history.filter(id=yann.pk, history_type="~").get().name == "Yann Test"
    for model in (CohortRole, ChallengeMembership):
        rows = list(model.objects.values_list("pk", flat=True))
        assert len(rows) == 2
        assert model.history.filter(history_type="+", history_change_reason="import").count() == 2


def test_the_site_import_records_the_rows_it_creates_in_bulk() -> None:
    import_eig_site(SAMPLES / "site")

    roles = CohortRole.objects.count()
    memberships = ChallengeMembership.objects.count()
    assert roles > 0
    assert CohortRole.history.filter(history_type="+").count() == roles
    assert ChallengeMembership.history.filter(history_type="+").count() == memberships


def test_a_session_moved_to_another_phase_records_it() -> None:
    cohort = CohortFactory()
    session = SessionFactory(cohort=cohort)
    assert session.phase_id is None
    phase = PhaseFactory(
        cohort=cohort,
        start_date=timezone.localdate(session.starts_at) - datetime.timedelta(days=1),
        end_date=timezone.localdate(session.starts_at) + datetime.timedelta(days=1),
    )

    assert rederive_phases(cohort=cohort) == 1

    last = Session.history.filter(id=session.pk).order_by("-history_id").first()
    assert (last.history_type, last.phase_id) == ("~", phase.pk)


def test_groups_saved_published_unpublished_and_announced_are_recorded() -> None:
    setting = make_setting()
    grouping = grouping_services.form_groups(session=setting.session, seed=1)
    members = list(GroupMember.objects.filter(grouping=grouping).values_list("pk", flat=True))
    assert GroupMember.history.filter(id__in=members, history_type="+").count() == len(members)

    grouping_services.publish_grouping(grouping=grouping)
    published = Grouping.history.filter(id=grouping.pk).order_by("-history_id").first()
    grouping_services.announce_grouping(grouping=grouping)
    announced = Grouping.history.filter(id=grouping.pk).order_by("-history_id").first()
    grouping_services.unpublish_grouping(grouping=grouping)
    unpublished = Grouping.history.filter(id=grouping.pk).order_by("-history_id").first()

    assert published.status == GroupingStatus.PUBLISHED
    assert published.published_at is not None
    assert announced.announced_at is not None
    assert (unpublished.status, unpublished.published_at) == (GroupingStatus.DRAFT, None)


def test_a_copy_of_published_groups_records_its_members() -> None:
    setting = make_setting()
    grouping = grouping_services.form_groups(session=setting.session, seed=1)
    grouping_services.publish_grouping(grouping=grouping)
    before = GroupMember.history.filter(history_type="+").count()

    draft = grouping_services._draft_to_edit(setting.session)

    copied = GroupMember.objects.filter(grouping=draft).count()
    assert copied > 0
    assert GroupMember.history.filter(history_type="+").count() == before + copied


def _round_with_one_proposal():
    cohort = CohortFactory()
    data = ExpertiseFactory()
    mentor = OfferFactory(expertise=data, capacity=1).person
    need = NeedFactory(cohort=cohort, main_expertise=data)
    round = mentoring_services.open_round(cohort=cohort, created_by=None)
    round = mentoring_services.run_round(round=round)
    return round, need, mentor


def test_a_computed_round_records_its_proposals_then_their_pin_and_confirmation() -> None:
    round, need, mentor = _round_with_one_proposal()
    proposal = round.proposals.get()
    assert _types(Proposal, proposal.pk) == [("+", "")]

    mentoring_services.pin_pair(round=round, need=need, mentor=mentor)
    assert Proposal.history.filter(id=proposal.pk).latest("history_id").is_pinned is True

    mentoring_services.confirm_round(round=round)
    last = Proposal.history.filter(id=proposal.pk).latest("history_id")
    assert (last.history_type, last.status) == ("~", ProposalStatus.PROPOSED)


def test_a_withdrawn_need_records_its_withdrawn_proposal() -> None:
    proposal = ProposalFactory(status=ProposalStatus.PROPOSED)

    mentoring_services.withdraw_need(need=proposal.need)

    last = Proposal.history.filter(id=proposal.pk).latest("history_id")
    assert (last.history_type, last.status) == ("~", ProposalStatus.WITHDRAWN)


def test_telling_coaches_of_an_overdue_proposal_records_it() -> None:
    now = timezone.now()
    late = ProposalFactory(proposed_at=now - datetime.timedelta(days=8))
    PersonFactory(coach=True, cohort=late.need.cohort)

    assert mentoring_services.tell_coaches_of_overdue(now=now) == 1

    assert Proposal.history.filter(id=late.pk).latest("history_id").coach_told_at == now
