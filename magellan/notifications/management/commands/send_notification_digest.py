"""E-mail each user the daily digest of their notifications (run it daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from magellan.notifications import services


class Command(BaseCommand):
    help = (
        "E-mail each user one digest of their unread notifications set to « Dans un récapitulatif "
        "quotidien » and not yet e-mailed (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_daily_digest()
        self.stdout.write(f"{sent} digest(s) sent.")
