"""Every feed and the sitemap meet their specifications; structured data is complete and small.

feedparser is not a dependency: the XML is parsed with xml.etree (a parse error is what
feedparser calls a "bozo" feed) and the elements each RFC requires are checked by hand.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest
from django.conf import settings
from django.urls import reverse

from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

ATOM_FEEDS = {
    "latest": ("articles:feed_atom", None),
    "topic": ("articles:topic_feed_atom", "topic"),
    "comments": ("articles:comments_feed_atom", "article"),
}
RSS_FEEDS = {
    "latest": ("articles:feed_rss", None),
    "topic": ("articles:topic_feed_rss", "topic"),
    "comments": ("articles:comments_feed_rss", "article"),
}


@pytest.fixture
def site():
    """An article without a byline (feeds must still name an author), in a topic, discussed."""
    topic = TopicFactory(name="Korea")
    article = ArticleFactory(byline="", topics=[topic], title="Fire & fury")
    ArticleFactory(byline="Staff writer", topics=[topic])
    CommentFactory(thread=article.thread, author=UserFactory(username="ann"), body="Agreed.")
    CommentFactory(thread=article.thread, author=None, body="From a deleted account.")
    return {"topic": topic.slug, "article": article.slug}


def feed_url(site, name, arg):
    return reverse(name, args=[site[arg]] if arg else [])


def parse(client, url, content_type):
    """Return the parsed document, failing like feedparser's bozo flag would."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == content_type, url
    assert response.content.lower().startswith(b'<?xml version="1.0" encoding="utf-8"?>'), url
    return ET.fromstring(response.content)  # raises on any XML that is not well formed


def rfc3339(text):
    return datetime.fromisoformat(text)  # raises on a malformed date


def absolute(url):
    return url.startswith(settings.SITE_URL + "/")


@pytest.mark.parametrize("feed", ATOM_FEEDS)
def test_atom_feed_meets_rfc_4287(client, site, feed):
    url = feed_url(site, *ATOM_FEEDS[feed])
    root = parse(client, url, "application/atom+xml; charset=utf-8")
    assert root.tag == f"{ATOM}feed"
    # atom:feed MUST have exactly one id, title and updated, and an author unless every entry
    # has one; it SHOULD have a self link (the URL readers subscribe to).
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
        assert root.find(f"{ATOM}{name}").text, name
    rfc3339(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    selfs = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert selfs == [settings.SITE_URL + url]
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        # atom:entry MUST have id, title, updated, and a link[rel=alternate] when no content.
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        rfc3339(entry.find(f"{ATOM}updated").text)
        assert absolute(entry.find(f"{ATOM}id").text)
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")
        ]
        assert alternates and absolute(alternates[0].get("href"))


@pytest.mark.parametrize("feed", RSS_FEEDS)
def test_rss_feed_meets_rss_2_0(client, site, feed):
    url = feed_url(site, *RSS_FEEDS[feed])
    root = parse(client, url, "application/rss+xml; charset=utf-8")
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text, name
    assert absolute(channel.find("link").text)
    # The RSS Advisory Board's profile: an atom:link rel="self" names the feed's own URL.
    selfs = [
        link.get("href") for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"
    ]
    assert selfs == [settings.SITE_URL + url]
    items = channel.findall("item")
    assert items
    for item in items:
        assert item.find("title").text
        assert absolute(item.find("link").text)
        guid = item.find("guid")
        assert absolute(guid.text) and guid.get("isPermaLink", "true") == "true"
        parsedate_to_datetime(item.find("pubDate").text)  # RFC 822 date
        # <author> must be an e-mail address: names go in dc:creator when there is one.
        assert item.find("author") is None
    if feed == "comments":
        assert all(item.find(f"{DC}creator").text for item in items)


def test_sitemap_lists_every_public_page_with_absolute_urls(client, site):
    root = parse(client, reverse("sitemap"), "application/xml")
    assert root.tag == f"{SITEMAP}urlset"
    entries = root.findall(f"{SITEMAP}url")
    assert 0 < len(entries) <= 50_000  # the protocol's limit per file
    locations = []
    for entry in entries:
        location = entry.find(f"{SITEMAP}loc").text
        assert absolute(location), location
        lastmod = entry.find(f"{SITEMAP}lastmod")
        if lastmod is not None:
            rfc3339(lastmod.text)  # W3C Datetime
        locations.append(location.removeprefix(settings.SITE_URL))
    assert {"/", "/topics/", f"/topics/{site['topic']}/", f"/articles/{site['article']}/"} <= set(
        locations
    )
    robots = client.get(reverse("articles:robots")).content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


# Structured data -------------------------------------------------------------------------


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return blocks[0], json.loads(blocks[0])["@graph"]


def comments_in(node):
    """Return every Comment in a JSON-LD node, replies included."""
    found = []
    for comment in node.get("comment", []):
        found += [comment, *comments_in(comment)]
    return found


def busy_thread(article, count, body):
    author = UserFactory()
    roots = Comment.objects.bulk_create(
        [
            Comment(thread=article.thread, author=author, body=body, body_html=f"<p>{body}</p>")
            for _ in range(count)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                thread=article.thread,
                author=author,
                parent=root,
                root=root,
                depth=1,
                body=body,
                body_html=f"<p>{body}</p>",
            )
            for root in roots[:10]
        ]
    )


def test_json_ld_has_the_required_fields(client):
    article = ArticleFactory(byline="")
    CommentFactory(thread=article.thread, author=UserFactory(username="ann"), body="Agreed.")
    _, graph = json_ld(client.get(article.get_absolute_url()).content.decode())
    news, discussion = graph
    assert news["@type"] == "NewsArticle"
    for field in ("headline", "datePublished", "dateModified", "image", "url", "publisher"):
        assert news[field], field
    assert news["author"][0]["name"]  # the publisher when there is no byline
    assert discussion["@type"] == "DiscussionForumPosting"
    for field in ("headline", "text", "url", "datePublished"):
        assert discussion[field], field
    assert discussion["author"]["name"]
    assert discussion["url"].endswith("#discussion")
    (comment,) = comments_in(discussion)
    for field in ("text", "datePublished", "url"):
        assert comment[field], field
    assert comment["author"]["name"] == "ann"


def test_json_ld_is_bounded_whatever_the_threads_size(client):
    article = ArticleFactory()
    body = "A long considered comment about the summit and its aftermath. " * 40
    busy_thread(article, 120, body)
    html = client.get(article.get_absolute_url()).content.decode()
    text, graph = json_ld(html)
    assert len(text.encode()) < 20_000
    comments = comments_in(graph[1])
    assert 1 <= len(comments) <= 20
    # Only comments the first page shows: each one is a card on this page.
    shown = set(re.findall(r'id="(comment-\d+)"', html))
    assert {c["url"].rsplit("/", 2)[-2] for c in comments} <= {s.split("-")[1] for s in shown}


def test_json_ld_of_a_later_page_names_only_that_pages_comments(client):
    article = ArticleFactory()
    busy_thread(article, settings.COMMENTS_PER_PAGE + 5, "Short.")
    html = client.get(article.get_absolute_url() + "?page=2").content.decode()
    _, graph = json_ld(html)
    shown = {s.split("-")[1] for s in re.findall(r'id="(comment-\d+)"', html)}
    named = {c["url"].rsplit("/", 2)[-2] for c in comments_in(graph[1])}
    assert named and named <= shown
