"""Sending reply and follow e-mails: one e-mail gathers a member's unsent notifications."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.languages import member_language
from forum.discussion.unsubscribe import unsubscribe_token
from forum.models import Notification

logger = logging.getLogger(__name__)


def last_sent(recipient_id, thread_id):
    return Notification.objects.filter(
        recipient_id=recipient_id, thread_id=thread_id, sent_at__isnull=False
    ).aggregate(last=Max("sent_at"))["last"]


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
        last = last_sent(recipient_id, thread_id)
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
    # Marked sent and committed before sending: a lost commit (database restart) can then
    # never send the same e-mail twice, and a failed send gives its rows back for the retry.
    if not wanted or not member.is_active or not member.email:
        return 0
    try:
        # Written in the member's language, whoever's request or worker sends it.
        with translation.override(member_language(member) or settings.LANGUAGE_CODE):
            _send(member, pending[0].thread, wanted)
    except Exception:
        Notification.objects.filter(pk__in=[n.pk for n in wanted], sent_at=now).update(sent_at=None)
        raise
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
        subject = ngettext("New reply in “%(title)s”", "New replies in “%(title)s”", count) % {
            "title": thread.title
        }
    else:
        subject = ngettext(
            "%(count)s new comment in “%(title)s”", "%(count)s new comments in “%(title)s”", count
        ) % {"count": count, "title": thread.title}
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
