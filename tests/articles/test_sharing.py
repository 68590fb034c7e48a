"""Sharing and rich previews: share URLs, Mastodon, meta tags, JSON-LD, feeds, most discussed."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.db.models import F
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from articles import sharing
from articles.models import Page
from forum.markdown import render_markdown
from forum.models import Comment, Thread
from tests.factories import ArticleFactory, TopicFactory, UserFactory

HOSTILE_TITLE = 'Kim & Trump: "Fire & Fury" — 북한? #1 50% a+b/c'
SCRIPT = "</script><script>alert(1)</script>"


def make_comment(article, author=None, body="A thoughtful comment.", **fields):
    """Create a comment directly (no moderation or rate limits), keeping the count right."""
    status = fields.pop("status", Comment.Status.PUBLISHED)
    comment = Comment.objects.create(
        thread=article.thread,
        author=author,
        body=body,
        body_html=render_markdown(body),
        status=status,
        **fields,
    )
    if status == Comment.Status.PUBLISHED:
        Thread.objects.filter(pk=article.thread_id).update(comment_count=F("comment_count") + 1)
        article.thread.refresh_from_db()
    return comment


class Head(HTMLParser):
    """Collect the meta tags, links and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def canonical(self):
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) == 1
        return found[0]


def head_of(response):
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode())
    return parser


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

    @pytest.mark.parametrize("key", ["x", "facebook", "linkedin", "reddit", "telegram"])
    def test_the_url_survives_encoding_exactly(self, key):
        query = parse_qs(urlsplit(self.links()[key]).query)
        assert (query.get("url") or query.get("u")) == [self.URL]

    @pytest.mark.parametrize("key", ["x", "reddit"])
    def test_title_with_quotes_ampersands_hash_question_and_non_ascii_round_trips(self, key):
        url = self.links()[key]
        query = parse_qs(urlsplit(url).query)
        assert (query.get("title") or query.get("text")) == [HOSTILE_TITLE]
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
        return client.post("/share/mastodon/", payload)

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

    def test_post_needs_csrf(self, settings):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(
            "/share/mastodon/", {"instance": "mastodon.social", "url": settings.SITE_URL + "/"}
        )
        assert response.status_code == 403


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
        assert "<img" not in html or "facebook" not in html

    def test_comment_share_costs_no_queries_and_quotes_the_comment(
        self, django_assert_num_queries, settings
    ):
        article = ArticleFactory(title="Sanctions & summits")
        comment = make_comment(
            article,
            UserFactory(),
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
        assert f'value="{permalink}"' in html
        assert "<details" in html and "<summary" in html
        share = sharing.comment_share(comment, "Sanctions & summits")
        assert share.text.startswith("“Strongly disagree: the data says more")
        assert share.text.endswith("” on Sanctions & summits")
        x = next(link for link in share.links if link.key == "x")
        assert parse_qs(urlsplit(x.url).query)["url"] == [permalink]


# Meta tags on every page type -------------------------------------------------------


def assert_social_tags(head, settings, *, url, og_type="website"):
    assert head.canonical() == url
    assert head.one("description")
    assert head.one("og:url") == url or head.one("og:url").startswith(url)
    assert head.one("og:site_name") == settings.SITE_NAME
    assert head.one("og:type") == og_type
    assert head.one("og:title")
    assert head.one("og:description")
    assert head.one("og:image").startswith(settings.SITE_URL + "/")
    assert head.one("twitter:card") == "summary_large_image"
    for key in ("og:url", "og:image", "twitter:image"):
        assert head.one(key).startswith(("http://", "https://"))


@pytest.mark.django_db
class TestMetaTags:
    def test_home(self, client, settings):
        ArticleFactory()
        head = head_of(client.get("/?utm_campaign=spam"))
        assert_social_tags(head, settings, url=settings.SITE_URL + "/")
        assert head.one("og:image") == settings.SITE_URL + "/preview.png"

    def test_article(self, client, settings):
        economy, nukes = TopicFactory(name="Economy"), TopicFactory(name="Nuclear weapons")
        article = ArticleFactory(title=HOSTILE_TITLE, standfirst="", topics=[economy, nukes])
        head = head_of(client.get(article.get_absolute_url()))
        url = settings.SITE_URL + article.get_absolute_url()
        assert_social_tags(head, settings, url=url, og_type="article")
        assert head.one("og:title") == HOSTILE_TITLE
        assert head.one("description") == "A section Some body text."  # from the body
        assert head.one("og:image") == url + "preview.png"
        assert head.one("article:published_time") == article.published_at.isoformat()
        assert head.one("article:modified_time")
        assert head.one("article:section") == "Economy"
        assert head.meta["article:tag"] == ["Economy", "Nuclear weapons"]
        feeds = {link["href"] for link in head.links if link.get("rel") == "alternate"}
        assert f"{article.get_absolute_url()}comments/feed/" in feeds
        assert f"{article.get_absolute_url()}comments/feed/atom/" in feeds

    def test_article_opened_from_a_comment_share_previews_the_comment(self, client, settings):
        article = ArticleFactory()
        comment = make_comment(article, UserFactory(username="kim"), body="Deterrence *works*.")
        head = head_of(client.get(article.get_absolute_url() + f"?comment={comment.pk}"))
        assert head.canonical() == settings.SITE_URL + article.get_absolute_url()
        assert head.one("og:title") == f"kim on “{article.title}”"
        assert head.one("og:description") == "Deterrence works."
        assert head.one("og:image") == settings.SITE_URL + f"/comments/{comment.pk}/preview.png"

    @pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
    def test_unpublished_or_foreign_comment_is_not_previewed(self, client, settings, status):
        article, other = ArticleFactory(), ArticleFactory()
        hidden = make_comment(article, UserFactory(), body="Secret words", status=status)
        foreign = make_comment(other, UserFactory(), body="Elsewhere words")
        for pk in (hidden.pk, foreign.pk, "abc", "9" * 30):
            html = client.get(article.get_absolute_url() + f"?comment={pk}").content.decode()
            head = head_of(client.get(article.get_absolute_url() + f"?comment={pk}"))
            assert head.one("og:title") == article.title
            assert "Secret words" not in html.split("</head>")[0]

    def test_topic(self, client, settings):
        topic = TopicFactory(name="North Korea", description="The peninsula & its bomb.")
        head = head_of(client.get(topic.get_absolute_url()))
        assert_social_tags(head, settings, url=settings.SITE_URL + topic.get_absolute_url())
        assert head.one("og:description") == "The peninsula & its bomb."
        feeds = {link["href"] for link in head.links if link.get("rel") == "alternate"}
        assert f"/topics/{topic.slug}/feed/" in feeds

    def test_page(self, client, settings):
        page = Page.objects.create(
            title="Community guidelines", slug="guidelines-x", body="Be **kind**."
        )
        head = head_of(client.get(page.get_absolute_url()))
        assert_social_tags(head, settings, url=settings.SITE_URL + page.get_absolute_url())
        assert head.one("og:title") == "Community guidelines"
        assert head.one("description") == "Be kind."

    def test_search(self, client, settings):
        head = head_of(client.get("/search/?q=x"))
        assert head.canonical() == settings.SITE_URL + "/search/"
        assert head.one("robots") == "noindex, follow"


# JSON-LD --------------------------------------------------------------------------------


def graph_of(response):
    head = head_of(response)
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.mark.django_db
class TestJsonLd:
    def test_news_article_matches_the_page(self, client, settings):
        article = ArticleFactory(
            title=HOSTILE_TITLE, byline="Jane Doe", topics=[TopicFactory(name="Asia")]
        )
        make_comment(article, UserFactory())
        make_comment(article, UserFactory())
        graph = graph_of(client.get(article.get_absolute_url()))
        news = graph["NewsArticle"]
        url = settings.SITE_URL + article.get_absolute_url()
        assert news["headline"] == HOSTILE_TITLE
        assert news["commentCount"] == 2
        assert news["discussionUrl"] == url + "#discussion"
        assert news["author"] == [{"@type": "Person", "name": "Jane Doe"}]
        assert news["publisher"]["name"] == settings.SITE_NAME
        assert news["image"] == [url + "preview.png"]
        assert news["datePublished"].startswith(article.published_at.isoformat()[:19])
        assert news["articleSection"] == "Asia"

    def test_discussion_lists_the_comments_with_replies_nested(self, client, settings):
        article = ArticleFactory()
        alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
        first = make_comment(article, alice, body="First **point**.", score=3)
        make_comment(article, bob, body="A reply.", parent=first, root=first, depth=1)
        make_comment(article, None, body="Orphaned words.")
        make_comment(article, bob, body="Held back.", status=Comment.Status.PENDING)
        posting = graph_of(client.get(article.get_absolute_url()))["DiscussionForumPosting"]
        assert posting["url"] == settings.SITE_URL + article.get_absolute_url() + "#discussion"
        assert posting["text"] == "What do you think?"
        top = posting["comment"]
        assert [c["text"] for c in top] == ["First **point**.", "Orphaned words."]
        assert top[0]["@type"] == "Comment"
        assert top[0]["author"]["name"] == "alice"
        assert top[0]["author"]["url"].startswith(settings.SITE_URL + "/")
        assert top[0]["upvoteCount"] == 3
        assert top[0]["dateCreated"]
        assert top[0]["url"] == settings.SITE_URL + f"/comments/{first.pk}/"
        assert [c["text"] for c in top[0]["comment"]] == ["A reply."]
        assert top[1]["author"]["name"] == "[deleted member]"
        assert "Held back." not in json.dumps(posting)

    def test_script_breakout_is_escaped(self, client):
        article = ArticleFactory(title=f"Title {SCRIPT}")
        make_comment(article, UserFactory(), body=f"Nice {SCRIPT} & <!-- more")
        response = client.get(article.get_absolute_url())
        html = response.content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(
            1
        )
        assert "<" not in block and ">" not in block and "&" not in block
        assert "\\u003C/script\\u003E" in block
        data = json.loads(block)
        texts = json.dumps(data, ensure_ascii=False)
        assert SCRIPT in texts  # the text is intact once parsed
        assert "<script>alert(1)</script>" not in html.replace("&lt;", "")


# Feeds ------------------------------------------------------------------------------


def feed_links(response):
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    links = []
    for el in root.iter():
        if el.tag.endswith("link"):
            links.append(el.get("href") or el.text)
        if el.tag.endswith("guid") or el.tag.endswith("}id"):
            links.append(el.text)
    return root, [link for link in links if link]


@pytest.mark.django_db
class TestFeeds:
    @pytest.mark.parametrize("suffix", ["comments/feed/", "comments/feed/atom/"])
    def test_comment_feed(self, client, settings, suffix):
        article = ArticleFactory(title="Deterrence & doubt")
        make_comment(article, UserFactory(username="ann"), body=f"Sound **argument** {SCRIPT}")
        make_comment(article, UserFactory(), body="Not shown", status=Comment.Status.PENDING)
        response = client.get(article.get_absolute_url() + suffix)
        root, links = feed_links(response)
        assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)
        body = response.content.decode()
        assert "ann: Sound argument" in body
        assert "Not shown" not in body
        assert "<script>" not in body  # HTML is escaped inside the XML
        assert "Deterrence &amp; doubt" in body

    @pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
    def test_topic_feed(self, client, settings, suffix):
        topic = TopicFactory(name="Korea")
        ArticleFactory(title="In the topic", topics=[topic])
        ArticleFactory(title="Elsewhere")
        response = client.get(topic.get_absolute_url() + suffix)
        root, links = feed_links(response)
        assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)
        body = response.content.decode()
        assert "In the topic" in body and "Elsewhere" not in body

    def test_feeds_of_unknown_or_draft_things_are_404(self, client):
        draft = ArticleFactory(status="draft")
        assert client.get(draft.get_absolute_url() + "comments/feed/").status_code == 404
        assert client.get("/topics/nope/feed/").status_code == 404

    @pytest.mark.parametrize("count", [2, 20])
    def test_comment_feed_queries_are_constant(self, client, django_assert_max_num_queries, count):
        article = ArticleFactory()
        for _ in range(count):
            make_comment(article, UserFactory())
        with django_assert_max_num_queries(3):
            assert client.get(article.get_absolute_url() + "comments/feed/").status_code == 200


# Most discussed ----------------------------------------------------------------------


@pytest.mark.django_db
class TestMostDiscussed:
    def test_hidden_without_comments(self, client):
        ArticleFactory()
        assert "Most discussed" not in client.get("/").content.decode()

    def test_ranked_by_last_week_published_comments_with_counts(self, client):
        quiet, busy, old = (
            ArticleFactory(title="Quiet"),
            ArticleFactory(title="Busy"),
            ArticleFactory(title="Old news"),
        )
        author = UserFactory()
        make_comment(quiet, author)
        for _ in range(3):
            make_comment(busy, author)
        make_comment(busy, author, status=Comment.Status.PENDING)
        for _ in range(5):
            make_comment(old, author, created_at=timezone.now() - timedelta(days=8))
        html = client.get("/").content.decode()
        section = html.split('class="most-discussed"', 1)[1].split("</aside>", 1)[0]
        assert section.index("Busy") < section.index("Quiet")
        assert "3 new comments" in section and "1 new comment<" in section
        assert "Old news" not in section

    def test_topic_hub_counts_only_its_articles(self, client):
        topic = TopicFactory()
        inside, outside = (
            ArticleFactory(title="Inside", topics=[topic]),
            ArticleFactory(title="Outside"),
        )
        make_comment(inside, UserFactory())
        make_comment(outside, UserFactory())
        html = client.get(topic.get_absolute_url()).content.decode()
        section = html.split('class="most-discussed"', 1)[1].split("</aside>", 1)[0]
        assert "Inside" in section and "Outside" not in section

    @pytest.mark.parametrize("count", [2, 12])
    def test_home_and_topic_queries_stay_constant(
        self, client, django_assert_max_num_queries, count
    ):
        topic = TopicFactory()
        for _ in range(count):
            make_comment(ArticleFactory(topics=[topic]), UserFactory())
        with django_assert_max_num_queries(8):
            assert client.get("/").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(topic.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_comment_share_page_and_fragment(client):
    from tests.factories import ArticleFactory, UserFactory

    article = ArticleFactory()
    comment = make_comment(article, UserFactory(), body="Worth *sharing*.")
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
    from tests.factories import ArticleFactory, UserFactory

    comment = make_comment(ArticleFactory(), UserFactory(), body="Secret", status=status)
    assert client.get(f"/comments/{comment.pk}/share/").status_code == 404
