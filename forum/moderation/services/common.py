"""What every moderation write of members and threads shares: the audit-log entry, switches.

Every service is keyword-only and atomic. A moderator's write locks the row it changes
(`select_for_update`), checks that the state it expects is still there, applies the
change and appends exactly one `ModerationAction` to the audit log. A comment's change is
a decision of forum.comments.decisions instead, which hands it to the lifecycle.
When the state changed meanwhile (another moderator was quicker) it raises
`ModerationConflict` with a message saying who did what and when, and changes nothing, so
no action is ever applied twice.
"""

from forum.errors import ModerationConflict
from forum.models import Comment, ModerationAction, Thread


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


def save_switch(target, field, value, *, moderator, conflicts, actions, **params):
    """Turn a yes/no setting of a member or thread off or on and log it; return `target`.

    `conflicts` and `actions` are (off, on): the refusal code when `target` is already so
    (its words filled with `params`), and the audit-log action.
    """
    value = bool(value)
    if getattr(target, field) == value:
        raise ModerationConflict(conflicts[value], **params)
    return save_and_log(target, {field: value}, moderator=moderator, action=actions[value])
