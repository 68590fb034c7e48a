"""Background work of moderation, run by the django.tasks worker (manage.py db_worker)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.languages import member_language
from forum.comments import reasons
from forum.comments.events import Change, comment_changed
from forum.models import Comment, Decision
from forum.platform.retry import retry_on_transient_error


def rejection_email(comment):
    """Return the e-mail telling a comment's author that moderators rejected it, or None."""
    author = comment.author
    if author is None or not author.email or not author.is_active:
        return None
    # Written in the author's language, whoever's request or worker sends it.
    with translation.override(member_language(author) or settings.LANGUAGE_CODE):
        return _rejection_email(comment, author)


def _rejection_email(comment, author):
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "member": author,
        "comment": comment,
        "thread": comment.thread,
        "excerpt": Truncator(comment.body).chars(400),
        "reason": reasons.rejection_reason_label(comment.rejection_reason),
        "note": comment.rejection_note,
        "thread_url": settings.SITE_URL + comment.thread.url,
        "guidelines_url": settings.SITE_URL + reverse("articles:guidelines"),
    }
    message = EmailMultiAlternatives(
        subject=settings.EMAIL_SUBJECT_PREFIX
        + _("Your comment on “%(title)s” was removed") % {"title": comment.thread.title},
        body=render_to_string("forum/moderation/email/rejected.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[author.email],
    )
    message.attach_alternative(
        render_to_string("forum/moderation/email/rejected.html", context), "text/html"
    )
    return message


@task()
def send_rejection_email(comment_id, attempt=1):
    """Tell the author of a rejected comment why, with a link to the community guidelines."""
    return retry_on_transient_error(
        send_rejection_email, _send_rejection_email, comment_id, attempt=attempt
    )


def _send_rejection_email(comment_id):
    # The row lock and rejection_emailed_at make a retried or duplicated task send once per
    # rejection (a comment rejected again after a restore has a newer moderated_at).
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("author", "thread")
            .filter(pk=comment_id)
            .first()
        )
        if comment is None or comment.status != Comment.Status.REJECTED:
            return 0  # restored (or gone) before the e-mail went out
        told_before = comment.rejection_emailed_at
        if told_before is not None and (
            comment.moderated_at is None or told_before >= comment.moderated_at
        ):
            return 0  # this rejection was already told
        if Decision.objects.filter(comment=comment, created_at__gte=comment.moderated_at).exists():
            return 0  # told by its statement of reasons (forum/notices/), which says more
        message = rejection_email(comment)
        if message is None:
            return 0
        told_at = timezone.now()
        Comment.objects.filter(pk=comment_id).update(rejection_emailed_at=told_at)
    # Marked and committed before sending, as the reply e-mails (discussion/delivery.py): a
    # lost commit can then never send the e-mail twice, and a failed send gives the mark back
    # for the retry. Should that give-back be lost too, the e-mail is lost, never doubled.
    try:
        return message.send()
    except Exception:
        Comment.objects.filter(pk=comment_id, rejection_emailed_at=told_at).update(
            rejection_emailed_at=told_before
        )
        raise


def _on_comment_changed(sender, event, **kwargs):
    # A moderator's rejection, with the reason they chose, is told to its author; the
    # system's (a banned word, a ban) is not: the author saw the first, the second ended it.
    if event.change != Change.REJECTED:
        return
    for comment in event.comments:
        if comment.author_id and comment.rejection_reason in reasons.RejectionReason.values:
            send_rejection_email.enqueue(comment.pk)


def connect():
    """Tell the author of each comment a moderator rejects why, by e-mail."""
    comment_changed.connect(_on_comment_changed, dispatch_uid="tell-author-of-rejection")
