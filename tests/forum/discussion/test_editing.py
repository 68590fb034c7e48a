"""Editing and removing one's own comment: the window, history, rules applied again."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from forum import errors
from forum.comments import transitions
from forum.discussion.cards import CardMeta
from forum.models import Comment, CommentRevision, WordRule
from tests.factories import CommentFactory


def post_edit(client, comment, body):
    """Post an edit of the comment as the client, reload the comment and return the response."""
    response = client.post(reverse("forum:comment_edit", args=[comment.pk]), {"body": body})
    comment.refresh_from_db()
    return response


@pytest.mark.django_db
class TestEditing:
    def test_author_edits_within_window_and_history_is_kept(self, client_as, member, article):
        comment = CommentFactory(thread=article.thread, author=member, body="Frist")
        response = post_edit(client_as(member), comment, "First")
        assert response.status_code == 302
        assert comment.body == "First" and comment.edited_at is not None
        assert CommentRevision.objects.get(comment=comment).body == "Frist"
        assert "edited" in client_as(member).get(article.get_absolute_url()).content.decode()

    def test_edit_window_closes(self, client_as, member, article, settings):
        comment = CommentFactory(thread=article.thread, author=member, body="Old")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - timedelta(minutes=16)
        )
        response = post_edit(client_as(member), comment, "New")
        assert response.status_code == 302
        assert comment.body == "Old"

    def test_others_cannot_edit(self, client_as, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=member, body="Mine")
        response = post_edit(client_as(other_member), comment, "Yours")
        assert response.status_code == 403
        assert comment.body == "Mine"

    def test_author_removes_own_comment(self, client_as, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=member)
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
def test_edit_adding_a_link_holds_a_new_members_comment(settings, member, article):
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 5
    comment = transitions.comment_create(author=member, thread=article.thread, body="Harmless")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED  # no link yet
    transitions.comment_edit(comment=comment, editor=member, body="Buy at https://spam.example")
    comment.refresh_from_db()
    article.thread.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.hold_reason == "link_from_new_member" and comment.held_on_edit
    assert article.thread.comment_count == 0


@pytest.mark.django_db
def test_edit_with_suspect_word_in_premoderated_thread_is_held(settings, member, article):
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    comment = transitions.comment_create(author=member, thread=article.thread, body="Fine")
    type(article.thread).objects.filter(pk=article.thread.pk).update(premoderate=True)
    WordRule.objects.create(phrase="dodgy", kind=WordRule.Kind.SUSPECT)
    transitions.comment_edit(comment=comment, editor=member, body="Fine but dodgy")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.django_db
def test_author_cannot_turn_a_rejection_into_a_removal(client_as, member, article):
    comment = CommentFactory(
        thread=article.thread, author=member, body="x", status=Comment.Status.REJECTED
    )
    client_as(member).post(reverse("forum:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.REMOVED])
def test_a_rejected_or_removed_comment_cannot_be_rewritten(client_as, member, article, status):
    comment = CommentFactory(thread=article.thread, author=member, body="As it was", status=status)
    assert not comment.editable_by(member)
    client = client_as(member)
    response = client.get(reverse("forum:comment_edit", args=[comment.pk]), follow=True)
    assert "This comment can no longer be edited." in response.content.decode()
    post_edit(client, comment, "Rewritten after the decision")
    assert comment.body == "As it was" and comment.edited_at is None
    with pytest.raises(errors.DiscussionError):
        transitions.comment_edit(comment=comment, editor=member, body="Rewritten by the service")
    comment.refresh_from_db()
    assert comment.body == "As it was" and comment.status == status
    assert not CommentRevision.objects.exists()


@pytest.mark.django_db
def test_a_held_comment_can_still_be_corrected_by_its_author(member, other_member, article):
    comment = CommentFactory(thread=article.thread, author=member, body="Typo", pending=True)
    assert comment.editable_by(member)
    assert not comment.editable_by(other_member)
    transitions.comment_edit(comment=comment, editor=member, body="Fixed")
    comment.refresh_from_db()
    assert comment.body == "Fixed" and comment.status == Comment.Status.PENDING


@pytest.mark.django_db
def test_the_edit_window_includes_its_last_moment(member, article, settings, monkeypatch):
    comment = CommentFactory(thread=article.thread, author=member)
    end = comment.created_at + settings.COMMENT_EDIT_WINDOW
    monkeypatch.setattr(transitions.timezone, "now", lambda: end)
    assert comment.editable_by(member)
    monkeypatch.setattr(transitions.timezone, "now", lambda: end + timedelta(microseconds=1))
    assert not comment.editable_by(member)


# One edit rule: the card's Edit link, the edit page and the service ask Comment.editable_by --


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(Comment.Status))
@pytest.mark.parametrize("age", [timedelta(0), timedelta(minutes=15), timedelta(minutes=16)])
def test_the_card_asks_the_comments_own_edit_rule(member, other_member, article, status, age):
    comment = CommentFactory(thread=article.thread, author=member, status=status)
    now = comment.created_at + age
    card = CardMeta.of(comment)
    for reader in (member, other_member, AnonymousUser()):
        assert card.editable_by(reader, now) is comment.editable_by(reader, now)
    assert comment.editable_by(member, now) is (
        age <= timedelta(minutes=15)
        and status in (Comment.Status.PUBLISHED, Comment.Status.PENDING)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", [14, 16])
def test_the_edit_link_shows_while_the_rule_allows(client_as, member, article, minutes):
    comment = CommentFactory(thread=article.thread, author=member)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    comment.refresh_from_db()
    page = client_as(member).get(article.get_absolute_url()).content.decode()
    edit_url = reverse("forum:comment_edit", args=[comment.pk])
    assert (edit_url in page) is comment.editable_by(member) is (minutes == 14)
