"""The discussion: posting, replying, the tree, sorting, pages, permalinks, edits, votes, limits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.discussion import services
from forum.discussion.reading import NESTING_LEVELS
from forum.models import Comment, CommentRevision, Follow, Thread, Vote
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    # Hold rules are tested in the moderation tests; here every member's comment publishes.
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0


def post(author, thread, body="A thoughtful comment.", parent=None):
    return services.comment_create(author=author, thread=thread, body=body, parent=parent)


def article_url(article, **params):
    from urllib.parse import urlencode

    query = f"?{urlencode(params)}" if params else ""
    return article.get_absolute_url() + query


@pytest.mark.django_db
class TestPosting:
    def test_member_posts_and_lands_on_the_comment(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        response = client.post(url, {"body": "I *think* deterrence **works**."})
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        assert comment.body_html == "<p>I <em>think</em> deterrence <strong>works</strong>.</p>\n"
        article.thread.refresh_from_db()
        assert article.thread.comment_count == 1
        page = client.get(article.get_absolute_url())
        assert f'id="comment-{comment.pk}"' in page.content.decode()

    def test_posting_follows_the_thread(self, member, article):
        post(member, article.thread)
        assert Follow.objects.filter(member=member, thread=article.thread).exists()

    def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(self, client, article):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        response = client.post(url, {"body": "hello"})
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert not Comment.objects.exists()

    def test_anonymous_sees_a_call_to_action_with_next(self, client, article):
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Sign in to join the discussion" in html
        assert f"next={article.get_absolute_url()}" in html
        assert 'name="body"' not in html

    def test_unverified_member_cannot_post(self, client_as, unverified_member, article):
        client = client_as(unverified_member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        response = client.post(url, {"body": "hello"})
        assert response.status_code == 403
        assert not Comment.objects.exists()
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Confirm your e-mail address" in html

    def test_suspended_member_cannot_post(self, client_as, member, article):
        member.suspended_until = timezone.now() + timedelta(days=2)
        member.save()
        response = client_as(member).post(
            reverse("forum:comment_post", args=[article.thread.pk]), {"body": "hello"}
        )
        assert response.status_code == 403
        assert not Comment.objects.exists()

    @pytest.mark.parametrize(
        "body, message",
        [
            ("", "Your comment is empty"),
            ("   \n  ", "Your comment is empty"),
            ("x" * 10_001, "the limit is 10,000"),
        ],
    )
    def test_bad_input_keeps_the_text_and_writes_nothing(
        self, client_as, member, article, body, message
    ):
        client = client_as(member)
        response = client.post(
            reverse("forum:comment_post", args=[article.thread.pk]), {"body": body}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        if body.strip():
            assert body in html  # the text stays in the form
        assert not Comment.objects.exists()

    def test_closed_thread_refuses_and_keeps_text(self, client_as, member, article):
        Thread.objects.filter(pk=article.thread.pk).update(state=Thread.State.CLOSED)
        response = client_as(member).post(
            reverse("forum:comment_post", args=[article.thread.pk]), {"body": "Too late?"}
        )
        assert response.status_code == 400
        assert "closed" in response.content.decode()
        assert "Too late?" in response.content.decode()
        assert not Comment.objects.exists()

    def test_thread_past_its_closing_time_is_closed(self, member, article):
        Thread.objects.filter(pk=article.thread.pk).update(
            closes_at=timezone.now() - timedelta(minutes=1)
        )
        article.thread.refresh_from_db()
        with pytest.raises(services.DiscussionError, match="closed"):
            post(member, article.thread)

    def test_honeypot_rejects_bots(self, client_as, member, article):
        response = client_as(member).post(
            reverse("forum:comment_post", args=[article.thread.pk]),
            {"body": "Buy now", "homepage": "http://spam.example"},
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_markdown_is_sanitized(self, member, article):
        comment = post(member, article.thread, "<script>alert(1)</script> [x](javascript:alert(1))")
        assert "<script" not in comment.body_html
        assert 'href="javascript' not in comment.body_html

    def test_get_is_not_allowed_for_posting(self, client_as, member, article):
        response = client_as(member).get(reverse("forum:comment_post", args=[article.thread.pk]))
        assert response.status_code == 405

    def test_csrf_is_enforced(self, member, article):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        response = client.post(
            reverse("forum:comment_post", args=[article.thread.pk]), {"body": "x"}
        )
        assert response.status_code == 403
        assert not Comment.objects.exists()


@pytest.mark.django_db
class TestReplies:
    def test_reply_page_quotes_the_parent(self, client_as, member, other_member, article):
        parent = post(other_member, article.thread, "The original point.")
        response = client_as(member).get(reverse("forum:comment_reply", args=[parent.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "The original point." in html
        assert "Reply to" in html

    def test_reply_nests_under_its_parent(self, client_as, member, other_member, article):
        parent = post(other_member, article.thread, "Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": "Child"}
        )
        reply = Comment.objects.get(body="Child")
        assert response.status_code == 302
        assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)

    def test_htmx_reply_returns_the_new_comment_fragment(
        self, client_as, member, other_member, article
    ):
        parent = post(other_member, article.thread, "Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]),
            {"body": "Child"},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        reply = Comment.objects.get(body="Child")
        assert response.status_code == 200
        assert f'id="comment-{reply.pk}"' in html
        assert "<html" not in html

    def test_htmx_error_returns_the_form_in_place(self, client_as, member, other_member, article):
        parent = post(other_member, article.thread, "Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": ""}, HTTP_HX_REQUEST="true"
        )
        assert response["HX-Retarget"] == f"#composer-form-{parent.pk}"
        assert "Your comment is empty" in response.content.decode()

    def test_reply_to_comment_of_another_thread_is_refused(self, member, other_member, article):
        parent = post(other_member, article.thread)
        elsewhere = ArticleFactory()
        with pytest.raises(services.DiscussionError, match="another discussion"):
            post(member, elsewhere.thread, parent=parent)
        assert Comment.objects.count() == 1

    def test_reply_to_removed_comment_is_refused(self, client_as, member, other_member, article):
        parent = post(other_member, article.thread)
        services.comment_remove(comment=parent, member=other_member)
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": "Anyone?"}
        )
        assert response.status_code == 400
        assert "no longer available" in response.content.decode()
        assert "Anyone?" in response.content.decode()
        assert Comment.objects.count() == 1

    def test_deep_replies_cap_at_five_levels_with_replying_to(
        self, client, member, other_member, article
    ):
        parent = None
        chain = []
        for depth in range(8):
            author = member if depth % 2 == 0 else other_member
            parent = post(author, article.thread, f"Level {depth}", parent=parent)
            chain.append(parent)
        html = client.get(article.get_absolute_url()).content.decode()
        assert f"comment--level-{NESTING_LEVELS + 1}" not in html
        assert html.count(f"comment--level-{NESTING_LEVELS}") == 4  # levels 5..8 shown at 5
        assert "replying to @reader" in html
        assert "replying to @another" in html

    def test_very_deep_chain_renders(self, client, member, other_member, article):
        parent = post(member, article.thread, "start")
        # Write the chain directly: 1,200 levels deeper than any recursion could go.
        for depth in range(1, 1200):
            parent = Comment.objects.create(
                thread=article.thread,
                author=other_member,
                parent=parent,
                root=parent.root or parent,
                depth=depth,
                body="d",
                body_html="<p>d</p>",
            )
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200


@pytest.mark.django_db
class TestReading:
    def test_sort_orders(self, client, member, other_member, article):
        first = post(member, article.thread, "first")
        second = post(other_member, article.thread, "second")
        third = post(member, article.thread, "third")
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
        parent = post(member, article.thread, "Going away")
        post(other_member, article.thread, "Still here", parent=parent)
        lonely = post(member, article.thread, "Alone and gone")
        services.comment_remove(comment=parent, member=member)
        services.comment_remove(comment=lonely, member=member)
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
            hold_reason="new member",
        )
        own = client_as(member).get(article.get_absolute_url()).content.decode()
        assert "Held text" in own and "Awaiting moderation" in own
        client.logout()
        assert "Held text" not in client.get(article.get_absolute_url()).content.decode()
        other = client_as(other_member).get(article.get_absolute_url()).content.decode()
        assert "Held text" not in other
        assert held.pk

    def test_comment_count_shows_on_home_and_topic(self, client, member, article):
        post(member, article.thread)
        post(member, article.thread)
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

    def test_thousand_comment_thread_is_constant_for_anonymous(self, client, member, article):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

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
        with CaptureQueriesContext(connection) as large:
            assert client.get(article.get_absolute_url()).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
class TestEditing:
    def test_author_edits_within_window_and_history_is_kept(self, client_as, member, article):
        comment = post(member, article.thread, "Frist")
        response = client_as(member).post(
            reverse("forum:comment_edit", args=[comment.pk]), {"body": "First"}
        )
        comment.refresh_from_db()
        assert response.status_code == 302
        assert comment.body == "First" and comment.edited_at is not None
        assert CommentRevision.objects.get(comment=comment).body == "Frist"
        assert "edited" in client_as(member).get(article.get_absolute_url()).content.decode()

    def test_edit_window_closes(self, client_as, member, article, settings):
        comment = post(member, article.thread, "Old")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - timedelta(minutes=16)
        )
        response = client_as(member).post(
            reverse("forum:comment_edit", args=[comment.pk]), {"body": "New"}
        )
        comment.refresh_from_db()
        assert response.status_code == 302
        assert comment.body == "Old"

    def test_others_cannot_edit(self, client_as, member, other_member, article):
        comment = post(member, article.thread, "Mine")
        response = client_as(other_member).post(
            reverse("forum:comment_edit", args=[comment.pk]), {"body": "Yours"}
        )
        comment.refresh_from_db()
        assert response.status_code == 403
        assert comment.body == "Mine"

    def test_author_removes_own_comment(self, client_as, member, other_member, article):
        comment = post(member, article.thread)
        assert (
            client_as(other_member)
            .post(reverse("forum:comment_delete", args=[comment.pk]))
            .status_code
            == 403
        )
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PUBLISHED
        client_as(member).post(reverse("forum:comment_delete", args=[comment.pk]))
        comment.refresh_from_db()
        article.thread.refresh_from_db()
        assert comment.status == Comment.Status.REMOVED
        assert article.thread.comment_count == 0


@pytest.mark.django_db
class TestVotes:
    def test_vote_toggles_once_per_member(self, client_as, member, other_member, article):
        comment = post(other_member, article.thread)
        client = client_as(member)
        url = reverse("forum:comment_vote", args=[comment.pk])
        client.post(url)
        comment.refresh_from_db()
        assert comment.score == 1
        response = client.post(url, HTTP_HX_REQUEST="true")
        comment.refresh_from_db()
        assert comment.score == 0
        assert 'aria-pressed="false"' in response.content.decode()
        assert not Vote.objects.exists()

    def test_cannot_vote_on_own_comment(self, client_as, member, article):
        comment = post(member, article.thread)
        client_as(member).post(reverse("forum:comment_vote", args=[comment.pk]))
        comment.refresh_from_db()
        assert comment.score == 0 and not Vote.objects.exists()

    def test_the_database_refuses_a_second_vote(self, member, other_member, article):
        from django.db import IntegrityError, transaction

        comment = post(other_member, article.thread)
        Vote.objects.create(comment=comment, voter=member)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(comment=comment, voter=member)


@pytest.mark.django_db
class TestRateLimit:
    def test_sixth_comment_in_a_minute_is_refused_and_text_kept(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        for i in range(5):
            assert client.post(url, {"body": f"comment {i}"}).status_code == 302
        response = client.post(url, {"body": "one too many"})
        assert response.status_code == 429
        assert "one too many" in response.content.decode()
        assert "5 comments a minute" in response.content.decode()
        assert Comment.objects.count() == 5

    def test_daily_limit(self, settings, member, article):
        settings.COMMENT_RATE_PER_MINUTE = 100
        settings.COMMENT_RATE_PER_DAY = 3
        for _ in range(3):
            post(member, article.thread)
        with pytest.raises(services.RateLimited, match="today’s limit"):
            post(member, article.thread)


@pytest.mark.django_db
class TestFollowing:
    def test_follow_and_unfollow_button(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:thread_follow", args=[article.thread.pk])
        client.post(url, {"follow": "1"})
        assert Follow.objects.filter(member=member).exists()
        response = client.post(url, {"follow": "0"}, HTTP_HX_REQUEST="true")
        assert not Follow.objects.filter(member=member).exists()
        assert "Follow discussion" in response.content.decode()


@pytest.mark.django_db
class TestPreview:
    def test_preview_needs_a_member_and_sanitizes(self, client, member):
        url = "/markdown/preview/"
        assert client.post(url, {"content": "**hi**"}).status_code == 403
        client.force_login(member)
        response = client.post(url, {"content": "**hi** <script>x</script>"})
        assert response.status_code == 200
        assert "<strong>hi</strong>" in response.content.decode()
        assert "<script" not in response.content.decode()
