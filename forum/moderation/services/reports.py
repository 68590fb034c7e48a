"""Members' reports of comments, and the hiding of a comment enough members reported."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from forum import ratelimit
from forum.models import Comment, Report
from forum.moderation import rules
from forum.moderation.services.common import (
    Action,
    AlreadyReported,
    ModerationError,
    adjust_count,
    lock_comment,
    log,
)

REPORTS_PER_HOUR = 30


def _reported(count):
    return f"reported {count} time{'s' if count != 1 else ''}"


def can_report(comment, user):
    """Return whether `user` may report `comment` (a participating member, not its author)."""
    return (
        user.is_authenticated
        and user.can_participate
        and comment.author_id != user.pk
        and comment.status == Comment.Status.PUBLISHED
    )


def report_create(*, comment, reporter, reason, note=""):
    """Record a member's report; hide the comment once enough members reported it.

    Raises PermissionDenied for members who may not report (or their own comment),
    AlreadyReported when this member reported it before, ModerationError for bad input.
    """
    if not (reporter.is_authenticated and reporter.can_participate):
        raise PermissionDenied("Your account can’t report comments right now.")
    if reason not in Report.Reason.values:
        raise ModerationError("Choose a reason for your report.")
    note = (note or "").strip()
    if reason == Report.Reason.OTHER and not note:
        raise ModerationError("Tell us briefly what’s wrong when you choose “Other”.")
    if len(note) > 500:
        raise ModerationError("Keep the note to 500 characters or fewer.")
    if not ratelimit.hit("report", reporter.pk, limit=REPORTS_PER_HOUR, window_seconds=3600):
        raise ModerationError(
            "You’ve sent a lot of reports in the last hour. Thank you; please try again later."
        )
    return _report_insert(comment=comment, reporter=reporter, reason=reason, note=note)


@transaction.atomic
def _report_insert(*, comment, reporter, reason, note):
    comment = lock_comment(comment)
    if comment.author_id == reporter.pk:
        raise PermissionDenied("You can’t report your own comment.")
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
    threshold = rules.reports_to_hide()
    if comment.is_published and open_reports >= threshold:
        comment.status = Comment.Status.PENDING
        comment.hold_reason = _reported(open_reports)
        fields += ["status", "hold_reason"]
        adjust_count(comment.thread_id, -1)
        log(
            actor=None,
            action=Action.COMMENT_HIDE_REPORTED,
            comment=comment,
            member=comment.author,
            thread=comment.thread,
            reason=comment.hold_reason,
        )
    elif comment.status == Comment.Status.PENDING and comment.hold_reason.startswith("reported"):
        comment.hold_reason = _reported(open_reports)
        fields.append("hold_reason")
    comment.save(update_fields=fields)
    return report
