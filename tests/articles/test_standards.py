"""Feeds meet their RFCs' required elements; structured data stays small on a busy thread."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_atom_feeds_have_an_author_id_updated_and_self_link(client):
    article = ArticleFactory(byline="")
    topic_urls = [reverse("articles:topic_feed_atom", args=[t.slug]) for t in article.topics.all()]
    urls = [
        reverse("articles:feed_atom"),
        reverse("articles:comments_feed_atom", args=[article.slug]),
        *topic_urls,
    ]
    for url in urls:
        feed = _atom(client, url)
        assert feed.find(f"{ATOM}id").text
        assert feed.find(f"{ATOM}updated").text
        assert feed.find(f"{ATOM}author/{ATOM}name").text, url
        links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert links and links[0].get("href").startswith("http"), url


def test_rss_feed_channel_has_title_link_and_description(client):
    ArticleFactory()
    channel = ET.fromstring(client.get(reverse("articles:feed_rss")).content).find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text, name


def test_json_ld_is_bounded_whatever_the_threads_size(client):
    from forum.models import Comment

    article = ArticleFactory()
    author = UserFactory()
    body = "A long considered comment about the summit and its aftermath. " * 40
    Comment.objects.bulk_create(
        [
            Comment(thread=article.thread, author=author, body=body, body_html=f"<p>{body}</p>")
            for _ in range(120)
        ]
    )
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert len(blocks[0].encode()) < 20_000
    graph = json.loads(blocks[0])["@graph"]
    news, discussion = graph
    assert news["@type"] == "NewsArticle" and news["headline"] and news["datePublished"]
    assert discussion["@type"] == "DiscussionForumPosting"
    assert discussion["url"].endswith("#discussion")
    assert 1 <= len(discussion["comment"]) <= 20
