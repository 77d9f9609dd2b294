"""Tell the coaches about mentoring proposals left unanswered (run it daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from magellan.mentoring import services


class Command(BaseCommand):
    help = (
        "E-mail each cohort's coaches, once per proposal, about mentoring proposals unanswered "
        "for MAGELLAN_MENTORING_ANSWER_DAYS days."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        told = services.tell_coaches_of_overdue()
        self.stdout.write(f"{told} unanswered proposal(s) reported to the coaches.")
