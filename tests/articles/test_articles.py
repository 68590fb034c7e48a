"""Articles: visibility, related articles, pages, feeds, sitemap, robots and health."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, RelatedArticle
from tests.factories import ArticleFactory, ReferenceFactory, TopicFactory

SEED_SLUG = "north-koreas-nuclear-aspirations-a-new-cold-war-calculus"


@pytest.fixture
def content(db):
    call_command("load_content", verbosity=0, stdout=open("/dev/null", "w"))
    return Article.objects.get(slug=SEED_SLUG)


@pytest.mark.django_db
class TestVisibility:
    def test_published_queryset_hides_drafts_and_scheduled(self):
        live = ArticleFactory()
        ArticleFactory(status=Article.Status.DRAFT)
        ArticleFactory(published_at=timezone.now() + timedelta(days=1))
        assert list(Article.objects.published()) == [live]

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"status": Article.Status.DRAFT},
            {"published_at": timezone.now() + timedelta(days=3)},
        ],
    )
    def test_drafts_and_scheduled_answer_404(self, client, kwargs):
        article = ArticleFactory(**kwargs)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert "We can’t find that page" in response.content.decode()

    def test_reading_time_and_html_are_computed(self):
        article = ArticleFactory(body="word " * 700)
        assert article.reading_minutes == 4
        assert article.body_html.startswith("<p>word")


@pytest.mark.django_db
class TestRelatedArticles:
    def test_explicit_first_then_shared_topics_then_recency(self):
        korea, nukes, china = (
            TopicFactory(name="Korea"),
            TopicFactory(name="Nukes"),
            TopicFactory(name="China"),
        )
        now = timezone.now()
        main = ArticleFactory(topics=[korea, nukes])
        explicit = ArticleFactory(published_at=now - timedelta(days=30))
        two_shared = ArticleFactory(topics=[korea, nukes], published_at=now - timedelta(days=20))
        one_shared_new = ArticleFactory(topics=[korea], published_at=now - timedelta(days=2))
        one_shared_old = ArticleFactory(topics=[nukes], published_at=now - timedelta(days=9))
        unrelated_new = ArticleFactory(topics=[china], published_at=now - timedelta(hours=2))
        ArticleFactory(status=Article.Status.DRAFT, topics=[korea, nukes])
        RelatedArticle.objects.create(article=main, target=explicit, position=0)
        related = main.related_articles()
        assert related == [explicit, two_shared, one_shared_new, one_shared_old, unrelated_new]
        assert main not in related

    def test_at_most_five_and_never_itself(self):
        main = ArticleFactory()
        for _ in range(8):
            ArticleFactory()
        related = main.related_articles()
        assert len(related) == 5
        assert main not in related

    def test_unpublished_explicit_links_are_skipped(self):
        main = ArticleFactory()
        draft = ArticleFactory(status=Article.Status.DRAFT)
        RelatedArticle.objects.create(article=main, target=draft)
        assert draft not in main.related_articles()

    def test_ranks_only_the_newest_articles_sharing_a_topic(self, monkeypatch):
        # The ranking's window bounds its cost: an older article sharing more topics, beyond
        # the window, gives way to newer ones (it is still ranked within a wider window).
        korea, nukes = TopicFactory(name="Korea"), TopicFactory(name="Nukes")
        now = timezone.now()
        main = ArticleFactory(topics=[korea, nukes], published_at=now - timedelta(days=60))
        old_two_shared = ArticleFactory(topics=[korea, nukes], published_at=now - timedelta(days=9))
        newer = [
            ArticleFactory(topics=[korea], published_at=now - timedelta(days=days))
            for days in (1, 2)
        ]
        assert main.related_articles(limit=2) == [old_two_shared, newer[0]]
        monkeypatch.setattr("articles.models.RELATED_WINDOW", 2)
        assert main.related_articles(limit=2) == newer

    def test_the_newest_fill_in_when_too_few_share_a_topic(self):
        korea = TopicFactory(name="Korea")
        now = timezone.now()
        main = ArticleFactory(topics=[korea], published_at=now - timedelta(days=60))
        sharing = ArticleFactory(topics=[korea], published_at=now - timedelta(days=30))
        newest = [ArticleFactory(published_at=now - timedelta(days=days)) for days in (1, 2, 3)]
        assert main.related_articles(limit=3) == [sharing, *newest[:2]]

    def test_the_editors_choices_alone_when_they_fill_the_list(self, django_assert_num_queries):
        main = ArticleFactory(topics=[TopicFactory()])
        chosen = [ArticleFactory() for _ in range(2)]
        ArticleFactory(topics=list(main.topics.all()))
        for position, target in enumerate(reversed(chosen)):
            RelatedArticle.objects.create(article=main, target=target, position=position)
        with django_assert_num_queries(1):
            assert main.related_articles(limit=2) == chosen[::-1]


@pytest.mark.django_db
class TestPages:
    def test_seed_article_page(self, client, content):
        response = client.get(f"/articles/{SEED_SLUG}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "North Korea’s Nuclear Aspirations: A New Cold War Calculus" in html
        assert "Invitation for Discussion" in html
        assert "What are your thoughts on the current trajectory" in html
        for reference in ["SCMP Plus", "Ajou University", "US-China Policy Institute"]:
            assert reference in html
        assert "/articles/the-2019-hanoi-summit-explained/" in html
        assert '<time datetime="' in html
        assert "min read" in html

    def test_home_lists_articles_with_topics(self, client, content):
        html = client.get("/").content.decode()
        assert content.title in html
        assert "/topics/north-korea/" in html

    def test_topic_hub(self, client, content):
        response = client.get("/topics/north-korea/")
        assert response.status_code == 200
        assert content.title in response.content.decode()
        assert client.get("/topics/").status_code == 200
        assert client.get("/topics/no-such-topic/").status_code == 404

    def test_guidelines_page_linked_in_footer(self, client, content):
        html = client.get("/").content.decode()
        assert 'href="/guidelines/"' in html
        page = client.get("/guidelines/", follow=True)
        assert "Community guidelines" in page.content.decode()

    def test_home_paginates(self, client):
        for _ in range(14):
            ArticleFactory()
        assert "Page 1 of 2" in client.get("/").content.decode()
        assert client.get("/?page=2").status_code == 200
        assert client.get("/?page=abc").status_code == 200

    @pytest.mark.parametrize("extra", [1, 8])
    def test_article_queries_do_not_grow_with_related_topics_references(
        self, client, django_assert_max_num_queries, extra
    ):
        topics = [TopicFactory() for _ in range(extra)]
        article = ArticleFactory(topics=topics)
        for _ in range(extra):
            ReferenceFactory(article=article)
            other = ArticleFactory(topics=topics)
            RelatedArticle.objects.create(article=article, target=other)
        with django_assert_max_num_queries(12):
            assert client.get(article.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("count", [2, 12])
    def test_home_queries_are_constant(self, client, django_assert_max_num_queries, count):
        topic = TopicFactory()
        for _ in range(count):
            ArticleFactory(topics=[topic])
        with django_assert_max_num_queries(8):
            assert client.get("/").status_code == 200

    def test_styled_404(self, client, db):
        response = client.get("/no/such/page/")
        assert response.status_code == 404
        assert 'class="skip-link"' in response.content.decode()


@pytest.mark.django_db
class TestFeedsSitemapRobots:
    @pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
    def test_feeds_are_valid_xml_with_absolute_links(self, client, content, settings, url):
        response = client.get(url)
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)
        links = [el.text or el.get("href") for el in root.iter() if el.tag.endswith("link")]
        assert links and all(link.startswith(settings.SITE_URL) for link in links if link)
        assert content.title in response.content.decode()

    def test_feeds_omit_drafts(self, client, content):
        ArticleFactory(title="Secret draft", status=Article.Status.DRAFT)
        assert "Secret draft" not in client.get("/feeds/latest/").content.decode()

    def test_sitemap(self, client, content, settings):
        response = client.get("/sitemap.xml")
        root = ElementTree.fromstring(response.content)
        locs = [el.text for el in root.iter() if el.tag.endswith("loc")]
        assert f"{settings.SITE_URL}/articles/{SEED_SLUG}/" in locs
        assert f"{settings.SITE_URL}/topics/north-korea/" in locs

    def test_robots(self, client, settings):
        body = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in body
        assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


@pytest.mark.django_db
class TestHealthAndSecurity:
    def test_healthz_ok(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    def test_healthz_503_when_database_fails(self, client, monkeypatch):
        from django.db import connection

        def broken(*args, **kwargs):
            raise RuntimeError("database is down")

        monkeypatch.setattr(connection, "cursor", broken)
        response = client.get("/healthz")
        assert response.status_code == 503

    def test_strict_csp_header(self, client, content):
        csp = client.get(f"/articles/{SEED_SLUG}/")["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "object-src 'none'" in csp
        assert "base-uri 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp

    def test_templates_have_no_inline_script_or_style(self):
        import pathlib
        import re

        offenders = []
        for path in pathlib.Path("templates").rglob("*.html"):
            if "/email/" in str(path):
                continue  # e-mail clients need inline styles; they are never served as pages
            text = path.read_text()
            if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", text):
                offenders.append(f"{path}: inline script")
            if re.search(r"\sstyle=|<style", text):
                offenders.append(f"{path}: inline style")
            if re.search(r"\son[a-z]+=", text):
                offenders.append(f"{path}: event handler attribute")
        assert offenders == []


def test_production_refuses_to_start_without_secret_key(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "TESTING")}
    env["DJANGO_SETTINGS_MODULE"] = "forum.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import forum.wsgi"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    env["SECRET_KEY"] = "a-real-secret-key-for-this-test-only-0123456789-abcdefghijklmnop"
    ok = subprocess.run([sys.executable, "-c", "import forum.wsgi"], env=env, capture_output=True)
    assert ok.returncode == 0, ok.stderr
