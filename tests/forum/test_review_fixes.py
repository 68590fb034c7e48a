"""Regressions found by a hostile review: leaks, bypasses and crashes that must stay fixed."""

import pytest
from django.test import Client
from django.urls import reverse

from forum.discussion import services
from forum.discussion.unsubscribe import unsubscribe_token
from forum.models import Comment, WordRule


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 5


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
@pytest.mark.parametrize("body", ["", "a reply"])
def test_replying_to_unpublished_comment_never_quotes_it(
    client_as, member, other_member, article, status, body
):
    held = Comment.objects.create(
        thread=article.thread,
        author=other_member,
        body="secret words",
        body_html="<p>secret words</p>",
        status=status,
    )
    response = client_as(member).post(
        reverse("forum:comment_reply", args=[held.pk]), {"body": body}
    )
    html = response.content.decode()
    assert "secret words" not in html and other_member.username not in html
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_edit_adding_a_link_holds_a_new_members_comment(member, article):
    comment = services.comment_create(author=member, thread=article.thread, body="Harmless")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED  # no link yet
    services.comment_edit(comment=comment, editor=member, body="Buy at https://spam.example")
    comment.refresh_from_db()
    article.thread.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "link from new member" in comment.hold_reason
    assert article.thread.comment_count == 0


@pytest.mark.django_db
def test_edit_with_suspect_word_in_premoderated_thread_is_held(settings, member, article):
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    comment = services.comment_create(author=member, thread=article.thread, body="Fine")
    type(article.thread).objects.filter(pk=article.thread.pk).update(premoderate=True)
    WordRule.objects.create(phrase="dodgy", kind=WordRule.Kind.SUSPECT)
    services.comment_edit(comment=comment, editor=member, body="Fine but dodgy")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.django_db
def test_author_cannot_turn_a_rejection_into_a_removal(client_as, member, article):
    comment = Comment.objects.create(
        thread=article.thread,
        author=member,
        body="x",
        body_html="<p>x</p>",
        status=Comment.Status.REJECTED,
    )
    client_as(member).post(reverse("forum:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


@pytest.mark.django_db
def test_one_click_unsubscribe_needs_no_csrf_cookie(member):
    token = unsubscribe_token(member=member, kind="replies")
    response = Client(enforce_csrf_checks=True).post(reverse("forum:unsubscribe", args=[token]))
    member.refresh_from_db()
    assert response.status_code == 200 and not member.notify_replies


@pytest.mark.django_db
def test_unicode_digits_and_missing_preview_content_do_not_crash(client, member, article):
    assert client.get(article.get_absolute_url() + "?comment=%C2%B2").status_code == 200
    client.force_login(member)
    assert client.post("/markdown/preview/", {}).status_code == 200


@pytest.mark.django_db
def test_refusal_messages_are_plain_text(client_as, member, article):
    from datetime import timedelta

    from django.utils import timezone

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
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article
    from tests.factories import ArticleFactory

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
