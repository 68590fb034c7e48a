"""An article's own language: set by the loader and the admin, marked with `lang` on the page."""

import re
import shutil
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.models import Article
from tests.articles.test_load_content import CONTENT_DIR, SEED_SLUG, write_article
from tests.factories import ArticleFactory


def article_tag(html):
    return re.search(r'<article class="article"[^>]*>', html).group(0)


def card_title(html, article):
    pattern = rf'<h2 class="card__title"[^>]*><a href="{re.escape(article.get_absolute_url())}"'
    return re.search(pattern, html).group(0)


@pytest.mark.django_db
class TestLoading:
    def test_the_seed_article_is_in_english(self):
        call_command("load_content", verbosity=0, stdout=open("/dev/null", "w"))
        assert Article.objects.get(slug=SEED_SLUG).language == "en"

    def test_a_file_declares_its_language(self, tmp_path):
        directory = tmp_path / "content"
        shutil.copytree(CONTENT_DIR, directory)
        write_article(directory, "a-korean-article", language="ko")
        write_article(directory, "no-language-given")

        call_command("load_content", str(directory), verbosity=0, stdout=open("/dev/null", "w"))

        assert Article.objects.get(slug="a-korean-article").language == "ko"
        assert Article.objects.get(slug="no-language-given").language == ""


@pytest.mark.django_db
class TestModel:
    def test_empty_means_the_sites_language(self, settings):
        settings.LANGUAGE_CODE = "en"
        assert ArticleFactory(language="").content_language == "en"
        assert ArticleFactory(language="ko").content_language == "ko"

    @pytest.mark.parametrize("code", ["en", "ko", "pt-BR", "zh-Hant"])
    def test_language_tags_are_accepted(self, code):
        Article._meta.get_field("language").run_validators(code)

    @pytest.mark.parametrize("code", ["Korean", "e", "en_GB", "en GB", "-en"])
    def test_other_values_are_refused(self, code):
        with pytest.raises(ValidationError):
            Article._meta.get_field("language").run_validators(code)


@pytest.mark.django_db
class TestPage:
    def test_the_article_element_carries_the_articles_language(self, client):
        article = ArticleFactory(language="ko")
        html = client.get(article.get_absolute_url()).content.decode()

        assert 'lang="ko"' in article_tag(html)
        assert '<html lang="en"' in html
        # The interface's words inside the article are marked back as the page's language.
        assert re.search(r'<div class="article__meta" lang="en">', html)
        assert re.search(r'<section class="share-bar"[^>]* lang="en">', html)
        assert re.search(r'<div class="prose invitation" lang="ko">', html)

    def test_an_article_in_the_pages_language_needs_no_inner_marks(self, client):
        article = ArticleFactory(language="")
        html = client.get(article.get_absolute_url()).content.decode()

        assert 'lang="en"' in article_tag(html)
        assert '<div class="article__meta">' in html
        assert '<div class="prose invitation">' in html

    def test_in_a_german_interface_an_english_article_stays_english(self, client):
        article = ArticleFactory(language="en")
        html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()

        assert '<html lang="de"' in html
        assert 'lang="en"' in article_tag(html)
        assert '<div class="article__meta" lang="de">' in html

    def test_cards_mark_titles_in_another_language(self, client):
        korean = ArticleFactory(language="ko", title="북한의 핵 야망")
        english = ArticleFactory(language="en")
        html = client.get("/").content.decode()

        assert 'lang="ko"' in card_title(html, korean)
        assert "lang=" not in card_title(html, english)
        assert re.search(r'<p class="card__standfirst" lang="ko">', html)

    def test_cards_follow_the_interface_language(self, client):
        english = ArticleFactory(language="en")
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()

        assert '<html lang="ko"' in html
        assert 'lang="en"' in card_title(html, english)

    def test_an_english_article_runs_left_to_right_in_an_arabic_page(self, client):
        article = ArticleFactory(language="en")
        html = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()

        assert '<html lang="ar" dir="rtl"' in html
        assert 'lang="en" dir="ltr"' in article_tag(html)
        assert '<div class="article__meta" lang="ar" dir="rtl">' in html

    def test_an_arabic_article_runs_right_to_left_in_an_english_page(self, client):
        article = ArticleFactory(language="ar", title="مقال")
        html = client.get("/").content.decode()

        assert 'lang="ar" dir="rtl"' in card_title(html, article)


@pytest.mark.django_db
def test_an_editor_sets_the_language_in_the_admin(admin_client):
    article = ArticleFactory(language="")
    url = f"/admin/articles/article/{article.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="language"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "20 November 2026"), ("de", "20. November 2026"), ("ko", "2026년 11월 20일")],
)
def test_dates_follow_the_readers_language(client, language, shown):
    ArticleFactory(published_at=datetime(2026, 11, 20, 8, tzinfo=UTC))
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<time datetime="2026-11-20T08:00:00+0000">{shown}</time>' in html
