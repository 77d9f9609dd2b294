"""The audience rule and the reads built on it: who a session is for, who sees it, who is expected."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from magellan.directory.models import Role
from magellan.program import queries, services
from magellan.program.permissions import can_view_session
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CohortRoleFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _notified(session: Any, capture: Callable[..., Any]) -> list[list[str]]:
    with capture(execute=True):
        services.notify_participants(
            session=session,
            subject="Séance modifiée",
            template_name="program/emails/session_changed.txt",
        )
    return sorted(m.to for m in mail.outbox)


def test_audience_of_a_continuing_challenge_leaves_out_its_alumni(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # A challenge carried on from last year's cohort: its former fellow is now an alumnus.
    old, current = CohortFactory(), CohortFactory()
    challenge = ChallengeFactory(cohorts=[old, current])
    alumnus = PersonFactory(name="Alix", fellow=True, cohort=old)
    CohortRoleFactory(person=alumnus, cohort=old, role=Role.ALUMNI)
    fellow = PersonFactory(name="Bao", fellow=True, cohort=current)
    for person in (alumnus, fellow):
        ChallengeMembershipFactory(person=person, challenge=challenge)
    session = SessionFactory(cohort=current, challenge=challenge, format=FormatFactory(open=True))

    assert queries.expected_participants(session) == [fellow]
    assert [can_view_session(p.user, session) for p in (alumnus, fellow)] == [False, True]
    assert _notified(session, django_capture_on_commit_callbacks) == [[fellow.email]]


def test_audience_agrees_with_visibility_for_every_person_and_session() -> None:
    last_year, cohort = CohortFactory(), CohortFactory()
    mine, other = ChallengeFactory(cohorts=[last_year, cohort]), ChallengeFactory(cohorts=[cohort])
    fellow = PersonFactory(name="Awa", fellow=True, cohort=cohort)
    neighbour = PersonFactory(name="Bao", fellow=True, cohort=cohort)
    owner = PersonFactory(name="Chloé", project_owner=True, cohort=cohort)
    mentor = PersonFactory(name="Dan", mentor=True, cohort=cohort)
    outsider = PersonFactory(name="Eli", fellow=True)  # another cohort
    alumnus = PersonFactory(name="Fanny", alumni=True, cohort=last_year)
    ChallengeMembershipFactory(person=fellow, challenge=mine)
    ChallengeMembershipFactory(person=alumnus, challenge=mine)
    ChallengeMembershipFactory(person=neighbour, challenge=other)
    ChallengeMembershipFactory(person=owner, challenge=mine, role=Role.PROJECT_OWNER)
    people = [fellow, neighbour, owner, mentor, outsider, alumnus]
    formats = {
        "fellows": FormatFactory(open=True, audience_roles=[Role.FELLOW]),
        "teams": FormatFactory(open=True, audience_roles=[Role.FELLOW, Role.PROJECT_OWNER]),
        "mentoring": FormatFactory(audience_roles=[Role.FELLOW, Role.MENTOR]),
        "nobody": FormatFactory(open=True, audience_roles=[]),
    }
    sessions = {
        f"{name}/{challenge.title if challenge else 'promotion'}": SessionFactory(
            cohort=cohort, format=format, challenge=challenge
        )
        for name, format in formats.items()
        for challenge in (None, mine)
    }

    audience = {key: list(queries.audience_people(s)) for key, s in sessions.items()}
    visible = {
        key: [p for p in people if can_view_session(p.user, s)] for key, s in sessions.items()
    }

    assert audience == visible
    assert {key: [p.name for p in names] for key, names in audience.items()} == {
        "fellows/promotion": ["Awa", "Bao"],
        f"fellows/{mine.title}": ["Awa"],
        "teams/promotion": ["Awa", "Bao", "Chloé"],
        f"teams/{mine.title}": ["Awa", "Chloé"],
        "mentoring/promotion": ["Awa", "Bao", "Dan"],
        f"mentoring/{mine.title}": ["Awa"],
        "nobody/promotion": [],
        f"nobody/{mine.title}": [],
    }


def test_audience_of_a_challenge_session_includes_the_cohorts_coaches_when_meant_for_them() -> None:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    coach = PersonFactory(name="Coach", with_account=True)
    CohortRoleFactory(person=coach, cohort=cohort, role=Role.COACH)
    PersonFactory(name="Autre coach", coach=True)  # another cohort's coach
    fellow = PersonFactory(name="Awa", fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    committee = SessionFactory(
        cohort=cohort,
        challenge=challenge,
        format=FormatFactory(open=True, audience_roles=[Role.FELLOW, Role.COACH]),
    )

    assert queries.expected_participants(committee) == [fellow, coach]
    assert list(queries.sessions_expecting(coach)) == [committee]


def test_expected_participants_of_an_empty_audience_are_nobody(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, format=FormatFactory(open=True, audience_roles=[]))

    assert queries.expected_participants(session) == []
    assert list(queries.sessions_for_person(fellow)) == []
    assert _notified(session, django_capture_on_commit_callbacks) == []


def test_a_private_session_is_only_its_registered_and_facilitators_whatever_its_format() -> None:
    # A mentoring pair's session, in a format that a coach opened to every fellow of the cohort.
    cohort = CohortFactory()
    fmt = FormatFactory(audience_roles=[Role.FELLOW], registration_required=False)
    mentee, other_fellow = (PersonFactory(fellow=True, cohort=cohort) for _ in range(2))
    mentor = PersonFactory(mentor=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, format=fmt, is_private=True, facilitators=[mentor])
    RegistrationFactory(session=session, person=mentee)
    public = SessionFactory(cohort=cohort, format=fmt)

    assert list(queries.audience_people(session)) == []
    assert [p.pk for p in queries.expected_participants(session)] == [mentee.pk]
    assert session in queries.sessions_for_person(mentee)
    assert session in queries.sessions_for_person(mentor)
    assert session not in queries.sessions_for_person(other_fellow)
    assert public in queries.sessions_for_person(other_fellow)
    assert not can_view_session(other_fellow.user, session)


def test_a_private_session_is_no_audience_conflict_but_its_facilitator_still_is() -> None:
    cohort = CohortFactory()
    mentor = PersonFactory(mentor=True, cohort=cohort, name="Mia Mentor")
    whole_cohort = SessionFactory(cohort=cohort, format=FormatFactory(name="Atelier"))
    private = SessionFactory(
        cohort=cohort, starts_at=whole_cohort.starts_at, is_private=True, facilitators=[mentor]
    )
    SessionFactory(
        starts_at=whole_cohort.starts_at,
        format=FormatFactory(name="Masterclass"),
        facilitators=[mentor],
    )

    [warnings] = queries.conflicts_for([queries.Slot.of(private)])

    assert [w.split(" : ")[0] for w in warnings] == [
        "Mia Mentor anime une autre séance à ce moment"
    ]
    assert queries.conflicts_for([queries.Slot.of(whole_cohort)]) == [()]
