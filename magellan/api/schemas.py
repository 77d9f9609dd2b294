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
    description: str
    town: str
    expertises: list[str]
    links: list[LinkOut]
    team: list[TeamMemberOut]


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
    bio: str
    expertises: list[str]
    linkedin_url: str
    github_url: str
    website_url: str
    email: str | None
    challenges: list[ChallengeMembershipOut]


class ErrorOut(Schema):
    detail: str
