"""The API's output shapes; resolvers read prefetched relations (no per-row queries)."""

import datetime
from typing import Any

from ninja import Schema


class CohortRef(Schema):
    slug: str
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)


class AdministrationOut(Schema):
    slug: str
    name: str
    acronym: str
    website: str


class PhaseOut(Schema):
    kind: int
    name: str
    start_date: datetime.date
    end_date: datetime.date

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.get_kind_display())


class CohortOut(Schema):
    slug: str
    name: str
    number: int
    variant: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    phases: list[PhaseOut]

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)

    @staticmethod
    def resolve_phases(obj: Any) -> list[Any]:
        return list(obj.phases.all())


class LinkOut(Schema):
    kind: str
    label: str
    url: str


class TeamMemberOut(Schema):
    person: str
    name: str
    role: str


class ChallengeMembershipOut(Schema):
    challenge: str
    title: str
    role: str


class ChallengeOut(Schema):
    slug: str
    title: str
    summary: str
    administration: AdministrationOut | None
    cohorts: list[CohortRef]
    themes: list[str]

    @staticmethod
    def resolve_cohorts(obj: Any) -> list[Any]:
        return list(obj.cohorts.all())

    @staticmethod
    def resolve_themes(obj: Any) -> list[str]:
        return [t.name for t in obj.themes.all()]


class ChallengeDetailOut(ChallengeOut):
    """Built from a challenge whose `visible_team` the view has set."""

    description: str
    town: str
    expertises: list[str]
    links: list[LinkOut]
    team: list[TeamMemberOut]

    @staticmethod
    def resolve_expertises(obj: Any) -> list[str]:
        return [e.name for e in obj.expertises.all()]

    @staticmethod
    def resolve_links(obj: Any) -> list[Any]:
        return list(obj.links.all())

    @staticmethod
    def resolve_team(obj: Any) -> list[dict[str, str]]:
        return [
            {"person": m.person.slug, "name": m.person.name, "role": m.role}
            for m in obj.visible_team
        ]


class RoleOut(Schema):
    cohort: CohortRef
    role: str


class PersonOut(Schema):
    slug: str
    name: str
    profession: str
    job_title: str
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj: Any) -> list[Any]:
        return list(obj.cohort_roles.all())


class PersonDetailOut(PersonOut):
    """Built from a person whose `visible_email` and `visible_memberships` the view has set."""

    bio: str
    expertises: list[str]
    linkedin_url: str
    github_url: str
    website_url: str
    email: str | None
    challenges: list[ChallengeMembershipOut]

    @staticmethod
    def resolve_expertises(obj: Any) -> list[str]:
        return [e.name for e in obj.expertises.all()]

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return obj.visible_email

    @staticmethod
    def resolve_challenges(obj: Any) -> list[dict[str, str]]:
        return [
            {"challenge": m.challenge.slug, "title": m.challenge.title, "role": m.role}
            for m in obj.visible_memberships
        ]


class ErrorOut(Schema):
    detail: str
