"""Record what changed for open pages: a LiveEvent row in the write's transaction, NOTIFY on commit.

The services call one function per change. Thread streams get only what every reader of
the thread may see (a comment shown, edited, voted on or taken off the page); a held
comment, a report and a moderator's decision go to the desk stream alone.
"""

import json
import logging

from django.db import connection, transaction

from forum.models import Comment, LiveEvent

logger = logging.getLogger(__name__)

CHANNEL = "forum_live"
# Rows kept for replay; older ones are deleted as new ones arrive (one DELETE per PRUNE_EVERY).
KEEP_EVENTS = 5000
PRUNE_EVERY = 500


def _record(kind, comment, **data):
    event = LiveEvent.objects.create(
        thread_id=comment.thread_id, comment_id=comment.pk, kind=kind, data=data
    )
    if event.pk % PRUNE_EVERY == 0:
        LiveEvent.objects.filter(pk__lte=event.pk - KEEP_EVENTS).delete()
    payload = json.dumps(event.payload(), separators=(",", ":"))
    transaction.on_commit(lambda: notify(payload), robust=True)
    return event


def notify(payload):
    """Send `payload` on the live channel (PostgreSQL); SQLite listeners poll the table instead."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])


def _place(comment):
    return {"parent": comment.parent_id, "root": comment.root_id, "score": comment.score}


def comment_shown(comment):
    """Tell the thread's readers that a comment is now published (new, approved or restored)."""
    return _record(LiveEvent.Kind.PUBLISHED, comment, **_place(comment))


def comment_edited(comment):
    """Tell the thread's readers that a published comment has new text."""
    return _record(LiveEvent.Kind.EDITED, comment)


def score_changed(comment, score):
    """Tell the thread's readers a comment's new score."""
    return _record(LiveEvent.Kind.VOTED, comment, score=score)


def comment_taken_off(comment):
    """Tell the thread's readers that a comment they may be reading now shows a placeholder."""
    return _record(LiveEvent.Kind.REMOVED, comment, status=comment.status)


def comment_held(comment):
    """Tell the desk that a comment waits for a moderator (held on posting, edit or reports)."""
    return _record(LiveEvent.Kind.HELD, comment, reason=comment.hold_reason)


def comment_reported(comment):
    """Tell the desk that a comment has a new report."""
    return _record(LiveEvent.Kind.REPORTED, comment, reports=comment.open_report_count)


def comment_decided(comment, moderator):
    """Tell the desk that a moderator settled a comment, so other desks stop offering it."""
    name = moderator.public_name if moderator is not None else ""
    return _record(LiveEvent.Kind.DECIDED, comment, status=comment.status, by=name)


def status_changed(comment, before):
    """Send what readers need when a comment's status went from `before` to its current one."""
    published = Comment.Status.PUBLISHED
    if before != published and comment.status == published:
        comment_shown(comment)
    elif before == published and comment.status != published:
        comment_taken_off(comment)
