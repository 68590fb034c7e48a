"""Fixtures of the DSA's tests: a published comment, a notice about it, a decision."""

import pytest

from forum.models import Decision
from forum.notices import deciding, filing
from tests.factories import CommentFactory, ModeratorFactory


@pytest.fixture
def comment(thread, member):
    return CommentFactory(thread=thread, author=member, body="Something **unlawful**.")


@pytest.fixture
def second_moderator(db):
    return ModeratorFactory(username="mod2")


@pytest.fixture
def file_notice(comment):
    """Return a function that files a valid notice about `comment` (fields overridable)."""

    def file(**fields):
        values = {
            "category": "hate",
            "explanation": "It incites hatred against a group.",
            "location": filing.comment_location(comment),
            "country": "DE",
            "good_faith": True,
            "name": "Nora Notifier",
            "email": "nora@example.net",
            "address": "10.0.0.1",
        } | fields
        return filing.notice_file(**values)

    return file


@pytest.fixture
def removal(comment, moderator, file_notice, committed):
    """A notice about `comment` and the moderator's removal of it under rule 2."""
    with committed():
        notice = file_notice()
        decision = deciding.decision_make(
            moderator=moderator,
            comment=comment,
            action=Decision.Action.REMOVE,
            ground=Decision.Ground.GUIDELINES,
            rule=2,
            facts="The comment attacks people for their religion.",
        )
    notice.refresh_from_db()
    return notice, decision
