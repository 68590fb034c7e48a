"""Thread.comment_count equals the real number of published comments after every kind of write."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import account_delete
from forum.comments import decisions, transitions
from forum.models import Comment, Thread, WordRule
from forum.moderation import services as ms
from forum.roles import moderators_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    settings.REPORTS_TO_HIDE = 1
    settings.COMMENT_RATE_PER_MINUTE = 100


@pytest.fixture
def thread(article):
    return article.thread


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod")
    user.groups.add(moderators_group())
    return user


def post(author, thread, body="A comment.", parent=None):
    return transitions.comment_create(author=author, thread=thread, body=body, parent=parent)


def assert_exact(thread, expected):
    """Check the stored count against a fresh count, and against what the test expects."""
    stored = Thread.objects.get(pk=thread.pk).comment_count
    assert stored == Comment.objects.published().filter(thread=thread).count() == expected


def spoil(thread):
    """Store a wrong count, so that only a recount from the comments can make it right."""
    Thread.objects.filter(pk=thread.pk).update(comment_count=99)


def test_post_and_reply(member, other_member, thread):
    first = post(member, thread)
    assert_exact(thread, 1)
    spoil(thread)
    post(other_member, thread, "A reply.", parent=first)
    assert_exact(thread, 2)


def test_held_post_is_not_counted(member, thread, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    post(member, thread)
    assert_exact(thread, 0)


def test_edit_that_holds_the_comment(member, thread):
    WordRule.objects.create(phrase="scam", kind=WordRule.Kind.SUSPECT)
    comment = post(member, thread)
    spoil(thread)
    transitions.comment_edit(comment=comment, editor=member, body="Is this a scam?")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert_exact(thread, 0)


def test_author_removes(member, thread):
    comment = post(member, thread)
    post(member, thread, "Another.")
    spoil(thread)
    transitions.comment_remove(comment=comment, member=member)
    assert_exact(thread, 1)


def test_approve_reject_restore(member, moderator, thread, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    comment = post(member, thread)
    assert_exact(thread, 0)
    spoil(thread)
    decisions.comment_approve(comment=comment, moderator=moderator)
    assert_exact(thread, 1)
    spoil(thread)
    decisions.comment_reject(comment=comment, moderator=moderator, reason="spam")
    assert_exact(thread, 0)
    spoil(thread)
    decisions.comment_restore(comment=comment, moderator=moderator)
    assert_exact(thread, 1)


def test_hide_by_reports_then_dismiss(member, other_member, moderator, thread):
    comment = post(member, thread)
    spoil(thread)
    transitions.comment_report(comment=comment, reporter=other_member, reason="spam")
    comment.refresh_from_db()
    assert comment.hidden_by_reports
    assert_exact(thread, 0)
    spoil(thread)
    decisions.reports_dismiss(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert not comment.hidden_by_reports and comment.is_published
    assert_exact(thread, 1)


def test_ban(member, moderator, thread, settings):
    post(member, thread)
    settings.PREMODERATE_FIRST_COMMENTS = 5  # the member's next comment waits
    held = post(UserFactory(), thread)
    spoil(thread)
    ms.member_ban(member=held.author, moderator=moderator, reason="Spam")
    held.refresh_from_db()
    assert held.status == Comment.Status.REJECTED
    assert_exact(thread, 1)


def test_suspension_changes_nothing_readers_see(member, moderator, thread):
    post(member, thread)
    ms.member_suspend(
        member=member, moderator=moderator, until=timezone.now() + timedelta(days=1), reason="x"
    )
    assert_exact(thread, 1)


@pytest.mark.parametrize("remove_comments, expected", [(True, 1), (False, 3)])
def test_account_deletion(member, other_member, article, remove_comments, expected):
    thread = article.thread
    post(member, thread)
    post(member, thread, "Second.")
    post(other_member, thread)
    account_delete(user=member, remove_comments=remove_comments)
    assert_exact(thread, expected)
