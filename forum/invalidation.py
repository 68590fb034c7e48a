"""Keep the anonymous page cache honest: every change readers could see refreshes its pages.

A comment's changes all go through its lifecycle, whose one event (sent on commit) refreshes
the pages of the threads it touched. Threads and members' public names are saved by
moderators, the articles app and allauth alike: model signals catch those.

Votes are the exception: on a busy thread they come many a second, and refreshing its pages
at each would render them again at each (a vote bought a render). A vote's new score reaches
the live stream at once (forum/live/events.py); the cached pages follow within
VOTE_PAGE_LAG_SECONDS: the first vote on a thread opens a window and schedules one refresh
at its end, which shows every vote of the window; votes in an open window schedule nothing.
"""

import logging
import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from forum.comments.events import Change, comment_changed
from forum.models import Thread
from forum.platform import pagecache

logger = logging.getLogger(__name__)

# A member's public look on their comments; a login (last_login) changes none of it.
PUBLIC_MEMBER_FIELDS = {"username", "display_name", "is_active", "banned_at", "groups"}


def _start_timer(seconds, function):
    timer = threading.Timer(seconds, function)
    timer.daemon = True  # a worker that stops loses it: its pages then expire on their own
    timer.start()


# How a refresh is run later; tests replace it (tests/conftest.py) to run it when they say.
schedule = _start_timer


def _vote_window_key(url):
    return f"pc:votes:{url}"


def refresh_after_votes(url):
    """Refresh the cached pages of the thread at `url` for the votes of its closing window."""
    try:
        # Closed first: a vote that commits after this opens the next window, so none is missed.
        cache.delete(_vote_window_key(url))
    except Exception:  # an unreachable cache: the window expires by itself
        logger.exception("Could not close the vote window of %s", url)
    pagecache.invalidate(paths=[url])


def _votes_changed(urls):
    lag = settings.VOTE_PAGE_LAG_SECONDS
    for url in urls:
        # The window outlives its refresh, in case the process that would run it stops.
        if cache.add(_vote_window_key(url), 1, timeout=lag * 3):
            schedule(lag, lambda url=url: refresh_after_votes(url))


def _comments_changed(sender, event, **kwargs):
    urls = list(Thread.objects.filter(pk__in=event.thread_ids).values_list("url", flat=True))
    if event.change == Change.VOTED:
        _votes_changed(urls)
    else:
        pagecache.invalidate(paths=urls)


def _thread_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.invalidate(paths=[instance.url])


def _member_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not PUBLIC_MEMBER_FIELDS & set(update_fields)):
        return
    pagecache.invalidate(site=True)


def connect():
    """Invalidate cached pages when comments, threads or members' public names change."""
    comment_changed.connect(_comments_changed, dispatch_uid="pc-comments")
    for signal in (post_save, post_delete):
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"pc-thread-{signal}")
    post_save.connect(_member_changed, sender=get_user_model(), dispatch_uid="pc-member")
