"""Who sees a comment: the rule (`Comment.seen_by`) and its readings in the ORM (`visible_to`),
in SQL written by hand (`visible_to_sql`, `reader_marks`) and in Python (`is_visible_to`) agree."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from forum.discussion.marks import reader_marks
from forum.models import Comment
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status

# Who sees each comment in full, by its status: "author" is its author, "member" another
# signed-in member, "moderator" a moderator (who reads held comments on the desk, not here).
SEES = {
    Status.PUBLISHED: {"anonymous", "author", "member", "moderator"},
    Status.PENDING: {"author"},
    Status.REJECTED: set(),
    Status.REMOVED: set(),
}


@pytest.fixture
def readers():
    return {
        "anonymous": AnonymousUser(),
        "author": UserFactory(),
        "member": UserFactory(),
        "moderator": ModeratorFactory(),
    }


@pytest.mark.parametrize("status", list(SEES))
def test_each_reader_sees_a_comment_by_its_status(readers, status):
    comment = CommentFactory(author=readers["author"], status=status)
    for name, reader in readers.items():
        expected = name in SEES[status]
        assert comment.is_visible_to(reader) is expected, (status, name)
        in_sql = Comment.objects.visible_to(reader).filter(pk=comment.pk).exists()
        assert in_sql is expected, (status, name)


def in_raw_sql(reader, comment, **kwargs):
    """Return whether the hand-written SQL condition of `visible_to` selects `comment`."""
    condition, params = Comment.objects.visible_to_sql(reader, **kwargs)
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id = %s AND {condition}", [comment.pk, *params]
        )  # noqa: S608
        return cursor.fetchone() is not None


@pytest.mark.parametrize("status", list(SEES))
def test_the_sql_written_by_hand_agrees_with_the_rule(readers, status):
    comment = CommentFactory(author=readers["author"], status=status)
    for name, reader in readers.items():
        assert in_raw_sql(reader, comment) is (name in SEES[status]), (status, name)
        # What this reader sees besides an anonymous reader: their own held comment only.
        beyond = in_raw_sql(reader, comment, beyond=AnonymousUser())
        assert beyond is (name in SEES[status] and "anonymous" not in SEES[status]), (status, name)


@pytest.mark.parametrize("status", list(SEES))
def test_a_page_marks_a_held_comment_for_its_reader_by_the_rule(readers, status):
    comment = CommentFactory(author=readers["author"], status=status)
    for name, reader in readers.items():
        marks = reader_marks(reader, comment.thread, [comment.pk])
        expected = comment.is_visible_to(reader) and not comment.is_visible_to(AnonymousUser())
        assert marks.holds_comment is expected, (status, name)


def test_a_comment_hidden_by_reports_is_seen_by_its_author_alone(readers):
    comment = CommentFactory(
        author=readers["author"], status=Status.PENDING, hidden_by_reports=True
    )
    assert [name for name, r in readers.items() if comment.is_visible_to(r)] == ["author"]


def test_a_held_comment_whose_author_left_is_seen_by_no_one(readers):
    comment = CommentFactory(author=None, status=Status.PENDING)
    assert not any(comment.is_visible_to(r) for r in readers.values())
    assert not Comment.objects.visible_to(readers["author"]).filter(pk=comment.pk).exists()


def test_published_and_is_published_agree():
    comments = [CommentFactory(status=status) for status in Status]
    published = set(Comment.objects.published().values_list("pk", flat=True))
    assert published == {c.pk for c in comments if c.is_published}
    assert len(published) == 1


@pytest.mark.parametrize("status", list(SEES))
def test_the_placeholder_says_why_a_comment_is_not_shown(status):
    comment = Comment(status=status)
    held = "This comment is hidden while moderators review it."
    assert comment.placeholder_text == (
        held if status == Status.PENDING else "This comment was removed."
    )
