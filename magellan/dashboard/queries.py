"""What to do next: the coach's dashboard and, smaller, each member's "next for me".

Every item says what is to do and links to the page that settles it. The rules come from the
apps that own them: who is expected (`program.queries`), who may give feedback
(`program.services.feedback_refusal`), which formats form groups (`grouping.queries`), which jobs
a user may follow (`core.queries`).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from magellan.core.models import Job, JobStatus
from magellan.core.queries import jobs_visible_to
from magellan.directory.models import ChallengeMembership, Cohort, CohortRole, Person, Role
from magellan.evaluation import queries as evaluation_queries
from magellan.evaluation import todo as evaluation_todo
from magellan.grouping.models import Grouping, GroupingStatus
from magellan.grouping.queries import FORMING_MODES, my_group
from magellan.helpdesk import queries as helpdesk_queries
from magellan.helpdesk.models import HelpRequest
from magellan.helpdesk.models import Status as HelpStatus
from magellan.mentoring import queries as mentoring_queries
from magellan.program import queries as program_queries
from magellan.program.models import (
    Attendance,
    Feedback,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from magellan.program.services import feedback_refusal
from magellan.recruitment import queries as recruitment_queries
from magellan.scheduler.models import JobRun, Outcome

# How far back the dashboard looks for failed jobs and for feedback to give.
RECENT_DAYS = 14


@dataclass(frozen=True)
class Need:
    """One thing to do (or to know) about an item, and where it is done."""

    label: str
    url: str
    is_done: bool = False


@dataclass
class SessionItem:
    session: Session
    needs: list[Need] = field(default_factory=list)


@dataclass
class CoachDashboard:
    """What a coach has to do: this week's sessions, drafts, jobs, people to complete."""

    week_start: datetime.date
    week_sessions: list[SessionItem]
    draft_groupings: list[Grouping]
    jobs: list[Job]
    people_without_role: list[Person]
    fellows_without_challenge: list[tuple[Person, Cohort]]
    # Mentoring: proposals left unanswered too long, needs a round left without a mentor.
    overdue_proposals: list[Any] = field(default_factory=list)
    unmatched_needs: list[Any] = field(default_factory=list)
    # Help desk: new requests nobody helps yet (urgent first, then the oldest).
    unassigned_requests: list[HelpRequest] = field(default_factory=list)
    # Scheduled jobs (reminders, digests) that failed recently.
    failed_runs: list[JobRun] = field(default_factory=list)
    # Evaluation: held committees whose report is not published; actions late past their due date.
    reports_to_publish: list[Session] = field(default_factory=list)
    late_actions: list[Any] = field(default_factory=list)
    # Onboarding: newcomers' checklists of the current cohorts with items past due.
    late_onboardings: list[Any] = field(default_factory=list)

    @property
    def session_need_count(self) -> int:
        """How many of this week's sessions' needs are still to do."""
        return sum(1 for item in self.week_sessions for need in item.needs if not need.is_done)

    @property
    def todo_count(self) -> int:
        return (
            self.session_need_count
            + len(self.draft_groupings)
            + len(self.jobs)
            + len(self.people_without_role)
            + len(self.fellows_without_challenge)
            + len(self.overdue_proposals)
            + len(self.unmatched_needs)
            + len(self.unassigned_requests)
            + len(self.failed_runs)
            + len(self.reports_to_publish)
            + len(self.late_actions)
            + len(self.late_onboardings)
        )

    @property
    def todo_summary(self) -> list[tuple[str, str]]:
        """What the to-do count is made of: (label, anchor of its section), the empty ones left out."""
        session_needs = self.session_need_count
        parts = [
            (
                session_needs,
                "semaine",
                ngettext(
                    "%(count)d chose pour les séances de la semaine",
                    "%(count)d choses pour les séances de la semaine",
                    session_needs,
                ),
            ),
            (
                len(self.draft_groupings),
                "brouillons",
                ngettext(
                    "%(count)d groupe en brouillon à publier",
                    "%(count)d groupes en brouillon à publier",
                    len(self.draft_groupings),
                ),
            ),
            (
                len(self.jobs),
                "taches",
                ngettext(
                    "%(count)d tâche en attente ou en échec",
                    "%(count)d tâches en attente ou en échec",
                    len(self.jobs),
                ),
            ),
            (
                len(self.failed_runs),
                "taches-planifiees",
                ngettext(
                    "%(count)d tâche planifiée en échec",
                    "%(count)d tâches planifiées en échec",
                    len(self.failed_runs),
                ),
            ),
            (
                len(self.fellows_without_challenge),
                "sans-defi",
                ngettext(
                    "%(count)d EIG sans défi",
                    "%(count)d EIG sans défi",
                    len(self.fellows_without_challenge),
                ),
            ),
            (
                len(self.overdue_proposals),
                "mentorat-sans-reponse",
                ngettext(
                    "%(count)d proposition de mentorat sans réponse",
                    "%(count)d propositions de mentorat sans réponse",
                    len(self.overdue_proposals),
                ),
            ),
            (
                len(self.unmatched_needs),
                "mentorat-sans-parrain",
                ngettext(
                    "%(count)d besoin de mentorat sans parrain ni marraine",
                    "%(count)d besoins de mentorat sans parrain ni marraine",
                    len(self.unmatched_needs),
                ),
            ),
            (
                len(self.unassigned_requests),
                "aide-sans-aidant",
                ngettext(
                    "%(count)d demande d’aide sans aidant·e",
                    "%(count)d demandes d’aide sans aidant·e",
                    len(self.unassigned_requests),
                ),
            ),
            (
                len(self.reports_to_publish),
                "rapports-a-publier",
                ngettext(
                    "%(count)d rapport d’évaluation à publier",
                    "%(count)d rapports d’évaluation à publier",
                    len(self.reports_to_publish),
                ),
            ),
            (
                len(self.late_actions),
                "actions-en-retard",
                ngettext(
                    "%(count)d action d’évaluation en retard",
                    "%(count)d actions d’évaluation en retard",
                    len(self.late_actions),
                ),
            ),
            (
                len(self.late_onboardings),
                "integrations-en-retard",
                ngettext(
                    "%(count)d intégration en retard",
                    "%(count)d intégrations en retard",
                    len(self.late_onboardings),
                ),
            ),
            (
                len(self.people_without_role),
                "sans-role",
                ngettext(
                    "%(count)d personne sans rôle dans une promotion",
                    "%(count)d personnes sans rôle dans une promotion",
                    len(self.people_without_role),
                ),
            ),
        ]
        return [(label % {"count": count}, anchor) for count, anchor, label in parts if count]


def week_of(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Monday 00:00 to the next Monday 00:00 (local time) of the week containing `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    return start, start + datetime.timedelta(days=7)


def _session_needs(session: Any, *, now: datetime.datetime) -> list[Need]:
    url = session.get_absolute_url()
    needs: list[Need] = []
    if session.status == SessionStatus.CANCELLED:
        return [Need(_("Séance annulée"), url, is_done=True)]
    started = session.starts_at <= now
    if started and not session.has_attendance:
        needs.append(
            Need(_("Présences à noter"), reverse("program:session_attendance", args=[session.pk]))
        )
    elif started:
        needs.append(Need(_("Présences notées"), url, is_done=True))
    if session.format.grouping_mode in FORMING_MODES and not started:
        groups_url = reverse("grouping:session_groups", args=[session.pk])
        if session.grouping_status is None:
            needs.append(Need(_("Groupes à former"), groups_url))
        elif session.grouping_status == GroupingStatus.DRAFT:
            needs.append(Need(_("Groupes à publier"), groups_url))
        else:
            needs.append(Need(_("Groupes publiés"), groups_url, is_done=True))
    if session.waitlisted:
        needs.append(
            Need(
                ngettext(
                    "%(count)d personne en liste d’attente",
                    "%(count)d personnes en liste d’attente",
                    session.waitlisted,
                )
                % {"count": session.waitlisted},
                url,
            )
        )
    if session.feedback_count:
        needs.append(
            Need(
                ngettext("%(count)d avis reçu", "%(count)d avis reçus", session.feedback_count)
                % {"count": session.feedback_count},
                url,
                is_done=True,
            )
        )
    return needs


def coach_dashboard(user: Any, *, now: datetime.datetime | None = None) -> CoachDashboard:
    """A coach's dashboard for the week of `now` (a constant number of queries)."""
    now = now or timezone.now()
    start, end = week_of(timezone.localdate(now))
    draft_of_session = Grouping.objects.filter(session=OuterRef("pk"), status=GroupingStatus.DRAFT)
    any_of_session = Grouping.objects.filter(session=OuterRef("pk"))
    # Annotated sessions: has_attendance, has_draft, has_grouping, waitlisted, feedback_count.
    sessions: list[Any] = list(
        Session.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("format", "cohort", "challenge")
        .annotate(
            has_attendance=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
            has_draft=Exists(draft_of_session),
            has_grouping=Exists(any_of_session),
            waitlisted=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITLISTED),
                distinct=True,
            ),
            feedback_count=Count("feedbacks", distinct=True),
        )
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        if not session.has_grouping:
            session.grouping_status = None
        elif session.has_draft:
            session.grouping_status = GroupingStatus.DRAFT
        else:
            session.grouping_status = GroupingStatus.PUBLISHED
    week_sessions = [SessionItem(s, _session_needs(s, now=now)) for s in sessions]
    draft_groupings = list(
        Grouping.objects.filter(status=GroupingStatus.DRAFT, session__starts_at__gte=now)
        .exclude(session__starts_at__lt=end, session__starts_at__gte=start)
        .select_related("session__format", "session__cohort")
        .order_by("session__starts_at", "pk")
    )
    jobs = list(
        jobs_visible_to(user)
        .filter(
            Q(status__in=[JobStatus.PENDING, JobStatus.RUNNING])
            | Q(status=JobStatus.FAILED, created_at__gte=now - datetime.timedelta(days=RECENT_DAYS))
        )
        .order_by("-created_at", "-pk")
    )
    people_without_role = list(
        Person.objects.filter(~Exists(CohortRole.objects.filter(person=OuterRef("pk")))).order_by(
            "name", "pk"
        )
    )
    current = list(Cohort.objects.current(timezone.localdate(now)))
    fellows = (
        CohortRole.objects.filter(cohort__in=current, role=Role.FELLOW)
        .filter(
            ~Exists(
                ChallengeMembership.objects.filter(
                    person=OuterRef("person"), challenge__cohorts=OuterRef("cohort")
                )
            )
        )
        .select_related("person", "cohort")
        .order_by("person__name", "person_id", "cohort__number")
    )
    return CoachDashboard(
        week_start=start.date(),
        week_sessions=week_sessions,
        draft_groupings=draft_groupings,
        jobs=jobs,
        people_without_role=people_without_role,
        fellows_without_challenge=[(role.person, role.cohort) for role in fellows],
        overdue_proposals=list(mentoring_queries.overdue_proposals(now=now)),
        unmatched_needs=list(mentoring_queries.unmatched_needs(cohorts=current)),
        failed_runs=list(
            JobRun.objects.filter(
                outcome=Outcome.FAILED, due_at__gte=now - datetime.timedelta(days=RECENT_DAYS)
            ).order_by("-due_at", "job_name")
        ),
        # A new request has no helper: assigning or taking it makes it "taken".
        unassigned_requests=list(helpdesk_queries.coach_queue(status=HelpStatus.NEW)),
        reports_to_publish=evaluation_todo.reports_to_publish(now=now),
        late_actions=list(evaluation_queries.late_actions(timezone.localdate(now))),
        late_onboardings=list(
            recruitment_queries.late_checklists(timezone.localdate(now), cohorts=current)
        ),
    )


@dataclass
class MemberNext:
    """What is next for a fellow, a project owner, a mentor: sessions, groups, feedback to give."""

    upcoming: list[Session]
    groups: list[tuple[Session, Any]]
    feedback_to_give: list[Session]
    # Help desk: the open requests the member asked or helps with, and how many new requests in
    # their expertises wait for a helper (for active helpers).
    help_requests: list[HelpRequest] = field(default_factory=list)
    help_queue_count: int = 0
    # Evaluation: the retrospective to write, the report to acknowledge, the team's late actions.
    evaluation: evaluation_todo.MemberEvaluation = field(
        default_factory=evaluation_todo.MemberEvaluation
    )
    # Onboarding: the items of their own checklist that are past due.
    late_onboarding_items: list[Any] = field(default_factory=list)


def member_next(
    person: Person, *, now: datetime.datetime | None = None, limit: int = 5
) -> MemberNext:
    """A member's next sessions (the same rule as "Mes séances"), their published group for
    each, and the recent sessions they may still give feedback on."""
    now = now or timezone.now()
    upcoming = list(
        program_queries.upcoming_sessions(person, now=now).select_related("format", "cohort")[
            :limit
        ]
    )
    groups = [
        (session, group)
        for session in upcoming
        if session.format.grouping_mode in FORMING_MODES
        and (group := my_group(session, person)) is not None
    ]
    given = Feedback.objects.filter(session=OuterRef("pk"), person=person)
    recent = (
        program_queries.sessions_for_person(person)
        .filter(
            starts_at__lte=now,
            starts_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
            status=SessionStatus.SCHEDULED,
        )
        .filter(~Exists(given))
        .select_related("format", "cohort")
        .order_by("-starts_at", "pk")[:limit]
    )
    return MemberNext(
        upcoming=upcoming,
        groups=groups,
        feedback_to_give=[s for s in recent if feedback_refusal(session=s, person=person) is None],
        help_requests=list(helpdesk_queries.open_requests_of(person)[:limit]),
        help_queue_count=helpdesk_queries.queue_for(person).count(),
        evaluation=(
            evaluation_todo.member_evaluation(person.user, now=now)
            if person.user is not None
            else evaluation_todo.MemberEvaluation()
        ),
        late_onboarding_items=list(
            recruitment_queries.my_late_items(person.user, timezone.localdate(now))[:limit]
        ),
    )
