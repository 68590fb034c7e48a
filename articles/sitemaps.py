from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Topic


class AbsoluteSitemap(Sitemap):
    """A sitemap whose URLs use SITE_URL, not the Sites framework's domain."""

    def get_urls(self, page=1, site=None, protocol=None):
        scheme, _, domain = settings.SITE_URL.partition("://")

        class _Site:
            pass

        _Site.domain = domain
        return super().get_urls(page=page, site=_Site, protocol=scheme)


class ArticleSitemap(AbsoluteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.published().order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(AbsoluteSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Topic.objects.all()


class StaticSitemap(AbsoluteSitemap):
    priority = 0.6

    def items(self):
        return ["articles:home", "articles:topics"]

    def location(self, item):
        return reverse(item)


sitemaps = {"articles": ArticleSitemap, "topics": TopicSitemap, "static": StaticSitemap}
