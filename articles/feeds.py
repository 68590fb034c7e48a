from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from articles.models import Article, Topic
from articles.sharing import plain_excerpt
from forum.models import Comment

FEED_SIZE = 20
COMMENT_FEED_SIZE = 50


class AbsoluteItemsFeed(Feed):
    """A feed whose items link, and are identified, by absolute URLs from SITE_URL."""

    item_guid_is_permalink = True

    def author_name(self):
        # Atom (RFC 4287) needs an author on the feed or on every entry; items may lack one.
        return settings.SITE_NAME

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_guid(self, item):
        return self.item_link(item)


class LatestArticlesFeed(AbsoluteItemsFeed):
    """RSS 2.0 feed of the latest published articles, with absolute links from SITE_URL."""

    # Methods, not attributes: the words are in the language of each request.
    def title(self):
        return gettext("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def description(self):
        return gettext("The latest articles and the questions they put to readers.")

    def link(self):
        return settings.SITE_URL + "/"

    def feed_url(self):
        return settings.SITE_URL + reverse("articles:feed_rss")

    def items(self):
        return Article.objects.for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return settings.SITE_URL + reverse("articles:feed_atom")


class _SelfLinkMixin:
    """Give the feed's self link from SITE_URL (not the Sites framework's example.com)."""

    url_name = None

    def feed_url(self, obj):
        return settings.SITE_URL + reverse(self.url_name, args=[obj.slug])


class TopicArticlesFeed(_SelfLinkMixin, LatestArticlesFeed):
    """RSS 2.0 feed of a topic hub's latest articles."""

    url_name = "articles:topic_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return obj.description or gettext("The latest articles on %(topic)s.") % {"topic": obj.name}

    def link(self, obj):
        return settings.SITE_URL + obj.get_absolute_url()

    def items(self, obj):
        return Article.objects.for_listing().filter(topics=obj)[:FEED_SIZE]


class TopicArticlesAtomFeed(TopicArticlesFeed):
    feed_type = Atom1Feed
    url_name = "articles:topic_feed_atom"

    def subtitle(self, obj):
        return self.description(obj)


class ArticleCommentsFeed(_SelfLinkMixin, AbsoluteItemsFeed):
    """RSS 2.0 feed of the latest published comments on one article."""

    url_name = "articles:comments_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published().select_related("thread"), slug=slug)

    def title(self, obj):
        return gettext("Comments on “%(title)s”") % {"title": obj.title}

    def description(self, obj):
        return gettext("The latest comments in the discussion of “%(title)s” on %(site)s.") % {
            "title": obj.title,
            "site": settings.SITE_NAME,
        }

    def link(self, obj):
        return settings.SITE_URL + obj.get_absolute_url() + "#discussion"

    def items(self, obj):
        if not obj.thread_id:
            return Comment.objects.none()
        return (
            Comment.objects.published()
            .filter(thread_id=obj.thread_id)
            .select_related("author")
            .order_by("-created_at", "-pk")[:COMMENT_FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.author_name}: {plain_excerpt(item.body, 80)}"

    def item_description(self, item):
        return item.body_html  # sanitized at write time; the feed escapes it as text

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at

    def item_author_name(self, item):
        return item.author_name


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = Atom1Feed
    url_name = "articles:comments_feed_atom"

    def subtitle(self, obj):
        return self.description(obj)
