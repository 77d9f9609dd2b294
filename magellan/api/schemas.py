"""The API's output shapes; resolvers read prefetched relations (no per-row queries)."""

import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator


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


# --- Writes: inputs are bounded here (the services check the rules) -------------------------

DB_INT_MAX = 2_147_483_647


def _no_nul(value: Any) -> Any:
    """Text holding a NUL byte is refused (a 422): no database column stores it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not hold a NUL byte")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class WriteIn(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def refuse_nul(cls, value: Any) -> Any:
        return _no_nul(value)


class SessionOut(Schema):
    id: int
    title: str
    cohort: str
    format: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    is_cancelled: bool
    registration_required: bool

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj)

    @staticmethod
    def resolve_cohort(obj: Any) -> str:
        return str(obj.cohort.slug)

    @staticmethod
    def resolve_format(obj: Any) -> str:
        return str(obj.format.name)

    @staticmethod
    def resolve_registration_required(obj: Any) -> bool:
        return bool(obj.format.registration_required)


class RegistrationOut(Schema):
    session: int
    person: str
    status: Literal["registered", "waitlisted", "cancelled"]


class AttendanceIn(WriteIn):
    mark: Literal["present", "absent", "excused"]


class AttendanceOut(Schema):
    session: int
    person: str
    mark: Literal["present", "absent", "excused"]


class HelpRequestIn(WriteIn):
    subject: str = Field(max_length=1000)
    description: str = Field(max_length=20_000)
    urgency: Literal["normal", "urgent"] = "normal"
    wished_form: Literal["written", "session"] = "written"
    challenge: str | None = Field(
        None, description="The team's challenge slug; by default the author's current one."
    )
    expertises: list[str] = Field(
        default_factory=list, max_length=20, description="Expertise slugs, to route the request."
    )


class HelpRequestOut(Schema):
    id: int
    subject: str
    status: str
    urgency: str
    wished_form: str
    challenge: str | None
    url: str

    @staticmethod
    def resolve_challenge(obj: Any) -> str | None:
        return obj.challenge.slug if obj.challenge_id else None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class BulletinIn(WriteIn):
    version: int | None = Field(
        None,
        ge=1,
        le=DB_INT_MAX,
        description="None to write the week's bulletin, or the version read to edit it.",
    )
    mood: int = Field(ge=1, le=4, description="1 difficult, 2 mixed, 3 good, 4 excellent.")
    priority: str = Field(max_length=5000)
    ups_and_downs: str = Field(max_length=5000)
    help_needed: str = Field("", max_length=5000)
    help_is_private: bool = False
    open_request: bool = Field(False, description="Open a help request from the help needed.")
    key_date: datetime.date | None = None
    key_date_description: str = Field("", max_length=1000)


class BulletinOut(Schema):
    challenge: str
    iso_year: int
    iso_week: int
    version: int
    mood: int
    priority: str
    ups_and_downs: str
    help_needed: str
    help_is_private: bool
    key_date: datetime.date | None
    key_date_description: str
    help_request: int | None

    @staticmethod
    def resolve_challenge(obj: Any) -> str:
        return str(obj.challenge.slug)

    @staticmethod
    def resolve_help_request(obj: Any) -> int | None:
        return obj.help_request_id
