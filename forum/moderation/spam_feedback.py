"""Tell Akismet when a moderator decides otherwise than it did, in a background task.

Akismet learns from its mistakes: a comment it let through that a moderator rejects as
spam is sent to submit-spam, and a comment it called spam that a moderator publishes
(approves, restores, or publishes by dismissing its reports) to submit-ham, with the same
fields as its check. A comment it judged rightly is not sent again. Only when Akismet is
configured, and only for comments it answered about. The desk never waits for it: the
lifecycle's event, heard once the decision has committed, enqueues a task.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from forum.comments import external
from forum.comments.events import Change, comment_changed
from forum.comments.reasons import RejectionReason
from forum.comments.transitions import comment_forget_poster
from forum.models import Comment
from forum.platform.retry import retry_on_transient_error

logger = logging.getLogger(__name__)

PUBLISHING = frozenset({Change.APPROVED, Change.RESTORED, Change.REPORTS_DISMISSED})
# Akismet away, slow or skipped by its breaker: tried again later (forum/platform/retry.py).
PASSING = frozenset({external.TIMEOUT, external.UNAVAILABLE, external.SKIPPED})


class AkismetAway(ConnectionError):
    """Akismet could not be told now; a later attempt may."""


def verdict_of(change, comment, before):
    """Return what Akismet should be told of this decision (SPAM, HAM) or None."""
    answer = (comment.remote_scores or {}).get(external.AKISMET, {})
    if "spam" not in answer:
        return None  # never checked, or no answer: nothing to correct
    if (
        change == Change.REJECTED
        and comment.rejection_reason == RejectionReason.SPAM
        and not answer["spam"]
    ):
        return external.SPAM
    published = comment.status == Comment.Status.PUBLISHED
    if change in PUBLISHING and published and before != published and answer["spam"]:
        return external.HAM
    return None


@task()
def tell_akismet(comment_id, verdict, attempt=1):
    """Tell Akismet that a comment a moderator decided on is spam or not (`verdict`)."""
    return retry_on_transient_error(tell_akismet, _tell, comment_id, verdict, attempt=attempt)


def _tell(comment_id, verdict):
    comment = Comment.objects.select_related("author").filter(pk=comment_id).first()
    if verdict == external.SPAM:
        still = comment is not None and comment.rejection_reason == RejectionReason.SPAM
    else:
        still = comment is not None and comment.status == Comment.Status.PUBLISHED
    if not still or external.AKISMET not in external.configured():
        return "not sent"  # decided otherwise since, or Akismet switched off
    try:
        external.akismet_feedback(
            verdict,
            author_name=comment.author.username if comment.author else "",
            body=comment.body,
            answer=comment.remote_scores[external.AKISMET],
        )
    except external.ScorerFailed as error:
        if error.failure in PASSING:
            raise AkismetAway(str(error)) from error
        logger.warning("Akismet was not told comment %s is %s: %s", comment_id, verdict, error)
        return f"not sent: {error.failure}"
    return "sent"


@task()
def forget_poster(comment_id):
    """Forget the poster's address and browser kept with a comment's Akismet answer."""
    return "forgotten" if comment_forget_poster(comment_id=comment_id) else "nothing kept"


def _forget_later(event):
    """Plan, for each comment just checked by Akismet, when its poster's client is forgotten."""
    later = timezone.now() + timedelta(days=settings.AKISMET_CLIENT_KEEP_DAYS)
    for comment in event.comments:
        if "client" in (comment.remote_scores or {}).get(external.AKISMET, {}):
            forget_poster.using(run_after=later).enqueue(comment.pk)


def _on_comment_changed(sender, event, **kwargs):
    if event.change in (Change.POSTED, Change.EDITED):
        _forget_later(event)
    if event.change not in PUBLISHING | {Change.REJECTED}:
        return
    if external.AKISMET not in external.configured():
        return
    for comment, before in event.pairs():
        if verdict := verdict_of(event.change, comment, before):
            tell_akismet.enqueue(comment.pk, verdict)


def connect():
    """Tell Akismet of moderators' decisions that correct it."""
    comment_changed.connect(_on_comment_changed, dispatch_uid="akismet-feedback")
