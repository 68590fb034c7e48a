"""Hold reasons are stored as codes; their words come from one table."""

import importlib

import pytest

from forum.comments import transitions
from forum.comments.reasons import hold_label, why_held
from forum.models import Comment, WordRule
from tests.factories import CommentFactory, UserFactory

migration = importlib.import_module("forum.migrations.0011_hold_reason_codes")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("new member", ("new_member", "", False)),
        ("edited: suspect word: crypto giveaway", ("suspect_word", "crypto giveaway", True)),
        ("reported 3 times", ("reports", "", False)),
        ("thread pre-moderated", ("thread_premoderated", "", False)),
        ("member always pre-moderated", ("member_premoderated", "", False)),
        ("edited: link from new member", ("link_from_new_member", "", True)),
        ("banned word", ("banned_word", "", False)),
    ],
)
def test_the_migration_reads_every_reason_that_was_written_as_text(text, code):
    assert migration.to_code(text) == code


@pytest.mark.django_db
def test_an_edit_held_for_a_suspect_word_keeps_the_word_and_says_so(thread, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    WordRule.objects.create(phrase="giveaway", kind=WordRule.Kind.SUSPECT)
    author = UserFactory()
    comment = transitions.comment_create(author=author, thread=thread, body="Plain words.")
    transitions.comment_edit(comment=comment, editor=author, body="A giveaway, now.")
    comment.refresh_from_db()
    assert (comment.status, comment.hold_reason, comment.hold_detail, comment.held_on_edit) == (
        Comment.Status.PENDING,
        Comment.HoldReason.SUSPECT_WORD,
        "giveaway",
        True,
    )
    assert hold_label(comment) == "Suspect word: giveaway (after an edit)"
    assert why_held(comment) == "it uses a word a moderator checks first"


@pytest.mark.django_db
def test_a_comment_held_by_reports_is_labelled_with_their_count(thread):
    comment = CommentFactory(
        thread=thread,
        status=Comment.Status.PENDING,
        hold_reason=Comment.HoldReason.REPORTS,
        hidden_by_reports=True,
        open_report_count=3,
    )
    assert hold_label(comment) == "Reported 3 times"
