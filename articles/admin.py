from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from markdownx.admin import MarkdownxModelAdmin

from articles.models import Article, Page, Reference, RelatedArticle, Topic
from articles.services import article_sync_thread


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["position", "title", "url", "note"]


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    fields = ["position", "target"]
    autocomplete_fields = ["target"]


@admin.register(Article)
class ArticleAdmin(MarkdownxModelAdmin):
    list_display = ["title", "status", "language", "published_at", "is_sample", "updated_at"]
    list_filter = ["status", "is_sample", "topics", "published_at"]
    search_fields = ["title", "standfirst", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    date_hierarchy = "published_at"
    inlines = [ReferenceInline, RelatedArticleInline]
    readonly_fields = ["reading_minutes", "thread"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "byline", "language", "topics"]}),
        (_("Text"), {"fields": ["body", "invitation"]}),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "is_sample", "reading_minutes", "thread"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        article_sync_thread(article=obj)


@admin.register(Page)
class PageAdmin(MarkdownxModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
