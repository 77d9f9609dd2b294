"""THE list of Magellan's scheduled jobs (docs/scheduler.md documents each line; a test checks it).

Run by `manage.py run_scheduled` (cron every minute, or `--loop 60` in `make worker`). Each job's
`run` is called as `run(now=<its due time>)` and returns a count or a short summary. Name jobs
"<app>.<what>"; import nothing from the apps here (dotted paths are imported when the job runs).
"""

from datetime import time

from django.conf import settings
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
        name="evaluation.remind_retrospectives",
        description=_(
            "Rappelle aux équipes dont le comité d’évaluation approche de remettre leur rétrospective."
        ),
        schedule=Daily(at=time(9, 15)),
        run="magellan.evaluation.services.retrospectives.remind_retrospectives",
    ),
    ScheduledJob(
        name="indicators.send_surveys",
        description=_(
            "Envoie aux EIG les enquêtes de suivi arrivées à échéance et relance une fois celles restées sans réponse."
        ),
        schedule=Daily(at=time(9, 20)),
        run="magellan.indicators.services.surveys.send_due_surveys",
    ),
    ScheduledJob(
        name="values.recheck_repositories",
        description=_(
            "Revérifie chaque semaine la santé de tous les dépôts de code suivis des défis."
        ),
        schedule=Weekly(weekday=0, at=time(6, 0)),
        run="magellan.values.services.repositories.recheck_all",
    ),
    ScheduledJob(
        name="mentoring.notify_overdue",
        description=_("Prévient les coachs des propositions de mentorat restées sans réponse."),
        schedule=Daily(at=time(9, 30)),
        run="magellan.mentoring.services.tell_coaches_of_overdue",
    ),
    ScheduledJob(
        name="bulletins.remind_silent_teams",
        description=_(
            "Rappelle aux équipes qui n’ont pas écrit leur bulletin de la semaine de le faire."
        ),
        schedule=LastWorkingDayOfWeek(at=time(10, 0)),
        run="magellan.bulletins.services.remind_silent_teams",
    ),
    ScheduledJob(
        name="bulletins.remind_silent_members",
        description=_(
            "Rappelle à chaque membre d’une équipe encore silencieuse d’écrire le bulletin."
        ),
        schedule=LastWorkingDayOfWeek(at=time(14, 0)),
        run="magellan.bulletins.services.remind_silent_members",
    ),
    ScheduledJob(
        name="bulletins.send_digest",
        description=_(
            "Envoie le récapitulatif des bulletins de la semaine aux coachs et aux abonné·es."
        ),
        # The bulletins lock at MAGELLAN_BULLETIN_LOCK_TIME: the digest leaves then.
        schedule=LastWorkingDayOfWeek(at=time.fromisoformat(settings.MAGELLAN_BULLETIN_LOCK_TIME)),
        run="magellan.bulletins.services.send_digest",
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
    ScheduledJob(
        name="logbook.send_monthly_reminders",
        description=_(
            "Rappelle aux EIG des promotions en cours qui ne l’ont pas encore écrite l’entrée du mois de leur carnet de bord."
        ),
        schedule=Monthly(day=25, at=time(10, 0)),
        run="magellan.logbook.services.send_monthly_reminders",
    ),
    ScheduledJob(
        name="privacy.anonymise_inactive_alumni",
        description=_(
            "Anonymise les alumni prévenus qui ne se sont pas reconnectés dans le délai annoncé."
        ),
        schedule=Daily(at=time(3, 30)),
        run="magellan.privacy.services.anonymise_inactive_alumni",
    ),
    ScheduledJob(
        name="privacy.warn_inactive_alumni",
        description=_(
            "Prévient par e-mail les alumni sans connexion depuis la durée de conservation qu’ils seront anonymisés."
        ),
        schedule=Daily(at=time(10, 30)),
        run="magellan.privacy.services.warn_inactive_alumni",
    ),
    ScheduledJob(
        name="privacy.purge_stale_credentials",
        description=_(
            "Supprime les agendas iCal des comptes inactifs et les jetons d’API révoqués ou expirés."
        ),
        schedule=Daily(at=time(3, 45)),
        run="magellan.privacy.services.purge_stale_credentials",
    ),
    ScheduledJob(
        name="recruitment.erase_expired_candidates",
        description=_(
            "Efface les données personnelles des candidatures des appels décidés depuis plus que leur durée de conservation."
        ),
        schedule=Daily(at=time(3, 50)),
        run="magellan.recruitment.services.calls.erase_expired_candidates",
    ),
]
