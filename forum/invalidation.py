"""Keep the anonymous page cache honest: every change readers could see refreshes its pages.

Model signals catch every save, whichever service, command or admin page made it; bulk
`update()`s do not send them, so the recount helpers in forum.models invalidate too.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from forum import pagecache
from forum.models import Comment, Thread

# A member's public look on their comments; a login (last_login) changes none of it.
PUBLIC_MEMBER_FIELDS = {"username", "display_name", "is_active", "banned_at", "groups"}


def _comment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.invalidate(paths=[instance.thread.url])


def _thread_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.invalidate(paths=[instance.url])


def _member_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not PUBLIC_MEMBER_FIELDS & set(update_fields)):
        return
    pagecache.invalidate(site=True)


def connect():
    """Invalidate cached pages when comments, threads or members' public names change."""
    for signal in (post_save, post_delete):
        signal.connect(_comment_changed, sender=Comment, dispatch_uid=f"pc-comment-{signal}")
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"pc-thread-{signal}")
    post_save.connect(_member_changed, sender=get_user_model(), dispatch_uid="pc-member")
