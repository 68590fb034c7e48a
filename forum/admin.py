"""Admin views of the discussion: read-only, because every change goes through the desk.

The moderation desk (/moderation/) writes through forum.moderation.services, which keeps
comment counts exact and records each action in the audit log; an admin edit would do
neither. The audit log itself can never be edited or deleted, not even by superusers.
"""

from django.contrib import admin

from forum.models import Comment, ModerationAction, ModeratorNote, Report, Thread, WordRule


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "comment", "member", "thread", "reason"]
    list_filter = ["action"]
    search_fields = ["actor__username", "member__username", "reason", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "comment__author", "member", "thread"]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "state", "closes_at", "premoderate", "comment_count"]
    list_filter = ["state", "premoderate"]
    search_fields = ["title", "key"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "author", "thread", "status", "hold_reason", "created_at"]
    list_filter = ["status", "is_featured"]
    search_fields = ["body", "author__username", "thread__title"]
    list_select_related = ["author", "thread"]
    raw_id_fields = ["parent", "root"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["comment", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = ["reason"]
    list_select_related = ["comment__author", "reporter"]


@admin.register(WordRule)
class WordRuleAdmin(ReadOnlyAdmin):
    list_display = ["phrase", "kind", "created_by", "created_at"]
    list_filter = ["kind"]


@admin.register(ModeratorNote)
class ModeratorNoteAdmin(ReadOnlyAdmin):
    list_display = ["member", "author", "created_at"]
    list_select_related = ["member", "author"]
