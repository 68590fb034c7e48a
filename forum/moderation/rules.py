"""Moderation rules: what holds or rejects a new comment.

Writes that moderators make live in `forum.moderation.services`; this module only decides.

Word matching: a phrase matches when it appears in the text with no letter or digit
directly before or after it ("ass" matches "Ass!" and "my_ass" but not "class" or
"assistant"). Both sides are compared after Unicode NFKC normalisation and case folding,
so "ＡＳＳ" (full-width) and "ÉCOLE" match "ass" and "école"; whitespace inside a phrase
matches any run of whitespace, and every other character is taken literally (a phrase
may contain `.`, `*`, `(` or `$` without them acting as regular-expression syntax).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db import models

from forum import refusals
from forum.comments.reasons import why_held
from forum.models import Comment, WordRule
from forum.moderation.roles import is_moderator

URL_PATTERN = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)

# A "word character" for phrase boundaries: a letter or digit of any script. The underscore
# is left out on purpose, so Markdown emphasis (_word_) and snake_case can't hide a word.
_WORD_CHAR = r"[^\W_]"


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


def rejection_reason_label(value):
    """Return the words shown for a stored rejection reason."""
    labels = dict(RejectionReason.choices) | AUTOMATIC_REJECTION_REASONS
    return labels.get(value, value or "No reason given")


@dataclass(frozen=True)
class Verdict:
    """What happens to a new comment: published, held with a reason, or refused."""

    status: str
    hold_reason: str = ""  # a Comment.HoldReason
    refusal: str = ""
    hold_detail: str = ""


def normalize_text(text):
    """Return text as word matching sees it: NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def phrase_pattern(phrase):
    """Return the compiled pattern that finds `phrase` as whole words in normalised text."""
    words = normalize_text(phrase).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})")


def phrases_in(text, phrases):
    """Return the phrases (as given) that occur in `text` as whole words."""
    normalized = normalize_text(text)
    found = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None and pattern.search(normalized):
            found.append(phrase)
    return found


def _word_lists(text):
    """Return (banned, suspect) phrases found in `text`, reading the word lists once."""
    rules = list(WordRule.objects.values_list("phrase", "kind"))
    banned = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.BANNED])
    suspect = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.SUSPECT])
    return banned, suspect


def review_new_comment(*, author, thread, body):
    """Decide whether a new comment is published, held for review, or refused outright.

    Order: banned words and authors who may not take part (`refusals.participation`)
    refuse; moderators publish;
    then the first matching hold wins (thread pre-moderated, member always pre-moderated,
    new member, suspect word, link from new member).
    """
    banned, suspect = _word_lists(body)
    if banned:
        return Verdict(
            status="refused",
            refusal=(
                "Your comment uses language our community guidelines don’t allow "
                f"(“{banned[0]}”). Please edit it and post again."
            ),
        )
    if refusal := refusals.participation(author):
        return Verdict(status="refused", refusal=refusal)
    if is_moderator(author):
        return Verdict(status=Comment.Status.PUBLISHED)
    held, why = Comment.Status.PENDING, Comment.HoldReason
    if thread.premoderate:
        return Verdict(held, why.THREAD_PREMODERATED)
    if author.always_premoderate:
        return Verdict(held, why.MEMBER_PREMODERATED)
    published = Comment.objects.published().filter(author=author).count()
    if published < settings.PREMODERATE_FIRST_COMMENTS:
        return Verdict(held, why.NEW_MEMBER)
    if suspect:
        return Verdict(held, why.SUSPECT_WORD, hold_detail=suspect[0][:100])
    if published < settings.LINKS_TRUSTED_AFTER_COMMENTS and URL_PATTERN.search(body):
        return Verdict(held, why.LINK_FROM_NEW_MEMBER)
    return Verdict(Comment.Status.PUBLISHED)


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
