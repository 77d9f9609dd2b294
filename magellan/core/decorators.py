"""View decorators shared by the apps."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def allowed_by(predicate: Callable[[Any], bool]) -> Callable[[View], View]:
    """A decorator for views that `predicate(user)` opens: anonymous visitors go to the login page
    (which brings them back), other signed-in users get a 403."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
