"""Reading a thread: the tree, sort orders, pages, permalinks, placeholders, query counts."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.comments import transitions
from forum.models import Comment, Thread, Vote
from tests.factories import CommentFactory, UserFactory
from tests.helpers import clear_caches


def article_url(article, **params):
    query = f"?{urlencode(params)}" if params else ""
    return article.get_absolute_url() + query


@pytest.mark.django_db
class TestReading:
    def test_sort_orders(self, client, member, other_member, article):
        first = CommentFactory(thread=article.thread, author=member, body="first")
        second = CommentFactory(thread=article.thread, author=other_member, body="second")
        third = CommentFactory(thread=article.thread, author=member, body="third")
        Comment.objects.filter(pk=second.pk).update(score=5)
        Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=3))
        Comment.objects.filter(pk=second.pk).update(created_at=timezone.now() - timedelta(hours=2))

        def order(sort):
            html = client.get(article_url(article, sort=sort)).content.decode()
            return sorted([first, second, third], key=lambda c: html.index(f'id="comment-{c.pk}"'))

        assert order("oldest") == [first, second, third]
        assert order("newest") == [third, second, first]
        assert order("top") == [second, first, third]
        assert order("nonsense") == [first, second, third]

    def test_pagination_and_permalink_to_page_three(self, client, settings, member, article):
        settings.COMMENTS_PER_PAGE = 5
        base = timezone.now() - timedelta(days=1)
        roots = []
        for i in range(12):
            roots.append(
                Comment.objects.create(
                    thread=article.thread,
                    author=member,
                    body=f"c{i}",
                    body_html=f"<p>c{i}</p>",
                    created_at=base + timedelta(minutes=i),
                )
            )
        reply = Comment.objects.create(
            thread=article.thread,
            author=member,
            parent=roots[11],
            root=roots[11],
            depth=1,
            body="late reply",
            body_html="<p>late reply</p>",
            created_at=base + timedelta(hours=2),
        )
        response = client.get(reverse("forum:comment", args=[reply.pk]))
        assert response.status_code == 302
        assert response["Location"] == (
            f"{article.get_absolute_url()}?comment={reply.pk}&page=3#comment-{reply.pk}"
        )
        page3 = client.get(f"{article.get_absolute_url()}?page=3").content.decode()
        assert f'id="comment-{reply.pk}"' in page3
        assert f'id="comment-{roots[0].pk}"' not in page3
        newest = client.get(reverse("forum:comment", args=[roots[0].pk]) + "?sort=newest")
        assert newest["Location"] == (
            f"{article.get_absolute_url()}?comment={roots[0].pk}&sort=newest&page=3#comment-{roots[0].pk}"
        )

    def test_placeholder_keeps_replies_in_context(self, client, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=member, body="Going away")
        CommentFactory(thread=article.thread, author=other_member, body="Still here", parent=parent)
        lonely = CommentFactory(thread=article.thread, author=member, body="Alone and gone")
        transitions.comment_remove(comment=parent, member=member)
        transitions.comment_remove(comment=lonely, member=member)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "This comment was removed." in html
        assert "Going away" not in html
        assert "Still here" in html
        assert "Alone and gone" not in html
        assert f'id="comment-{lonely.pk}"' not in html

    def test_held_comment_is_visible_only_to_its_author(
        self, client_as, client, member, other_member, article
    ):
        held = Comment.objects.create(
            thread=article.thread,
            author=member,
            body="Held text",
            body_html="<p>Held text</p>",
            status=Comment.Status.PENDING,
            hold_reason="new_member",
        )
        own = client_as(member).get(article.get_absolute_url()).content.decode()
        assert "Held text" in own and "Awaiting moderation" in own
        client.logout()
        assert "Held text" not in client.get(article.get_absolute_url()).content.decode()
        other = client_as(other_member).get(article.get_absolute_url()).content.decode()
        assert "Held text" not in other
        assert f'id="comment-{held.pk}"' in own and f'id="comment-{held.pk}"' not in other

    def test_a_held_comment_with_a_published_reply_shows_only_its_place_to_others(
        self, client_as, client, member, other_member, article
    ):
        held = CommentFactory(
            thread=article.thread,
            author=member,
            body="Words three readers reported",
            status=Comment.Status.PENDING,
            hold_reason="reports",
            hidden_by_reports=True,
        )
        CommentFactory(thread=article.thread, parent=held, body="An answer still published")
        url = article.get_absolute_url()
        for _ in range(2):  # rendered, then served from the shared page cache
            anonymous = client.get(url).content.decode()
            assert "An answer still published" in anonymous
            assert "This comment is hidden while moderators review it." in anonymous
            assert "Words three readers reported" not in anonymous
        other = client_as(other_member).get(url).content.decode()
        assert "An answer still published" in other
        assert "Words three readers reported" not in other
        # A member with a held comment of their own gets a page built for them alone.
        CommentFactory(thread=article.thread, author=other_member, body="Also held", pending=True)
        other = client_as(other_member).get(url).content.decode()
        assert "Also held" in other and "Words three readers reported" not in other
        own = client_as(member).get(url).content.decode()
        assert "Words three readers reported" in own and "Awaiting moderation" in own

    def test_a_held_reply_is_shown_only_to_its_author(
        self, client_as, client, member, other_member, article
    ):
        parent = CommentFactory(thread=article.thread, author=other_member, body="A question")
        CommentFactory(
            thread=article.thread, author=member, parent=parent, body="Held reply", pending=True
        )
        url = article.get_absolute_url()
        assert "Held reply" not in client.get(url).content.decode()
        assert "Held reply" not in client_as(other_member).get(url).content.decode()
        CommentFactory(thread=article.thread, author=other_member, body="Also held", pending=True)
        other = client_as(other_member).get(url).content.decode()
        assert "Also held" in other and "Held reply" not in other
        assert "Held reply" in client_as(member).get(url).content.decode()

    def test_comment_count_shows_on_home_and_topic(self, client, member, article):
        CommentFactory(thread=article.thread, author=member)
        CommentFactory(thread=article.thread, author=member)
        home = client.get("/").content.decode()
        assert "2 comments" in home

    @pytest.mark.parametrize("size", [10, 300])
    def test_article_page_queries_do_not_grow(
        self, client_as, django_assert_max_num_queries, member, article, size
    ):
        voters = [UserFactory() for _ in range(3)]
        roots = [
            Comment(thread=article.thread, author=voters[i % 3], body="r", body_html="<p>r</p>")
            for i in range(size // 2)
        ]
        Comment.objects.bulk_create(roots)
        roots = list(Comment.objects.filter(thread=article.thread))
        replies = [
            Comment(
                thread=article.thread,
                author=voters[(i + 1) % 3],
                parent=root,
                root=root,
                depth=1,
                body="x",
                body_html="<p>x</p>",
            )
            for i, root in enumerate(roots)
        ]
        Comment.objects.bulk_create(replies)
        Vote.objects.bulk_create([Vote(comment=c, voter=member) for c in roots[:20]])
        Thread.objects.filter(pk=article.thread.pk).update(comment_count=size)
        client = client_as(member)
        with django_assert_max_num_queries(22):
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200

    def test_an_empty_thread_looks_for_no_featured_comments(self, client, member, article):
        def featured_lookups():
            clear_caches()
            with CaptureQueriesContext(connection) as queries:
                html = client.get(article.get_absolute_url()).content.decode()
            featured = 'ORDER BY "forum_comment"."featured_at" DESC'
            return html, [q for q in queries.captured_queries if featured in q["sql"]]

        html, lookups = featured_lookups()
        assert "No comments yet" in html and lookups == []
        CommentFactory(
            thread=article.thread,
            author=member,
            body="Chosen words",
            is_featured=True,
            featured_at=timezone.now(),
        )
        html, lookups = featured_lookups()
        assert len(lookups) == 1 and "Chosen words" in html

    def test_thousand_comment_thread_is_constant_for_anonymous(self, client, member, article):
        def add(n):
            Comment.objects.bulk_create(
                [
                    Comment(thread=article.thread, author=member, body="r", body_html="<p>r</p>")
                    for _ in range(n)
                ]
            )

        add(10)
        with CaptureQueriesContext(connection) as small:
            client.get(article.get_absolute_url())
        add(990)
        clear_caches()  # bulk_create sends no signals: measure a fresh render, not the cache
        with CaptureQueriesContext(connection) as large:
            assert client.get(article.get_absolute_url()).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)
