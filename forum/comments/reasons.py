"""A comment's states in words: the one table of each, keyed by the stored code.

Why it is held (the desk's short labels are the choices of `Comment.HoldReason`; what
the author is told is here), why it was rejected, what its author is told after posting
and a member after reporting. Every phrase is translatable.
"""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forum.comments import external
from forum.models import Comment

HoldReason = Comment.HoldReason

# Finishes "held for review because …", said to the comment's author.
WHY_HELD = {
    HoldReason.THREAD_PREMODERATED: gettext_lazy(
        "a moderator reads every comment in this discussion first"
    ),
    HoldReason.MEMBER_PREMODERATED: gettext_lazy("a moderator reads your comments first"),
    HoldReason.NEW_MEMBER: gettext_lazy("a moderator reads the first comments of new members"),
    HoldReason.LINK_FROM_NEW_MEMBER: gettext_lazy("a moderator checks links from new members"),
    HoldReason.SUSPECT_WORD: gettext_lazy("it uses a word a moderator checks first"),
    HoldReason.SLOW_MODE: gettext_lazy(
        "this discussion is busy, and a moderator reads new members’ comments first"
    ),
    HoldReason.LIKELY_THREAT: gettext_lazy(
        "our automatic check found words that may threaten or demean, and a moderator reads "
        "it first"
    ),
    HoldReason.LIKELY_ABUSIVE: gettext_lazy(
        "our automatic check read it as possibly abusive, and a moderator reads it first"
    ),
    HoldReason.LIKELY_SPAM: gettext_lazy(
        "our automatic check read it as possible spam, and a moderator reads it first"
    ),
    HoldReason.REPORTS: gettext_lazy("members reported it and a moderator reviews it"),
    HoldReason.IMPORTED: gettext_lazy("it was awaiting a moderator on the site it came from"),
    HoldReason.RESTRICTED: gettext_lazy(
        "a moderator restricted its visibility (see the statement of reasons)"
    ),
}
SOME_CHECK = gettext_lazy("a moderator checks it first")


def why_held(comment):
    """Return why `comment` is held, in words for its author."""
    return str(WHY_HELD.get(comment.hold_reason, SOME_CHECK))


def hold_label(comment):
    """Return why `comment` is held, in the desk's and the audit log's words."""
    label = comment.get_hold_reason_display()
    if comment.hold_reason == HoldReason.REPORTS:
        count = comment.open_report_count
        label = ngettext("Reported %(count)s time", "Reported %(count)s times", count) % {
            "count": count
        }
    else:
        # What a pattern named (the score may have held it too), then the score's figures.
        if comment.hold_detail:
            label = _("%(label)s: %(detail)s") % {"label": label, "detail": comment.hold_detail}
        if comment.hold_reason == HoldReason.LIKELY_ABUSIVE and comment.scored_abusive:
            figures = score_figures(comment)
            label = _("%(label)s, %(figures)s") % {"label": label, "figures": figures}
    if comment.held_on_edit:
        label = _("%(label)s (after an edit)") % {"label": label}
    return label


def score_figures(comment):
    """Return the score against its threshold, as the desk shows it ("0.91 ≥ 0.80")."""
    sign = "≥" if comment.scored_abusive else "<"
    return f"{comment.toxicity_score:.2f} {sign} {comment.toxicity_threshold:.2f}"


def score_note(comment):
    """Return the desk's line about the comment's automatic score ("" when none is needed)."""
    if comment.toxicity_score is None or comment.toxicity_threshold is None:
        return ""
    if (
        comment.status == Comment.Status.PENDING
        and comment.hold_reason == HoldReason.LIKELY_ABUSIVE
        and comment.scored_abusive
    ):
        return ""  # the hold label says it already (a pattern's hold shows its phrase instead)
    if comment.scored_abusive:
        return _("likely abusive, %(figures)s") % {"figures": score_figures(comment)}
    return score_figures(comment)


# The external scorers (forum/comments/external.py) by their names, and why one gave no score.
SCORER_NAMES = {external.PERSPECTIVE: "Perspective", external.AKISMET: "Akismet"}
NOT_SCORED_BECAUSE = {
    external.TIMEOUT: gettext_lazy("no answer in time"),
    external.UNAVAILABLE: gettext_lazy("the service failed or could not be reached"),
    external.REFUSED: gettext_lazy("the service refused this text, e.g. for its language"),
    external.BAD_KEY: gettext_lazy("the service refused the site’s API key"),
    external.BAD_ANSWER: gettext_lazy("its answer could not be read"),
    external.SKIPPED: gettext_lazy("skipped for a while after repeated failures"),
}


def remote_notes(comment):
    """Return the desk's lines about what each external scorer said of the comment."""
    notes = []
    for name, answer in sorted((comment.remote_scores or {}).items()):
        scorer = SCORER_NAMES.get(name, name)
        if failure := answer.get("failure"):
            why = NOT_SCORED_BECAUSE.get(failure, failure)
            notes.append(_("Not scored by %(scorer)s (%(why)s)") % {"scorer": scorer, "why": why})
        elif "scores" in answer:
            thresholds = answer.get("thresholds", {})
            figures = ", ".join(
                f"{attribute} {score:.2f} {'≥' if score >= thresholds[attribute] else '<'} "
                f"{thresholds[attribute]:.2f}"
                for attribute, score in sorted(answer["scores"].items())
                if attribute in thresholds
            )
            notes.append(_("%(scorer)s: %(figures)s") % {"scorer": scorer, "figures": figures})
        elif answer.get("discard"):
            notes.append(_("Akismet: blatant spam (it advises discarding it unread)"))
        elif "spam" in answer:
            notes.append(_("Akismet: spam") if answer["spam"] else _("Akismet: not spam"))
    return notes


class RejectionReason(models.TextChoices):
    """Why a moderator rejected a comment; the author is told this reason."""

    SPAM = "spam", gettext_lazy("Spam")
    HARASSMENT = "harassment", gettext_lazy("Harassment or hate")
    OFF_TOPIC = "off_topic", gettext_lazy("Off-topic")
    MISINFORMATION = "misinformation", gettext_lazy("Misinformation")
    PERSONAL_INFORMATION = "personal_information", gettext_lazy("Personal information")
    OTHER = "other", gettext_lazy("Other")


# Reasons recorded by the system rather than chosen by a moderator.
AUTOMATIC_REJECTION_REASONS = {
    "banned_word": gettext_lazy("Banned word (automatic)"),
    "member_banned": gettext_lazy("Author banned"),
    "imported_spam": gettext_lazy("Marked as spam on the site it came from"),
    "likely_abusive": gettext_lazy("Likely abusive (automatic score)"),
}


# Reasons of a decision with a statement of reasons (forum/notices/): the statement tells the
# author, so the rejection e-mail is not sent for them.
STATED_REJECTION_REASONS = {
    "illegal": gettext_lazy("Illegal content (statement of reasons)"),
    "guidelines": gettext_lazy("Against the community guidelines (statement of reasons)"),
}

# The held comments a machine picked out, not a person: a decision on one used automated
# means in detecting it (Art. 17(3)(c)). A scoring phase adds its hold reason here.
AUTOMATED_HOLD_REASONS = frozenset(
    {
        HoldReason.SUSPECT_WORD,
        HoldReason.LINK_FROM_NEW_MEMBER,
        HoldReason.BANNED_WORD,
        HoldReason.LIKELY_ABUSIVE,
        HoldReason.LIKELY_THREAT,
        HoldReason.LIKELY_SPAM,
    }
)


def rejection_reason_label(value):
    """Return the words shown for a stored rejection reason."""
    labels = dict(RejectionReason.choices) | AUTOMATIC_REJECTION_REASONS | STATED_REJECTION_REASONS
    return str(labels.get(value, value or _("No reason given")))


def posted_message(comment):
    """Return what happened to a new comment, in words for its author."""
    if comment.status == Comment.Status.PENDING:
        held = (
            _(
                "Thanks! Your reply is held for review because %(why)s; only you can see it "
                "until a moderator approves it."
            )
            if comment.parent_id
            else _(
                "Thanks! Your comment is held for review because %(why)s; only you can see "
                "it until a moderator approves it."
            )
        )
        return held % {"why": why_held(comment)}
    return _("Your reply is published.") if comment.parent_id else _("Your comment is published.")


# Who did what and when, in the words of a conflict ("already approved by ann at …").
def when(moment):
    return (
        date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
        if moment
        else _("an unknown time")
    )


def by(user):
    return user.username if user is not None else _("the system")


def reported_message(report):
    """Return what the member is told once their report is recorded, as its comment now stands."""
    if report.comment.is_published:
        return _("Reported. Thank you.")
    return _("Reported. Thank you. The comment is hidden while moderators review it.")
