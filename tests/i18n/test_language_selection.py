"""The reader's language: Accept-Language, then the menu's cookie, then a member's setting.

And every cache keeps each language's page apart: the anonymous page cache (through Django
and through the ASGI fast path) and a member's shared frame. These hold without any
translation: the language shows in <html lang>, its direction in dir and Content-Language.
"""

import re

import pytest
from django.conf import settings

from forum import asgi
from forum.platform import frames, pagecache
from forum.platform.fastpath import FastPath
from tests.factories import CommentFactory, UserFactory
from tests.forum.pagecache.test_fastpath import request  # one request through ASGI
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME
HTML_TAG = re.compile(r"<html[^>]*>")


def html_tag(response_or_body):
    body = getattr(response_or_body, "content", response_or_body)
    return HTML_TAG.search(body.decode()).group(0)


def spoken(response, language, direction="ltr"):
    """Assert the page is in `language`: its <html> tag and Content-Language say so."""
    assert html_tag(response) == f'<html lang="{language}" dir="{direction}">'
    assert response["Content-Language"] == language


def vary(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",")}


@pytest.fixture
def article_url(article):
    CommentFactory(thread=article.thread, body="A comment to show.")
    return article.get_absolute_url()


PAGES = ["/", "article", "/accounts/login/", "/no-such-page/"]


def url_of(page, article_url):
    return article_url if page == "article" else page


@pytest.mark.parametrize("page", PAGES)
def test_accept_language_german_gives_a_german_page(client, article_url, page):
    response = client.get(url_of(page, article_url), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    spoken(response, "de")


@pytest.mark.parametrize("page", PAGES)
def test_arabic_is_written_right_to_left(client, article_url, page):
    response = client.get(url_of(page, article_url), HTTP_ACCEPT_LANGUAGE="ar")
    spoken(response, "ar", "rtl")


def test_the_menus_cookie_beats_accept_language(client, article_url):
    client.cookies[COOKIE] = "fr"
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="de"), "fr")
    spoken(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="de"), "fr")


def test_choosing_from_the_menu_sets_the_cookie(client, article_url):
    response = client.get("/language/", {"language": "ko", "next": article_url})
    assert response.status_code == 302 and response.cookies[COOKIE].value == "ko"
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="de"), "ko")


def test_a_language_not_offered_falls_back_to_language_code(client, article_url, settings):
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="ja"), "en")
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    settings.LANGUAGE_CODE = "de"
    clear_caches()
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="ja"), "de")
    client.cookies[COOKIE] = "ar"  # once offered, no longer
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="fr"), "de")


def menu_languages(response):
    menu = re.search(r'<select id="language-menu".*?</select>', response.content.decode(), re.S)
    assert menu, "no language menu in the footer"
    return re.findall(r'<option value="([^"]+)"', menu.group(0))


def test_the_footer_menu_offers_the_languages_of_the_setting(client, article_url, settings):
    assert menu_languages(client.get(article_url)) == ["en", "de", "fr", "es", "ar", "ko"]
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    clear_caches()
    response = client.get(article_url, HTTP_ACCEPT_LANGUAGE="ar")
    assert menu_languages(response) == ["de", "en"]
    spoken(response, "en")  # Arabic not offered: LANGUAGE_CODE


def test_a_member_is_spoken_to_in_the_language_of_their_account(client, article_url):
    client.force_login(UserFactory(language="ko"))
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="de"), "ko")


# The page cache -------------------------------------------------------------------


def test_each_reader_gets_the_cached_page_of_their_own_language(client, article_url):
    for language in ("en", "de", "en", "de", "ar"):
        response = client.get(article_url, HTTP_ACCEPT_LANGUAGE=language)
        spoken(response, language, "rtl" if language == "ar" else "ltr")
        assert {"accept-language", "cookie"} <= vary(response), response.get("Vary")
    client.cookies[COOKIE] = "de"  # the cookie's choice, not the header's, finds the entry
    spoken(client.get(article_url, HTTP_ACCEPT_LANGUAGE="en"), "de")


def test_the_page_cache_keys_differ_by_language(rf):
    english, german = rf.get("/articles/a/"), rf.get("/articles/a/")
    english.LANGUAGE_CODE, german.LANGUAGE_CODE = "en", "de"
    assert pagecache._entry_key(english, "") != pagecache._entry_key(german, "")


@pytest.mark.django_db(transaction=True)
def test_the_asgi_fast_path_answers_each_language_its_own_page(article_url):
    fast = FastPath(asgi.page_application)
    seen = []
    steps = [
        ("en", [("Accept-Language", "en")]),
        ("de", [("Accept-Language", "de")]),
        ("en", [("Accept-Language", "en-GB,en;q=0.8")]),
        ("de", [("Accept-Language", "de")]),
        ("ar", [("Accept-Language", "de"), ("Cookie", f"{COOKIE}=ar")]),
        ("ar", [("Accept-Language", "en"), ("Cookie", f"{COOKIE}=ar")]),
        ("en", []),  # no header: LANGUAGE_CODE
    ]
    for language, headers in steps:
        answer = request(fast, article_url, headers=headers)
        assert answer.status == 200
        assert html_tag(answer.body) == (
            f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">'
        )
        assert answer.header("Content-Language") == language
        assert {"accept-language", "cookie"} <= {
            v.strip().lower() for v in answer.header("Vary").split(",")
        }
        seen.append(answer.via)
    # Each language's first reader is answered by Django (a miss), the next from the cache.
    assert seen == ["django", "django", "fast", "fast", "django", "fast", "fast"]


# A member's shared frame ------------------------------------------------------------


@pytest.fixture
def cuts(monkeypatch):
    """Count the frames built."""
    built = []
    cut = frames.Frame.cut.__func__

    def counted(cls, html, **data):
        built.append(html_tag(html.encode()))
        return cut(cls, html, **data)

    monkeypatch.setattr(frames.Frame, "cut", classmethod(counted))
    return built


def test_a_members_frame_is_kept_per_language(client, article_url, cuts):
    german, english, korean = (UserFactory(language=code) for code in ("de", "en", "ko"))
    other_german = UserFactory(language="de")
    for member, language in [
        (german, "de"),
        (english, "en"),
        (other_german, "de"),
        (korean, "ko"),
        (english, "en"),
    ]:
        client.force_login(member)
        spoken(client.get(article_url), language)
    # One frame a language, each built in its own language, then shared.
    assert cuts == [f'<html lang="{code}" dir="ltr">' for code in ("de", "en", "ko")]
