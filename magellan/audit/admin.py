"""The admin shows the audit history of every audited model (django-simple-history's history page),
read-only: reverting to an old version would write around the apps' services and their rules.

Runs after every app's admin module (`magellan.audit` comes after them in INSTALLED_APPS): each
audited model's admin class is re-registered with the history mixin in front of it.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from . import registry


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """The history list and each past version, never a revert (POST refused)."""

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


def add_history_to_admins(site: admin.AdminSite) -> list[str]:
    """Put the read-only history in front of each audited model's admin; the keys it changed."""
    done = []
    for model, model_admin in list(site._registry.items()):
        if not registry.is_audited(model) or isinstance(model_admin, ReadOnlyHistoryAdmin):
            continue
        original = type(model_admin)
        combined = type(original.__name__, (ReadOnlyHistoryAdmin, original), {})
        site.unregister(model)
        site.register(model, combined)
        done.append(registry.key_of(model))
    return sorted(done)


add_history_to_admins(admin.site)
