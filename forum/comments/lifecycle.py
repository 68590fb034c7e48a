"""The one way a comment's state changes: save, recount, log and announce, in that order.

Every writer of comments (members' posts and edits, votes, reports, moderators' decisions,
sanctions, account deletion) sets what changes on its locked rows and hands them here, in
its transaction. This module saves them, recounts the threads whose published comments
changed, appends the audit-log entry when the change is a moderator's (or the system's),
and announces the change as one event, sent on commit (forum.comments.events). Nothing
else recounts a thread or tells the page cache, live updates or notifications.
"""

from dataclasses import dataclass
from typing import Any

from forum.comments.events import Change, CommentChanged, announce
from forum.models import Comment, ModerationAction, Thread


@dataclass(frozen=True)
class Audit:
    """The audit-log entry of a change: its action, who took it (None: the system), why."""

    action: str
    actor: Any = None
    reason: str = ""
    note: str = ""


def lock(comment, *related):
    """Lock the thread of `comment` (a Comment or its pk), then the comment; return it.

    Every writer takes the rows in this order (a new comment locks its thread, then the
    comment it answers; a recount locks the thread last), so two writers of one thread
    queue behind each other instead of deadlocking. `related` are select_related names.
    """
    pk = comment.pk if isinstance(comment, Comment) else comment
    thread_id = Comment.objects.values_list("thread_id", flat=True).get(pk=pk)
    list(Thread.objects.select_for_update().filter(pk=thread_id).values_list("pk", flat=True))
    comments = Comment.objects.select_for_update(of=("self",))
    return (comments.select_related(*related) if related else comments).get(pk=pk)


def recounts(before, after):
    """Return whether a comment going from `before` to `after` has its thread recounted.

    Any change of status does, not only one into or out of the published count: each
    decision sets the count right again, whatever it was.
    """
    return before != after


def change(comment, what: Change, *, actor, before, fields=(), audit=None):
    """Save `fields` of `comment` (set by the caller on its locked row) and follow them up.

    `before` is its status before the change ("" for a new comment). Return `comment`.
    """
    if fields:
        comment.save(update_fields=list(fields))
    if recounts(before, comment.status):
        Thread.objects.filter(pk=comment.thread_id).recount_comments()
        if Comment.thread.is_cached(comment):  # what the caller shows next counts it too
            comment.thread.refresh_from_db(fields=["comment_count"])
    if audit is not None:
        _log(comment, audit)
    announce(CommentChanged.of(what, comment, before=before, actor=actor))
    return comment


def change_many(comments, what: Change, *, actor, values):
    """Set `values` on every comment of the queryset `comments` at once; one event for all.

    Return the changed comments.
    """
    before = dict(comments.values_list("pk", "status"))
    if not before:
        return ()
    Comment.objects.filter(pk__in=before).update(**values)
    changed = tuple(Comment.objects.filter(pk__in=before).order_by("pk"))
    recounted = {c.thread_id for c in changed if recounts(before[c.pk], c.status)}
    if recounted:
        Thread.objects.filter(pk__in=recounted).recount_comments()
    statuses = tuple(before[comment.pk] for comment in changed)
    announce(CommentChanged(what, changed, statuses, actor))
    return changed


def created_many(comments, what: Change, *, actor=None):
    """Recount the threads of `comments`, just created in bulk, and announce them as one event.

    Return them as a tuple.
    """
    comments = tuple(comments)
    if comments:
        Thread.objects.filter(pk__in={c.thread_id for c in comments}).recount_comments()
        announce(CommentChanged(what, comments, ("",) * len(comments), actor))
    return comments


def rescored(comment_ids, *, actor=None):
    """Recount the scores of `comment_ids` (votes were taken away) and announce them."""
    comments = Comment.objects.filter(pk__in=comment_ids)
    comments.recount_scores()
    changed = tuple(comments.order_by("pk"))
    if changed:
        statuses = tuple(comment.status for comment in changed)
        announce(CommentChanged(Change.VOTED, changed, statuses, actor))


def _log(comment, audit):
    actor = audit.actor
    ModerationAction.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=audit.action,
        comment=comment,
        member_id=comment.author_id,
        thread_id=comment.thread_id,
        reason=(audit.reason or "")[:200],
        note=audit.note or "",
    )
