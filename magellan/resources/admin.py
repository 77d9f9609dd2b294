"""The knowledge base in the admin: read-only (every write goes through the pages and their
services, which keep the revisions and the version number)."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import Guide, GuideFile, GuideRevision, GuideUse


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "visibility", "version", "author", "updated_at")
    list_filter = ("status", "visibility")
    list_select_related = ("author",)
    search_fields = ("title",)
    exclude = ("expertises",)


@admin.register(GuideRevision)
class GuideRevisionAdmin(ReadOnlyAdmin):
    list_display = ("guide", "number", "editor_name", "created_at", "note")
    list_select_related = ("guide",)


@admin.register(GuideFile)
class GuideFileAdmin(ReadOnlyAdmin):
    list_display = ("guide", "name", "content_type", "size", "created_at")
    list_select_related = ("guide",)


@admin.register(GuideUse)
class GuideUseAdmin(ReadOnlyAdmin):
    list_display = ("guide", "session", "created_at")
    list_select_related = ("guide", "session__format")
