"""Rich previews: meta tags on every page type and the JSON-LD graph."""

import json
import re
from html.parser import HTMLParser

import pytest

from articles.models import Page
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TopicFactory, UserFactory

HOSTILE_TITLE = 'Kim & Trump: "Fire & Fury" — 북한? #1 50% a+b/c'
SCRIPT = "</script><script>alert(1)</script>"


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


# Meta tags on every page type -------------------------------------------------------


def assert_social_tags(head, settings, *, url, og_type="website"):
    assert head.canonical() == url
    assert head.one("description")
    assert head.one("og:url") == url
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
        comment = CommentFactory(
            thread=article.thread, author=UserFactory(username="kim"), body="Deterrence *works*."
        )
        head = head_of(client.get(article.get_absolute_url() + f"?comment={comment.pk}"))
        assert head.canonical() == settings.SITE_URL + article.get_absolute_url()
        assert head.one("og:title") == f"kim on “{article.title}”"
        assert head.one("og:description") == "Deterrence works."
        assert head.one("og:image") == settings.SITE_URL + f"/comments/{comment.pk}/preview.png"

    @pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
    def test_unpublished_or_foreign_comment_is_not_previewed(self, client, settings, status):
        article, other = ArticleFactory(), ArticleFactory()
        hidden = CommentFactory(
            thread=article.thread, author=UserFactory(), body="Secret words", status=status
        )
        foreign = CommentFactory(thread=other.thread, author=UserFactory(), body="Elsewhere words")
        for pk in (hidden.pk, foreign.pk, "abc", "9" * 30):
            # A comment that isn't there to see sends the reader to the article's page.
            url = article.get_absolute_url() + f"?comment={pk}"
            html = client.get(url, follow=True).content.decode()
            head = head_of(client.get(url, follow=True))
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
        CommentFactory(thread=article.thread, author=UserFactory())
        CommentFactory(thread=article.thread, author=UserFactory())
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
        first = CommentFactory(
            thread=article.thread, author=alice, body="First **point**.", score=3
        )
        CommentFactory(thread=article.thread, author=bob, body="A reply.", parent=first)
        CommentFactory(thread=article.thread, author=None, body="Orphaned words.")
        CommentFactory(
            thread=article.thread, author=bob, body="Held back.", status=Comment.Status.PENDING
        )
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
        CommentFactory(
            thread=article.thread, author=UserFactory(), body=f"Nice {SCRIPT} & <!-- more"
        )
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
