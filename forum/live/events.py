"""Record what changed for open pages: LiveEvent rows, then NOTIFY, for each comment event.

It listens to the comment lifecycle's one event (`forum.comments.events.comment_changed`),
sent once a change has committed, and records what each comment's change means to open
pages. Thread streams get only what every reader of the thread may see (a comment shown,
edited, voted on or taken off the page); a held comment, a report, a moderator's
decision and a thread entering slow mode by itself go to the desk stream alone. That last is
heard from its audit entry's save (forum/comments/slowmode.py logs each start), in the
transaction of the comment that made the thread hot.
"""

import json
import logging

from django.db import connection, transaction
from django.db.models.signals import post_save

from forum.comments import slowmode
from forum.comments.events import DECISIONS, Change, CommentChanged, comment_changed
from forum.models import Comment, LiveEvent, ModerationAction

logger = logging.getLogger(__name__)

CHANNEL = "forum_live"
# Rows kept for replay; older ones are deleted as new ones arrive (one DELETE per PRUNE_EVERY).
KEEP_EVENTS = 5000
PRUNE_EVERY = 500


def _record(kind, comment, **data):
    return _record_event(kind, comment.thread_id, comment.pk, data)


def _record_event(kind, thread_id, comment_id, data):
    event = LiveEvent.objects.create(
        thread_id=thread_id, comment_id=comment_id, kind=kind, data=data
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


def record(event: CommentChanged):
    """Record, in one transaction, the live events that `event` means; NOTIFY on commit."""
    if event.change == Change.IMPORTED:
        return  # an archive, not news: its pages are refreshed, its streams are spared
    published, pending = Comment.Status.PUBLISHED, Comment.Status.PENDING
    with transaction.atomic():
        for comment, before in event.pairs():
            after = comment.status
            if event.change == Change.VOTED:
                _record(LiveEvent.Kind.VOTED, comment, score=comment.score)
            elif before != published and after == published:
                _record(LiveEvent.Kind.PUBLISHED, comment, **_place(comment))
            elif before == published and after != published:
                _record(LiveEvent.Kind.REMOVED, comment, status=after)
            elif event.change == Change.EDITED and after == published:
                _record(LiveEvent.Kind.EDITED, comment)
            if after == pending and before != pending:
                _record(LiveEvent.Kind.HELD, comment, reason=comment.hold_reason)
            if event.change == Change.REPORTED:
                _record(LiveEvent.Kind.REPORTED, comment, reports=comment.open_report_count)
            decided = event.change in DECISIONS
            if decided or (before == pending and after != pending):
                actor = event.actor if decided else None
                name = actor.public_name if actor is not None else ""
                _record(LiveEvent.Kind.DECIDED, comment, status=after, by=name)


def _on_comment_changed(sender, event, **kwargs):
    record(event)


def _on_action_logged(sender, instance, created, raw=False, **kwargs):
    # A start by a moderator's hand is news to nobody on the desk; one by itself is.
    if not created or raw or instance.actor_id is not None:
        return
    if instance.action != ModerationAction.Action.THREAD_SLOW_MODE_START:
        return
    mode = slowmode.current(instance.thread_id)
    rate = mode.rate if mode is not None else 0.0
    _record_event(LiveEvent.Kind.SLOW_MODE, instance.thread_id, None, {"rate": round(rate, 1)})


def connect():
    """Record live events for every comment change, once it has committed, and slow mode."""
    comment_changed.connect(_on_comment_changed, dispatch_uid="live-comment-changed")
    post_save.connect(_on_action_logged, sender=ModerationAction, dispatch_uid="live-slow-mode")
