"""The community in the admin: read-only (every write goes through the pages and their services,
which keep revisions and tell authors of moderation)."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import Answer, Comment, Question


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
