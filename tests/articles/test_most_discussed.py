"""The "Most discussed" box on the home page and topic hubs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.discovery import most_discussed_on_site
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TopicFactory, UserFactory

HOSTILE_TITLE = 'Kim & Trump: "Fire & Fury" — 북한? #1 50% a+b/c'
SCRIPT = "</script><script>alert(1)</script>"


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
        CommentFactory(thread=quiet.thread, author=author)
        for _ in range(3):
            CommentFactory(thread=busy.thread, author=author)
        CommentFactory(thread=busy.thread, author=author, status=Comment.Status.PENDING)
        for _ in range(5):
            CommentFactory(
                thread=old.thread, author=author, created_at=timezone.now() - timedelta(days=8)
            )
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
        CommentFactory(thread=inside.thread, author=UserFactory())
        CommentFactory(thread=outside.thread, author=UserFactory())
        html = client.get(topic.get_absolute_url()).content.decode()
        section = html.split('class="most-discussed"', 1)[1].split("</aside>", 1)[0]
        assert "Inside" in section and "Outside" not in section

    @pytest.mark.parametrize("count", [2, 12])
    def test_home_and_topic_queries_stay_constant(
        self, client, django_assert_max_num_queries, count
    ):
        topic = TopicFactory()
        for _ in range(count):
            CommentFactory(thread=ArticleFactory(topics=[topic]).thread, author=UserFactory())
        with django_assert_max_num_queries(8):
            assert client.get("/").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(topic.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_site_ranking_is_counted_once_and_an_article_leaves_itself_out(
    client, django_assert_num_queries
):
    author = UserFactory()
    busy, other = ArticleFactory(title="Busy one"), ArticleFactory(title="Other one")
    for _ in range(2):
        CommentFactory(thread=busy.thread, author=author)
    CommentFactory(thread=other.thread, author=author)
    with django_assert_num_queries(1):
        assert [a.title for a in most_discussed_on_site()] == ["Busy one", "Other one"]
    with django_assert_num_queries(0):
        assert [a.title for a in most_discussed_on_site(exclude=busy.pk)] == ["Other one"]
    html = client.get(busy.get_absolute_url()).content.decode()
    section = html.split('class="most-discussed"', 1)[1].split("</aside>", 1)[0]
    assert "Other one" in section and "Busy one" not in section
