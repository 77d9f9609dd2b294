"""Authentication by one-time email link."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User
from .tokens import login_link_token


class EmailLinkBackend(ModelBackend):
    """Authenticates `authenticate(request, user_id=…, token=…)` from a login link."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        user_id: int | None = None,
        token: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if user_id is None or token is None:
            return None
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return None
        if not login_link_token.check_token(user, token):
            return None
        return user
