"""Admin: read-only (requests are confirmed or refused on their page, through the services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Erasure, ErasureRequest, RetentionNotice


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ("person", "status", "created_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("person",)


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ("person", "origin", "erased_at")
    list_filter = ("origin",)
    list_select_related = ("person",)


@admin.register(RetentionNotice)
class RetentionNoticeAdmin(ReadOnlyAdmin):
    list_display = ("person", "warned_at")
    list_select_related = ("person",)
