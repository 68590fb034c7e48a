"""Turn the forum's events into Delivery rows, written in the transaction of the change.

Comments: the lifecycle's `comment_changing`, sent inside the write's transaction (the
outbox: a rolled-back write leaves no row, a committed one always has its rows). The DSA's
notices and appeals and a thread's closing are heard from their own rows' saves, also
inside their transactions, so neither the lifecycle nor the desk imports anything of this
(nor of forum.notices). A thread "heating up" is slow mode starting (by itself, from the
thread's heat, or by a moderator's hand: forum/comments/slowmode.py logs each start), and
`thread_heating_up()` lets other code say so too.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks_db.backend import DatabaseBackend

from forum.comments.events import Change, comment_changing
from forum.models import Appeal, Comment, ModerationAction, Notice
from forum.models.webhooks import Delivery, Endpoint, Event
from forum.webhooks import payloads
from forum.webhooks.sending import deliver

PUBLISHED = Comment.Status.PUBLISHED
PENDING = Comment.Status.PENDING
# A comment taken away from readers, by its author, with their account or by a moderator.
REMOVALS = {Change.REMOVED_BY_AUTHOR, Change.ERASED, Change.REJECTED, Change.RESTRICTED}


def record(event_type, data, *, active=None):
    """Write one Delivery per active endpoint subscribed to `event_type`; return them.

    Call inside the transaction of the change. `data` (or `data()`, built only when some
    endpoint listens) is the payload's data; `active` the active endpoints, if read already.
    Each delivery is handed to the task worker with the transaction (the database task
    queue commits with the row) or right after the commit.
    """
    if active is None:
        endpoints = Endpoint.objects.listening_to(event_type)
    else:
        endpoints = [e for e in active if event_type in e.events]
    if not endpoints:
        return []
    payload = payloads.envelope(event_type, data() if callable(data) else data)
    deliveries = Delivery.objects.bulk_create(
        [Delivery(endpoint=e, event_type=event_type, payload=payload) for e in endpoints]
    )
    for delivery in deliveries:
        _hand_over(delivery.pk)
    return deliveries


def _hand_over(delivery_id):
    if isinstance(deliver.get_backend(), DatabaseBackend):
        deliver.enqueue(delivery_id)  # its row commits with the delivery's, or neither does
    else:
        # Another backend may run it at once: not before the delivery's row is committed.
        transaction.on_commit(lambda: deliver.enqueue(delivery_id), robust=True)


def comment_events(change, comment, before):
    """Return the event types a comment's change is told as (often none)."""
    status, found = comment.status, []
    if change == Change.POSTED:
        found.append(Event.COMMENT_PUBLISHED if status == PUBLISHED else Event.COMMENT_HELD)
    elif change == Change.EDITED:
        found.append(Event.COMMENT_EDITED)
        if before == PUBLISHED and status == PENDING:
            found.append(Event.COMMENT_HELD)
    elif change in (Change.APPROVED, Change.RESTORED) and status == PUBLISHED:
        found.append(Event.COMMENT_PUBLISHED)
    elif change in REMOVALS and before != status:
        found.append(Event.COMMENT_REMOVED)
    elif change == Change.REPORTED:
        found.append(Event.REPORT_RECEIVED)
        if before == PUBLISHED and status == PENDING:  # hidden: enough members reported it
            found += [Event.REPORTS_PAST_THRESHOLD, Event.COMMENT_HELD]
    return [e for e in found if e != Event.COMMENT_HELD or status == PENDING]


def _on_comment_changing(sender, event, **kwargs):
    if event.change in (Change.VOTED, Change.FEATURED, Change.UNFEATURED, Change.IMPORTED):
        return  # told as nothing: no query on the busiest writes
    active = list(Endpoint.objects.filter(is_active=True))  # one query for a bulk change
    if not active:
        return
    for comment, before in event.pairs():
        for event_type in comment_events(event.change, comment, before):
            record(
                event_type,
                lambda c=comment, b=before: payloads.comment_data(
                    c, change=event.change, before=b, actor=event.actor
                ),
                active=active,
            )


def _on_notice_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Event.NOTICE_RECEIVED, lambda: payloads.notice_data(instance))


def _on_appeal_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # appeal_decide() saves the outcome with update_fields naming decided_at, once.
    if raw or instance.decided_at is None or not update_fields or "decided_at" not in update_fields:
        return
    record(Event.APPEAL_DECIDED, lambda: payloads.appeal_data(instance))


def _on_action_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.action == ModerationAction.Action.THREAD_SLOW_MODE_START:
        # Logged with its figures (rates, thresholds) when slow mode starts, by itself or not.
        record(
            Event.THREAD_HEATING_UP,
            lambda: payloads.thread_data(
                instance.thread,
                actor=instance.actor.username if instance.actor else None,
                slow_mode=instance.reason,
            ),
        )
    # A moderator's closing is logged in its transaction; a closing time passing is not an event.
    if instance.action == ModerationAction.Action.THREAD_CLOSE:
        record(
            Event.THREAD_CLOSED,
            lambda: payloads.thread_data(
                instance.thread,
                actor=instance.actor.username if instance.actor else None,
                reason=instance.reason,
            ),
        )


def thread_heating_up(thread, *, comments_last_hour):
    """Tell the endpoints subscribed to "thread.heating_up" that `thread` is getting busy.

    Slow mode's start sends it by itself (`_on_action_logged`); this is for other code that
    decides a thread is heating up. It writes the deliveries in the caller's transaction, or
    in its own.
    """
    with transaction.atomic():
        return record(
            Event.THREAD_HEATING_UP,
            lambda: payloads.thread_data(thread, comments_last_hour=comments_last_hour),
        )


def connect():
    """Write deliveries for comments' changes, notices, appeals' outcomes and closings."""
    comment_changing.connect(_on_comment_changing, dispatch_uid="webhooks-comment-changing")
    post_save.connect(_on_notice_saved, sender=Notice, dispatch_uid="webhooks-notice")
    post_save.connect(_on_appeal_saved, sender=Appeal, dispatch_uid="webhooks-appeal")
    post_save.connect(_on_action_logged, sender=ModerationAction, dispatch_uid="webhooks-close")
