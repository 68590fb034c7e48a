"""Preview images: 1200×630 PNGs per article and per comment, cached, with validators."""

import io

import pytest
from django.core.cache import cache
from PIL import Image

from articles import og_image
from forum.models import Comment
from tests.articles.test_sharing import make_comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def png_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    return response.content


class TestArticlePreview:
    def test_is_a_1200_by_630_png_with_validators(self, client):
        article = ArticleFactory(title="North Korea’s nuclear aspirations")
        response = client.get(f"/articles/{article.slug}/preview.png")
        png_of(response)
        assert response["ETag"].startswith('"')
        assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]

    def test_changes_when_the_headline_changes(self, client):
        article = ArticleFactory(title="First headline")
        url = f"/articles/{article.slug}/preview.png"
        before = client.get(url)
        article.title = "A completely different headline"
        article.save()
        after = client.get(url)
        assert png_of(before) != png_of(after)
        assert before["ETag"] != after["ETag"]

    def test_changes_when_the_comment_count_changes(self, client):
        article = ArticleFactory()
        url = f"/articles/{article.slug}/preview.png"
        before = png_of(client.get(url))
        make_comment(article, UserFactory())
        assert png_of(client.get(url)) != before

    def test_same_content_same_bytes_and_304_on_revalidation(self, client):
        article = ArticleFactory()
        url = f"/articles/{article.slug}/preview.png"
        first = client.get(url)
        cache.clear()  # another process, an empty cache: the same image is rebuilt
        second = client.get(url)
        assert png_of(first) == png_of(second)
        assert first["ETag"] == second["ETag"]
        revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert revalidated.status_code == 304
        assert revalidated.content == b""

    def test_is_cached_between_requests(self, client, monkeypatch):
        article = ArticleFactory()
        url = f"/articles/{article.slug}/preview.png"
        png_of(client.get(url))
        calls = []
        monkeypatch.setattr(og_image, "draw_article", lambda **kw: calls.append(kw) or b"")
        png_of(client.get(url))
        assert calls == []

    def test_long_and_non_ascii_headlines_fit(self):
        headline = "Kim & Trump: “Fire and Fury” — " + "extraordinarilylongwordwithoutspaces" * 4
        png = og_image.draw_article(headline=headline, site_name="Site", comment_count=1)
        assert Image.open(io.BytesIO(png)).size == (1200, 630)

    def test_drafts_have_no_preview(self, client):
        draft = ArticleFactory(status="draft")
        assert client.get(f"/articles/{draft.slug}/preview.png").status_code == 404

    def test_falls_back_to_pillow_font_without_dejavu(self, monkeypatch, tmp_path):
        monkeypatch.setattr(og_image, "FONT_DIR", tmp_path)
        og_image.font.cache_clear()
        try:
            png = og_image.draw_article(headline="No fonts here", site_name="S", comment_count=0)
        finally:
            og_image.font.cache_clear()
        assert Image.open(io.BytesIO(png)).size == (1200, 630)


class TestCommentPreview:
    def test_quotes_a_published_comment(self, client):
        article = ArticleFactory()
        comment = make_comment(article, UserFactory(), body="Deterrence **works**, mostly.")
        png = png_of(client.get(f"/comments/{comment.pk}/preview.png"))
        other = make_comment(article, UserFactory(), body="Something else entirely.")
        assert png_of(client.get(f"/comments/{other.pk}/preview.png")) != png

    @pytest.mark.parametrize(
        "status", [Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.REMOVED]
    )
    def test_unpublished_comments_have_none(self, client, status):
        comment = make_comment(ArticleFactory(), UserFactory(), status=status)
        assert client.get(f"/comments/{comment.pk}/preview.png").status_code == 404

    def test_comments_on_draft_articles_have_none(self, client):
        comment = make_comment(ArticleFactory(status="draft"), UserFactory())
        assert client.get(f"/comments/{comment.pk}/preview.png").status_code == 404
        assert client.get("/comments/999999/preview.png").status_code == 404

    def test_deleted_member_comment_still_renders(self, client):
        comment = make_comment(ArticleFactory(), None, body="Words outlive accounts.")
        png_of(client.get(f"/comments/{comment.pk}/preview.png"))


def test_site_preview(client):
    png_of(client.get("/preview.png"))
