"""One-time login links: a signed token that stops working once the user has logged in."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int

from .models import User


class LoginLinkTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token (it hashes last_login, so a used link is void)."""

    key_salt = "magellan.accounts.LoginLinkTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        login_timestamp = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        return f"{user.pk}{user.email}{login_timestamp}{timestamp}{user.is_active}"

    def check_token(self, user: User | None, token: str | None) -> bool:
        """Valid, unused, and younger than MAGELLAN_LOGIN_LINK_MAX_AGE."""
        if not super().check_token(user, token) or token is None:
            return False
        timestamp = base36_to_int(token.split("-")[0])
        age = self._num_seconds(self._now()) - timestamp
        return age <= settings.MAGELLAN_LOGIN_LINK_MAX_AGE


login_link_token = LoginLinkTokenGenerator()
