"""Writes of the discussion: each is atomic and recounts Thread.comment_count and scores."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from forum import refusals
from forum.comments import lifecycle, phases
from forum.comments.events import Change
from forum.errors import ActionRefused, NotAllowed
from forum.markdown import MAX_COMMENT_LENGTH, render_markdown, shows_nothing
from forum.models import Comment, CommentRevision, Follow, Thread, Vote
from forum.platform import ratelimit
from forum.refusals import Code, Refusal


class DiscussionError(ActionRefused):
    """A write the member asked for that cannot be done; the message says why, kindly."""


class CommentRefused(DiscussionError):
    """A comment refused outright by the word list; nothing is stored."""


class RateLimited(DiscussionError):
    """The member reached a rate limit; their text is kept so they can try again later."""


class KeyReused(DiscussionError):
    """A form's key came back with another text: not a retry, so not answered as one."""


class NotParticipating(DiscussionError, NotAllowed):
    """The member may not take part now (signed out, banned, suspended, unconfirmed): a 403."""


def _clean_body(body):
    """Return the text and its HTML; raise DiscussionError when it is empty or too long."""
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DiscussionError(Code.EMPTY_COMMENT)
    if len(body) > MAX_COMMENT_LENGTH:
        raise DiscussionError(Code.COMMENT_TOO_LONG, length=len(body), limit=MAX_COMMENT_LENGTH)
    body_html = render_markdown(body, max_length=MAX_COMMENT_LENGTH)
    if shows_nothing(body_html):
        raise DiscussionError(Code.NOTHING_TO_READ)
    return body, body_html


def _check_participation(member):
    """Raise NotParticipating, saying why, unless `member` may take part now."""
    if refusal := refusals.participation(member):
        raise NotParticipating.of(refusal)


def check_comment_rate(member):
    """Count a comment against the member's limits; raise RateLimited when one is reached."""
    if not ratelimit.hit(
        "comment-minute", member.pk, limit=settings.COMMENT_RATE_PER_MINUTE, window_seconds=60
    ):
        raise RateLimited(Code.POSTING_TOO_FAST, limit=settings.COMMENT_RATE_PER_MINUTE)
    if not ratelimit.hit(
        "comment-day", member.pk, limit=settings.COMMENT_RATE_PER_DAY, window_seconds=86400
    ):
        raise RateLimited(Code.DAILY_LIMIT, limit=settings.COMMENT_RATE_PER_DAY)


def comment_create(*, author, thread, body, parent=None, idempotency_key=None):
    """Post a comment or a reply; return it (published, or held for moderation).

    Raises DiscussionError (or RateLimited) with a message for the author, writing nothing.
    A comment refused by the banned-word list is kept, rejected, for the moderators, and
    CommentRefused is raised so the author keeps the text and sees why. A form sent again
    with the same `idempotency_key` (a double click, a retry after a timeout) returns the
    comment the first one created, and counts against no limit; the same key with another
    text raises KeyReused, so a new comment is never mistaken for a retry of the last one.
    """
    comment = _comment_insert(
        author=author, thread=thread, body=body, parent=parent, idempotency_key=idempotency_key
    )
    if comment.status == Comment.Status.REJECTED:
        raise CommentRefused.of(comment.refusal)
    return comment


def _first_text(comment):
    """Return the text `comment` was posted with, before any edit."""
    first = comment.revisions.order_by("replaced_at").values_list("body", flat=True).first()
    return comment.body if first is None else first


def _already_posted(author, idempotency_key, body):
    """Return the comment `author` posted with this form's key and text, or None."""
    if not idempotency_key:
        return None
    comment = Comment.objects.filter(author=author, idempotency_key=idempotency_key).first()
    if comment is not None and _first_text(comment) != body:
        raise KeyReused(Code.KEY_REUSED)
    if comment is not None:
        # Refused comments store no key: a rejected one here was taken down by a moderator.
        rejected = comment.status == Comment.Status.REJECTED
        comment.refusal = Refusal(Code.TAKEN_DOWN_SINCE_POSTED) if rejected else None
    return comment


@transaction.atomic
def _comment_insert(*, author, thread, body, parent, idempotency_key):
    _check_participation(author)
    body, body_html = _clean_body(body)
    # The thread's row lock queues a second submit behind the first, which it then sees.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if posted := _already_posted(author, idempotency_key, body):
        return posted
    if not thread.is_open:
        raise DiscussionError(Code.THREAD_CLOSED)
    if parent is not None:
        parent = Comment.objects.select_for_update().get(pk=parent.pk)
        if parent.thread_id != thread.pk:
            raise DiscussionError(Code.OTHER_THREAD)
        if not parent.is_published:
            raise DiscussionError(Code.PARENT_UNAVAILABLE)
    check_comment_rate(author)
    verdict = phases.review_new_comment(author=author, thread=thread, body=body)
    refused = verdict.status == "refused"
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                thread=thread,
                author=author,
                parent=parent,
                root=(parent.root or parent) if parent else None,
                depth=(parent.depth + 1) if parent else 0,
                body=body,
                body_html=body_html,
                status=Comment.Status.REJECTED if refused else verdict.status,
                hold_reason=Comment.HoldReason.BANNED_WORD if refused else verdict.hold_reason,
                hold_detail=verdict.hold_detail,
                rejection_reason="banned_word" if refused else "",
                moderated_at=timezone.now() if refused else None,
                # A refused text keeps no key: sent again, it is reviewed (and refused) again.
                idempotency_key=None if refused else (idempotency_key or None),
            )
    except IntegrityError:
        # Another submit of the same form got in first; the constraint has the last word.
        if posted := _already_posted(author, idempotency_key, body):
            return posted
        raise
    comment.refusal = verdict.refusal
    if refused:
        return comment
    follow_set(member=author, thread=thread, following=True)
    return lifecycle.change(comment, Change.POSTED, actor=author, before="")


@transaction.atomic
def comment_edit(*, comment, editor, body):
    """Replace a comment's text, keeping the previous text for moderators."""
    _check_participation(editor)
    comment = Comment.objects.select_for_update().select_related("thread").get(pk=comment.pk)
    if comment.author_id != editor.pk:
        raise NotAllowed(Code.NOT_AUTHOR_EDIT)
    if comment.hidden_by_reports:
        raise DiscussionError(Code.UNDER_REVIEW)
    if not ratelimit.hit(
        "comment-edit", editor.pk, limit=settings.EDIT_RATE_PER_MINUTE, window_seconds=60
    ):
        raise RateLimited(Code.EDITING_TOO_FAST)
    if not comment.editable_by(editor):
        minutes = int(settings.COMMENT_EDIT_WINDOW.total_seconds() // 60)
        raise DiscussionError(Code.EDIT_WINDOW_CLOSED, minutes=minutes)
    body, body_html = _clean_body(body)
    if body == comment.body:
        return comment
    before = comment.status
    verdict = phases.review_new_comment(author=editor, thread=comment.thread, body=body)
    if verdict.status == "refused":
        raise CommentRefused.of(verdict.refusal)
    CommentRevision.objects.create(
        comment=comment, body=comment.body, created_at=comment.edited_at or comment.created_at
    )
    comment.body = body
    comment.body_html = body_html
    comment.edited_at = timezone.now()
    fields = ["body", "body_html", "edited_at"]
    # Whatever would hold a new comment (links, suspect words, pre-moderation) holds an edit.
    if comment.is_published and verdict.status == Comment.Status.PENDING:
        comment.status = Comment.Status.PENDING
        comment.hold_reason, comment.hold_detail = verdict.hold_reason, verdict.hold_detail
        comment.held_on_edit = True
        fields += ["status", "hold_reason", "hold_detail", "held_on_edit"]
    return lifecycle.change(comment, Change.EDITED, actor=editor, before=before, fields=fields)


@transaction.atomic
def comment_remove(*, comment, member):
    """Remove a member's own comment; replies keep their place under a placeholder."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not member.is_authenticated or comment.author_id != member.pk:
        raise NotAllowed(Code.NOT_AUTHOR_REMOVE)
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        # A moderator's rejection stays on the record; the author cannot turn it into a removal.
        raise DiscussionError(Code.COMMENT_TAKEN_DOWN)
    before = comment.status
    comment.status = Comment.Status.REMOVED
    comment.hidden_by_reports = False
    comment.is_featured, comment.featured_at = False, None
    return lifecycle.change(
        comment,
        Change.REMOVED_BY_AUTHOR,
        actor=member,
        before=before,
        fields=["status", "hidden_by_reports", "is_featured", "featured_at"],
    )


@transaction.atomic
def vote_toggle(*, comment, voter):
    """Add the member's up-vote, or take it back; return (voted, score)."""
    _check_participation(voter)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id == voter.pk:
        raise DiscussionError(Code.OWN_COMMENT_VOTE)
    if not comment.is_published:
        raise DiscussionError(Code.NOT_PUBLISHED_VOTE)
    if not Thread.objects.get(pk=comment.thread_id).is_open:
        raise DiscussionError(Code.THREAD_CLOSED)
    deleted, _ = Vote.objects.filter(comment=comment, voter=voter).delete()
    if deleted:
        comment.score = F("score") - 1
        voted = False
    else:
        try:
            with transaction.atomic():
                Vote.objects.create(comment=comment, voter=voter)
        except IntegrityError:  # a double click raced us; the vote is there already
            comment.refresh_from_db(fields=["score"])
            return True, comment.score
        comment.score = F("score") + 1
        voted = True
    comment.save(update_fields=["score"])
    comment.refresh_from_db(fields=["score"])
    lifecycle.change(comment, Change.VOTED, actor=voter, before=comment.status)
    return voted, comment.score


def follow_set(*, member, thread, following):
    """Follow or stop following a thread; return whether the member now follows it."""
    if following:
        Follow.objects.get_or_create(member=member, thread=thread)
    else:
        Follow.objects.filter(member=member, thread=thread).delete()
    return following


@transaction.atomic
def member_comments_handle_deletion(*, member, remove_comments):
    """Prepare a member's discussion data for the deletion of their account.

    Their votes go with the account: the scores they counted in are recounted without
    them. When they asked to remove their comments, every one of them is removed for good,
    rejected ones included, so a moderator has nothing left to restore.
    """
    voted_ids = list(Comment.objects.filter(votes__voter=member).values_list("pk", flat=True))
    Vote.objects.filter(voter=member).delete()
    lifecycle.rescored(voted_ids)
    if remove_comments:
        lifecycle.change_many(
            Comment.objects.filter(author=member),
            Change.ERASED,
            actor=None,
            values={
                "status": Comment.Status.REMOVED,
                "hidden_by_reports": False,
                "is_featured": False,
                "featured_at": None,
            },
        )
