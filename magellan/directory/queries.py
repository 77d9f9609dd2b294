"""Reusable read queries for the directory, with visibility applied."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from . import permissions
from .models import Administration, Challenge, ChallengeMembership, Cohort, CohortRole, Person


def person_of(user: Any) -> Person | None:
    """The directory entry of a user (None for anonymous users and accounts without one), cached per request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_magellan_person"):
        user._magellan_person = Person.objects.filter(user_id=user.pk).first()
    person: Person | None = user._magellan_person
    return person


def _visible_challenges(user: Any, path: str = "") -> Q:
    """The condition on challenges (reached through `path`) that the user may see: hidden ones for members only.

    The one place the list queries apply `permissions.can_view_challenge`'s rule.
    """
    return Q() if permissions.is_member(user) else Q(**{f"{path}is_visible": True})


def people_visible_to(user: Any) -> QuerySet[Person]:
    """People the user may see, with what list pages show prefetched."""
    qs = Person.objects.all()
    if not permissions.is_member(user):
        qs = qs.filter(is_public=True)
    return qs.prefetch_related(
        Prefetch("cohort_roles", queryset=CohortRole.objects.select_related("cohort")),
    )


def challenges_visible_to(user: Any) -> QuerySet[Challenge]:
    """Challenges the user may see, with what list pages show prefetched."""
    qs = Challenge.objects.filter(_visible_challenges(user))
    return qs.select_related("administration").prefetch_related("cohorts", "themes")


def search_challenges(
    qs: QuerySet[Challenge],
    *,
    text: str = "",
    cohort: Cohort | None = None,
    administration: Administration | None = None,
    theme: Any = None,
    expertise: Any = None,
) -> QuerySet[Challenge]:
    """Filter challenges by free text and facets."""
    if text:
        qs = qs.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(administration__name__icontains=text)
            | Q(administration__acronym__icontains=text)
        )
    if cohort is not None:
        qs = qs.filter(cohorts=cohort)
    if administration is not None:
        qs = qs.filter(administration=administration)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if expertise is not None:
        qs = qs.filter(expertises=expertise)
    return qs.distinct()


def search_people(
    qs: QuerySet[Person],
    *,
    text: str = "",
    cohort: Cohort | None = None,
    role: str = "",
    profession: str = "",
) -> QuerySet[Person]:
    """Filter people by free text and facets (role and cohort apply to the same role row)."""
    if text:
        qs = qs.filter(
            Q(name__icontains=text) | Q(job_title__icontains=text) | Q(bio__icontains=text)
        )
    if cohort is not None and role:
        qs = qs.filter(cohort_roles__cohort=cohort, cohort_roles__role=role)
    elif cohort is not None:
        qs = qs.filter(cohort_roles__cohort=cohort)
    elif role:
        qs = qs.filter(cohort_roles__role=role)
    if profession:
        qs = qs.filter(profession=profession)
    return qs.distinct()


def team_of(challenge: Challenge, user: Any) -> list[ChallengeMembership]:
    """A challenge's team, restricted to the people the user may see."""
    qs = challenge.memberships.select_related("person").order_by("role", "person__name")
    if not permissions.is_member(user):
        qs = qs.filter(person__is_public=True)
    return list(qs)


def memberships_visible_to(person: Person, user: Any) -> list[ChallengeMembership]:
    """A person's challenges as the user may see them (the person page, the API), by title."""
    return list(
        person.memberships.filter(_visible_challenges(user, "challenge__"))
        .select_related("challenge__administration")
        .order_by("challenge__title", "role")
    )


def cohorts_with_stats() -> QuerySet[Cohort]:
    """Cohorts with their numbers of challenges and fellows."""
    return Cohort.objects.annotate(
        challenge_count=Count("challenges", distinct=True),
        fellow_count=Count("roles", filter=Q(roles__role="fellow"), distinct=True),
    ).order_by("-number", "variant")


def administrations_with_stats(user: Any) -> QuerySet[Administration]:
    """Administrations with the number of challenges the user may see."""
    return Administration.objects.annotate(
        challenge_count=Count(
            "challenges", filter=_visible_challenges(user, "challenges__"), distinct=True
        )
    ).order_by("name")


def search_administrations(
    qs: QuerySet[Administration], *, text: str = ""
) -> QuerySet[Administration]:
    """Filter administrations by name, acronym or one of their other names."""
    if not text:
        return qs
    return qs.filter(
        Q(name__icontains=text) | Q(acronym__icontains=text) | Q(aliases__name__icontains=text)
    ).distinct()
