import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from magellan.helpdesk import permissions, queries
from magellan.helpdesk.models import HelpRequest, Status
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, Any]:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    expertise = ExpertiseFactory()
    author = PersonFactory(fellow=True, cohort=cohort)
    teammate = PersonFactory(fellow=True, cohort=cohort)
    owner = PersonFactory(project_owner=True, cohort=cohort)
    for person, role in ((author, "fellow"), (teammate, "fellow"), (owner, "project_owner")):
        ChallengeMembershipFactory(person=person, challenge=challenge, role=role)
    helper = PersonFactory(mentor=True, cohort=cohort)
    other_helper = PersonFactory(mentor=True, cohort=cohort)
    queue_helper = PersonFactory(alumni=True, cohort=cohort)
    HelperProfileFactory(person=queue_helper, expertises=[expertise])
    request = HelpRequestFactory(
        author=author,
        challenge=challenge,
        cohort=cohort,
        status=Status.TAKEN,
        helpers=[helper],
        expertises=[expertise],
    )
    HelpRequestFactory(status=Status.TAKEN, helpers=[other_helper])
    return {
        "request": request,
        "author": author.user,
        "teammate": teammate.user,
        "owner": owner.user,
        "helper": helper.user,
        "coach": PersonFactory(coach=True, cohort=cohort).user,
        "staff": UserFactory(staff=True),
        "other_helper": other_helper.user,
        "queue_helper": queue_helper.user,
        "other_fellow": PersonFactory(fellow=True, cohort=cohort).user,
        "mentor": PersonFactory(mentor=True, cohort=cohort).user,
        "no_person": UserFactory(),
        "anonymous": AnonymousUser(),
    }


SEE = {"author", "teammate", "owner", "helper", "coach", "staff"}


def test_who_sees_a_request(people: dict[str, Any]) -> None:
    request = people["request"]

    seeing = {
        name
        for name, user in people.items()
        if name != "request" and permissions.can_view_request(user, request)
    }

    assert seeing == SEE


def test_the_list_and_the_predicate_agree(people: dict[str, Any]) -> None:
    request = people["request"]
    for name, user in people.items():
        if name == "request":
            continue
        listed = queries.requests_visible_to(user).filter(pk=request.pk).exists()
        assert listed == (name in SEE), name


def test_requests_visible_to_lists_each_once(people: dict[str, Any]) -> None:
    # The author is also in the team and could be a helper elsewhere: no duplicate rows.
    assert list(queries.requests_visible_to(people["author"])) == [people["request"]]
    assert queries.requests_visible_to(people["coach"]).count() == HelpRequest.objects.count()


def test_the_queue_shows_new_unassigned_requests_in_ones_expertises(people: dict[str, Any]) -> None:
    expertise = people["request"].expertises.get()
    fresh = HelpRequestFactory(expertises=[expertise])
    untagged = HelpRequestFactory()
    HelpRequestFactory(expertises=[ExpertiseFactory()])
    helper = people["queue_helper"].person

    assert list(queries.queue_for(helper)) == [fresh, untagged]
    assert permissions.can_take_request(people["queue_helper"], fresh) is True
    assert permissions.can_take_request(people["queue_helper"], people["request"]) is False
    assert permissions.can_view_request(people["queue_helper"], fresh) is False


def test_the_queue_leaves_out_ones_own_team(people: dict[str, Any]) -> None:
    author = people["author"].person
    HelperProfileFactory(person=author, expertises=[people["request"].expertises.get()])
    own = HelpRequestFactory(
        author=people["teammate"].person, challenge=people["request"].challenge
    )

    assert own not in queries.queue_for(author)


def test_action_predicates(people: dict[str, Any]) -> None:
    request = people["request"]

    def who(predicate: Any) -> set[str]:
        return {n for n, u in people.items() if n != "request" and predicate(u, request)}

    assert who(permissions.can_assign) == {"coach", "staff"}
    assert who(permissions.can_plan_session) == {"helper", "coach", "staff"}
    assert who(permissions.can_resolve) == {"helper", "coach", "staff"}
    assert who(permissions.can_withdraw) == {"author", "coach", "staff"}
    assert who(permissions.can_close) == set()
    assert who(permissions.can_comment) == SEE
    request.status = Status.RESOLVED
    request.resolved_at = timezone.now() - datetime.timedelta(days=1)
    assert who(permissions.can_close) == {"author", "teammate", "owner", "helper", "coach", "staff"}
    assert who(permissions.can_reopen) == {"author", "teammate", "owner", "coach", "staff"}
    request.resolved_at = timezone.now() - datetime.timedelta(days=31)
    assert who(permissions.can_reopen) == set()
    request.status = Status.CLOSED
    assert who(permissions.can_comment) == set()


def test_who_asks_and_who_helps(people: dict[str, Any]) -> None:
    askers = {n for n, u in people.items() if n != "request" and permissions.can_ask_help(u)}
    helpers = {n for n, u in people.items() if n != "request" and permissions.can_be_helper(u)}

    assert askers == {"author", "teammate", "owner", "other_fellow", "coach"}
    assert helpers == {"helper", "coach", "other_helper", "queue_helper", "mentor"}


def test_an_expert_without_a_role_is_a_helper_once_added() -> None:
    expert = PersonFactory(with_account=True)
    assert permissions.can_use_helpdesk(expert.user) is False

    HelperProfileFactory(person=expert)

    assert (permissions.can_be_helper(expert.user), permissions.can_use_helpdesk(expert.user)) == (
        True,
        True,
    )
