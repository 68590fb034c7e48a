"""Members' reports of comments, and the hiding of a comment enough members reported."""

from django.conf import settings
from django.db import IntegrityError, transaction

from forum import ratelimit, refusals
from forum.comments.events import Change, CommentChanged, announce
from forum.comments.reasons import hold_label
from forum.errors import NotAllowed
from forum.models import Comment, ModerationAction, Report, Thread
from forum.moderation.services.common import (
    AlreadyReported,
    ModerationError,
    lock_comment,
    log_about,
)


def reported_message(report):
    """Return what the member is told once their report is recorded, as its comment now stands."""
    if report.comment.is_published:
        return "Reported. Thank you."
    return "Reported. Thank you. The comment is hidden while moderators review it."


def report_create(*, comment, reporter, reason, note=""):
    """Record a member's report; hide the comment once enough members reported it.

    Returns the report; its `comment` is the comment as the report left it (hidden or not).

    Raises NotAllowed (a PermissionDenied) for members who may not report (or their own
    comment), AlreadyReported when this member reported it before, ModerationError for bad
    input.
    """
    if refusal := refusals.participation(reporter):
        raise NotAllowed(refusal)
    if reason not in Report.Reason.values:
        raise ModerationError(refusals.REPORT_WITHOUT_REASON)
    note = (note or "").strip()
    if reason == Report.Reason.OTHER and not note:
        raise ModerationError(refusals.REPORT_OTHER_WITHOUT_NOTE)
    if len(note) > 500:
        raise ModerationError("Keep the note to 500 characters or fewer.")
    limit = settings.REPORT_RATE_PER_HOUR
    if not ratelimit.hit("report", reporter.pk, limit=limit, window_seconds=3600):
        raise ModerationError(refusals.REPORTING_TOO_FAST)
    return _report_insert(comment=comment, reporter=reporter, reason=reason, note=note)


@transaction.atomic
def _report_insert(*, comment, reporter, reason, note):
    comment = lock_comment(comment)
    if comment.author_id == reporter.pk:
        raise NotAllowed("You can’t report your own comment.")
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        raise ModerationError("This comment is no longer shown, so there is nothing to report.")
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the transaction usable
            report = Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, note=note
            )
    except IntegrityError:
        raise AlreadyReported(
            "You already reported this comment. Thank you: moderators will review it."
        ) from None
    open_reports = (
        Report.objects.filter(comment=comment, resolved_at__isnull=True)
        .values("reporter")
        .distinct()
        .count()
    )
    comment.open_report_count = min(open_reports, 32767)
    fields = ["open_report_count"]
    before = comment.status
    hide = comment.is_published and open_reports >= settings.REPORTS_TO_HIDE
    if hide:
        comment.status = Comment.Status.PENDING
        comment.hidden_by_reports = True
        comment.hold_reason, comment.hold_detail = Comment.HoldReason.REPORTS, ""
        comment.held_on_edit = False
        fields += ["status", "hidden_by_reports", "hold_reason", "hold_detail", "held_on_edit"]
        log_about(
            comment,
            actor=None,
            action=ModerationAction.Action.COMMENT_HIDE_REPORTED,
            reason=hold_label(comment),
        )
    comment.save(update_fields=fields)
    if hide:
        Thread.objects.filter(pk=comment.thread_id).recount_comments()
    announce(CommentChanged.of(Change.REPORTED, comment, before=before, actor=reporter))
    return report
