"""Moderators' sanctions on members: suspend, ban, always pre-moderate, private notes; the role."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from forum.comments import lifecycle, trust
from forum.comments.events import Change
from forum.comments.reasons import when
from forum.errors import ModerationConflict, ModerationError, NotAllowed
from forum.models import Comment, ModerationAction, ModeratorNote
from forum.moderation.services.common import log, save_and_log, save_switch
from forum.refusals import Code
from forum.roles import is_in_moderators_group, is_moderator, moderators_group, require_moderator


def _lock_member(member):
    User = get_user_model()
    return User.objects.select_for_update().get(pk=member.pk)


def _required(text, code):
    """Return `text` without surrounding blanks; refuse it with `code` when nothing is left."""
    text = (text or "").strip()
    if not text:
        raise ModerationError(code)
    return text


def _check_target(member, moderator):
    if member.pk == moderator.pk:
        raise ModerationError(Code.OWN_ACCOUNT)
    if is_moderator(member):
        raise ModerationError(Code.TARGET_IS_MODERATOR)


@transaction.atomic
def member_suspend(*, member, moderator, until, reason):
    """Stop a member posting, voting and reporting until `until`; return the member."""
    require_moderator(moderator)
    if until is None or until <= timezone.now():
        raise ModerationError(Code.END_IN_PAST)
    reason = _required(reason, Code.SUSPENSION_WITHOUT_REASON)
    member = _lock_member(member)
    _check_target(member, moderator)
    if member.is_banned:
        raise ModerationConflict(Code.MEMBER_IS_BANNED, name=member.username)
    if member.is_suspended and member.suspended_until == until:
        raise ModerationConflict(
            Code.MEMBER_ALREADY_SUSPENDED, name=member.username, until=when(until)
        )
    return save_and_log(
        member,
        {"suspended_until": until, "suspension_reason": reason[:500]},
        moderator=moderator,
        action=ModerationAction.Action.MEMBER_SUSPEND,
        reason=reason,
        note=f"until {when(until)} UTC",
    )


# What lifting a sanction clears, and the audit-log action it writes.
_LIFTS = {
    "suspended": (
        "suspended_until",
        "suspension_reason",
        ModerationAction.Action.MEMBER_LIFT_SUSPENSION,
    ),
    "banned": ("banned_at", "ban_reason", ModerationAction.Action.MEMBER_LIFT_BAN),
}


def _lift(member, moderator, sanction):
    """End a member's suspension or ban now; return the member."""
    until_field, reason_field, action = _LIFTS[sanction]
    require_moderator(moderator)
    member = _lock_member(member)
    if not getattr(member, f"is_{sanction}"):
        raise ModerationConflict(
            Code.MEMBER_NOT_SANCTIONED, name=member.username, sanction=sanction
        )
    return save_and_log(
        member, {until_field: None, reason_field: ""}, moderator=moderator, action=action
    )


@transaction.atomic
def member_lift_suspension(*, member, moderator):
    """End a member's suspension now; return the member."""
    return _lift(member, moderator, "suspended")


@transaction.atomic
def member_ban(*, member, moderator, reason):
    """Ban a member for good: reject their held comments and end all their sessions."""
    require_moderator(moderator)
    reason = _required(reason, Code.BAN_WITHOUT_REASON)
    member = _lock_member(member)
    _check_target(member, moderator)
    if member.is_banned:
        raise ModerationConflict(
            Code.MEMBER_ALREADY_BANNED, name=member.username, at=when(member.banned_at)
        )
    now = timezone.now()
    rejected = len(
        lifecycle.change_many(
            Comment.objects.filter(author=member, status=Comment.Status.PENDING),
            Change.REJECTED,
            actor=moderator,
            values={
                "status": Comment.Status.REJECTED,
                "hidden_by_reports": False,
                "rejection_reason": "member_banned",
                "moderated_at": now,
                "moderated_by": moderator,
            },
        )
    )
    # Setting banned_at changes the session hash: every session of the member ends.
    return save_and_log(
        member,
        {"banned_at": now, "ban_reason": reason[:500]},
        moderator=moderator,
        action=ModerationAction.Action.MEMBER_BAN,
        reason=reason,
        note=f"{rejected} held comment{'s' if rejected != 1 else ''} rejected" if rejected else "",
    )


@transaction.atomic
def member_lift_ban(*, member, moderator):
    """Let a banned member take part again (their rejected comments stay rejected)."""
    return _lift(member, moderator, "banned")


@transaction.atomic
def member_set_premoderation(*, member, moderator, premoderate=True):
    """Hold every comment of a member for review, or stop doing so; return the member."""
    require_moderator(moderator)
    member = _lock_member(member)
    return save_switch(
        member,
        "always_premoderate",
        premoderate,
        moderator=moderator,
        conflicts=(Code.MEMBER_NOT_PREMODERATED, Code.MEMBER_ALREADY_PREMODERATED),
        name=member.username,
        actions=(
            ModerationAction.Action.MEMBER_PREMODERATE_OFF,
            ModerationAction.Action.MEMBER_PREMODERATE_ON,
        ),
    )


def member_lift_premoderation(*, member, moderator):
    """Stop holding every comment of a member; return the member."""
    return member_set_premoderation(member=member, moderator=moderator, premoderate=False)


@transaction.atomic
def member_set_trust(*, member, moderator, level):
    """Set a member's trust level by hand ("" returns to the computed one); return the member."""
    require_moderator(moderator)
    if level not in ("", *trust.CODES):
        raise ModerationError(Code.TRUST_LEVEL_UNKNOWN)
    member = _lock_member(member)
    if member.trust_override == level:
        raise ModerationConflict(Code.TRUST_LEVEL_UNCHANGED)
    before = member.trust_override or "computed"
    member.trust_override = level
    member.save(update_fields=["trust_override"])
    log(
        actor=moderator,
        action=ModerationAction.Action.MEMBER_TRUST_SET,
        member=member,
        reason=f"{before} -> {level or 'computed'}",
    )
    return member


@transaction.atomic
def note_add(*, member, moderator, text):
    """Keep a private moderators' note about a member; return it."""
    require_moderator(moderator)
    text = _required(text, Code.EMPTY_NOTE)
    if len(text) > 2000:
        raise ModerationError(Code.NOTE_TOO_LONG, limit=2000)
    note = ModeratorNote.objects.create(member=member, author=moderator, text=text)
    log(actor=moderator, action=ModerationAction.Action.NOTE_ADD, member=member, note=text)
    return note


def _check_role_granter(actor):
    # The command line acts as nobody (None); in the site only superusers hand out the role.
    if actor is not None and not actor.is_superuser:
        raise NotAllowed(Code.ADMINISTRATORS_ONLY)


@transaction.atomic
def moderator_grant(*, member, actor=None):
    """Add a member to the Moderators group and log it; return False if they already were."""
    _check_role_granter(actor)
    member = _lock_member(member)
    if is_in_moderators_group(member):
        return False
    member.groups.add(moderators_group())
    log(actor=actor, action=ModerationAction.Action.MODERATOR_GRANT, member=member)
    return True


@transaction.atomic
def moderator_revoke(*, member, actor=None):
    """Take a member out of the Moderators group and log it; return False if they weren't in it."""
    _check_role_granter(actor)
    member = _lock_member(member)
    group = moderators_group()
    if not is_in_moderators_group(member):
        return False
    member.groups.remove(group)
    log(actor=actor, action=ModerationAction.Action.MODERATOR_REVOKE, member=member)
    return True
