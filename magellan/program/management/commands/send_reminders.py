"""Send tomorrow's session reminders (run daily by cron or the worker; safe to run twice)."""

from typing import Any

from django.core.management.base import BaseCommand

from magellan.program.services import send_due_reminders


class Command(BaseCommand):
    help = "E-mail the reminder of tomorrow's sessions to their participants (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_due_reminders()
        self.stdout.write(f"{count} session reminder(s) sent.")
