"""Why a comment is held, in words: the one table, keyed by the stored code.

The desk's short labels are the choices of `Comment.HoldReason`; what the author is told
when their comment is held is here.
"""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from forum.models import Comment

HoldReason = Comment.HoldReason

# Finishes "held for review because …", said to the comment's author.
WHY_HELD = {
    HoldReason.THREAD_PREMODERATED: "a moderator reads every comment in this discussion first",
    HoldReason.MEMBER_PREMODERATED: "a moderator reads your comments first",
    HoldReason.NEW_MEMBER: "a moderator reads the first comments of new members",
    HoldReason.LINK_FROM_NEW_MEMBER: "a moderator checks links from new members",
    HoldReason.SUSPECT_WORD: "it uses a word a moderator checks first",
    HoldReason.REPORTS: "members reported it and a moderator reviews it",
    HoldReason.IMPORTED: "it was awaiting a moderator on the site it came from",
    HoldReason.RESTRICTED: "a moderator restricted its visibility (see the statement of reasons)",
}
SOME_CHECK = "a moderator checks it first"


def why_held(comment):
    """Return why `comment` is held, in words for its author."""
    return WHY_HELD.get(comment.hold_reason, SOME_CHECK)


def hold_label(comment):
    """Return why `comment` is held, in the desk's and the audit log's words."""
    label = comment.get_hold_reason_display()
    if comment.hold_reason == HoldReason.REPORTS:
        count = comment.open_report_count
        label = f"Reported {count} time{'s' if count != 1 else ''}"
    elif comment.hold_detail:
        label = f"{label}: {comment.hold_detail}"
    if comment.held_on_edit:
        label = f"{label} (after an edit)"
    return label


class RejectionReason(models.TextChoices):
    """Why a moderator rejected a comment; the author is told this reason."""

    SPAM = "spam", "Spam"
    HARASSMENT = "harassment", "Harassment or hate"
    OFF_TOPIC = "off_topic", "Off-topic"
    MISINFORMATION = "misinformation", "Misinformation"
    PERSONAL_INFORMATION = "personal_information", "Personal information"
    OTHER = "other", "Other"


# Reasons recorded by the system rather than chosen by a moderator.
AUTOMATIC_REJECTION_REASONS = {
    "banned_word": "Banned word (automatic)",
    "member_banned": "Author banned",
}


# Reasons of a decision with a statement of reasons (forum/notices/): the statement tells the
# author, so the rejection e-mail is not sent for them.
STATED_REJECTION_REASONS = {
    "illegal": "Illegal content (statement of reasons)",
    "guidelines": "Against the community guidelines (statement of reasons)",
}

# The held comments a machine picked out, not a person: a decision on one used automated
# means in detecting it (Art. 17(3)(c)). A scoring phase adds its hold reason here.
AUTOMATED_HOLD_REASONS = frozenset(
    {HoldReason.SUSPECT_WORD, HoldReason.LINK_FROM_NEW_MEMBER, HoldReason.BANNED_WORD}
)


def rejection_reason_label(value):
    """Return the words shown for a stored rejection reason."""
    labels = dict(RejectionReason.choices) | AUTOMATIC_REJECTION_REASONS | STATED_REJECTION_REASONS
    return labels.get(value, value or "No reason given")


def posted_message(comment):
    """Return what happened to a new comment, in words for its author."""
    kind = "reply" if comment.parent_id else "comment"
    if comment.status == Comment.Status.PENDING:
        return (
            f"Thanks! Your {kind} is held for review because "
            f"{why_held(comment)}; only you can see it until a "
            "moderator approves it."
        )
    return f"Your {kind} is published."


# Who did what and when, in the words of a conflict ("already approved by ann at …").
def when(moment):
    return date_format(timezone.localtime(moment), "j M Y, H:i") if moment else "an unknown time"


def by(user):
    return user.username if user is not None else "the system"


def reported_message(report):
    """Return what the member is told once their report is recorded, as its comment now stands."""
    if report.comment.is_published:
        return "Reported. Thank you."
    return "Reported. Thank you. The comment is hidden while moderators review it."
