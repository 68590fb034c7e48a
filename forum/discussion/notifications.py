"""Who hears about a new comment: Notification rows, and the deliveries that send them.

Once a new comment is committed, a task (`announce_comment`) creates Notification rows off
the request, so nothing after the commit can turn the stored comment into an error page.
A delivery task for each recipient and thread sends every unsent row in one e-mail
(`forum.discussion.delivery`), unless that member got an e-mail for the thread less than
NOTIFICATION_DIGEST_WINDOW ago: then the rows wait, and a delivery scheduled for the end
of the window (or the next one that finds the window over) gathers them. One delivery
waits per member and thread: a busy thread does not queue one task per comment and reader.
"""

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from forum.comments.events import Change, comment_changing
from forum.discussion.delivery import last_sent
from forum.discussion.tasks import deliver_notifications
from forum.models import Comment, Follow, Notification
from forum.platform.retry import retry_on_transient_error


def notify_new_comment(*, comment_id):
    """Record who should hear about a newly visible comment, and schedule their e-mails."""
    comment = Comment.objects.select_related("parent__author", "thread").get(pk=comment_id)
    if not comment.is_published:
        return
    recipients = {}
    parent_author = comment.parent.author if comment.parent_id else None
    if (
        parent_author is not None
        and parent_author.pk != comment.author_id
        and parent_author.notify_replies
        and parent_author.is_active
    ):
        recipients[parent_author.pk] = Notification.Kind.REPLY
    followers = (
        Follow.objects.filter(
            thread=comment.thread, member__notify_follows=True, member__is_active=True
        )
        .exclude(member_id=comment.author_id)
        .values_list("member_id", flat=True)
    )
    for member_id in followers:
        recipients.setdefault(member_id, Notification.Kind.FOLLOW)
    if not recipients:
        return
    Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, thread=comment.thread, comment=comment, kind=kind)
            for pk, kind in recipients.items()
        ],
        ignore_conflicts=True,
    )
    for recipient_id in recipients:
        schedule_delivery(recipient_id=recipient_id, thread_id=comment.thread_id)


# Defined here rather than in tasks.py: it schedules deliver_notifications from tasks.py.
@task()
def announce_comment(comment_id, attempt=1):
    """Create the notifications for a newly visible comment (the fan-out, off the request)."""
    return retry_on_transient_error(announce_comment, _announce, comment_id, attempt=attempt)


def _announce(comment_id):
    notify_new_comment(comment_id=comment_id)


def _on_comment_changing(sender, event, **kwargs):
    # A comment new to readers: posted and published at once, or approved. (A restored one
    # was announced when it was first published.) Enqueued in the write's transaction: the
    # fan-out commits with the comment, or neither does.
    if event.change not in (Change.POSTED, Change.APPROVED):
        return
    for comment in event.comments:
        if comment.is_published:
            announce_comment.enqueue(comment.pk)


def connect():
    """Tell followers and the parent's author about each comment that becomes visible."""
    comment_changing.connect(_on_comment_changing, dispatch_uid="notify-comment-changed")


def schedule_delivery(*, recipient_id, thread_id):
    """Enqueue a delivery now, or at the end of the member's current quiet window."""
    if delivery_waiting(recipient_id=recipient_id, thread_id=thread_id):
        return  # it gathers this notification too: one waiting delivery per member and thread
    last = last_sent(recipient_id, thread_id)
    window = settings.NOTIFICATION_DIGEST_WINDOW
    if last is None or timezone.now() - last >= window:
        deliver_notifications.enqueue(recipient_id, thread_id)
    elif deliver_notifications.get_backend().supports_defer:
        deliver_notifications.using(run_after=last + window).enqueue(recipient_id, thread_id)
    # Without deferral the rows simply wait for the next delivery after the window.


def delivery_waiting(*, recipient_id, thread_id):
    """Return whether a delivery for this member and thread is queued and not yet started.

    Such a delivery reads the unsent rows when it starts, after this notification was
    committed (the rows are created, in autocommit, before scheduling), so it sends this
    one too. A delivery already RUNNING may have read them before: then another is queued,
    as it is inside a transaction, whose rows a starting delivery could not see yet. Only
    the database backend can be asked; with any other every notification queues its own.
    """
    if transaction.get_connection().in_atomic_block:
        return False
    if not isinstance(deliver_notifications.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=deliver_notifications.module_path,
        args_kwargs__args__0=recipient_id,
        args_kwargs__args__1=thread_id,
    ).exists()
