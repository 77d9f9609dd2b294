"""Load the synthetic demo data once and print the demo accounts."""

from typing import Any

from django.core.management.base import BaseCommand

from magellan.demo import services


class Command(BaseCommand):
    help = "Load the synthetic demo data (idempotent) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        created = services.load_demo()
        self.stdout.write(
            "Demo data loaded." if created else "Demo data already present: nothing changed."
        )
        self.stdout.write("Demo accounts (email / password):")
        for account in services.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<14} {account.email:<32} {account.password}")
