"""A comment's life as members and the system change it: post, edit, remove, report, erase.

One function per transition, each atomic and keyword-only, taking the actor: it checks
what the actor may do (raising a typed refusal from forum.errors, writing nothing), sets
what changes on locked rows and hands them to the lifecycle (forum.comments.lifecycle),
which saves, recounts, logs and announces them. Moderators' decisions are in
forum.comments.decisions; comments from another system (imports, claiming) in
forum.comments.archives.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum import refusals
from forum.comments import lifecycle, phases, slowmode, trust
from forum.comments.events import Change
from forum.comments.reasons import hold_label
from forum.errors import (
    AlreadyReported,
    CommentRefused,
    DiscussionError,
    KeyReused,
    ModerationError,
    NotAllowed,
    NotParticipating,
    RateLimited,
)
from forum.markdown import (
    EMPTY,
    MAX_COMMENT_LENGTH,
    NOTHING_TO_READ,
    TOO_LONG,
    comment_text,
)
from forum.models import (
    Comment,
    CommentRevision,
    Follow,
    ModerationAction,
    Report,
    Thread,
)
from forum.platform import ratelimit
from forum.refusals import Code, Refusal

# The holds of the scoring phases, counted in a thread's heat (forum/comments/slowmode.py).
SCORED = frozenset({Comment.HoldReason.LIKELY_ABUSIVE, Comment.HoldReason.LIKELY_THREAT})


def clean_body(body):
    """Return the text and its HTML; raise DiscussionError when it is empty or too long."""
    body, body_html, problem = comment_text(body)
    if problem:
        raise text_refusal(body, problem)
    return body, body_html


def text_refusal(body, problem):
    """Return the DiscussionError saying why `body` cannot be posted (forum.markdown's
    comment_text found the `problem`)."""
    if problem == TOO_LONG:
        return DiscussionError(Code.COMMENT_TOO_LONG, length=len(body), limit=MAX_COMMENT_LENGTH)
    codes = {EMPTY: Code.EMPTY_COMMENT, NOTHING_TO_READ: Code.NOTHING_TO_READ}
    return DiscussionError(codes[problem])


def check_participation(member):
    """Raise NotParticipating, saying why, unless `member` may take part now."""
    if refusal := refusals.participation(member):
        raise NotParticipating.of(refusal)


def check_comment_rate(member):
    """Count a comment against the member's limits; raise RateLimited when one is reached."""
    if not ratelimit.hit(
        "comment-minute", member.pk, limit=settings.COMMENT_RATE_PER_MINUTE, window_seconds=60
    ):
        raise RateLimited(Code.POSTING_TOO_FAST, limit=settings.COMMENT_RATE_PER_MINUTE)
    if not ratelimit.hit(
        "comment-day", member.pk, limit=settings.COMMENT_RATE_PER_DAY, window_seconds=86400
    ):
        raise RateLimited(Code.DAILY_LIMIT, limit=settings.COMMENT_RATE_PER_DAY)


def comment_create(*, author, thread, body, parent=None, idempotency_key=None):
    """Post a comment or a reply; return it (published, or held for moderation).

    Raises DiscussionError (or RateLimited) with a message for the author, writing nothing.
    A comment refused by the banned-word list is kept, rejected, for the moderators, and
    CommentRefused is raised so the author keeps the text and sees why. A form sent again
    with the same `idempotency_key` (a double click, a retry after a timeout) returns the
    comment the first one created, and counts against no limit; the same key with another
    text raises KeyReused, so a new comment is never mistaken for a retry of the last one.
    """
    # Before the transaction: no row stays locked while a remote scorer is waited for.
    remote = phases.ask_external_scorers(author=author, body=body)
    comment = _comment_insert(
        author=author,
        thread=thread,
        body=body,
        parent=parent,
        idempotency_key=idempotency_key,
        remote=remote,
    )
    if comment.status == Comment.Status.REJECTED:
        raise CommentRefused.of(comment.refusal)
    return comment


def _first_text(comment):
    """Return the text `comment` was posted with, before any edit."""
    first = comment.revisions.order_by("replaced_at").values_list("body", flat=True).first()
    return comment.body if first is None else first


def _already_posted(author, idempotency_key, body):
    """Return the comment `author` posted with this form's key and text, or None."""
    if not idempotency_key:
        return None
    comment = Comment.objects.filter(author=author, idempotency_key=idempotency_key).first()
    if comment is not None and _first_text(comment) != body:
        raise KeyReused(Code.KEY_REUSED)
    if comment is not None:
        # Refused comments store no key: a rejected one here was taken down by a moderator.
        rejected = comment.status == Comment.Status.REJECTED
        comment.refusal = Refusal(Code.TAKEN_DOWN_SINCE_POSTED) if rejected else None
    return comment


def _locked_parent(parent, thread):
    """Return the locked comment a reply answers; refuse one that can't be answered here."""
    parent = Comment.objects.select_for_update().get(pk=parent.pk)
    if parent.thread_id != thread.pk:
        raise DiscussionError(Code.OTHER_THREAD)
    if not parent.is_published:
        raise DiscussionError(Code.PARENT_UNAVAILABLE)
    return parent


@transaction.atomic
def _comment_insert(*, author, thread, body, parent, idempotency_key, remote):
    check_participation(author)
    body, body_html = clean_body(body)
    # The thread's row lock queues a second submit behind the first, which it then sees.
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if posted := _already_posted(author, idempotency_key, body):
        return posted
    if not thread.is_open:
        raise DiscussionError(Code.THREAD_CLOSED)
    if parent is not None:
        parent = _locked_parent(parent, thread)
    check_comment_rate(author)
    verdict = phases.review_new_comment(author=author, thread=thread, body=body, remote=remote)
    if verdict.status == "wait":  # slow mode: nothing is stored, the member keeps the text
        raise RateLimited.of(verdict.refusal)
    refused = verdict.status == "refused"
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                thread=thread,
                author=author,
                parent=parent,
                root=(parent.root or parent) if parent else None,
                depth=(parent.depth + 1) if parent else 0,
                body=body,
                body_html=body_html,
                status=Comment.Status.REJECTED if refused else verdict.status,
                hold_reason=verdict.hold_reason,
                hold_detail=verdict.hold_detail,
                toxicity_score=verdict.toxicity_score,
                toxicity_threshold=verdict.toxicity_threshold,
                remote_scores=verdict.remote_scores,
                rejection_reason=verdict.rejection_reason,
                moderated_at=timezone.now() if refused else None,
                # A refused text keeps no key: sent again, it is reviewed (and refused) again.
                idempotency_key=None if refused else (idempotency_key or None),
            )
    except IntegrityError:
        # Another submit of the same form got in first; the constraint has the last word.
        if posted := _already_posted(author, idempotency_key, body):
            return posted
        raise
    comment.refusal = verdict.refusal
    if refused:
        return comment
    Follow.objects.get_or_create(member=author, thread=thread)
    slowmode.posted(thread.pk, author.pk, held_by_score=verdict.hold_reason in SCORED)
    return lifecycle.change(comment, Change.POSTED, actor=author, before="")


def comment_edit(*, comment, editor, body):
    """Replace a comment's text, keeping the previous text for moderators."""
    # Before the transaction, as for a new comment (only an author's changed text is sent).
    remote = {}
    if comment.author_id == editor.pk and body != comment.body:
        remote = phases.ask_external_scorers(author=editor, body=body)
    return _comment_update(comment=comment, editor=editor, body=body, remote=remote)


@transaction.atomic
def _comment_update(*, comment, editor, body, remote):
    check_participation(editor)
    comment = lifecycle.lock(comment, "thread")
    if comment.author_id != editor.pk:
        raise NotAllowed(Code.NOT_AUTHOR_EDIT)
    if comment.hidden_by_reports:
        raise DiscussionError(Code.UNDER_REVIEW)
    if not ratelimit.hit(
        "comment-edit", editor.pk, limit=settings.EDIT_RATE_PER_MINUTE, window_seconds=60
    ):
        raise RateLimited(Code.EDITING_TOO_FAST)
    if not comment.editable_by(editor):
        minutes = int(settings.COMMENT_EDIT_WINDOW.total_seconds() // 60)
        raise DiscussionError(Code.EDIT_WINDOW_CLOSED, minutes=minutes)
    body, body_html = clean_body(body)
    if body == comment.body:
        return comment
    before = comment.status
    verdict = phases.review_new_comment(
        author=editor, thread=comment.thread, body=body, new=False, remote=remote
    )
    if verdict.status == "refused":
        raise CommentRefused.of(verdict.refusal)
    CommentRevision.objects.create(
        comment=comment, body=comment.body, created_at=comment.edited_at or comment.created_at
    )
    comment.body = body
    comment.body_html = body_html
    comment.edited_at = timezone.now()
    comment.toxicity_score = verdict.toxicity_score
    comment.toxicity_threshold = verdict.toxicity_threshold
    comment.remote_scores = verdict.remote_scores
    fields = ["body", "body_html", "edited_at", "toxicity_score", "toxicity_threshold"]
    fields += ["remote_scores"]
    # Whatever would hold a new comment (links, suspect words, pre-moderation) holds an edit.
    if comment.is_published and verdict.status == Comment.Status.PENDING:
        comment.status = Comment.Status.PENDING
        comment.hold_reason, comment.hold_detail = verdict.hold_reason, verdict.hold_detail
        comment.held_on_edit = True
        fields += ["status", "hold_reason", "hold_detail", "held_on_edit"]
    return lifecycle.change(comment, Change.EDITED, actor=editor, before=before, fields=fields)


# What taking a comment away from readers clears, whoever takes it.
TAKEN_AWAY = {"hidden_by_reports": False, "is_featured": False, "featured_at": None}


@transaction.atomic
def comment_remove(*, comment, member):
    """Remove a member's own comment; replies keep their place under a placeholder."""
    comment = lifecycle.lock(comment)
    if not member.is_authenticated or comment.author_id != member.pk:
        raise NotAllowed(Code.NOT_AUTHOR_REMOVE)
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        # A moderator's rejection stays on the record; the author cannot turn it into a removal.
        raise DiscussionError(Code.COMMENT_TAKEN_DOWN)
    before = comment.status
    fields = {"status": Comment.Status.REMOVED, **TAKEN_AWAY}
    for name, value in fields.items():
        setattr(comment, name, value)
    return lifecycle.change(
        comment, Change.REMOVED_BY_AUTHOR, actor=member, before=before, fields=fields
    )


def comment_report(*, comment, reporter, reason, note=""):
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
    comment = lifecycle.lock(comment)
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
    comment_count_reports(comment=comment, reporter=reporter)
    slowmode.reported(comment.thread_id)
    return report


@transaction.atomic
def comment_count_reports(*, comment, reporter):
    """Count the open reports of the locked `comment`; hide it once enough members reported it.

    Called in the transaction that recorded `reporter`'s report. Return the comment.
    """
    reporters = set(
        Report.objects.filter(comment=comment, resolved_at__isnull=True).values_list(
            "reporter", flat=True
        )
    )  # None: a member who has since deleted their account (counts once)
    comment.open_report_count = min(len(reporters), 32767)
    fields = ["open_report_count"]
    before = comment.status
    audit = None
    # A trusted member's report counts double towards hiding (forum/comments/trust.py).
    weight = trust.report_weight(reporters - {None}) + (None in reporters)
    if comment.is_published and weight >= settings.REPORTS_TO_HIDE:
        comment.status = Comment.Status.PENDING
        comment.hidden_by_reports = True
        comment.hold_reason, comment.hold_detail = Comment.HoldReason.REPORTS, ""
        comment.held_on_edit = False
        fields += ["status", "hidden_by_reports", "hold_reason", "hold_detail", "held_on_edit"]
        # Hidden by the members' reports: the system's decision, logged as such.
        audit = lifecycle.Audit(
            ModerationAction.Action.COMMENT_HIDE_REPORTED, reason=hold_label(comment)
        )
    return lifecycle.change(
        comment, Change.REPORTED, actor=reporter, before=before, fields=fields, audit=audit
    )


@transaction.atomic
def comments_forget_poster(*, member):
    """Forget the address and browser kept for Akismet with `member`'s comments; count them.

    Kept only so a moderator's correction reaches Akismet with the check's fields
    (forum/comments/external.py); an account being deleted takes them along. Not a change
    of the comments: no event, no audit entry.
    """
    return _forget_poster(Comment.objects.filter(author=member))


@transaction.atomic
def comment_forget_poster(*, comment_id):
    """Forget the address and browser kept for Akismet with one comment, its time being up
    (AKISMET_CLIENT_KEEP_DAYS); return whether there were any. No event, no audit entry."""
    return _forget_poster(Comment.objects.filter(pk=comment_id)) > 0


def _forget_poster(comments):
    comments = list(
        comments.filter(remote_scores__has_key="akismet")
        .select_for_update()
        .only("pk", "remote_scores")
    )
    forgotten = [c for c in comments if c.remote_scores["akismet"].pop("client", None)]
    Comment.objects.bulk_update(forgotten, ["remote_scores"])
    return len(forgotten)


@transaction.atomic
def comments_erase_with_account(*, member):
    """Remove every comment of `member`, whose account is being deleted, for good.

    Rejected ones too, so a moderator has nothing left to restore. One event for all.
    """
    return lifecycle.change_many(
        Comment.objects.filter(author=member),
        Change.ERASED,
        actor=None,
        values={"status": Comment.Status.REMOVED, **TAKEN_AWAY},
    )
