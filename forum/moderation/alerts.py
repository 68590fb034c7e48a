"""What the desk raises above its queues: threads that went into slow mode by themselves.

A moderator should learn that a discussion got hot without watching every thread: the start
is in the audit log (forum/comments/slowmode.py), the desk's live stream announces it
(forum/live/events.py) and the desk's pages show it for as long as it lasts.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from forum.comments import slowmode
from forum.models import ModerationAction, Thread

# The automatic starts looked at (each costs a read of the shared cache): the latest, of the
# last day. A thread that stays hot stays in slow mode, but not for a day on end.
RECENT_STARTS = 20
RECENT = timedelta(days=1)


@dataclass(frozen=True)
class SlowModeAlert:
    """A thread in slow mode that started by itself, with the comment rate that started it."""

    thread: Thread
    mode: slowmode.SlowMode

    @property
    def comments_a_minute(self):
        return round(self.mode.rate)

    @property
    def started_at(self):
        return datetime.fromtimestamp(self.mode.started, tz=UTC)


def slow_mode_alerts():
    """Return the threads in slow mode now that started it by themselves, latest first."""
    started = (
        ModerationAction.objects.filter(
            action=ModerationAction.Action.THREAD_SLOW_MODE_START,
            actor__isnull=True,
            created_at__gte=timezone.now() - RECENT,
        )
        .order_by("-created_at", "-pk")
        .values_list("thread_id", flat=True)[:RECENT_STARTS]
    )
    modes = {}
    for thread_id in dict.fromkeys(started):
        mode = slowmode.current(thread_id)
        if mode is not None and not mode.manual:
            modes[thread_id] = mode
    threads = Thread.objects.in_bulk(modes)
    return [SlowModeAlert(threads[pk], mode) for pk, mode in modes.items() if pk in threads]
