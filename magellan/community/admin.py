"""The community in the admin: read-only (every write goes through the pages and their services,
which keep revisions and tell authors of moderation)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Answer, Comment, Question


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "author", "created_at", "is_hidden")
    list_filter = ("is_hidden",)
    list_select_related = ("author",)
    search_fields = ("title",)


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("question", "author", "created_at", "is_verified", "is_hidden")
    list_filter = ("is_verified", "is_hidden")
    list_select_related = ("question", "author")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("author", "question", "answer", "created_at", "is_hidden")
    list_select_related = ("author", "question", "answer")
