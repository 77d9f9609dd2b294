"""THE list of Magellan's scheduled jobs (docs/scheduler.md documents each line; a test checks it).

Run by `manage.py run_scheduled` (cron every minute, or `--loop 60` in `make worker`). Each job's
`run` is called as `run(now=<its due time>)` and returns a count or a short summary. Name jobs
"<app>.<what>"; import nothing from the apps here (dotted paths are imported when the job runs).
"""

from datetime import time

from django.utils.translation import gettext_lazy as _

from magellan.scheduler.registry import ScheduledJob
from magellan.scheduler.schedules import Daily, LastWorkingDayOfWeek, Monthly, Weekly

__all__ = ["JOBS", "Daily", "LastWorkingDayOfWeek", "Monthly", "ScheduledJob", "Weekly"]

JOBS: list[ScheduledJob] = [
    ScheduledJob(
        name="accounts.purge_login_log",
        description=_(
            "Supprime le journal des connexions réussies au-delà de sa durée de conservation."
        ),
        schedule=Daily(at=time(3, 15)),
        run="magellan.accounts.services.purge_login_log",
    ),
    ScheduledJob(
        name="community.push_unanswered_questions",
        description=_(
            "Signale aux membres qui ont ses expertises chaque question sans réponse depuis 3 jours ouvrés."
        ),
        schedule=Daily(at=time(9, 0)),
        run="magellan.community.services.push_unanswered_questions",
    ),
    ScheduledJob(
        name="mentoring.notify_overdue",
        description=_("Prévient les coachs des propositions de mentorat restées sans réponse."),
        schedule=Daily(at=time(9, 30)),
        run="magellan.mentoring.services.tell_coaches_of_overdue",
    ),
    ScheduledJob(
        name="program.send_reminders",
        description=_("Envoie le rappel des sessions du lendemain à leurs participants."),
        schedule=Daily(at=time(10, 0)),
        run="magellan.program.services.reminders.send_due_reminders",
    ),
    ScheduledJob(
        name="notifications.send_daily_digest",
        description=_("Envoie à chacun le récapitulatif quotidien de ses notifications non lues."),
        schedule=Daily(at=time(17, 0)),
        run="magellan.notifications.services.send_daily_digest",
    ),
]
