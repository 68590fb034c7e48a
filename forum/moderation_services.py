"""Writes of the moderation desk and members' reports.

Every function is keyword-only and atomic. A moderator's write locks the row it changes
(`select_for_update`), checks that the state it expects is still there, applies the
change, keeps `Thread.comment_count` (published comments) exact, and appends exactly one
`ModerationAction` to the audit log. When the state changed meanwhile (another moderator
was quicker) it raises `ModerationConflict` with a message saying who did what and when,
and changes nothing, so no action is ever applied twice.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from forum import moderation, ratelimit
from forum.models import Comment, ModerationAction, ModeratorNote, Report, Thread, WordRule

REPORTS_PER_HOUR = 30


class ModerationError(Exception):
    """A moderation write that cannot be done; the message says why."""


class ModerationConflict(ModerationError):
    """The object changed since the moderator looked at it; nothing was changed."""


class AlreadyReported(ModerationError):
    pass


class Action:
    """Names of audit-log entries, with the words the log shows for them."""

    COMMENT_APPROVE = "comment_approve"
    COMMENT_REJECT = "comment_reject"
    COMMENT_RESTORE = "comment_restore"
    COMMENT_FEATURE = "comment_feature"
    COMMENT_UNFEATURE = "comment_unfeature"
    REPORTS_DISMISS = "reports_dismiss"
    COMMENT_HIDE_REPORTED = "comment_hide_reported"
    THREAD_CLOSE = "thread_close"
    THREAD_REOPEN = "thread_reopen"
    THREAD_SET_CLOSING_TIME = "thread_set_closing_time"
    THREAD_PREMODERATE_ON = "thread_premoderate_on"
    THREAD_PREMODERATE_OFF = "thread_premoderate_off"
    MEMBER_SUSPEND = "member_suspend"
    MEMBER_LIFT_SUSPENSION = "member_lift_suspension"
    MEMBER_BAN = "member_ban"
    MEMBER_LIFT_BAN = "member_lift_ban"
    MEMBER_PREMODERATE_ON = "member_premoderate_on"
    MEMBER_PREMODERATE_OFF = "member_premoderate_off"
    NOTE_ADD = "note_add"
    WORD_ADD = "word_add"
    WORD_REMOVE = "word_remove"

    LABELS = {
        COMMENT_APPROVE: "Approved comment",
        COMMENT_REJECT: "Rejected comment",
        COMMENT_RESTORE: "Restored comment",
        COMMENT_FEATURE: "Featured comment",
        COMMENT_UNFEATURE: "Unfeatured comment",
        REPORTS_DISMISS: "Dismissed reports",
        COMMENT_HIDE_REPORTED: "Hid reported comment (automatic)",
        THREAD_CLOSE: "Closed thread",
        THREAD_REOPEN: "Reopened thread",
        THREAD_SET_CLOSING_TIME: "Set closing time",
        THREAD_PREMODERATE_ON: "Pre-moderated thread",
        THREAD_PREMODERATE_OFF: "Stopped pre-moderating thread",
        MEMBER_SUSPEND: "Suspended member",
        MEMBER_LIFT_SUSPENSION: "Lifted suspension",
        MEMBER_BAN: "Banned member",
        MEMBER_LIFT_BAN: "Lifted ban",
        MEMBER_PREMODERATE_ON: "Always pre-moderate member",
        MEMBER_PREMODERATE_OFF: "Stopped pre-moderating member",
        NOTE_ADD: "Added note",
        WORD_ADD: "Added word",
        WORD_REMOVE: "Removed word",
    }


def action_label(action):
    return Action.LABELS.get(action, action.replace("_", " ").capitalize())


# Helpers ----------------------------------------------------------------------------------


def _require_moderator(user):
    if not moderation.is_moderator(user):
        raise PermissionDenied("Only moderators can do this.")


def _when(moment):
    return date_format(timezone.localtime(moment), "j M Y, H:i") if moment else "an unknown time"


def _by(user):
    return user.username if user is not None else "the system"


def _log(*, actor, action, comment=None, member=None, thread=None, reason="", note=""):
    return ModerationAction.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        comment=comment,
        member=member,
        thread=thread,
        reason=(reason or "")[:200],
        note=note or "",
    )


def _lock_comment(comment):
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("moderated_by", "author", "thread")
        .get(pk=comment.pk if isinstance(comment, Comment) else comment)
    )


def _comment_state_message(comment):
    """Describe the comment's current state for a conflict message."""
    status = comment.status
    if status == Comment.Status.REMOVED:
        return "This comment was removed by its author; nothing was changed."
    if status == Comment.Status.REJECTED:
        return (
            f"This comment was already rejected by {_by(comment.moderated_by)} "
            f"at {_when(comment.moderated_at)}; nothing was changed."
        )
    if status == Comment.Status.PUBLISHED:
        if comment.moderated_at:
            return (
                f"This comment was already approved by {_by(comment.moderated_by)} "
                f"at {_when(comment.moderated_at)}; nothing was changed."
            )
        return "This comment is already published; nothing was changed."
    return "This comment is awaiting moderation; nothing was changed."


def _adjust_count(thread_id, delta):
    Thread.objects.filter(pk=thread_id).update(comment_count=F("comment_count") + delta)


def _resolve_open_reports(comment, moderator, now):
    return Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator
    )


def _announce(comment):
    """Tell followers and the parent's author about a comment that just became visible."""
    from forum import services  # the discussion's writes; imported late to avoid a cycle

    services.comment_published(comment=comment)


# Comments ---------------------------------------------------------------------------------


@transaction.atomic
def comment_approve(*, comment, moderator, note=""):
    """Publish a held comment (and settle any reports that held it); return it."""
    _require_moderator(moderator)
    comment = _lock_comment(comment)
    if comment.status != Comment.Status.PENDING:
        raise ModerationConflict(_comment_state_message(comment))
    now = timezone.now()
    reason = comment.hold_reason
    comment.status = Comment.Status.PUBLISHED
    comment.moderated_at, comment.moderated_by = now, moderator
    comment.open_report_count = 0
    comment.save(update_fields=["status", "moderated_at", "moderated_by", "open_report_count"])
    _resolve_open_reports(comment, moderator, now)
    _adjust_count(comment.thread_id, +1)
    _log(
        actor=moderator,
        action=Action.COMMENT_APPROVE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=reason,
        note=note,
    )
    _announce(comment)
    return comment


@transaction.atomic
def comment_reject(*, comment, moderator, reason, note=""):
    """Hide a comment from readers with a reason, and tell its author by e-mail; return it."""
    _require_moderator(moderator)
    if reason not in moderation.RejectionReason.values:
        raise ModerationError("Choose a reason for rejecting this comment.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ModerationError("Keep the note to 500 characters or fewer.")
    comment = _lock_comment(comment)
    if comment.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        raise ModerationConflict(_comment_state_message(comment))
    now = timezone.now()
    was_published = comment.is_published
    comment.status = Comment.Status.REJECTED
    comment.rejection_reason, comment.rejection_note = reason, note
    comment.moderated_at, comment.moderated_by = now, moderator
    comment.is_featured, comment.featured_at = False, None
    comment.open_report_count = 0
    comment.save(
        update_fields=[
            "status",
            "rejection_reason",
            "rejection_note",
            "moderated_at",
            "moderated_by",
            "is_featured",
            "featured_at",
            "open_report_count",
        ]
    )
    _resolve_open_reports(comment, moderator, now)
    if was_published:
        _adjust_count(comment.thread_id, -1)
    _log(
        actor=moderator,
        action=Action.COMMENT_REJECT,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=moderation.rejection_reason_label(reason),
        note=note,
    )
    if comment.author_id:
        from forum.tasks_moderation import send_rejection_email

        comment_id = comment.pk
        transaction.on_commit(lambda: send_rejection_email.enqueue(comment_id))
    return comment


@transaction.atomic
def comment_restore(*, comment, moderator, note=""):
    """Publish a rejected comment again; return it."""
    _require_moderator(moderator)
    comment = _lock_comment(comment)
    if comment.status != Comment.Status.REJECTED:
        if comment.status == Comment.Status.PUBLISHED and comment.moderated_at:
            raise ModerationConflict(
                f"This comment was already restored or approved by {_by(comment.moderated_by)} "
                f"at {_when(comment.moderated_at)}; nothing was changed."
            )
        raise ModerationConflict(_comment_state_message(comment))
    comment.status = Comment.Status.PUBLISHED
    comment.moderated_at, comment.moderated_by = timezone.now(), moderator
    comment.rejection_reason, comment.rejection_note = "", ""
    comment.save(
        update_fields=[
            "status",
            "moderated_at",
            "moderated_by",
            "rejection_reason",
            "rejection_note",
        ]
    )
    _adjust_count(comment.thread_id, +1)
    _log(
        actor=moderator,
        action=Action.COMMENT_RESTORE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        note=note,
    )
    return comment


@transaction.atomic
def comment_feature(*, comment, moderator):
    """Show a published comment in the article's "Featured" strip; return it."""
    _require_moderator(moderator)
    comment = _lock_comment(comment)
    if not comment.is_published:
        raise ModerationConflict("Only published comments can be featured; nothing was changed.")
    if comment.is_featured:
        raise ModerationConflict(
            f"This comment was already featured at {_when(comment.featured_at)}; "
            "nothing was changed."
        )
    comment.is_featured, comment.featured_at = True, timezone.now()
    comment.save(update_fields=["is_featured", "featured_at"])
    _log(
        actor=moderator,
        action=Action.COMMENT_FEATURE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
    )
    return comment


@transaction.atomic
def comment_unfeature(*, comment, moderator):
    """Take a comment out of the "Featured" strip; return it."""
    _require_moderator(moderator)
    comment = _lock_comment(comment)
    if not comment.is_featured:
        raise ModerationConflict("This comment isn’t featured any more; nothing was changed.")
    comment.is_featured, comment.featured_at = False, None
    comment.save(update_fields=["is_featured", "featured_at"])
    _log(
        actor=moderator,
        action=Action.COMMENT_UNFEATURE,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
    )
    return comment


@transaction.atomic
def reports_dismiss(*, comment, moderator, note=""):
    """Settle a comment's open reports as unfounded; a comment they hid is published again."""
    _require_moderator(moderator)
    comment = _lock_comment(comment)
    now = timezone.now()
    resolved = _resolve_open_reports(comment, moderator, now)
    if not resolved:
        last = (
            Report.objects.filter(comment=comment, resolved_at__isnull=False)
            .select_related("resolved_by")
            .order_by("-resolved_at")
            .first()
        )
        if last is not None:
            raise ModerationConflict(
                f"The reports on this comment were already settled by {_by(last.resolved_by)} "
                f"at {_when(last.resolved_at)}; nothing was changed."
            )
        raise ModerationConflict("This comment has no open reports; nothing was changed.")
    fields = ["open_report_count"]
    comment.open_report_count = 0
    hidden_by_reports = comment.status == Comment.Status.PENDING and comment.hold_reason.startswith(
        "reported"
    )
    if hidden_by_reports:
        comment.status = Comment.Status.PUBLISHED
        comment.moderated_at, comment.moderated_by = now, moderator
        fields += ["status", "moderated_at", "moderated_by"]
        _adjust_count(comment.thread_id, +1)
    comment.save(update_fields=fields)
    _log(
        actor=moderator,
        action=Action.REPORTS_DISMISS,
        comment=comment,
        member=comment.author,
        thread=comment.thread,
        reason=f"{resolved} report{'s' if resolved != 1 else ''}",
        note=note,
    )
    return comment


def comments_bulk(*, action, comment_ids, moderator, reason="", note=""):
    """Approve or reject several comments, each on its own; return (done, conflicts).

    `conflicts` lists (comment_id, message) for the comments that changed meanwhile.
    """
    _require_moderator(moderator)
    if action not in ("approve", "reject"):
        raise ModerationError("Choose approve or reject.")
    if action == "reject" and reason not in moderation.RejectionReason.values:
        raise ModerationError("Choose a reason for rejecting these comments.")
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
            conflicts.append((comment_id, "This comment no longer exists."))
        except ModerationConflict as error:
            conflicts.append((comment_id, str(error)))
    return done, conflicts


# Reports ----------------------------------------------------------------------------------


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
    comment = _lock_comment(comment)
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
    threshold = moderation.reports_to_hide()
    if comment.is_published and open_reports >= threshold:
        comment.status = Comment.Status.PENDING
        comment.hold_reason = _reported(open_reports)
        fields += ["status", "hold_reason"]
        _adjust_count(comment.thread_id, -1)
        _log(
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


# Threads ----------------------------------------------------------------------------------


def _lock_thread(thread):
    return Thread.objects.select_for_update().get(
        pk=thread.pk if isinstance(thread, Thread) else thread
    )


@transaction.atomic
def thread_close(*, thread, moderator, reason=""):
    """Stop new comments on a thread now; return it."""
    _require_moderator(moderator)
    thread = _lock_thread(thread)
    if thread.state == Thread.State.CLOSED:
        raise ModerationConflict("This discussion is already closed; nothing was changed.")
    thread.state = Thread.State.CLOSED
    thread.save(update_fields=["state"])
    _log(actor=moderator, action=Action.THREAD_CLOSE, thread=thread, reason=reason)
    return thread


@transaction.atomic
def thread_reopen(*, thread, moderator, reason=""):
    """Accept new comments on a thread again (clearing a closing time already past); return it."""
    _require_moderator(moderator)
    thread = _lock_thread(thread)
    if thread.is_open:
        raise ModerationConflict("This discussion is already open; nothing was changed.")
    thread.state = Thread.State.OPEN
    if thread.closes_at is not None and thread.closes_at <= timezone.now():
        thread.closes_at = None
    thread.save(update_fields=["state", "closes_at"])
    _log(actor=moderator, action=Action.THREAD_REOPEN, thread=thread, reason=reason)
    return thread


@transaction.atomic
def thread_set_closing_time(*, thread, moderator, closes_at):
    """Close a thread automatically at `closes_at` (a future time), or never (None); return it."""
    _require_moderator(moderator)
    if closes_at is not None and closes_at <= timezone.now():
        raise ModerationError("Choose a closing time in the future, or close the discussion now.")
    thread = _lock_thread(thread)
    if thread.closes_at == closes_at:
        raise ModerationConflict(
            "The discussion already has this closing time; nothing was changed."
        )
    thread.closes_at = closes_at
    thread.save(update_fields=["closes_at"])
    _log(
        actor=moderator,
        action=Action.THREAD_SET_CLOSING_TIME,
        thread=thread,
        reason=f"closes {_when(closes_at)} UTC" if closes_at else "no closing time",
    )
    return thread


@transaction.atomic
def thread_set_premoderation(*, thread, moderator, premoderate):
    """Hold every new comment on a thread for review, or stop doing so; return it."""
    _require_moderator(moderator)
    thread = _lock_thread(thread)
    if thread.premoderate == bool(premoderate):
        state = "already pre-moderated" if premoderate else "not pre-moderated"
        raise ModerationConflict(f"This discussion is {state}; nothing was changed.")
    thread.premoderate = bool(premoderate)
    thread.save(update_fields=["premoderate"])
    _log(
        actor=moderator,
        action=Action.THREAD_PREMODERATE_ON if premoderate else Action.THREAD_PREMODERATE_OFF,
        thread=thread,
    )
    return thread


# Members ----------------------------------------------------------------------------------


def _lock_member(member):
    User = get_user_model()
    return User.objects.select_for_update().get(pk=member.pk)


def _check_target(member, moderator):
    if member.pk == moderator.pk:
        raise ModerationError("You can’t apply this to your own account.")
    if moderation.is_moderator(member):
        raise ModerationError(
            "Moderators and staff can’t be suspended or banned from the desk; "
            "revoke their role first."
        )


@transaction.atomic
def member_suspend(*, member, moderator, until, reason):
    """Stop a member posting, voting and reporting until `until`; return the member."""
    _require_moderator(moderator)
    reason = (reason or "").strip()
    if until is None or until <= timezone.now():
        raise ModerationError("Choose an end date and time in the future.")
    if not reason:
        raise ModerationError("Give a reason: the member is told why they are suspended.")
    member = _lock_member(member)
    _check_target(member, moderator)
    if member.is_banned:
        raise ModerationConflict(f"{member.username} is banned; nothing was changed.")
    if member.is_suspended and member.suspended_until == until:
        raise ModerationConflict(
            f"{member.username} is already suspended until {_when(until)}; nothing was changed."
        )
    member.suspended_until, member.suspension_reason = until, reason[:500]
    member.save(update_fields=["suspended_until", "suspension_reason"])
    _log(
        actor=moderator,
        action=Action.MEMBER_SUSPEND,
        member=member,
        reason=reason,
        note=f"until {_when(until)} UTC",
    )
    return member


@transaction.atomic
def member_lift_suspension(*, member, moderator):
    """End a member's suspension now; return the member."""
    _require_moderator(moderator)
    member = _lock_member(member)
    if not member.is_suspended:
        raise ModerationConflict(f"{member.username} isn’t suspended; nothing was changed.")
    member.suspended_until, member.suspension_reason = None, ""
    member.save(update_fields=["suspended_until", "suspension_reason"])
    _log(actor=moderator, action=Action.MEMBER_LIFT_SUSPENSION, member=member)
    return member


@transaction.atomic
def member_ban(*, member, moderator, reason):
    """Ban a member for good: reject their held comments and end all their sessions."""
    _require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError("Give a reason for the ban; it is kept in the log.")
    member = _lock_member(member)
    _check_target(member, moderator)
    if member.is_banned:
        raise ModerationConflict(
            f"{member.username} was already banned at {_when(member.banned_at)}; "
            "nothing was changed."
        )
    now = timezone.now()
    member.banned_at, member.ban_reason = now, reason[:500]
    # Setting banned_at changes the session hash: every session of the member ends.
    member.save(update_fields=["banned_at", "ban_reason"])
    rejected = Comment.objects.filter(author=member, status=Comment.Status.PENDING).update(
        status=Comment.Status.REJECTED,
        rejection_reason="member_banned",
        moderated_at=now,
        moderated_by=moderator,
    )
    _log(
        actor=moderator,
        action=Action.MEMBER_BAN,
        member=member,
        reason=reason,
        note=f"{rejected} held comment{'s' if rejected != 1 else ''} rejected" if rejected else "",
    )
    return member


@transaction.atomic
def member_lift_ban(*, member, moderator):
    """Let a banned member take part again (their rejected comments stay rejected)."""
    _require_moderator(moderator)
    member = _lock_member(member)
    if not member.is_banned:
        raise ModerationConflict(f"{member.username} isn’t banned; nothing was changed.")
    member.banned_at, member.ban_reason = None, ""
    member.save(update_fields=["banned_at", "ban_reason"])
    _log(actor=moderator, action=Action.MEMBER_LIFT_BAN, member=member)
    return member


@transaction.atomic
def member_set_premoderation(*, member, moderator, premoderate=True):
    """Hold every comment of a member for review, or stop doing so; return the member."""
    _require_moderator(moderator)
    member = _lock_member(member)
    if member.always_premoderate == bool(premoderate):
        state = "already always pre-moderated" if premoderate else "not pre-moderated"
        raise ModerationConflict(f"{member.username} is {state}; nothing was changed.")
    member.always_premoderate = bool(premoderate)
    member.save(update_fields=["always_premoderate"])
    _log(
        actor=moderator,
        action=Action.MEMBER_PREMODERATE_ON if premoderate else Action.MEMBER_PREMODERATE_OFF,
        member=member,
    )
    return member


def member_lift_premoderation(*, member, moderator):
    """Stop holding every comment of a member; return the member."""
    return member_set_premoderation(member=member, moderator=moderator, premoderate=False)


@transaction.atomic
def note_add(*, member, moderator, text):
    """Keep a private moderators' note about a member; return it."""
    _require_moderator(moderator)
    text = (text or "").strip()
    if not text:
        raise ModerationError("The note is empty. Write something, then save it.")
    if len(text) > 2000:
        raise ModerationError("Keep the note to 2,000 characters or fewer.")
    note = ModeratorNote.objects.create(member=member, author=moderator, text=text)
    _log(actor=moderator, action=Action.NOTE_ADD, member=member, note=text)
    return note


# Word lists -------------------------------------------------------------------------------


def clean_phrase(phrase):
    """Return the phrase as stored (trimmed, spaces collapsed); raise ModerationError if bad."""
    phrase = " ".join((phrase or "").split())
    if not phrase:
        raise ModerationError("Enter a word or phrase.")
    if len(phrase) > 100:
        raise ModerationError("Keep the phrase to 100 characters or fewer.")
    return phrase


@transaction.atomic
def word_rule_add(*, phrase, kind, moderator):
    """Add a banned or suspect phrase to the word lists; return the rule."""
    _require_moderator(moderator)
    phrase = clean_phrase(phrase)
    if kind not in WordRule.Kind.values:
        raise ModerationError("Choose banned or suspect.")
    wanted = moderation.normalize_text(phrase)
    for existing in WordRule.objects.select_for_update().only("phrase", "kind"):
        if moderation.normalize_text(existing.phrase) == wanted:
            raise ModerationError(
                f"“{existing.phrase}” is already on the {existing.kind} list; nothing was changed."
            )
    try:
        with transaction.atomic():
            rule = WordRule.objects.create(phrase=phrase, kind=kind, created_by=moderator)
    except IntegrityError:
        raise ModerationError(f"“{phrase}” is already on a list; nothing was changed.") from None
    _log(actor=moderator, action=Action.WORD_ADD, reason=f"{kind}: {phrase}")
    return rule


@transaction.atomic
def word_rule_remove(*, rule, moderator):
    """Take a phrase off the word lists."""
    _require_moderator(moderator)
    pk = rule.pk if isinstance(rule, WordRule) else rule
    rule = WordRule.objects.select_for_update().filter(pk=pk).first()
    if rule is None:
        raise ModerationConflict("That phrase was already removed; nothing was changed.")
    _log(actor=moderator, action=Action.WORD_REMOVE, reason=f"{rule.kind}: {rule.phrase}")
    rule.delete()
