"""Demo groups: published groups for Promotion 9's past sharing and peer groups, a draft for the next.

Deterministic: each session's seed is fixed, and the search stops on round budgets. Past sessions
are formed in date order, so each one's groups avoid the encounters of those before (attendance
included). No announcement e-mails are sent for demo groups. Called by load_demo().
"""

from django.utils import timezone

from magellan.directory.models import Cohort
from magellan.grouping import services
from magellan.program.models import Session, SessionStatus

SEED = 9
FORMATS = ("groupe-de-partage", "groupe-de-pairs")


def load_grouping_demo(cohort_slug: str = "promotion-9") -> int:
    """Form and publish groups of the cohort's past group sessions; returns how many were formed."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None:
        return 0
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            cohort=cohort,
            format__slug__in=FORMATS,
            status=SessionStatus.SCHEDULED,
            groupings__isnull=True,
        )
        .select_related("format", "cohort")
        .order_by("starts_at", "pk")
    )
    past = [s for s in sessions if s.starts_at < now]
    upcoming: dict[int, Session] = {}
    for session in sessions:
        if session.starts_at >= now:
            upcoming.setdefault(session.format_id, session)
    formed = 0
    for index, session in enumerate([*past, *upcoming.values()]):
        try:
            grouping = services.form_groups(session=session, seed=SEED + index)
        except services.GroupingError:
            continue  # e.g. nobody registered yet: the coach will form them later
        if session.starts_at < now:
            services.publish_grouping(grouping=grouping)
        formed += 1
    return formed
