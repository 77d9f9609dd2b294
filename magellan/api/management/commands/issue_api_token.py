"""Issue an API token for a member: `manage.py issue_api_token EMAIL [--name NAME] [--scope S]…
[--days N]`, or revoke theirs with `--revoke`."""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from magellan.accounts.models import User
from magellan.api import services
from magellan.api.models import SCOPES


class Command(BaseCommand):
    help = "Issue an API token (directory:read unless --scope says otherwise); printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--scope",
            action="append",
            choices=SCOPES,
            dest="scopes",
            help="A scope (repeat for several); directory:read by default.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days until it expires (MAGELLAN_API_TOKEN_MAX_DAYS by default and at most).",
        )
        parser.add_argument(
            "--revoke", action="store_true", help="Revoke this user's tokens instead."
        )

    def handle(
        self,
        *args: Any,
        email: str,
        name: str,
        scopes: list[str] | None,
        days: int | None,
        revoke: bool,
        **options: Any,
    ) -> None:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the email {email!r}.")
        if revoke:
            count = services.revoke_tokens(user=user)
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        days = settings.MAGELLAN_API_TOKEN_MAX_DAYS if days is None else days
        try:
            _, raw = services.issue_token(
                user=user,
                name=name,
                scopes=scopes or ["directory:read"],
                expires_at=timezone.now() + datetime.timedelta(days=days),
            )
        except services.ApiTokenError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(raw)
