"""A page of a busy thread is bounded: top-level comments, replies, queries and bytes."""

import re

import pytest
from django.urls import reverse

from forum.discussion.reading import REPLIES_PER_THREAD
from forum.models import Comment, Thread
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db
CARD = re.compile(r'<li class="comment comment--level-')


def seed(thread, *, roots, replies_each, author):
    """Write `roots` top-level comments with `replies_each` replies each (a chain and fans)."""
    Comment.objects.bulk_create(
        [
            Comment(thread=thread, author=author, body=f"Top {n}", body_html=f"<p>Top {n}</p>")
            for n in range(roots)
        ]
    )
    replies = []
    for root in Comment.objects.filter(thread=thread, parent=None):
        for n in range(replies_each):
            replies.append(
                Comment(
                    thread=thread,
                    author=author,
                    parent=root,
                    root=root,
                    depth=1,
                    body=f"Reply {n} to {root.pk}",
                    body_html=f"<p>Reply {n} to {root.pk}</p>",
                )
            )
    Comment.objects.bulk_create(replies)
    Thread.objects.filter(pk=thread.pk).recount_comments()
    clear_caches()  # bulk_create sends no signals


@pytest.fixture
def busy(article_factory=ArticleFactory):
    article = article_factory()
    seed(article.thread, roots=60, replies_each=10, author=UserFactory())
    return article


def test_a_page_shows_at_most_50_threads_and_200_comments(client, busy):
    html = client.get(busy.get_absolute_url()).content.decode()
    assert len(CARD.findall(html)) == 50 * (1 + REPLIES_PER_THREAD) <= 200
    assert html.count("Show 7 more replies") == 50


def test_show_more_loads_the_rest_of_the_subtree_with_and_without_javascript(client, busy):
    root = Comment.objects.filter(thread=busy.thread, parent=None).order_by("pk").first()
    no_js = client.get(busy.get_absolute_url(), {"thread": root.pk}).content.decode()
    assert len(CARD.findall(no_js)) == 11
    assert "Back to all comments" in no_js
    in_place = client.get(
        reverse("forum:thread_replies", args=[busy.thread.pk, root.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert len(CARD.findall(in_place)) == 11
    assert in_place.lstrip().startswith("{#") is False and "<html" not in in_place


def test_a_deep_permalink_lands_on_the_page_that_shows_the_comment(client, busy):
    root = Comment.objects.filter(thread=busy.thread, parent=None).order_by("pk").last()
    last_reply = Comment.objects.filter(root=root).order_by("pk").last()
    response = client.get(reverse("forum:comment", args=[last_reply.pk]), follow=True)
    url, _ = response.redirect_chain[-1]
    assert f"thread={root.pk}" in url and url.endswith(f"#{last_reply.anchor}")
    assert f'id="{last_reply.anchor}"' in response.content.decode()


@pytest.mark.parametrize("query", ["", "?sort=top", "?page=2", "thread"])
def test_any_page_costs_at_most_12_queries_signed_in_or_not(
    client, busy, query, django_assert_max_num_queries
):
    if query == "thread":
        root = Comment.objects.filter(thread=busy.thread, parent=None).first()
        query = f"?thread={root.pk}"
    url = busy.get_absolute_url() + query
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_a_page_does_not_grow_with_the_thread(client):
    quiet, busy = ArticleFactory(), ArticleFactory()
    author = UserFactory()
    seed(quiet.thread, roots=50, replies_each=3, author=author)
    seed(busy.thread, roots=200, replies_each=40, author=author)
    sizes = [
        len(CARD.findall(client.get(a.get_absolute_url()).content.decode())) for a in (quiet, busy)
    ]
    assert sizes[0] == sizes[1] == 200
