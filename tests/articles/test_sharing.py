"""Sharing: share URLs, the Mastodon hand-off, the share bar and the comment share page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from articles import sharing
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

HOSTILE_TITLE = 'Kim & Trump: "Fire & Fury" — 북한? #1 50% a+b/c'
SCRIPT = "</script><script>alert(1)</script>"


# Share URLs ---------------------------------------------------------------------------


class TestShareLinks:
    URL = "https://example.org/articles/kim/"

    def links(self, title=HOSTILE_TITLE, text=None):
        return {
            link.key: link.url for link in sharing.share_links(url=self.URL, title=title, text=text)
        }

    def test_every_network_is_there_and_plain(self):
        links = self.links()
        assert set(links) == {
            "email",
            "x",
            "facebook",
            "linkedin",
            "reddit",
            "whatsapp",
            "telegram",
            "bluesky",
        }
        hosts = {key: urlsplit(url).netloc for key, url in links.items()}
        assert hosts == {
            "email": "",
            "x": "x.com",
            "facebook": "www.facebook.com",
            "linkedin": "www.linkedin.com",
            "reddit": "www.reddit.com",
            "whatsapp": "wa.me",
            "telegram": "t.me",
            "bluesky": "bsky.app",
        }
        for url in links.values():
            assert url.startswith(("https://", "mailto:"))

    @pytest.mark.parametrize(
        "key, param",
        [
            ("x", "url"),
            ("facebook", "u"),
            ("linkedin", "url"),
            ("reddit", "url"),
            ("telegram", "url"),
        ],
    )
    def test_the_url_survives_encoding_exactly(self, key, param):
        query = parse_qs(urlsplit(self.links()[key]).query)
        assert query[param] == [self.URL]

    @pytest.mark.parametrize("key, param", [("x", "text"), ("reddit", "title")])
    def test_title_with_quotes_ampersands_hash_question_and_non_ascii_round_trips(self, key, param):
        url = self.links()[key]
        query = parse_qs(urlsplit(url).query)
        assert query[param] == [HOSTILE_TITLE]
        raw_query = urlsplit(url).query
        # Nothing that would end or split the query is left unencoded.
        for char in ' "&#?+/북':
            assert char not in raw_query.replace("&url=", "").replace("&title=", "")

    @pytest.mark.parametrize("key", ["whatsapp", "bluesky"])
    def test_text_only_targets_get_text_then_link(self, key):
        query = parse_qs(urlsplit(self.links()[key]).query)
        assert query["text"] == [f"{HOSTILE_TITLE} {self.URL}"]

    def test_mailto_has_subject_and_body_with_percent_twenty_spaces(self):
        url = self.links()["email"]
        assert url.startswith("mailto:?")
        assert "+" not in url.split("?", 1)[1]  # mail clients read "+" literally
        query = parse_qs(url.split("?", 1)[1])
        assert query["subject"] == [HOSTILE_TITLE]
        assert query["body"] == [f"{HOSTILE_TITLE}\n\n{self.URL}"]

    def test_canonical_url_drops_query_and_fragment(self, settings):
        settings.SITE_URL = "https://news.example"
        assert sharing.absolute_url("/articles/x/?utm_source=a&page=2#c") == (
            "https://news.example/articles/x/"
        )

    def test_plain_excerpt_strips_markdown_and_html(self):
        body = (
            "## Heading\n\n**Bold** and _em_ with [a link](https://x.org) and <b>tags</b>.\n\n> q"
        )
        assert sharing.plain_excerpt(body) == "Heading Bold and em with a link and <b>tags</b>. q"
        assert len(sharing.plain_excerpt("word " * 100)) <= sharing.EXCERPT_LENGTH


# Mastodon --------------------------------------------------------------------------


class TestMastodonInstance:
    @pytest.mark.parametrize(
        ("typed", "host"),
        [
            ("mastodon.social", "mastodon.social"),
            ("  Mastodon.Social  ", "mastodon.social"),
            ("https://hachyderm.io/", "hachyderm.io"),
            ("@someone@fosstodon.org", "fosstodon.org"),
            ("social.example.co.uk.", "social.example.co.uk"),
            ("bücher.example", "xn--bcher-kva.example"),
        ],
    )
    def test_accepts_server_names(self, typed, host):
        assert sharing.clean_instance(typed) == host

    @pytest.mark.parametrize(
        "typed",
        [
            "",
            "localhost",
            "127.0.0.1",
            "[::1]",
            "evil.com/path",
            "evil.com:8080",
            "user@evil.com",
            "javascript:alert(1)",
            "ftp://evil.com",
            "https://evil.com/share?x=1",
            "evil.com\r\nSet-Cookie: a=b",
            "evil .com",
            "evil.com#x",
            "evil.com?x",
            "evil.com\\@good.com",
            "-bad.example",
            "a" * 64 + ".example",
            "//evil.com",
            "evil.123",
        ],
    )
    def test_refuses_anything_else(self, typed):
        with pytest.raises(sharing.InvalidInstance):
            sharing.clean_instance(typed)

    def test_share_url_is_https_on_that_host_with_encoded_text(self):
        url = sharing.mastodon_share_url(instance="mastodon.social", text="A & B #1 https://x.org/")
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "mastodon.social", "/share")
        assert parse_qs(parts.query) == {"text": ["A & B #1 https://x.org/"]}


def destination_of(response):
    """Return where the Mastodon hand-off page sends the reader (its meta refresh)."""
    html = response.content.decode()
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
    return match.group(1).replace("&amp;", "&")


@pytest.mark.django_db
class TestMastodonView:
    def post(self, client, settings, **data):
        payload = {"url": settings.SITE_URL + "/articles/x/", "text": "Title & more"} | data
        return client.post("/share/mastodon/", payload, headers={"Sec-Fetch-Site": "same-origin"})

    def test_valid_server_continues_there_with_the_link(self, client, settings):
        response = self.post(client, settings, instance="https://mastodon.social/")
        assert response.status_code == 200
        html = response.content.decode()
        parts = urlsplit(destination_of(response))
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "mastodon.social", "/share")
        assert parse_qs(parts.query)["text"] == [f"Title & more {settings.SITE_URL}/articles/x/"]
        assert 'href="https://mastodon.social/share?' in html

    def test_bad_server_keeps_the_text_and_explains(self, client, settings):
        response = self.post(client, settings, instance="evil.com/phish")
        assert response.status_code == 400
        html = response.content.decode()
        assert "doesn’t look like a server name" in html
        assert 'value="evil.com/phish"' in html
        assert "http-equiv" not in html

    def test_foreign_url_is_replaced_by_the_home_page(self, client, settings):
        response = self.post(
            client, settings, url="https://evil.example/", instance="mastodon.social"
        )
        text = parse_qs(urlsplit(destination_of(response)).query)["text"][0]
        assert "evil.example" not in text
        assert text.endswith(settings.SITE_URL + "/")

    def test_get_never_sends_anyone_away(self, client):
        response = client.get("/share/mastodon/", {"instance": "evil.com", "url": "x"})
        assert response.status_code == 200
        assert "http-equiv" not in response.content.decode()

    @pytest.mark.parametrize(
        "headers, status",
        [
            ({}, 403),
            ({"Sec-Fetch-Site": "cross-site"}, 403),
            ({"Origin": "https://evil.example"}, 403),
            ({"Origin": "http://testserver"}, 200),
            ({"Sec-Fetch-Site": "same-origin"}, 200),
        ],
    )
    def test_post_must_come_from_our_own_pages(self, settings, headers, status):
        response = Client(enforce_csrf_checks=True).post(
            "/share/mastodon/",
            {"instance": "mastodon.social", "url": settings.SITE_URL + "/"},
            headers=headers,
        )
        assert response.status_code == status


# The share bar and the comment share ------------------------------------------------


@pytest.mark.django_db
class TestShareBar:
    def test_article_has_two_share_bars_with_canonical_links(self, client, settings):
        article = ArticleFactory(title=HOSTILE_TITLE)
        response = client.get(article.get_absolute_url() + "?utm_source=x&sort=top")
        html = response.content.decode()
        canonical = settings.SITE_URL + article.get_absolute_url()
        assert html.count('class="share-bar"') == 2
        assert html.count(f'value="{canonical}" data-share-field') == 2
        assert "utm_source" not in html.split('class="share-bar"', 1)[1]
        # Every link of the bar is the server-built one, HTML-escaped once.
        for link in sharing.article_share(article).links:
            assert f'href="{link.url.replace("&", "&amp;")}"' in html
        assert "Copy link" in html and "data-share-native" in html
        assert 'action="/share/mastodon/"' in html

    def test_no_third_party_scripts_or_frames(self, client):
        article = ArticleFactory()
        html = client.get(article.get_absolute_url()).content.decode()
        for src in re.findall(r"<script[^>]*src=\"([^\"]+)\"", html):
            assert src.startswith("/static/")
        assert "<iframe" not in html
        for src in re.findall(r"<img[^>]*src=\"([^\"]+)\"", html):
            assert src.startswith("/")  # no tracking pixel from a network

    def test_comment_share_costs_no_queries_and_quotes_the_comment(
        self, django_assert_num_queries, settings
    ):
        article = ArticleFactory(title="Sanctions & summits")
        comment = CommentFactory(
            thread=article.thread,
            author=UserFactory(),
            body="**Strongly** disagree: [the data](https://x.org) says " + "more " * 40,
        )
        comment = Comment.objects.select_related("author", "thread").get(pk=comment.pk)
        template = Template('{% include "includes/comment_share.html" %}')
        request = RequestFactory().get("/")
        with django_assert_num_queries(0):
            html = template.render(
                Context(
                    {
                        "comment": comment,
                        "thread": comment.thread,
                        "request": request,
                        "SITE_URL": settings.SITE_URL,
                        "csrf_token": "t",
                    }
                )
            )
        permalink = settings.SITE_URL + f"/comments/{comment.pk}/"
        assert f">{permalink}</a>" in html
        # No form field: Chromium lays the page out again for each one at load; no htmx
        # attribute: htmx sets up each one at load (share.js fetches the options; issue 15).
        assert "<input" not in html
        assert "hx-" not in html
        assert f'data-share-options="/comments/{comment.pk}/share/"' in html
        assert "<details" in html and "<summary" in html
        share = sharing.comment_share(comment, "Sanctions & summits")
        assert share.text.startswith("“Strongly disagree: the data says more")
        assert share.text.endswith("” on Sanctions & summits")
        x = next(link for link in share.links if link.key == "x")
        assert parse_qs(urlsplit(x.url).query)["url"] == [permalink]


@pytest.mark.django_db
def test_comment_share_page_and_fragment(client):
    article = ArticleFactory()
    comment = CommentFactory(thread=article.thread, author=UserFactory(), body="Worth *sharing*.")
    page = client.get(f"/comments/{comment.pk}/share/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<html" in html and "Worth <em>sharing</em>" in html
    assert "share__link--reddit" in html
    fragment = client.get(f"/comments/{comment.pk}/share/", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "share__link--reddit" in fragment.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
def test_comment_share_page_hides_unpublished_comments(client, status):
    comment = CommentFactory(
        thread=ArticleFactory().thread, author=UserFactory(), body="Secret", status=status
    )
    assert client.get(f"/comments/{comment.pk}/share/").status_code == 404
