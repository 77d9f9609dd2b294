import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from magellan.demo import services
from magellan.directory.models import Challenge, Cohort, CohortRole, Person, Role

pytestmark = pytest.mark.django_db


def test_load_demo_builds_a_current_cohort_and_two_past_ones() -> None:
    assert services.load_demo() is True

    current = Cohort.objects.get(slug="promotion-9")
    assert CohortRole.objects.filter(cohort=current, role=Role.FELLOW).count() == 45
    assert Challenge.objects.filter(cohorts=current).count() == 15
    assert (
        Challenge.objects.filter(cohorts=current).values("administration").distinct().count() == 12
    )
    assert CohortRole.objects.filter(role=Role.ALUMNI).values("cohort").distinct().count() == 2


def test_load_demo_is_idempotent() -> None:
    services.load_demo()
    people = Person.objects.count()

    assert services.load_demo() is False
    assert Person.objects.count() == people


def test_demo_accounts_log_in_with_their_printed_passwords() -> None:
    services.load_demo()

    for account in services.DEMO_ACCOUNTS:
        user = authenticate(
            RequestFactory().post("/"), username=account.email, password=account.password
        )
        assert user is not None, account.role
        assert user.person is not None


def test_demo_data_is_deterministic() -> None:
    services.load_demo()
    first = list(Person.objects.order_by("slug").values_list("slug", "profession", "is_public"))
    from magellan.bulletins.models import Bulletin
    from magellan.recruitment.models import Call

    Bulletin.objects.all().delete()  # a team's bulletins keep their author (PROTECT)
    Call.objects.all().delete()  # a call keeps its cohort (PROTECT)
    Person.objects.all().delete()
    Cohort.objects.all().delete()
    Challenge.objects.all().delete()
    from magellan.accounts.models import User
    from magellan.directory.models import Administration, Expertise, Theme

    User.objects.all().delete()
    Administration.objects.all().delete()
    Theme.objects.all().delete()
    Expertise.objects.all().delete()
    services.load_demo()

    assert (
        list(Person.objects.order_by("slug").values_list("slug", "profession", "is_public"))
        == first
    )


def test_demo_calendar_has_no_facilitator_in_two_places_at_once() -> None:
    from magellan.program.models import Session

    services.load_demo()
    sessions = list(Session.objects.prefetch_related("facilitators").order_by("starts_at"))
    clashes = [
        (coach.name, a.pk, b.pk)
        for k, a in enumerate(sessions)
        for b in sessions[k + 1 :]
        if b.starts_at < a.ends_at
        for coach in a.facilitators.all()
        if coach in b.facilitators.all()
    ]

    assert sessions
    assert all(s.facilitators.exists() for s in sessions if s.challenge_id is None)
    assert clashes == []
