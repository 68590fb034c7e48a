"""Every writer of a thread's comments locks the thread first, then the comment.

A new reply locks its thread, then the comment it answers; a recount locks the thread
last. Were an edit, a report or a decision to lock the comment first, a reply and that
write would each hold what the other waits for (seen in the drill with 8 app workers).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.comments import decisions, transitions
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.requires_postgres("row locks (SQLite has no SELECT ... FOR UPDATE)"),
]


def _locked_tables(queries):
    """Return the tables each SELECT ... FOR UPDATE locks, in order."""
    locked = []
    for query in queries:
        sql = query["sql"]
        if "FOR UPDATE" in sql:
            locked.append(sql.split(" FROM ", 1)[1].split()[0].strip('"'))
    return locked


WRITES = {
    "edit": lambda c, w: transitions.comment_edit(comment=c, editor=c.author, body="Changed."),
    "remove": lambda c, w: transitions.comment_remove(comment=c, member=c.author),
    "report": lambda c, w: transitions.comment_report(comment=c, reporter=w, reason="spam"),
    "reject": lambda c, w: decisions.comment_reject(
        comment=c, moderator=ModeratorFactory(), reason="spam"
    ),
    "feature": lambda c, w: decisions.comment_feature(comment=c, moderator=ModeratorFactory()),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_locks_the_thread_before_the_comment(thread, settings, name):
    settings.REPORTS_TO_HIDE = 1
    comment = CommentFactory(thread=thread)
    witness = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        WRITES[name](comment, witness)
    locked = _locked_tables(queries.captured_queries)
    assert locked[:2] == ["forum_thread", "forum_comment"], locked


def test_a_reply_locks_the_thread_before_the_comment_it_answers(thread, member):
    parent = CommentFactory(thread=thread)
    with CaptureQueriesContext(connection) as queries:
        transitions.comment_create(author=member, thread=thread, body="A reply.", parent=parent)
    locked = _locked_tables(queries.captured_queries)
    assert locked[:2] == ["forum_thread", "forum_comment"], locked
