"""Members' reports of comments, and the hiding of a comment enough members reported."""

from django.conf import settings
from django.db import IntegrityError, transaction

from forum import refusals
from forum.comments import lifecycle
from forum.comments.events import Change
from forum.comments.reasons import hold_label
from forum.errors import NotAllowed
from forum.models import Comment, ModerationAction, Report
from forum.moderation.services.common import (
    AlreadyReported,
    ModerationError,
    lock_comment,
)
from forum.platform import ratelimit
from forum.refusals import Code


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
        raise NotAllowed.of(refusal)
    if reason not in Report.Reason.values:
        raise ModerationError(Code.REPORT_WITHOUT_REASON)
    note = (note or "").strip()
    if reason == Report.Reason.OTHER and not note:
        raise ModerationError(Code.REPORT_OTHER_WITHOUT_NOTE)
    if len(note) > 500:
        raise ModerationError(Code.NOTE_TOO_LONG, limit=500)
    limit = settings.REPORT_RATE_PER_HOUR
    if not ratelimit.hit("report", reporter.pk, limit=limit, window_seconds=3600):
        raise ModerationError(Code.REPORTING_TOO_FAST)
    return _report_insert(comment=comment, reporter=reporter, reason=reason, note=note)


@transaction.atomic
def _report_insert(*, comment, reporter, reason, note):
    comment = lock_comment(comment)
    if comment.author_id == reporter.pk:
        raise NotAllowed(Code.OWN_COMMENT_REPORT)
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        raise ModerationError(Code.NOTHING_TO_REPORT)
    try:
        with transaction.atomic():  # a savepoint: a duplicate leaves the transaction usable
            report = Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, note=note
            )
    except IntegrityError:
        raise AlreadyReported(Code.ALREADY_REPORTED) from None
    open_reports = (
        Report.objects.filter(comment=comment, resolved_at__isnull=True)
        .values("reporter")
        .distinct()
        .count()
    )
    comment.open_report_count = min(open_reports, 32767)
    fields = ["open_report_count"]
    before = comment.status
    audit = None
    if comment.is_published and open_reports >= settings.REPORTS_TO_HIDE:
        comment.status = Comment.Status.PENDING
        comment.hidden_by_reports = True
        comment.hold_reason, comment.hold_detail = Comment.HoldReason.REPORTS, ""
        comment.held_on_edit = False
        fields += ["status", "hidden_by_reports", "hold_reason", "hold_detail", "held_on_edit"]
        # Hidden by the members' reports: the system's decision, logged as such.
        audit = lifecycle.Audit(
            ModerationAction.Action.COMMENT_HIDE_REPORTED, reason=hold_label(comment)
        )
    lifecycle.change(
        comment, Change.REPORTED, actor=reporter, before=before, fields=fields, audit=audit
    )
    return report
