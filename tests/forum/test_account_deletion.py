"""The discussion's part in profiles, "Download my data" and "Delete my account"."""

import pytest

from accounts import data_export
from accounts.services import account_delete
from forum.comments import transitions
from forum.discussion import services
from forum.models import Comment, Follow, Vote
from tests.factories import CommentFactory


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0


@pytest.mark.django_db
def test_export_has_comments_votes_follows(member, other_member, article):
    mine = transitions.comment_create(author=member, thread=article.thread, body="Exported words")
    transitions.comment_edit(comment=mine, editor=member, body="Exported words, edited")
    theirs = transitions.comment_create(
        author=other_member, thread=article.thread, body="A comment."
    )
    services.vote_toggle(comment=theirs, voter=member)
    data = data_export.export_for(member)
    assert data["comments"][0]["body"] == "Exported words, edited"
    assert data["comments"][0]["previous_versions"][0]["body"] == "Exported words"
    assert data["votes"] == [{"comment_id": theirs.pk, "created_at": Vote.objects.get().created_at}]
    assert data["follows"][0]["thread"] == article.thread.title
    assert data["reports"] == []


@pytest.mark.django_db
def test_deleting_keeps_comments_as_deleted_member(client, member, other_member, article):
    mine = transitions.comment_create(author=member, thread=article.thread, body="My view")
    reply = transitions.comment_create(
        author=other_member, thread=article.thread, body="Reply to it", parent=mine
    )
    services.vote_toggle(comment=reply, voter=member)
    account_delete(user=member, remove_comments=False)
    mine.refresh_from_db()
    reply.refresh_from_db()
    assert mine.author is None and mine.status == Comment.Status.PUBLISHED
    assert reply.score == 0  # the deleted member's vote left with them
    html = client.get(article.get_absolute_url()).content.decode()
    assert "[deleted member]" in html and "My view" in html and "Reply to it" in html


@pytest.mark.django_db
def test_deleting_with_comments_removed_leaves_placeholders(client, member, other_member, article):
    mine = transitions.comment_create(author=member, thread=article.thread, body="Remove me")
    transitions.comment_create(author=member, thread=article.thread, body="Remove me too")
    transitions.comment_create(
        author=other_member, thread=article.thread, body="Reply stays", parent=mine
    )
    account_delete(user=member, remove_comments=True)
    article.thread.refresh_from_db()
    assert article.thread.comment_count == 1
    assert not Comment.objects.filter(status=Comment.Status.PUBLISHED, author=None).exists()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Remove me" not in html
    assert "This comment was removed." in html
    assert "Reply stays" in html
    assert not Follow.objects.filter(member_id=member.pk).exists()


@pytest.mark.django_db
def test_profile_lists_published_comments(client, member, article):
    CommentFactory(thread=article.thread, author=member, body="Visible on my profile")
    Comment.objects.create(
        thread=article.thread,
        author=member,
        body="held",
        body_html="<p>Held one</p>",
        status=Comment.Status.PENDING,
    )
    html = client.get(f"/users/{member.username}/").content.decode()
    assert "Visible on my profile" in html
    assert "Held one" not in html
    assert article.thread.title in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 30])
def test_profile_queries_are_constant(
    client, django_assert_max_num_queries, member, article, settings, count
):
    settings.COMMENT_RATE_PER_MINUTE = 100
    for i in range(count):
        CommentFactory(thread=article.thread, author=member, body=f"c{i}")
    with django_assert_max_num_queries(6):
        assert client.get(f"/users/{member.username}/").status_code == 200
