"""Every URL pattern × every role → the expected status (cases live in tests/access/<app>.py)."""

import importlib
import pkgutil
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests import access
from tests.access import ROLES, Case, World
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
    UserFactory,
)

# URL patterns with no case, and why.
UNCOVERED = {
    # Django admin pages other than its index: the admin enforces is_staff on every one of them.
    "admin:*",
}


def _cases() -> list[Case]:
    cases: list[Case] = []
    for module in pkgutil.iter_modules(access.__path__):
        cases.extend(importlib.import_module(f"tests.access.{module.name}").CASES)
    return cases


CASES = _cases()


def _url_names(patterns: list[Any], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _url_names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def _uncovered(name: str) -> bool:
    return any(
        name.startswith(rule[:-1]) if rule.endswith("*") else name == rule for rule in UNCOVERED
    )


def test_every_url_pattern_has_a_case() -> None:
    covered = {case.url_name for case in CASES}
    missing = sorted(
        n for n in _url_names(get_resolver().url_patterns) if n not in covered and not _uncovered(n)
    )
    assert missing == []


@pytest.fixture
def world(db: None) -> World:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    other_challenge = ChallengeFactory(cohorts=[cohort])
    hidden_challenge = ChallengeFactory(cohorts=[cohort], hidden=True)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    other_fellow = PersonFactory(fellow=True, cohort=cohort)
    project_owner = PersonFactory(project_owner=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=project_owner, challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    ChallengeMembershipFactory(person=other_fellow, challenge=other_challenge)
    return World(
        cohort=cohort,
        challenge=challenge,
        other_challenge=other_challenge,
        hidden_challenge=hidden_challenge,
        bare_account=UserFactory(),
        no_role=PersonFactory(with_account=True),
        fellow=fellow,
        other_fellow=other_fellow,
        project_owner=project_owner,
        sponsor=sponsor,
        mentor=PersonFactory(mentor=True, cohort=cohort),
        alumni=PersonFactory(alumni=True, cohort=CohortFactory(past=True)),
        coach=PersonFactory(coach=True, cohort=cohort),
        staff_coach=PersonFactory(staff_coach=True, cohort=cohort),
        staff=UserFactory(staff=True),
        private_person=PersonFactory(),
        public_person=PersonFactory(public=True),
    )


def test_world_roles_are_what_their_names_say(world: World) -> None:
    from magellan.directory.permissions import is_coach, is_member

    users = {role: world.user(role) for role in ROLES if role != "anonymous"}
    assert {role for role, user in users.items() if is_member(user)} == set(ROLES) - {
        "anonymous",
        "bare_account",
        "no_role",
    }
    assert {role for role, user in users.items() if is_coach(user)} == {
        "coach",
        "staff_coach",
        "staff",
    }
    assert {role for role, user in users.items() if user.is_staff} == {"staff_coach", "staff"}


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_access(case: Case, role: str, world: World) -> None:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    url = case.url(world)
    data = case.data(world) if case.data else None
    assert resolve(urlsplit(url).path).view_name == case.url_name, f"{url} is not {case.url_name}"
    response = getattr(client, case.method)(url, data=data, headers=case.headers)
    assert response.status_code == case.expect[role], f"{case.method.upper()} {url} as {role}"
    if response.status_code != 302:
        return
    if role == "anonymous" and case.anonymous_redirect:
        assert response["Location"] == case.anonymous_redirect
    elif role == "anonymous":
        # An anonymous visitor is sent to the login page, which brings them back here.
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query).get("next")) == (
            resolve_url(settings.LOGIN_URL),
            [_path_and_query(url)],
        ), f"{url} as anonymous redirects to {response['Location']}"
    else:
        assert case.redirect is not None, f"{case.label}: say where a 302 sends {role}"
        assert response["Location"] == case.redirect(world), (
            f"{case.method.upper()} {url} as {role} redirects to {response['Location']}"
        )
