"""Keep the anonymous page cache honest: every change readers could see refreshes its pages.

A comment's changes all go through its lifecycle, whose one event (sent on commit) refreshes
the pages of the threads it touched. Threads and members' public names are saved by
moderators, the articles app and allauth alike: model signals catch those.

Votes are the exception: on a busy thread they come many a second, and refreshing its pages
at each would render them again at each (a vote bought a render). A vote's new score reaches
the live stream at once (forum/live/events.py); it bumps only its thread's scores token,
which cached pages tolerate until they are VOTE_PAGE_LAG_SECONDS old
(forum/platform/pagetokens.py): a page then shows every vote, rendered at most once per lag,
whichever app server serves it. Nothing waits in a process's memory for a refresh.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from forum.comments.events import Change, comment_changed
from forum.models import Thread
from forum.platform import pagecache

# A member's public look on their comments; a login (last_login) changes none of it.
PUBLIC_MEMBER_FIELDS = {"username", "display_name", "is_active", "banned_at", "groups"}


def _comments_changed(sender, event, **kwargs):
    urls = list(Thread.objects.filter(pk__in=event.thread_ids).values_list("url", flat=True))
    if event.change == Change.VOTED:
        pagecache.scores_changed(paths=urls)
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
