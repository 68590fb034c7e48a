"""What every moderation write shares: its errors, the audit-log entry, row locks, messages.

Every service is keyword-only and atomic. A moderator's write locks the row it changes
(`select_for_update`), checks that the state it expects is still there, applies the
change and appends exactly one `ModerationAction` to the audit log; a comment's change is
handed to its lifecycle (`forum.comments.lifecycle`), which also recounts and announces it.
When the state changed meanwhile (another moderator was quicker) it raises
`ModerationConflict` with a message saying who did what and when, and changes nothing, so
no action is ever applied twice.
"""

from django.utils import timezone
from django.utils.formats import date_format

from forum.errors import ActionRefused, NotAllowed
from forum.models import Comment, ModerationAction, Report, Thread
from forum.refusals import Code
from forum.roles import is_moderator


class ModerationError(ActionRefused):
    """A moderation write that cannot be done; the message says why."""


class ModerationConflict(ModerationError):
    """The object changed since the moderator looked at it; nothing was changed.

    Its words say who did what and when, composed here: its code is always
    `moderation_conflict`, with those words as the `detail` parameter.
    """

    def __init__(self, detail):
        super().__init__(Code.MODERATION_CONFLICT, detail=detail)


class AlreadyReported(ModerationError):
    """The member reported this comment before; the first report stands."""


def require_moderator(user):
    """Raise NotAllowed (a PermissionDenied) unless `user` may use the moderation desk."""
    if not is_moderator(user):
        raise NotAllowed(Code.MODERATORS_ONLY)


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


def log_about(target, *, actor, action, reason="", note=""):
    """Append the audit-log entry for `action` on a comment, a member or a thread."""
    if isinstance(target, Comment):
        about = {"comment": target, "member": target.author, "thread": target.thread}
    elif isinstance(target, Thread):
        about = {"thread": target}
    else:
        about = {"member": target}
    return log(actor=actor, action=action, reason=reason, note=note, **about)


def save_and_log(target, fields, *, moderator, action, reason="", note=""):
    """Set `fields` on a locked member or thread, save them and log `action`; return `target`.

    A comment's changes go through its lifecycle (forum.comments.lifecycle) instead.
    """
    for name, value in fields.items():
        setattr(target, name, value)
    target.save(update_fields=list(fields))
    log_about(target, actor=moderator, action=action, reason=reason, note=note)
    return target


def save_switch(target, field, value, *, moderator, subject, states, actions):
    """Turn a yes/no setting of a member or thread off or on and log it; return `target`.

    `states` and `actions` are (off, on): how the conflict message says `subject` already
    is, and the audit-log action.
    """
    value = bool(value)
    if getattr(target, field) == value:
        raise ModerationConflict(f"{subject} is {states[value]}; nothing was changed.")
    return save_and_log(target, {field: value}, moderator=moderator, action=actions[value])


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


def resolve_open_reports(comment, moderator, now):
    return Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator
    )
