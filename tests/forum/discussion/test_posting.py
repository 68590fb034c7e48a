"""Posting a comment: who may, what is refused and kept, rate limits, closed threads."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from forum import errors
from forum.comments import transitions
from forum.models import Comment, Follow, Thread
from forum.refusals import Code
from tests.factories import ArticleFactory


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
        transitions.comment_create(
            author=member, thread=article.thread, body="A thoughtful comment."
        )
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
        assert f">\n{body}</textarea>" in html  # the text stays in the form, as typed
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
        with pytest.raises(errors.DiscussionError) as error:
            transitions.comment_create(
                author=member, thread=article.thread, body="A thoughtful comment."
            )
        assert error.value.code == Code.THREAD_CLOSED

    def test_honeypot_rejects_bots(self, client_as, member, article):
        response = client_as(member).post(
            reverse("forum:comment_post", args=[article.thread.pk]),
            {"body": "Buy now", "homepage": "http://spam.example"},
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_markdown_is_sanitized(self, member, article):
        comment = transitions.comment_create(
            author=member,
            thread=article.thread,
            body="<script>alert(1)</script> [x](javascript:alert(1))",
        )
        assert "<script" not in comment.body_html
        assert 'href="javascript' not in comment.body_html

    def test_get_is_not_allowed_for_posting(self, client_as, member, article):
        response = client_as(member).get(reverse("forum:comment_post", args=[article.thread.pk]))
        assert response.status_code == 405

    def test_csrf_is_enforced(self, member, article):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        response = client.post(
            reverse("forum:comment_post", args=[article.thread.pk]), {"body": "x"}
        )
        assert response.status_code == 403
        assert not Comment.objects.exists()


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
            transitions.comment_create(
                author=member, thread=article.thread, body="A thoughtful comment."
            )
        with pytest.raises(errors.RateLimited) as error:
            transitions.comment_create(
                author=member, thread=article.thread, body="A thoughtful comment."
            )
        assert error.value.code == Code.DAILY_LIMIT and error.value.params == {"limit": 3}

    def test_each_member_has_limits_of_their_own(self, settings, member, other_member, article):
        settings.COMMENT_RATE_PER_MINUTE = 2
        settings.COMMENT_RATE_PER_DAY = 3
        for author in (member, other_member):
            for _ in range(2):
                transitions.comment_create(author=author, thread=article.thread, body="Still mine.")
        assert Comment.objects.count() == 4

    def test_the_daily_limit_lasts_the_day_not_a_minute(
        self, settings, member, article, rate_limit_clock
    ):
        settings.COMMENT_RATE_PER_MINUTE = 100
        settings.COMMENT_RATE_PER_DAY = 3
        day = 24 * 3600
        rate_limit_clock.advance(3600)  # 01:00 UTC: the day's window is fresh

        def post():
            transitions.comment_create(
                author=member, thread=article.thread, body="A thoughtful comment."
            )

        for _ in range(3):
            post()
        rate_limit_clock.advance(
            2 * 3600
        )  # two hours on: past any minute's window, still the same day
        with pytest.raises(errors.RateLimited) as error:
            post()
        assert error.value.code == Code.DAILY_LIMIT and error.value.params == {"limit": 3}
        rate_limit_clock.advance(day)  # the next day
        post()
        assert Comment.objects.count() == 4


@pytest.mark.django_db
def test_refusal_messages_are_plain_text(client_as, member, article):
    member.suspended_until = timezone.now() + timedelta(days=1)
    member.suspension_reason = "<form action=//evil>"
    member.save()
    response = client_as(member).post(
        reverse("forum:comment_post", args=[article.thread.pk]), {"body": "x"}
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_draft_and_scheduled_threads_refuse_every_member_action(client_as, member):
    for draft in (
        ArticleFactory(status=Article.Status.DRAFT, slug="secret-scoop"),
        ArticleFactory(published_at=timezone.now() + timedelta(days=1)),
    ):
        client = client_as(member)
        thread = draft.thread
        follow = client.post(reverse("forum:thread_follow", args=[thread.pk]), {"follow": "1"})
        post = client.post(reverse("forum:comment_post", args=[thread.pk]), {"body": "early"})
        assert follow.status_code == 404 and post.status_code == 404
        assert "secret-scoop" not in follow.get("Location", "")
        assert not Comment.objects.exists()
        assert not thread.follows.exists()
