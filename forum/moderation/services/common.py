"""What every moderation write shares: its errors, the audit-log entry, row locks, messages.

Every service is keyword-only and atomic. A moderator's write locks the row it changes
(`select_for_update`), checks that the state it expects is still there, applies the
change, keeps `Thread.comment_count` (published comments) exact, and appends exactly one
`ModerationAction` to the audit log. When the state changed meanwhile (another moderator
was quicker) it raises `ModerationConflict` with a message saying who did what and when,
and changes nothing, so no action is ever applied twice.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from forum.discussion import notifications
from forum.models import Comment, ModerationAction, Report, Thread
from forum.moderation.roles import is_moderator


class ModerationError(Exception):
    """A moderation write that cannot be done; the message says why."""


class ModerationConflict(ModerationError):
    """The object changed since the moderator looked at it; nothing was changed."""


class AlreadyReported(ModerationError):
    pass


class Action:
    """Names of audit-log entries, with the words the log shows for them."""

    COMMENT_APPROVE = "comment_approve"
    COMMENT_REJECT = "comment_reject"
    COMMENT_RESTORE = "comment_restore"
    COMMENT_FEATURE = "comment_feature"
    COMMENT_UNFEATURE = "comment_unfeature"
    REPORTS_DISMISS = "reports_dismiss"
    COMMENT_HIDE_REPORTED = "comment_hide_reported"
    THREAD_CLOSE = "thread_close"
    THREAD_REOPEN = "thread_reopen"
    THREAD_SET_CLOSING_TIME = "thread_set_closing_time"
    THREAD_PREMODERATE_ON = "thread_premoderate_on"
    THREAD_PREMODERATE_OFF = "thread_premoderate_off"
    MEMBER_SUSPEND = "member_suspend"
    MEMBER_LIFT_SUSPENSION = "member_lift_suspension"
    MEMBER_BAN = "member_ban"
    MEMBER_LIFT_BAN = "member_lift_ban"
    MEMBER_PREMODERATE_ON = "member_premoderate_on"
    MEMBER_PREMODERATE_OFF = "member_premoderate_off"
    NOTE_ADD = "note_add"
    WORD_ADD = "word_add"
    WORD_REMOVE = "word_remove"

    LABELS = {
        COMMENT_APPROVE: "Approved comment",
        COMMENT_REJECT: "Rejected comment",
        COMMENT_RESTORE: "Restored comment",
        COMMENT_FEATURE: "Featured comment",
        COMMENT_UNFEATURE: "Unfeatured comment",
        REPORTS_DISMISS: "Dismissed reports",
        COMMENT_HIDE_REPORTED: "Hid reported comment (automatic)",
        THREAD_CLOSE: "Closed thread",
        THREAD_REOPEN: "Reopened thread",
        THREAD_SET_CLOSING_TIME: "Set closing time",
        THREAD_PREMODERATE_ON: "Pre-moderated thread",
        THREAD_PREMODERATE_OFF: "Stopped pre-moderating thread",
        MEMBER_SUSPEND: "Suspended member",
        MEMBER_LIFT_SUSPENSION: "Lifted suspension",
        MEMBER_BAN: "Banned member",
        MEMBER_LIFT_BAN: "Lifted ban",
        MEMBER_PREMODERATE_ON: "Always pre-moderate member",
        MEMBER_PREMODERATE_OFF: "Stopped pre-moderating member",
        NOTE_ADD: "Added note",
        WORD_ADD: "Added word",
        WORD_REMOVE: "Removed word",
    }


def action_label(action):
    return Action.LABELS.get(action, action.replace("_", " ").capitalize())


def require_moderator(user):
    if not is_moderator(user):
        raise PermissionDenied("Only moderators can do this.")


def when(moment):
    return date_format(timezone.localtime(moment), "j M Y, H:i") if moment else "an unknown time"


def by(user):
    return user.username if user is not None else "the system"


def log(*, actor, action, comment=None, member=None, thread=None, reason="", note=""):
    return ModerationAction.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        comment=comment,
        member=member,
        thread=thread,
        reason=(reason or "")[:200],
        note=note or "",
    )


def lock_comment(comment):
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("moderated_by", "author", "thread")
        .get(pk=comment.pk if isinstance(comment, Comment) else comment)
    )


def comment_state_message(comment):
    """Describe the comment's current state for a conflict message."""
    status = comment.status
    if status == Comment.Status.REMOVED:
        return "This comment was removed by its author; nothing was changed."
    if status == Comment.Status.REJECTED:
        return (
            f"This comment was already rejected by {by(comment.moderated_by)} "
            f"at {when(comment.moderated_at)}; nothing was changed."
        )
    if status == Comment.Status.PUBLISHED:
        if comment.moderated_at:
            return (
                f"This comment was already approved by {by(comment.moderated_by)} "
                f"at {when(comment.moderated_at)}; nothing was changed."
            )
        return "This comment is already published; nothing was changed."
    return "This comment is awaiting moderation; nothing was changed."


def adjust_count(thread_id, delta):
    Thread.objects.filter(pk=thread_id).update(comment_count=F("comment_count") + delta)


def resolve_open_reports(comment, moderator, now):
    return Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator
    )


def announce(comment):
    """Tell followers and the parent's author about a comment that just became visible."""
    notifications.comment_published(comment=comment)
