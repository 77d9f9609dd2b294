"""Delete the login log past its retention (run daily, like send_reminders; safe to run twice)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from magellan.accounts.services import purge_login_log


class Command(BaseCommand):
    help = "Delete the successful-login log older than MAGELLAN_LOGIN_LOG_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_login_log()
        days = settings.MAGELLAN_LOGIN_LOG_RETENTION_DAYS
        self.stdout.write(f"{count} login log entr(y/ies) older than {days} days deleted.")
