"""Moderators' settings of a thread: close, reopen, closing time, pre-moderation, authors."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from forum.comments import slowmode
from forum.comments.reasons import when
from forum.errors import ModerationConflict, ModerationError
from forum.models import ModerationAction, Thread
from forum.moderation.services.common import log_about, save_and_log, save_switch
from forum.refusals import Code
from forum.roles import require_moderator


def _lock_thread(thread):
    return Thread.objects.select_for_update().get(
        pk=thread.pk if isinstance(thread, Thread) else thread
    )


@transaction.atomic
def thread_close(*, thread, moderator, reason=""):
    """Stop new comments on a thread now; return it."""
    require_moderator(moderator)
    thread = _lock_thread(thread)
    if thread.state == Thread.State.CLOSED:
        raise ModerationConflict(Code.THREAD_ALREADY_CLOSED)
    return save_and_log(
        thread,
        {"state": Thread.State.CLOSED},
        moderator=moderator,
        action=ModerationAction.Action.THREAD_CLOSE,
        reason=reason,
    )


@transaction.atomic
def thread_reopen(*, thread, moderator, reason=""):
    """Accept new comments on a thread again (clearing a closing time already past); return it."""
    require_moderator(moderator)
    thread = _lock_thread(thread)
    if thread.is_open:
        raise ModerationConflict(Code.THREAD_ALREADY_OPEN)
    closes_at = thread.closes_at
    if closes_at is not None and closes_at <= timezone.now():
        closes_at = None
    return save_and_log(
        thread,
        {"state": Thread.State.OPEN, "closes_at": closes_at},
        moderator=moderator,
        action=ModerationAction.Action.THREAD_REOPEN,
        reason=reason,
    )


@transaction.atomic
def thread_set_closing_time(*, thread, moderator, closes_at):
    """Close a thread automatically at `closes_at` (a future time), or never (None); return it."""
    require_moderator(moderator)
    if closes_at is not None and closes_at <= timezone.now():
        raise ModerationError(Code.CLOSING_TIME_IN_PAST)
    thread = _lock_thread(thread)
    if thread.closes_at == closes_at:
        raise ModerationConflict(Code.CLOSING_TIME_UNCHANGED)
    return save_and_log(
        thread,
        {"closes_at": closes_at},
        moderator=moderator,
        action=ModerationAction.Action.THREAD_SET_CLOSING_TIME,
        reason=f"closes {when(closes_at)} UTC" if closes_at else "no closing time",
    )


@transaction.atomic
def thread_set_premoderation(*, thread, moderator, premoderate):
    """Hold every new comment on a thread for review, or stop doing so; return it."""
    require_moderator(moderator)
    thread = _lock_thread(thread)
    return save_switch(
        thread,
        "premoderate",
        premoderate,
        moderator=moderator,
        conflicts=(Code.THREAD_NOT_PREMODERATED, Code.THREAD_ALREADY_PREMODERATED),
        actions=(
            ModerationAction.Action.THREAD_PREMODERATE_OFF,
            ModerationAction.Action.THREAD_PREMODERATE_ON,
        ),
    )


def thread_slow_mode_start(*, thread, moderator, minutes):
    """Put a thread in slow mode by hand for `minutes` (1 to 1440); return the slow mode."""
    require_moderator(moderator)
    if not 1 <= minutes <= 1440:
        raise ModerationError(Code.SLOW_MODE_DURATION)
    with transaction.atomic():
        return slowmode.start(thread.pk, minutes=minutes, actor=moderator)


def thread_slow_mode_end(*, thread, moderator):
    """End a thread's slow mode by hand."""
    require_moderator(moderator)
    with transaction.atomic():
        if not slowmode.end(thread.pk, actor=moderator):
            raise ModerationConflict(Code.SLOW_MODE_NOT_ON)


@transaction.atomic
def thread_set_authors(*, thread, moderator, usernames):
    """Name the accounts of the article's authors (replacing any before); return the thread.

    Slow mode does not apply to them (forum/comments/phases.py). Every username must be a
    member's, or nothing changes.
    """
    require_moderator(moderator)
    thread = _lock_thread(thread)
    wanted = list(dict.fromkeys(name for name in usernames if name))
    members = list(get_user_model().objects.filter(username__in=wanted))
    unknown = sorted(set(wanted) - {member.username for member in members})
    if unknown:
        raise ModerationError(Code.AUTHORS_UNKNOWN, names=", ".join(unknown))
    thread.authors.set(members)
    names = ", ".join(sorted(member.username for member in members)) or "-"
    log_about(thread, actor=moderator, action=ModerationAction.Action.THREAD_AUTHORS, note=names)
    return thread
