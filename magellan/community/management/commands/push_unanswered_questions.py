"""Push questions unanswered for 3 working days to the members with their expertises (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from magellan.community import services


class Command(BaseCommand):
    help = (
        "Notify the members who have its expertises, once per question, of each question still "
        "without an answer 3 working days (French public holidays excluded) after it was asked."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        pushed = services.push_unanswered_questions()
        self.stdout.write(f"{pushed} unanswered question(s) pushed.")
