"""The lists a coach reads, as tables to export: one builder per list, for one cohort.

Each builder reads with the owning app's models and queries (attendance rates come from
`program.queries`, the same figures as the attendance report) and returns headers and rows of
plain values (local naive datetimes, numbers, booleans); `writers` turns them into files.
"""

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from magellan.bulletins import tables as bulletin_tables
from magellan.core.sorting import name_key
from magellan.directory.models import Challenge, ChallengeMembership, Cohort, CohortRole, Person
from magellan.grouping.models import Grouping, GroupMember
from magellan.helpdesk import tables as helpdesk_tables
from magellan.program import queries as program_queries
from magellan.program.models import (
    Attendance,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
)

from .writers import Cell

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Rows = Iterator[Sequence[Cell]]


@dataclass(frozen=True)
class Export:
    """One exportable list: its file name, its title and description, and how to build it."""

    slug: str
    title: "StrOrPromise"
    description: "StrOrPromise"
    headers: Callable[[], list[str]]
    rows: Callable[[Cohort], Rows]


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A stored moment as the local wall-clock time spreadsheets show (no time zone)."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


def _names(people: Sequence[Person]) -> str:
    return ", ".join(person.name for person in people)


# --- People and challenges -----------------------------------------------------------------


def _people_headers() -> list[str]:
    return [
        str(_("Nom")),
        str(_("Adresse e-mail")),
        str(_("Rôle(s) dans la promotion")),
        str(_("Profession")),
        str(_("Intitulé de poste")),
        str(_("Défi(s)")),
        str(_("Profil public")),
    ]


def _people_rows(cohort: Cohort) -> Rows:
    people = (
        Person.objects.filter(cohort_roles__cohort=cohort)
        .distinct()
        .prefetch_related(
            Prefetch(
                "cohort_roles",
                queryset=CohortRole.objects.filter(cohort=cohort).order_by("role"),
                to_attr="roles_here",
            ),
            Prefetch(
                "memberships",
                queryset=ChallengeMembership.objects.filter(challenge__cohorts=cohort)
                .select_related("challenge")
                .order_by("challenge__title"),
                to_attr="memberships_here",
            ),
        )
        .order_by("name", "pk")
    )
    for person in people:
        yield (
            person.name,
            person.email,
            ", ".join(str(role.get_role_display()) for role in person.roles_here),
            person.get_profession_display() if person.profession else "",
            person.job_title,
            ", ".join(sorted({m.challenge.title for m in person.memberships_here}, key=name_key)),
            person.is_public,
        )


def _challenge_headers() -> list[str]:
    return [
        str(_("Défi")),
        str(_("Administration")),
        str(_("Ville")),
        str(_("EIG")),
        str(_("Porteur·euses de projet")),
        str(_("Mentor·es de défi")),
        str(_("Visible publiquement")),
    ]


def _challenge_rows(cohort: Cohort) -> Rows:
    challenges = (
        Challenge.objects.filter(cohorts=cohort)
        .select_related("administration")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ChallengeMembership.objects.select_related("person").order_by(
                    "person__name", "pk"
                ),
            )
        )
        .order_by("title", "pk")
    )
    for challenge in challenges:
        by_role: dict[str, list[Person]] = {}
        for membership in challenge.memberships.all():
            by_role.setdefault(membership.role, []).append(membership.person)
        yield (
            challenge.title,
            challenge.administration.name if challenge.administration else "",
            challenge.town,
            _names(by_role.get("fellow", [])),
            _names(by_role.get("project_owner", [])),
            _names(by_role.get("sponsor", [])),
            challenge.is_visible,
        )


# --- Sessions, registrations, attendance, feedback -----------------------------------------


def _session_headers() -> list[str]:
    return [
        str(_("Début")),
        str(_("Fin")),
        str(_("Dispositif")),
        str(_("Séance")),
        str(_("Phase")),
        str(_("Défi")),
        str(_("Lieu")),
        str(_("Lien de visio")),
        str(_("Animation")),
        str(_("Places")),
        str(_("Inscrit·es")),
        str(_("Liste d’attente")),
        str(_("Présent·es")),
        str(_("Avis reçus")),
        str(_("Note moyenne")),
        str(_("État")),
    ]


def _session_rows(cohort: Cohort) -> Rows:
    sessions = (
        Session.objects.filter(cohort=cohort)
        .select_related("format", "phase", "challenge")
        .prefetch_related("facilitators")
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                distinct=True,
            ),
            waitlisted=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                distinct=True,
            ),
            present=Count("attendances", filter=Q(attendances__is_present=True), distinct=True),
            feedback_count=Count("feedbacks", distinct=True),
        )
        .order_by("starts_at", "pk")
    )
    ratings = dict(
        Feedback.objects.filter(session__cohort=cohort)
        .values("session")
        .annotate(mean=Avg("rating"))
        .values_list("session", "mean")
    )
    for session in sessions:
        mean = ratings.get(session.pk)
        yield (
            _local(session.starts_at),
            _local(session.ends_at),
            session.format.name,
            session.display_title,
            str(session.phase) if session.phase else "",
            session.challenge.title if session.challenge else "",
            session.place,
            session.online_url,
            _names(sorted(session.facilitators.all(), key=lambda p: (name_key(p.name), p.pk))),
            session.capacity,
            session.registered,
            session.waitlisted,
            session.present,
            session.feedback_count,
            round(mean, 1) if mean is not None else None,
            session.get_status_display(),
        )


def _registration_headers() -> list[str]:
    return [
        str(_("Début de la séance")),
        str(_("Séance")),
        str(_("Personne")),
        str(_("Adresse e-mail")),
        str(_("État")),
        str(_("Rang d’arrivée")),
        str(_("Inscrit·e le")),
    ]


def _registration_rows(cohort: Cohort) -> Rows:
    registrations = (
        Registration.objects.filter(session__cohort=cohort)
        .select_related("session__format", "person")
        .order_by("session__starts_at", "session_id", "position", "pk")
    )
    for registration in registrations:
        yield (
            _local(registration.session.starts_at),
            registration.session.display_title,
            registration.person.name,
            registration.person.email,
            registration.get_status_display(),
            registration.position,
            _local(registration.created_at),
        )


def _attendance_headers() -> list[str]:
    return [
        str(_("Début de la séance")),
        str(_("Séance")),
        str(_("Personne")),
        str(_("Présent·e")),
        str(_("Absence excusée")),
    ]


def _attendance_rows(cohort: Cohort) -> Rows:
    attendances = (
        Attendance.objects.filter(session__cohort=cohort)
        .select_related("session__format", "person")
        .order_by("session__starts_at", "session_id", "person__name", "person_id")
    )
    for attendance in attendances:
        yield (
            _local(attendance.session.starts_at),
            attendance.session.display_title,
            attendance.person.name,
            attendance.is_present,
            attendance.is_excused,
        )


def _rate_headers(label: "StrOrPromise") -> Callable[[], list[str]]:
    def headers() -> list[str]:
        return [
            str(label),
            str(_("Séances")),
            str(_("Présences")),
            str(_("Présences notées (hors absences excusées)")),
            str(_("Absences excusées")),
            str(_("Taux de présence (%)")),
        ]

    return headers


def _rate_rows(by: str) -> Callable[[Cohort], Rows]:
    def rows(cohort: Cohort) -> Rows:
        for row in program_queries.attendance_rates(cohort, by=by):
            yield (
                row["label"],
                row["sessions"],
                row["present"],
                row["total"],
                row["excused"],
                row["rate"],
            )

    return rows


def _feedback_headers() -> list[str]:
    return [
        str(_("Début de la séance")),
        str(_("Dispositif")),
        str(_("Séance")),
        str(_("Personne")),
        str(_("Note (sur 5)")),
        str(_("Commentaire")),
        str(_("Donné le")),
    ]


def _feedback_rows(cohort: Cohort) -> Rows:
    feedbacks = (
        Feedback.objects.filter(session__cohort=cohort)
        .select_related("session__format", "person")
        .order_by("session__starts_at", "session_id", "person__name", "pk")
    )
    for feedback in feedbacks:
        yield (
            _local(feedback.session.starts_at),
            feedback.session.format.name,
            feedback.session.display_title,
            feedback.person.name,
            feedback.rating,
            feedback.comment,
            _local(feedback.updated_at),
        )


# --- Groups --------------------------------------------------------------------------------


def _group_headers() -> list[str]:
    return [
        str(_("Début de la séance")),
        str(_("Séance")),
        str(_("Groupe")),
        str(_("Personne")),
        str(_("Profession")),
        str(_("État des groupes")),
    ]


def _group_rows(cohort: Cohort) -> Rows:
    members = (
        # The coach's working proposal of each session (grouping.models: `working()`).
        GroupMember.objects.filter(
            grouping__session__cohort=cohort, grouping__in=Grouping.objects.working()
        )
        .select_related("grouping__session__format", "group", "person")
        .order_by(
            "grouping__session__starts_at",
            "grouping__session_id",
            "grouping_id",
            "group__number",
            "person__name",
            "person_id",
        )
    )
    for member in members:
        session = member.grouping.session
        yield (
            _local(session.starts_at),
            session.display_title,
            member.group.label or str(member.group),
            member.person.name,
            member.person.get_profession_display() if member.person.profession else "",
            member.grouping.get_status_display(),
        )


EXPORTS: dict[str, Export] = {
    export.slug: export
    for export in (
        Export(
            "personnes",
            _("Personnes"),
            _("Chaque personne de la promotion, ses rôles, sa profession et ses défis."),
            _people_headers,
            _people_rows,
        ),
        Export(
            "defis",
            _("Défis"),
            _("Chaque défi, son administration et son équipe."),
            _challenge_headers,
            _challenge_rows,
        ),
        Export(
            "seances",
            _("Séances"),
            _("Chaque séance : date, lieu, animation, inscriptions, présences et avis."),
            _session_headers,
            _session_rows,
        ),
        Export(
            "inscriptions",
            _("Inscriptions"),
            _("Chaque inscription, sur liste d’attente ou annulée comprise."),
            _registration_headers,
            _registration_rows,
        ),
        Export(
            "presences",
            _("Présences"),
            _("Chaque présence ou absence notée, séance par séance."),
            _attendance_headers,
            _attendance_rows,
        ),
        Export(
            "presences-par-personne",
            _("Présences par personne"),
            _("Le taux de présence de chaque personne aux séances tenues."),
            _rate_headers(_("Personne")),
            _rate_rows("person"),
        ),
        Export(
            "presences-par-dispositif",
            _("Présences par dispositif"),
            _("Le taux de présence de chaque dispositif."),
            _rate_headers(_("Dispositif")),
            _rate_rows("format"),
        ),
        Export(
            "avis",
            _("Avis"),
            _("Chaque avis donné, avec sa note et son commentaire."),
            _feedback_headers,
            _feedback_rows,
        ),
        Export(
            "groupes",
            _("Groupes"),
            _("Qui était dans quel groupe, séance par séance."),
            _group_headers,
            _group_rows,
        ),
        Export(
            "demandes-aide",
            _("Demandes d’aide"),
            _("Chaque demande d’aide : état, aidant·es, délais de réponse et de résolution."),
            helpdesk_tables.headers,
            helpdesk_tables.rows,
        ),
        Export(
            "bulletins",
            _("Bulletins d’équipe"),
            _(
                "Chaque bulletin de la semaine : humeur, priorité, hauts et bas, besoin d’aide, date clé."
            ),
            bulletin_tables.headers,
            bulletin_tables.rows,
        ),
    )
}
