"""Issue an API token for a member: `manage.py issue_api_token EMAIL [--name NAME]`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from magellan.accounts.models import User
from magellan.api import services


class Command(BaseCommand):
    help = "Issue a read token for the directory API; the token is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--revoke", action="store_true", help="Revoke this user's tokens instead."
        )

    def handle(self, *args: Any, email: str, name: str, revoke: bool, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the email {email!r}.")
        if revoke:
            count = services.revoke_tokens(user=user)
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        _, raw = services.issue_token(user=user, name=name)
        self.stdout.write(raw)
