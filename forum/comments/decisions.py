"""A comment's life as moderators decide it: approve, reject, restore, feature, dismiss reports.

One function per decision, each atomic and keyword-only, taking the moderator (and, to
reject, a typed RejectionReason): it locks the comment, checks that the state the
moderator saw is still there (else ModerationConflict, saying who did what and when, and
nothing changes, so no decision is applied twice), and hands the change with its audit
entry to the lifecycle (forum.comments.lifecycle).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from forum.comments import lifecycle
from forum.comments.events import Change
from forum.comments.reasons import (
    STATED_REJECTION_REASONS,
    RejectionReason,
    by,
    hold_label,
    rejection_reason_label,
    when,
)
from forum.errors import ModerationConflict, ModerationError
from forum.models import Comment, ModerationAction, Report
from forum.refusals import Code
from forum.roles import require_moderator


def lock_comment(comment):
    """Lock `comment` (a Comment or its pk) for a decision, with what its messages name."""
    return lifecycle.lock(comment, "moderated_by", "author", "thread")


def state_conflict(comment):
    """Return the ModerationConflict that says what state the comment is in now."""
    status = comment.status
    if status == Comment.Status.REMOVED:
        return ModerationConflict(Code.COMMENT_REMOVED_BY_AUTHOR)
    decided = {"by": by(comment.moderated_by), "at": when(comment.moderated_at)}
    if status == Comment.Status.REJECTED:
        return ModerationConflict(Code.ALREADY_REJECTED, **decided)
    if status == Comment.Status.PUBLISHED:
        if comment.moderated_at:
            return ModerationConflict(Code.ALREADY_APPROVED, **decided)
        return ModerationConflict(Code.ALREADY_PUBLISHED)
    return ModerationConflict(Code.AWAITING_MODERATION)


def resolve_open_reports(comment, moderator, now):
    return Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator
    )


def _settle(comment, what, moderator, fields, *, action, reason="", note=""):
    """Set `fields` on the locked comment and hand the change, logged, to the lifecycle."""
    before = comment.status
    for name, value in fields.items():
        setattr(comment, name, value)
    audit = lifecycle.Audit(action, moderator, reason, note)
    return lifecycle.change(
        comment, what, actor=moderator, before=before, fields=fields, audit=audit
    )


def _decide(comment, moderator, status, *, what, action, reason="", note="", **fields):
    """Settle a held or reported comment: close its reports, set `status` and `fields`, log."""
    now = timezone.now()
    resolve_open_reports(comment, moderator, now)
    fields = {
        "status": status,
        "hidden_by_reports": False,
        "moderated_at": now,
        "moderated_by": moderator,
        "open_report_count": 0,
        **fields,
    }
    return _settle(comment, what, moderator, fields, action=action, reason=reason, note=note)


@transaction.atomic
def comment_approve(*, comment, moderator, note=""):
    """Publish a held comment (and settle any reports that held it); return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if comment.status != Comment.Status.PENDING:
        raise state_conflict(comment)
    return _decide(
        comment,
        moderator,
        Comment.Status.PUBLISHED,
        what=Change.APPROVED,
        action=ModerationAction.Action.COMMENT_APPROVE,
        reason=hold_label(comment),
        note=note,
    )


@transaction.atomic
def comment_reject(*, comment, moderator, reason, note=""):
    """Hide a comment from readers with a reason, and tell its author by e-mail; return it."""
    require_moderator(moderator)
    if reason not in RejectionReason.values and reason not in STATED_REJECTION_REASONS:
        raise ModerationError(Code.REJECTION_WITHOUT_REASON)
    note = (note or "").strip()
    if len(note) > 500:
        raise ModerationError(Code.NOTE_TOO_LONG, limit=500)
    comment = lock_comment(comment)
    if comment.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        raise state_conflict(comment)
    _decide(
        comment,
        moderator,
        Comment.Status.REJECTED,
        what=Change.REJECTED,
        action=ModerationAction.Action.COMMENT_REJECT,
        reason=rejection_reason_label(reason),
        note=note,
        rejection_reason=reason,
        rejection_note=note,
        is_featured=False,
        featured_at=None,
    )
    return comment


@transaction.atomic
def comment_restore(*, comment, moderator, note=""):
    """Publish a rejected comment again; return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if comment.status != Comment.Status.REJECTED:
        if comment.status == Comment.Status.PUBLISHED and comment.moderated_at:
            raise ModerationConflict(
                Code.ALREADY_RESTORED, by=by(comment.moderated_by), at=when(comment.moderated_at)
            )
        raise state_conflict(comment)
    fields = {
        "status": Comment.Status.PUBLISHED,
        "moderated_at": timezone.now(),
        "moderated_by": moderator,
        "rejection_reason": "",
        "rejection_note": "",
    }
    return _settle(
        comment,
        Change.RESTORED,
        moderator,
        fields,
        action=ModerationAction.Action.COMMENT_RESTORE,
        note=note,
    )


@transaction.atomic
def comment_restrict(*, comment, moderator, note=""):
    """Hide a published or held comment from readers, its author still seeing it; return it.

    The restriction of visibility of a decision with a statement of reasons (forum/notices/).
    """
    require_moderator(moderator)
    comment = lock_comment(comment)
    if comment.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        raise state_conflict(comment)
    if comment.hold_reason == Comment.HoldReason.RESTRICTED and not comment.is_published:
        raise ModerationConflict(Code.ALREADY_RESTRICTED)
    return _decide(
        comment,
        moderator,
        Comment.Status.PENDING,
        what=Change.RESTRICTED,
        action=ModerationAction.Action.COMMENT_RESTRICT,
        note=note,
        hold_reason=Comment.HoldReason.RESTRICTED,
        hold_detail="",
        held_on_edit=False,
        is_featured=False,
        featured_at=None,
    )


def _set_featured(comment, moderator, featured):
    """Put a comment in the article's "Featured" strip or take it out; return it."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    if featured and not comment.is_published:
        raise ModerationConflict(Code.ONLY_PUBLISHED_FEATURED)
    if comment.is_featured and featured:
        raise ModerationConflict(Code.ALREADY_FEATURED, at=when(comment.featured_at))
    if not comment.is_featured and not featured:
        raise ModerationConflict(Code.NOT_FEATURED)
    actions = ModerationAction.Action
    return _settle(
        comment,
        Change.FEATURED if featured else Change.UNFEATURED,
        moderator,
        {"is_featured": featured, "featured_at": timezone.now() if featured else None},
        action=actions.COMMENT_FEATURE if featured else actions.COMMENT_UNFEATURE,
    )


@transaction.atomic
def comment_feature(*, comment, moderator):
    """Show a published comment in the article's "Featured" strip; return it."""
    return _set_featured(comment, moderator, True)


@transaction.atomic
def comment_unfeature(*, comment, moderator):
    """Take a comment out of the "Featured" strip; return it."""
    return _set_featured(comment, moderator, False)


@transaction.atomic
def reports_dismiss(*, comment, moderator, note=""):
    """Settle a comment's open reports as unfounded; a comment they hid is published again."""
    require_moderator(moderator)
    comment = lock_comment(comment)
    now = timezone.now()
    resolved = resolve_open_reports(comment, moderator, now)
    if not resolved:
        last = (
            Report.objects.filter(comment=comment, resolved_at__isnull=False)
            .select_related("resolved_by")
            .order_by("-resolved_at")
            .first()
        )
        if last is not None:
            raise ModerationConflict(
                Code.REPORTS_ALREADY_SETTLED, by=by(last.resolved_by), at=when(last.resolved_at)
            )
        raise ModerationConflict(Code.NO_OPEN_REPORTS)
    fields = {"open_report_count": 0}
    if comment.hidden_by_reports:
        fields |= {
            "status": Comment.Status.PUBLISHED,
            "hidden_by_reports": False,
            "moderated_at": now,
            "moderated_by": moderator,
        }
    return _settle(
        comment,
        Change.REPORTS_DISMISSED,
        moderator,
        fields,
        action=ModerationAction.Action.REPORTS_DISMISS,
        reason=f"{resolved} report{'s' if resolved != 1 else ''}",
        note=note,
    )


def comments_bulk(*, action, comment_ids, moderator, reason="", note=""):
    """Approve or reject several comments, each on its own; return (done, conflicts).

    `conflicts` lists (comment_id, message) for the comments that changed meanwhile.
    """
    require_moderator(moderator)
    if action not in ("approve", "reject"):
        raise ModerationError(Code.BULK_ACTION_UNKNOWN)
    if action == "reject" and reason not in RejectionReason.values:
        raise ModerationError(Code.BULK_REJECTION_WITHOUT_REASON)
    done, conflicts = [], []
    for comment_id in dict.fromkeys(int(pk) for pk in comment_ids):
        try:
            if action == "approve":
                done.append(comment_approve(comment=comment_id, moderator=moderator))
            else:
                done.append(
                    comment_reject(
                        comment=comment_id, moderator=moderator, reason=reason, note=note
                    )
                )
        except Comment.DoesNotExist:
            conflicts.append((comment_id, gettext("This comment no longer exists.")))
        except ModerationConflict as error:
            conflicts.append((comment_id, str(error)))
    return done, conflicts
