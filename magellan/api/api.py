"""The Magellan API (OpenAPI at /api/openapi.json, docs at /api/docs).

Anonymous callers read what the public pages show; a token (created on the « Jetons d’API » page,
or `manage.py issue_api_token`) opens what its account sees on the pages, within the token's
scopes (an area, read or write). Writes need a token (no cookie: no CSRF) and go through the
apps' services with the pages' permission predicates. A wrong, revoked or expired token is a
401; a missing scope a 403; a service's refusal a 400 or 409 with its French message; too many
requests for one token a 429 with `Retry-After`.
"""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django_ratelimit.core import get_usage
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from magellan.directory import permissions, queries
from magellan.directory.models import (
    Administration,
    Challenge,
    Cohort,
    Expertise,
    Person,
    Profession,
    Role,
    Theme,
)

from . import services
from .models import ApiToken
from .schemas import (
    AdministrationOut,
    ChallengeDetailOut,
    ChallengeOut,
    CohortOut,
    ErrorOut,
    PersonDetailOut,
    PersonOut,
)


class UnauthorizedError(Exception):
    """A 401 with its reason."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class TooManyRequestsError(Exception):
    """A 429: the token made too many requests; `retry_after` seconds until the window ends."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _token_key(group: str, request: HttpRequest) -> str:
    return str(request.api_token.pk)  # type: ignore[attr-defined]


def authenticate_token(request: HttpRequest, raw: str) -> Any:
    """The account behind a raw token: 401 when unknown, revoked or expired, 429 beyond the
    token's rate (MAGELLAN_API_TOKEN_RATE); records the use."""
    token = services.token_for(raw)
    if token is None or token.revoked_at is not None:
        raise UnauthorizedError("Invalid or revoked token.")
    if token.is_expired:
        raise UnauthorizedError("Expired token.")
    acting = services.acting_user(token)
    if acting is None:
        raise UnauthorizedError(
            "The coach who issued this integration token is no longer an active coach; "
            "a coach must issue a new one."
        )
    request.api_token = token  # type: ignore[attr-defined]
    usage = get_usage(
        request,
        group="api-token",
        key=_token_key,
        rate=settings.MAGELLAN_API_TOKEN_RATE,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        raise TooManyRequestsError(max(1, int(usage["time_left"])))
    services.record_use(token=token)
    request.user = acting
    return acting


class OptionalBearer(HttpBearer):
    """A bearer token when given (and then it must be valid); anonymous access otherwise."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if not header:
            # A signed-in member browsing the API (its docs page) reads it as themself.
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else AnonymousCaller()
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return authenticate_token(request, token)


class TokenBearer(HttpBearer):
    """A bearer token, required (writes never take the session cookie: no CSRF to forge)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return authenticate_token(request, token)


class AnonymousCaller:
    is_authenticated = False
    is_staff = False
    pk = None


class MagellanAPI(NinjaAPI):
    """The API whose OpenAPI document says the token is optional on the read operations."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path_operations in schema["paths"].values():
            for operation in path_operations.values():
                security = operation.setdefault("security", [])
                # `{}` among the requirements: the operation also answers without a token.
                if {"OptionalBearer": []} in security and {} not in security:
                    security.append({})
        schemes = schema.get("components", {}).get("securitySchemes", {})
        if "OptionalBearer" in schemes:
            schemes["OptionalBearer"]["description"] = (
                "Optional on reads: a token (`Authorization: Bearer mgl_…`). Without it, the "
                "public directory; a wrong, revoked or expired token is a 401."
            )
        if "TokenBearer" in schemes:
            schemes["TokenBearer"]["description"] = (
                "Required on writes: a token holding the operation's write scope."
            )
        return schema


api = MagellanAPI(
    title="Magellan API",
    version="1",
    description=(
        "The EIG program's directory (cohorts, administrations, challenges, people), its "
        "sessions (registration, attendance), its help desk and its teams' weekly bulletins. "
        "Without a token you read the public directory; with a token "
        "(`Authorization: Bearer mgl_…`) you read what its account sees and, within the token's "
        "scopes (`directory`, `program`, `helpdesk`, `bulletins`; each `read` or `write`), write "
        'through the same rules as the pages. Errors are `{"detail": "…"}`; refusals of '
        "the program's rules are in French."
    ),
    auth=OptionalBearer(),
    urls_namespace="api",
)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(request, {"detail": "A valid bearer token is required."}, status=401)


@api.exception_handler(UnauthorizedError)
def on_unauthorized(request: HttpRequest, exc: UnauthorizedError) -> Any:
    return api.create_response(request, {"detail": exc.detail}, status=401)


@api.exception_handler(TooManyRequestsError)
def on_too_many_requests(request: HttpRequest, exc: TooManyRequestsError) -> Any:
    response = api.create_response(
        request,
        {"detail": f"Too many requests for this token: retry in {exc.retry_after} s."},
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> Any:
    reasons = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors
    )
    return api.create_response(request, {"detail": f"Invalid request: {reasons}"}, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> Any:
    return api.create_response(request, {"detail": "Not found."}, status=404)


def require_scope(request: HttpRequest, area: str, level: str) -> None:
    """A 403 with its reason when the request's token lacks the scope (no token: the public
    or a signed-in browser, whom the visibility rules already bound, reads)."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is not None and not token.allows(area, level):
        raise HttpError(403, f"This token lacks the scope {area}:{level}.")


MAX_PAGE = 1_000_000


class Pagination(PageNumberPagination):
    """Pages of MAGELLAN_API_PAGE_SIZE items (read at call time; `page_size` asks for up to
    NINJA_MAX_PER_PAGE_SIZE); a page number no database can offset to is a 400."""

    class Input(Schema):
        # The bound is checked in paginate_queryset (a 400 with its reason), and documented here.
        page: int = Field(1, ge=1, json_schema_extra={"maximum": MAX_PAGE})
        page_size: int | None = Field(None, ge=1)

    def _get_page_size(self, requested_page_size: int | None) -> int:
        if requested_page_size is None:
            return int(settings.MAGELLAN_API_PAGE_SIZE)
        return min(requested_page_size, self.max_page_size)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        if pagination.page > MAX_PAGE:
            raise HttpError(400, f"Invalid request: page must be at most {MAX_PAGE}.")
        return super().paginate_queryset(queryset, pagination, request, **params)


def answers(ok: Any, *, filtered: bool = False, found: bool = False) -> dict[int, Any]:
    """Every answer an operation may give: 200, and the errors any request may meet.

    400 (a NUL byte in the address, a page beyond the bound, an unknown filter value), 401 (a
    wrong, revoked or expired token), 403 (a token without the scope), 404 for one item, 422 for
    parameters that do not validate, 429 (too many requests for one token).
    """
    responses: dict[int, Any] = {
        200: ok,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        429: ErrorOut,
    }
    if found:
        responses[404] = ErrorOut
    if filtered:
        responses[422] = ErrorOut
    return responses


def _caller(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _slug_filter(label: str) -> Any:
    return Field(
        None, description=f"The slug of a known {label}; an unknown one is a 400 with its reason."
    )


class ChallengeFilters(Schema):
    q: str = Field("", description="Text to find in the title, summary or administration name.")
    cohort: str | None = _slug_filter("cohort")
    administration: str | None = _slug_filter("administration")
    theme: str | None = _slug_filter("theme")
    expertise: str | None = _slug_filter("expertise")


class PersonFilters(Schema):
    q: str = Field("", description="Text to find in the name, job title or biography.")
    cohort: str | None = _slug_filter("cohort")
    role: Role | None = None
    profession: Profession | None = None


def _by_slug(model: Any, slug: str | None, label: str) -> Any:
    if not slug:
        return None
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        raise HttpError(400, f"Unknown {label}: {slug!r}.")
    return obj


@api.get("/cohorts", response=answers(list[CohortOut], filtered=True), tags=["directory"])
@paginate(Pagination)
def list_cohorts(request: HttpRequest) -> Any:
    """All cohorts with their phases."""
    require_scope(request, "directory", "read")
    return Cohort.objects.prefetch_related("phases")


@api.get("/cohorts/{slug}", response=answers(CohortOut, found=True), tags=["directory"])
def get_cohort(request: HttpRequest, slug: str) -> Any:
    require_scope(request, "directory", "read")
    return get_object_or_404(Cohort.objects.prefetch_related("phases"), slug=slug)


@api.get(
    "/administrations", response=answers(list[AdministrationOut], filtered=True), tags=["directory"]
)
@paginate(Pagination)
def list_administrations(request: HttpRequest) -> Any:
    require_scope(request, "directory", "read")
    return Administration.objects.all()


@api.get(
    "/administrations/{slug}", response=answers(AdministrationOut, found=True), tags=["directory"]
)
def get_administration(request: HttpRequest, slug: str) -> Any:
    require_scope(request, "directory", "read")
    return get_object_or_404(Administration, slug=slug)


@api.get("/challenges", response=answers(list[ChallengeOut], filtered=True), tags=["directory"])
@paginate(Pagination)
def list_challenges(request: HttpRequest, filters: Query[ChallengeFilters]) -> Any:
    """Challenges the caller may see, filtered like the challenge list page."""
    require_scope(request, "directory", "read")
    return queries.search_challenges(
        queries.challenges_visible_to(_caller(request)),
        text=filters.q.strip(),
        cohort=_by_slug(Cohort, filters.cohort, "cohort"),
        administration=_by_slug(Administration, filters.administration, "administration"),
        theme=_by_slug(Theme, filters.theme, "theme"),
        expertise=_by_slug(Expertise, filters.expertise, "expertise"),
    )


@api.get("/challenges/{slug}", response=answers(ChallengeDetailOut, found=True), tags=["directory"])
def get_challenge(request: HttpRequest, slug: str) -> Any:
    require_scope(request, "directory", "read")
    challenge = get_object_or_404(
        Challenge.objects.select_related("administration").prefetch_related(
            "cohorts", "themes", "expertises", "links"
        ),
        slug=slug,
    )
    caller = _caller(request)
    if not permissions.can_view_challenge(caller, challenge):
        raise Http404
    challenge.visible_team = queries.team_of(challenge, caller)  # type: ignore[attr-defined]
    return challenge


@api.get("/people", response=answers(list[PersonOut], filtered=True), tags=["directory"])
@paginate(Pagination)
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    """People the caller may see (the public sees only those who consented)."""
    require_scope(request, "directory", "read")
    return queries.search_people(
        queries.people_visible_to(_caller(request)),
        text=filters.q.strip(),
        cohort=_by_slug(Cohort, filters.cohort, "cohort"),
        role=filters.role or "",
        profession=filters.profession or "",
    )


@api.get("/people/{slug}", response=answers(PersonDetailOut, found=True), tags=["directory"])
def get_person(request: HttpRequest, slug: str) -> Any:
    require_scope(request, "directory", "read")
    person = get_object_or_404(
        Person.objects.prefetch_related("expertises", "cohort_roles__cohort"), slug=slug
    )
    caller = _caller(request)
    if not permissions.can_view_person(caller, person):
        raise Http404
    person.visible_email = (  # type: ignore[attr-defined]
        (person.email or None) if permissions.can_view_contact(caller, person) else None
    )
    person.visible_memberships = queries.memberships_visible_to(person, caller)  # type: ignore[attr-defined]
    return person


# The program, help-desk and bulletin operations register on `api` when imported.
from . import operations  # noqa: E402, F401 - after `api` exists, which they decorate
