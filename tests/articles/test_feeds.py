"""RSS and Atom feeds of comments and topics: absolute links, escaping, constant queries."""

from xml.etree import ElementTree

import pytest

from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TopicFactory, UserFactory

HOSTILE_TITLE = 'Kim & Trump: "Fire & Fury" — 북한? #1 50% a+b/c'
SCRIPT = "</script><script>alert(1)</script>"


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
        CommentFactory(
            thread=article.thread,
            author=UserFactory(username="ann"),
            body=f"Sound **argument** {SCRIPT}",
        )
        CommentFactory(
            thread=article.thread,
            author=UserFactory(),
            body="Not shown",
            status=Comment.Status.PENDING,
        )
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
            CommentFactory(thread=article.thread, author=UserFactory())
        with django_assert_max_num_queries(3):
            assert client.get(article.get_absolute_url() + "comments/feed/").status_code == 200
