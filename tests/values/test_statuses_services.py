import pytest

from magellan.values.models import Status, Value, ValueStatus, ValueStatusChange
from magellan.values.services.base import ConflictError, ValuesError
from magellan.values.services.statuses import set_value_status
from tests.factories import CohortFactory, PhaseFactory

from .values_world import make_team

pytestmark = pytest.mark.django_db


def test_a_first_status_is_created_with_its_history():
    team = make_team()
    record = set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_DATA,
        status=Status.IN_PROGRESS,
        comment="  Premier jeu en préparation ",
        version=0,
        by=team.fellow,
    )
    assert (record.status, record.comment, record.version, record.updated_by) == (
        Status.IN_PROGRESS,
        "Premier jeu en préparation",
        1,
        team.fellow,
    )
    assert list(record.changes.values_list("status", "comment", "changed_by")) == [
        (Status.IN_PROGRESS, "Premier jeu en préparation", team.fellow.pk)
    ]


def test_a_change_bumps_the_version_and_adds_to_the_history():
    team = make_team()
    first = set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_DATA,
        status=Status.IN_PROGRESS,
        version=0,
        by=team.fellow,
    )
    second = set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_DATA,
        status=Status.DONE,
        comment="Publié sur data.gouv.fr",
        version=first.version,
        by=team.coach,
    )
    assert (second.pk, second.status, second.version, second.updated_by) == (
        first.pk,
        Status.DONE,
        2,
        team.coach,
    )
    assert list(second.changes.values_list("status", flat=True)) == [
        Status.DONE,
        Status.IN_PROGRESS,
    ]


def test_saving_the_same_status_again_adds_nothing():
    team = make_team()
    first = set_value_status(
        challenge=team.challenge,
        phase=team.phase(1),
        value=Value.ECODESIGN,
        status=Status.DONE,
        version=0,
        by=team.fellow,
    )
    again = set_value_status(
        challenge=team.challenge,
        phase=team.phase(1),
        value=Value.ECODESIGN,
        status=Status.DONE,
        version=1,
        by=team.fellow,
    )
    assert again.version == 1
    assert ValueStatusChange.objects.filter(value_status=first).count() == 1


def test_not_applicable_needs_a_reason():
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        set_value_status(
            challenge=team.challenge,
            phase=team.phase(1),
            value=Value.ALGORITHMS,
            status=Status.NOT_APPLICABLE,
            comment="   ",
            version=0,
            by=team.fellow,
        )
    assert refused.value.message == "Dites pourquoi cette valeur ne s’applique pas à ce défi."
    assert ValueStatus.objects.count() == 0
    record = set_value_status(
        challenge=team.challenge,
        phase=team.phase(1),
        value=Value.ALGORITHMS,
        status=Status.NOT_APPLICABLE,
        comment="Aucune décision individuelle",
        version=0,
        by=team.fellow,
    )
    assert record.status == Status.NOT_APPLICABLE


def test_a_stale_version_is_a_conflict_and_changes_nothing():
    team = make_team()
    set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.ACCESSIBILITY,
        status=Status.IN_PROGRESS,
        version=0,
        by=team.fellow,
    )
    set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.ACCESSIBILITY,
        status=Status.DONE,
        version=1,
        by=team.project_owner,
    )
    with pytest.raises(ConflictError) as conflict:
        set_value_status(
            challenge=team.challenge,
            phase=team.phase(2),
            value=Value.ACCESSIBILITY,
            status=Status.NOT_STARTED,
            version=1,
            by=team.fellow,
        )
    assert conflict.value.current.status == Status.DONE
    record = ValueStatus.objects.get()
    assert (record.status, record.version, record.changes.count()) == (Status.DONE, 2, 2)


def test_two_first_saves_of_the_same_value_conflict():
    team = make_team()
    set_value_status(
        challenge=team.challenge,
        phase=team.phase(2),
        value=Value.OPEN_SOURCE,
        status=Status.IN_PROGRESS,
        version=0,
        by=team.fellow,
    )
    with pytest.raises(ConflictError):
        set_value_status(
            challenge=team.challenge,
            phase=team.phase(2),
            value=Value.OPEN_SOURCE,
            status=Status.DONE,
            version=0,
            by=team.project_owner,
        )
    assert ValueStatus.objects.get().status == Status.IN_PROGRESS


def test_a_phase_of_another_cohort_is_refused():
    team = make_team()
    elsewhere = PhaseFactory(cohort=CohortFactory())
    with pytest.raises(ValuesError) as refused:
        set_value_status(
            challenge=team.challenge,
            phase=elsewhere,
            value=Value.OPEN_SOURCE,
            status=Status.DONE,
            version=0,
            by=team.fellow,
        )
    assert refused.value.message == "Cette phase n’est pas celle d’une promotion de ce défi."
    assert ValueStatus.objects.count() == 0


def test_an_unknown_value_or_status_is_refused():
    team = make_team()
    with pytest.raises(ValuesError):
        set_value_status(
            challenge=team.challenge,
            phase=team.phase(1),
            value="karma",
            status=Status.DONE,
            by=team.fellow,
        )
    with pytest.raises(ValuesError):
        set_value_status(
            challenge=team.challenge,
            phase=team.phase(1),
            value=Value.OPEN_SOURCE,
            status="bientot",
            by=team.fellow,
        )
    assert ValueStatus.objects.count() == 0
