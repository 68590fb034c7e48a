"""Moderators' decisions on comments: approve, reject, restore, feature, dismiss reports."""

from django.db import transaction
from django.utils import timezone

from forum.models import Comment, ModerationAction, Report, Thread
from forum.moderation import rules
from forum.moderation.services.common import (
    ModerationConflict,
    ModerationError,
    announce,
    by,
    comment_state_message,
    lock_comment,
    log,
    require_moderator,
    resolve_open_reports,
    when,
)
from forum.moderation.tasks import send_rejection_email


@transaction.atomic
def comment_approve(*, comment, moderator, note=""):
    """Publish a held comment (and settle any reports that held it); return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if comment.status != Comment.Status.PENDING:
        raise ModerationConflict(comment_state_message(comment))
    now = timezone.now()
    reason = comment.hold_reason
    comment.status = Comment.Status.PUBLISHED
    comment.hidden_by_reports = False
    comment.moderated_at, comment.moderated_by = now, moderator
    comment.open_report_count = 0
    comment.save(
        update_fields=[
            "status",
            "hidden_by_reports",
            "moderated_at",
            "moderated_by",
            "open_report_count",
        ]
    )
    resolve_open_reports(comment, moderator, now)
    Thread.objects.filter(pk=comment.thread_id).recount_comments()
    log(
        actor=moderator,
        action=ModerationAction.Action.COMMENT_APPROVE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=reason,
        note=note,
    )
    announce(comment)
    return comment


@transaction.atomic
def comment_reject(*, comment, moderator, reason, note=""):
    """Hide a comment from readers with a reason, and tell its author by e-mail; return it."""
    require_moderator(moderator)
    if reason not in rules.RejectionReason.values:
        raise ModerationError("Choose a reason for rejecting this comment.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ModerationError("Keep the note to 500 characters or fewer.")
    comment = lock_comment(comment)
    if comment.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        raise ModerationConflict(comment_state_message(comment))
    now = timezone.now()
    comment.status = Comment.Status.REJECTED
    comment.hidden_by_reports = False
    comment.rejection_reason, comment.rejection_note = reason, note
    comment.moderated_at, comment.moderated_by = now, moderator
    comment.is_featured, comment.featured_at = False, None
    comment.open_report_count = 0
    comment.save(
        update_fields=[
            "status",
            "hidden_by_reports",
            "rejection_reason",
            "rejection_note",
            "moderated_at",
            "moderated_by",
            "is_featured",
            "featured_at",
            "open_report_count",
        ]
    )
    resolve_open_reports(comment, moderator, now)
    Thread.objects.filter(pk=comment.thread_id).recount_comments()
    log(
        actor=moderator,
        action=ModerationAction.Action.COMMENT_REJECT,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=rules.rejection_reason_label(reason),
        note=note,
    )
    if comment.author_id:
        comment_id = comment.pk
        transaction.on_commit(lambda: send_rejection_email.enqueue(comment_id), robust=True)
    return comment


@transaction.atomic
def comment_restore(*, comment, moderator, note=""):
    """Publish a rejected comment again; return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if comment.status != Comment.Status.REJECTED:
        if comment.status == Comment.Status.PUBLISHED and comment.moderated_at:
            raise ModerationConflict(
                f"This comment was already restored or approved by {by(comment.moderated_by)} "
                f"at {when(comment.moderated_at)}; nothing was changed."
            )
        raise ModerationConflict(comment_state_message(comment))
    comment.status = Comment.Status.PUBLISHED
    comment.moderated_at, comment.moderated_by = timezone.now(), moderator
    comment.rejection_reason, comment.rejection_note = "", ""
    comment.save(
        update_fields=[
            "status",
            "moderated_at",
            "moderated_by",
            "rejection_reason",
            "rejection_note",
        ]
    )
    Thread.objects.filter(pk=comment.thread_id).recount_comments()
    log(
        actor=moderator,
        action=ModerationAction.Action.COMMENT_RESTORE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        note=note,
    )
    return comment


@transaction.atomic
def comment_feature(*, comment, moderator):
    """Show a published comment in the article's "Featured" strip; return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if not comment.is_published:
        raise ModerationConflict("Only published comments can be featured; nothing was changed.")
    if comment.is_featured:
        raise ModerationConflict(
            f"This comment was already featured at {when(comment.featured_at)}; "
            "nothing was changed."
        )
    comment.is_featured, comment.featured_at = True, timezone.now()
    comment.save(update_fields=["is_featured", "featured_at"])
    log(
        actor=moderator,
        action=ModerationAction.Action.COMMENT_FEATURE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
    )
    return comment


@transaction.atomic
def comment_unfeature(*, comment, moderator):
    """Take a comment out of the "Featured" strip; return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if not comment.is_featured:
        raise ModerationConflict("This comment isn’t featured any more; nothing was changed.")
    comment.is_featured, comment.featured_at = False, None
    comment.save(update_fields=["is_featured", "featured_at"])
    log(
        actor=moderator,
        action=ModerationAction.Action.COMMENT_UNFEATURE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
    )
    return comment


@transaction.atomic
def reports_dismiss(*, comment, moderator, note=""):
    """Settle a comment's open reports as unfounded; a comment they hid is published again."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    now = timezone.now()
    resolved = resolve_open_reports(comment, moderator, now)
    if not resolved:
        last = (
            Report.objects.filter(comment=comment, resolved_at__isnull=False)
            .select_related("resolved_by")
            .order_by("-resolved_at")
            .first()
        )
        if last is not None:
            raise ModerationConflict(
                f"The reports on this comment were already settled by {by(last.resolved_by)} "
                f"at {when(last.resolved_at)}; nothing was changed."
            )
        raise ModerationConflict("This comment has no open reports; nothing was changed.")
    fields = ["open_report_count"]
    comment.open_report_count = 0
    if comment.hidden_by_reports:
        comment.status = Comment.Status.PUBLISHED
        comment.hidden_by_reports = False
        comment.moderated_at, comment.moderated_by = now, moderator
        fields += ["status", "hidden_by_reports", "moderated_at", "moderated_by"]
    comment.save(update_fields=fields)
    Thread.objects.filter(pk=comment.thread_id).recount_comments()
    log(
        actor=moderator,
        action=ModerationAction.Action.REPORTS_DISMISS,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=f"{resolved} report{'s' if resolved != 1 else ''}",
        note=note,
    )
    return comment


def comments_bulk(*, action, comment_ids, moderator, reason="", note=""):
    """Approve or reject several comments, each on its own; return (done, conflicts).

    `conflicts` lists (comment_id, message) for the comments that changed meanwhile.
    """
    require_moderator(moderator)
    if action not in ("approve", "reject"):
        raise ModerationError("Choose approve or reject.")
    if action == "reject" and reason not in rules.RejectionReason.values:
        raise ModerationError("Choose a reason for rejecting these comments.")
    done, conflicts = [], []
    for comment_id in dict.fromkeys(int(pk) for pk in comment_ids):
        try:
            if action == "approve":
                done.append(comment_approve(comment=comment_id, moderator=moderator))
            else:
                done.append(
                    comment_reject(
                        comment=comment_id, moderator=moderator, reason=reason, note=note
                    )
                )
        except Comment.DoesNotExist:
            conflicts.append((comment_id, "This comment no longer exists."))
        except ModerationConflict as error:
            conflicts.append((comment_id, str(error)))
    return done, conflicts
