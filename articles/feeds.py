from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """RSS 2.0 feed of the latest published articles, with absolute links from SITE_URL."""

    title = f"{settings.SITE_NAME}: latest articles"
    description = "The latest articles and the questions they put to readers."

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

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

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
    subtitle = LatestArticlesFeed.description

    def feed_url(self):
        return settings.SITE_URL + reverse("articles:feed_atom")
