"""Slow mode: when a thread heats up, each member may post there once every few minutes.

A thread's heat is counted in the shared cache (Django's cache: Redis in production, so
every app server sees the same counts; never process memory): new comments per minute over
the last SLOW_MODE_WINDOW_MINUTES against the thread's own rate over the half hour before,
reports per minute, and the share of new comments the scoring phases held. Past
SLOW_MODE_START_RATE comments a minute and SLOW_MODE_START_RATIO times its normal rate, or
SLOW_MODE_REPORT_RATE reports a minute, or half that comment rate with SLOW_MODE_SCORED_SHARE
of it held by scoring, the thread enters slow mode by itself for SLOW_MODE_MINUTES, extended
while it stays hot; it leaves it when that time has passed with the heat down. A moderator
can start it by hand for a duration, or end it. While it lasts, a member who posted there waits
SLOW_MODE_INTERVAL_SECONDS before the next comment (moderators are exempt: the phase runs
after theirs). Every start and end is in the audit log with its figures.
"""

import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from forum.models import ModerationAction

# What the minutes are counted by; tests replace it with a fake clock.
clock = time.time

BASELINE_MINUTES = 30
KEEP_SECONDS = 2 * 3600


@dataclass(frozen=True)
class SlowMode:
    """A thread's slow mode: when it started and ends, the wait between posts, why."""

    started: float
    until: float
    interval: int  # seconds between two comments of one member
    manual: bool = False
    rate: float = 0.0  # comments a minute when it started (automatic)
    normal: float = 0.0  # the thread's normal rate then

    @property
    def interval_minutes(self):
        return max(1, round(self.interval / 60))


def _state_key(thread_id):
    return f"slow:{thread_id}"


def _minute():
    return int(clock() // 60)


@dataclass(frozen=True)
class Heat:
    """A thread's heat, a minute's worth: comments now and normally, reports, scored share."""

    rate: float  # comments a minute over the last SLOW_MODE_WINDOW_MINUTES
    normal: float  # comments a minute over the half hour before
    reports: float  # reports a minute over the last SLOW_MODE_WINDOW_MINUTES
    scored_share: float  # of the recent comments, the share held by the scoring phases

    @property
    def hot(self):
        """Return whether these figures start slow mode (and keep it on)."""
        busy = self.rate >= settings.SLOW_MODE_START_RATE
        return (
            (busy and self.rate >= settings.SLOW_MODE_START_RATIO * self.normal)
            or self.reports >= settings.SLOW_MODE_REPORT_RATE
            or (
                self.rate >= settings.SLOW_MODE_START_RATE / 2
                and self.scored_share >= settings.SLOW_MODE_SCORED_SHARE
            )
        )

    def __str__(self):
        return (
            f"{self.rate:.1f} comments/min (normal {self.normal:.1f}), "
            f"{self.reports:.1f} reports/min, {self.scored_share:.0%} held by scoring"
        )


def _counts(name, thread_id, minutes):
    now = _minute()
    keys = [f"{name}:{thread_id}:{m}" for m in range(now - minutes + 1, now + 1)]
    found = cache.get_many(keys)
    return [found.get(key, 0) for key in keys]


def heat(thread_id):
    """Return the thread's Heat, read from the shared cache (three reads)."""
    window = settings.SLOW_MODE_WINDOW_MINUTES
    comments = _counts("heat", thread_id, window + BASELINE_MINUTES)
    recent = sum(comments[-window:])
    reports = sum(_counts("reports", thread_id, window))
    scored = sum(_counts("scored", thread_id, window))
    return Heat(
        rate=recent / window,
        normal=sum(comments[:-window]) / BASELINE_MINUTES,
        reports=reports / window,
        scored_share=scored / recent if recent else 0.0,
    )


def _count(name, thread_id):
    key = f"{name}:{thread_id}:{_minute()}"
    cache.add(key, 0, timeout=KEEP_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=KEEP_SECONDS)


def current(thread_id):
    """Return the thread's SlowMode while it lasts, else None (logging an end once)."""
    state = cache.get(_state_key(thread_id))
    if state is None:
        return None
    mode = SlowMode(**state)
    if clock() < mode.until:
        return mode
    if cache.delete(_state_key(thread_id)):  # one server logs the end, whichever sees it first
        _log(
            thread_id,
            ModerationAction.Action.THREAD_SLOW_MODE_END,
            f"ended by itself: {heat(thread_id)}",
            at=mode.until,
        )
    return None


def wait_seconds(thread_id, member_id):
    """Return how many seconds `member_id` must still wait to post in the thread (0: none)."""
    mode = current(thread_id)
    if mode is None:
        return 0
    last = cache.get(f"slow:{thread_id}:member:{member_id}")
    if last is None:
        return 0
    return max(0, int(last + mode.interval - clock() + 0.999))


def posted(thread_id, member_id, *, held_by_score=False):
    """Count a new comment in the thread's heat; start or extend slow mode when it is hot."""
    _count("heat", thread_id)
    if held_by_score:
        _count("scored", thread_id)
    cache.set(f"slow:{thread_id}:member:{member_id}", clock(), timeout=KEEP_SECONDS)
    _follow_heat(thread_id)


def reported(thread_id):
    """Count a member's report of a comment in the thread's heat."""
    _count("reports", thread_id)
    _follow_heat(thread_id)


def _follow_heat(thread_id):
    found = heat(thread_id)
    if not found.hot:
        return
    now = clock()
    mode = current(thread_id)
    until = now + settings.SLOW_MODE_MINUTES * 60
    if mode is not None:
        if not mode.manual and until > mode.until:  # still hot: it lasts a while longer
            cache.set(_state_key(thread_id), asdict(mode) | {"until": until}, timeout=None)
        return
    interval = settings.SLOW_MODE_INTERVAL_SECONDS
    mode = SlowMode(now, until, interval, rate=found.rate, normal=found.normal)
    if cache.add(_state_key(thread_id), asdict(mode), timeout=None):  # one server starts it
        _log(
            thread_id,
            ModerationAction.Action.THREAD_SLOW_MODE_START,
            f"started by itself: {found} over {settings.SLOW_MODE_WINDOW_MINUTES} min; "
            f"one comment every {interval} s per member",
        )


def start(thread_id, *, minutes, actor):
    """Start slow mode on the thread by hand for `minutes`; return it."""
    now = clock()
    mode = SlowMode(now, now + minutes * 60, settings.SLOW_MODE_INTERVAL_SECONDS, manual=True)
    cache.set(_state_key(thread_id), asdict(mode), timeout=None)
    _log(
        thread_id,
        ModerationAction.Action.THREAD_SLOW_MODE_START,
        f"started by hand for {minutes} min; one comment every {mode.interval} s per member",
        actor=actor,
    )
    return mode


def end(thread_id, *, actor):
    """End the thread's slow mode by hand; return whether it was on."""
    if current(thread_id) is None or not cache.delete(_state_key(thread_id)):
        return False
    reason = f"ended by hand: {heat(thread_id)}"
    _log(thread_id, ModerationAction.Action.THREAD_SLOW_MODE_END, reason, actor=actor)
    return True


def _log(thread_id, action, reason, *, actor=None, at=None):
    moment = timezone.now() if at is None else datetime.fromtimestamp(at, tz=UTC)
    ModerationAction.objects.create(
        actor=actor, action=action, thread_id=thread_id, reason=reason[:200], created_at=moment
    )
