"""Reply and follow e-mails: at most one e-mail per member per thread per window.

A new comment creates Notification rows; a delivery task for each recipient and thread
sends every unsent row in one e-mail, unless that member got an e-mail for the thread less
than NOTIFICATION_DIGEST_WINDOW ago: then the rows wait, and a delivery scheduled for the
end of the window (or the next one that finds the window over) gathers them.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forum.models import Comment, Follow, Notification, Thread

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "forum.unsubscribe"
UNSUBSCRIBE_KINDS = {"replies", "follows", "thread"}


def unsubscribe_token(*, member, kind, thread=None):
    """Return a signed token that lets the holder of an e-mail turn one kind of e-mail off."""
    return signing.dumps(
        {"u": member.pk, "k": kind, "t": thread.pk if thread else None},
        salt=UNSUBSCRIBE_SALT,
        compress=True,
    )


def read_unsubscribe_token(token):
    """Return (member, kind, thread) from a token, or raise signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("k") not in UNSUBSCRIBE_KINDS:
        raise signing.BadSignature("unknown kind")
    member = get_user_model().objects.filter(pk=data.get("u")).first()
    if member is None:
        raise signing.BadSignature("no such member")
    thread = Thread.objects.filter(pk=data.get("t")).first() if data.get("t") else None
    return member, data["k"], thread


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


def _last_sent(recipient_id, thread_id):
    return Notification.objects.filter(
        recipient_id=recipient_id, thread_id=thread_id, sent_at__isnull=False
    ).aggregate(last=Max("sent_at"))["last"]


def schedule_delivery(*, recipient_id, thread_id):
    """Enqueue a delivery now, or at the end of the member's current quiet window."""
    from forum.tasks import deliver_notifications

    last = _last_sent(recipient_id, thread_id)
    window = settings.NOTIFICATION_DIGEST_WINDOW
    if last is None or timezone.now() - last >= window:
        deliver_notifications.enqueue(recipient_id, thread_id)
    elif deliver_notifications.get_backend().supports_defer:
        deliver_notifications.using(run_after=last + window).enqueue(recipient_id, thread_id)
    # Without deferral the rows simply wait for the next delivery after the window.


def deliver(*, recipient_id, thread_id):
    """Send the unsent notifications of one member for one thread in one e-mail; return how many."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(recipient_id=recipient_id, thread_id=thread_id, sent_at__isnull=True)
            .select_related("comment__author", "recipient", "thread")
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        last = _last_sent(recipient_id, thread_id)
        if last is not None and timezone.now() - last < settings.NOTIFICATION_DIGEST_WINDOW:
            return 0  # a delivery at the end of the window gathers these
        member = pending[0].recipient
        wanted = [
            n
            for n in pending
            if n.comment.is_published
            and (
                (n.kind == Notification.Kind.REPLY and member.notify_replies)
                or (n.kind == Notification.Kind.FOLLOW and member.notify_follows)
            )
        ]
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=now)
        if not wanted or not member.is_active or not member.email:
            return 0
        _send(member, pending[0].thread, wanted)
        return len(wanted)


def _send(member, thread, notifications):
    site = settings.SITE_URL
    replies = [n for n in notifications if n.kind == Notification.Kind.REPLY]
    kind = "replies" if replies else "follows"
    unsubscribe_url = site + reverse(
        "forum:unsubscribe", args=[unsubscribe_token(member=member, kind=kind)]
    )
    unfollow_url = site + reverse(
        "forum:unsubscribe", args=[unsubscribe_token(member=member, kind="thread", thread=thread)]
    )
    context = {
        "member": member,
        "thread": thread,
        "thread_url": site + thread.url + "#discussion",
        "items": [
            {
                "notification": n,
                "author": n.comment.author_name,
                "url": site + n.comment.get_absolute_url(),
                "excerpt": n.comment.body[:280],
            }
            for n in notifications
        ],
        "replies": replies,
        "unsubscribe_url": unsubscribe_url,
        "unfollow_url": unfollow_url,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site,
        "preferences_url": site + "/accounts/settings/",
    }
    count = len(notifications)
    if replies:
        subject = f"New repl{'y' if count == 1 else 'ies'} in “{thread.title}”"
    else:
        subject = f"{count} new comment{'s' if count != 1 else ''} in “{thread.title}”"
    message = EmailMultiAlternatives(
        subject=settings.EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string("forum/email/notification.txt", context),
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("forum/email/notification.html", context), "text/html"
    )
    message.send()
    logger.info("Sent %s notification(s) to member %s for thread %s", count, member.pk, thread.pk)
